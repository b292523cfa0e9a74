//! The rule set's test cases, checked against the parameters.

use super::{Result, err};
use crate::endpoint::ir::*;
use crate::endpoint::rules;

/// The test cases, checked against the parameters.
pub(in crate::endpoint) fn tests(cases: &[rules::TestCase], params: &[ParamIr]) -> Result<Vec<TestIr>> {
    let mut out = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let mut setters = Vec::new();
        for (name, value) in &case.params {
            let at = format!("{}.params[{}]", case.path, serde_json::to_string(name).unwrap_or_default());
            let Some(param) = params.iter().find(|p| &p.model_name == name) else {
                return Err(err(&at, format!("the test sets `{name}`, which is not an endpoint parameter")));
            };
            let fits = match (param.ty, value) {
                (ParamType::String, Literal::String(_)) | (ParamType::Bool, Literal::Bool(_)) => true,
                (ParamType::StringArray, Literal::Array(items)) => items.iter().all(|i| matches!(i, Literal::String(_))),
                _ => false,
            };
            if !fits {
                return Err(err(&at, format!("the test's value for `{name}` does not have the parameter's type")));
            }
            setters.push((param.field.clone(), value.clone()));
        }
        let expect = match &case.expect {
            rules::Expectation::Endpoint { url, headers, properties } => {
                fn has_int(value: &Literal) -> bool {
                    match value {
                        Literal::Int(_) => true,
                        Literal::Array(items) => items.iter().any(has_int),
                        Literal::Map(entries) => entries.iter().any(|(_, v)| has_int(v)),
                        Literal::String(_) | Literal::Bool(_) => false,
                    }
                }
                if properties.iter().any(|(_, v)| has_int(v)) {
                    return Err(err(
                        &format!("{}.expect.endpoint.properties", case.path),
                        "the test expects a number in the endpoint's properties, which hold strings, booleans, arrays and objects only",
                    ));
                }
                TestExpect::Endpoint { url: url.clone(), headers: headers.clone(), properties: properties.clone() }
            }
            rules::Expectation::Error(message) => TestExpect::Error(message.clone()),
        };
        out.push(TestIr { fn_name: test_name(i, &case.documentation), docs: case.documentation.clone(), params: setters, expect });
    }
    Ok(out)
}

/// `case_03_for_region_us_east_1_with_fips_enabled`: numbered, so names stay unique, and
/// cut at a word boundary so they stay readable.
fn test_name(index: usize, docs: &str) -> String {
    let ascii: String = docs.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut slug = String::new();
    for word in heck::ToSnakeCase::to_snake_case(ascii.as_str()).split('_').filter(|w| !w.is_empty()) {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('_');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { format!("case_{index:02}") } else { format!("case_{index:02}_{slug}") }
}
