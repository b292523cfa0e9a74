//! Rule sets the generator cannot compile stop the run with an error that names what is
//! wrong and the JSON path where it is.

use serde_json::{Value, json};

fn model(rules: Value, parameters: Value) -> String {
    json!({
        "smithy": "2.0",
        "shapes": {
            "example.rules#Service": {
                "type": "service",
                "version": "2026-01-01",
                "traits": {
                    "aws.protocols#restJson1": {},
                    "smithy.rules#endpointRuleSet": { "version": "1.0", "parameters": parameters, "rules": rules }
                }
            }
        }
    })
    .to_string()
}

fn region_param() -> Value {
    json!({ "Region": { "type": "string", "builtIn": "AWS::Region", "required": false, "documentation": "r" } })
}

fn error_of(rules: Value, parameters: Value) -> codegen::ModelError {
    let options = codegen::Options {
        package: "rules".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: "rules.json".to_owned(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Path("../codegen/runtime".to_owned()),
    };
    match codegen::generate(&model(rules, parameters), &options) {
        Err(codegen::Error::Model(e)) => e,
        Err(other) => panic!("expected a model error, got {other}"),
        Ok(_) => panic!("the rule set should be refused"),
    }
}

const SERVICE_RULES: &str = r#"shapes["example.rules#Service"].traits["smithy.rules#endpointRuleSet"]"#;

#[test]
fn an_unknown_function_is_named_with_its_path() {
    let rules = json!([
        { "type": "tree", "conditions": [ { "fn": "isSet", "argv": [ { "ref": "Region" } ] } ], "rules": [
            { "type": "endpoint", "conditions": [ { "fn": "aws.frobnicate", "argv": [ { "ref": "Region" } ] } ],
              "endpoint": { "url": "https://example.com" } }
        ] }
    ]);
    let e = error_of(rules, region_param());
    assert!(e.message.contains("`aws.frobnicate`"), "{e}");
    assert_eq!(e.path, format!("{SERVICE_RULES}.rules[0].rules[0].conditions[0]"));
    assert_eq!(e.shape.as_deref(), Some("example.rules#Service"));
}

#[test]
fn an_optional_parameter_used_unchecked_in_a_url_is_refused() {
    let rules = json!([ { "type": "endpoint", "conditions": [], "endpoint": { "url": "https://{Region}.example.com" } } ]);
    let e = error_of(rules, region_param());
    assert!(e.message.contains("isSet"), "{e}");
    assert_eq!(e.path, format!("{SERVICE_RULES}.rules[0].endpoint.url"));
}

#[test]
fn an_unknown_reference_and_an_unknown_attribute_are_refused() {
    let rules = json!([ { "type": "error", "conditions": [ { "fn": "isSet", "argv": [ { "ref": "Bucket" } ] } ], "error": "x" } ]);
    let e = error_of(rules, region_param());
    assert!(e.message.contains("`Bucket`"), "{e}");
    assert_eq!(e.path, format!("{SERVICE_RULES}.rules[0].conditions[0].argv[0]"));

    let rules = json!([
        { "type": "endpoint", "conditions": [
            { "fn": "isSet", "argv": [ { "ref": "Region" } ] },
            { "fn": "aws.partition", "argv": [ { "ref": "Region" } ], "assign": "p" }
          ], "endpoint": { "url": "https://{p#colour}.example.com" } }
    ]);
    let e = error_of(rules, region_param());
    assert!(e.message.contains("`colour`"), "{e}");
}

#[test]
fn arguments_of_the_wrong_type_are_refused() {
    let rules = json!([
        { "type": "error", "conditions": [ { "fn": "booleanEquals", "argv": [ "yes", true ] } ], "error": "x" }
    ]);
    let e = error_of(rules, region_param());
    assert!(e.message.contains("argument 1 of `booleanEquals`"), "{e}");
    assert_eq!(e.path, format!("{SERVICE_RULES}.rules[0].conditions[0].argv[0]"));
}

#[test]
fn an_unknown_parameter_type_is_refused() {
    let e = error_of(json!([]), json!({ "Count": { "type": "integer", "documentation": "n" } }));
    assert!(e.message.contains("`integer`"), "{e}");
    assert_eq!(e.path, format!("{SERVICE_RULES}.parameters[\"Count\"].type"));
}
