//! Endpoint rules: the service's `smithy.rules#endpointRuleSet` compiled into a resolver
//! (plain Rust: the rules as nested `if`s in order, not an interpreter), and its
//! `smithy.rules#endpointTests` into tests of the generated crate.
//!
//! A family of its own, in the pipeline's steps: [`rules`] reads the traits' JSON (after
//! `load`), [`lower`](mod@lower) type-checks it and names everything into [`ir`] (beside
//! the crate's IR), and [`emit`](mod@emit) writes `src/endpoint/mod.rs` and
//! `tests/endpoint_tests.rs`. The functions the rules call are the runtime crate's
//! (`smithy_rt::endpoint`, in `codegen/runtime/src/endpoint/`), with the partition table
//! (`model/partitions.json`) generated into it ([`crate::runtime::partitions_file`]).

pub mod emit;
pub mod emit_tests;
pub mod ir;
pub mod lower;
pub mod partitions;
pub mod rules;

use crate::error::ModelError;
use crate::output::Files;
use crate::resolve::Resolved;
use ir::EndpointIr;

pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// The service's rule set and tests, lowered; None when the service has no rule set.
pub fn lower(model: &Resolved) -> Result<Option<EndpointIr>, ModelError> {
    let service = model.shape(&model.service_id);
    let traits = &model.service_traits;
    let Some(rule_set) = &traits.endpoint_rule_set else { return Ok(None) };
    lower_traits(&model.service_id, &service.path, rule_set, traits.endpoint_tests.as_ref()).map(Some)
}

/// The rule set and tests of the service `service_id` (at JSON path `service_path`).
fn lower_traits(
    service_id: &str,
    service_path: &str,
    rule_set: &serde_json::Value,
    tests: Option<&serde_json::Value>,
) -> Result<EndpointIr, ModelError> {
    let with_shape = |mut e: ModelError| {
        e.shape = Some(service_id.to_owned());
        e
    };
    let trait_path = |id: &str| format!("{service_path}.traits[{}]", serde_json::to_string(id).unwrap_or_default());
    let set = rules::rule_set(rule_set, &trait_path(RULE_SET_TRAIT)).map_err(with_shape)?;
    let cases = match tests {
        Some(tests) => rules::tests(tests, &trait_path(TESTS_TRAIT)).map_err(with_shape)?,
        None => Vec::new(),
    };
    let mut lowerer = lower::Lowerer::new();
    let mut params = lowerer.params(&set).map_err(with_shape)?;
    let rules = lowerer.rules(&set.rules).map_err(with_shape)?;
    lowerer.mark_used(&mut params);
    let tests = lower::tests(&cases, &params).map_err(with_shape)?;
    Ok(EndpointIr { params, rules, tests })
}

/// Writes `src/endpoint/mod.rs` and `tests/endpoint_tests.rs` (whose tests use the crate as
/// `crate_name`) for a crate with a rule set.
pub fn emit<'a>(ir: &'a EndpointIr, crate_name: &str, files: &mut Files<'a>) -> Result<(), crate::Error> {
    files.rust_job("src/endpoint/mod.rs".to_owned(), || emit::module(ir));
    let crate_name = crate_name.to_owned();
    files.rust_job("tests/endpoint_tests.rs".to_owned(), move || emit_tests::file(ir, &crate_name));
    Ok(())
}

/// For the generated README: a test case that resolves an endpoint from plain string and
/// boolean parameters (preferably with every flag off), as builder calls
/// (`.region("us-east-1")`) and the URL.
pub fn readme_example(ir: &EndpointIr) -> Option<std::collections::BTreeMap<&'static str, String>> {
    let plain = |test: &&ir::TestIr| {
        test.params.iter().all(|(_, v)| !matches!(v, ir::Literal::Bool(true)))
    };
    let usable = |test: &&ir::TestIr| {
        let region_set = ir.params.iter().filter(|p| p.is_region()).all(|p| test.params.iter().any(|(f, _)| f == &p.field));
        let simple = test.params.iter().all(|(_, v)| matches!(v, ir::Literal::String(_) | ir::Literal::Bool(_)));
        region_set && simple && matches!(test.expect, ir::TestExpect::Endpoint { .. })
    };
    let test = ir.tests.iter().filter(usable).find(plain).or_else(|| ir.tests.iter().find(usable))?;
    let ir::TestExpect::Endpoint { url, .. } = &test.expect else { return None };
    let mut setters = String::new();
    for (field, value) in &test.params {
        match value {
            ir::Literal::String(s) => setters.push_str(&format!(".{field}({s:?})")),
            ir::Literal::Bool(b) => setters.push_str(&format!(".{field}({b})")),
            _ => return None,
        }
    }
    Some([("setters", setters), ("url", url.clone())].into_iter().collect())
}
