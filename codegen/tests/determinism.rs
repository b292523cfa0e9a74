//! Same model, same bytes: the order of keys in `shapes` and in trait maps does not matter
//! (the order of a structure's members does, and is kept).

use serde_json::{Map, Value};

const MODEL: &str = include_str!("../../model/mpa-2022-07-26.json");

/// Reverses the order of every object's keys except member maps, whose order is meaningful.
fn permute(value: &Value, parent_key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => {
            let keep_order = matches!(parent_key, Some("members"));
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if !keep_order {
                entries.reverse();
            }
            let mut out = Map::new();
            for (k, v) in entries {
                out.insert(k.clone(), permute(v, Some(k)));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| permute(v, parent_key)).collect()),
        other => other.clone(),
    }
}

fn generate(text: &str) -> codegen::output::FileTree {
    let options = codegen::Options {
        package: "mpa".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: "model/mpa-2022-07-26.json".to_owned(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Path("../codegen/runtime".to_owned()),
    };
    codegen::generate(text, &options).expect("the model generates").files
}

#[test]
fn permuted_keys_give_identical_output() {
    let original: Value = serde_json::from_str(MODEL).expect("model parses");
    let permuted = permute(&original, None);
    let permuted_text = serde_json::to_string_pretty(&permuted).expect("serializes");
    assert_ne!(permuted_text, MODEL, "the permutation must change the input");
    let a = generate(MODEL);
    let mut b = generate(&permuted_text);
    // The model's sha256 differs with its bytes; it is recorded in these three files only.
    let sha_a = codegen::sha256_hex(MODEL.as_bytes());
    let sha_b = codegen::sha256_hex(permuted_text.as_bytes());
    for path in ["src/lib.rs", "Cargo.toml", "README.md"] {
        let fixed = b[path].replace(&sha_b, &sha_a);
        b.insert(path.to_owned(), fixed);
    }
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, contents) in &a {
        assert!(contents == &b[path], "{path} differs when the model's keys are permuted");
    }
}

#[test]
fn two_runs_give_identical_output() {
    assert_eq!(generate(MODEL), generate(MODEL));
}
