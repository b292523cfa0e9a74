//! Endpoint rules: the service's `smithy.rules#endpointRuleSet` compiled into a resolver
//! (plain Rust: the rules as nested `if`s in order, not an interpreter), and its
//! `smithy.rules#endpointTests` into tests of the generated crate.
//!
//! A family of its own, in the pipeline's steps: [`rules`] reads the traits' JSON (after
//! `load`), [`lower`](mod@lower) type-checks it and names everything into [`ir`] (beside
//! the crate's IR), and [`emit`](mod@emit) writes `src/endpoint/` and
//! `tests/endpoint_tests.rs`. The functions the rules call are support code in
//! `codegen/runtime/endpoint/`, copied into the crate; the partition table
//! (`model/partitions.json`) is generated into a Rust table.

pub mod emit;
pub mod emit_tests;
pub mod ir;
pub mod lower;
pub mod partitions;
pub mod rules;

use crate::error::ModelError;
use crate::resolve::Resolved;
use ir::EndpointIr;

pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// Support code copied into `src/endpoint/` of a crate with a rule set.
pub const RUNTIME: &[(&str, &str)] = &[
    ("src/endpoint/types.rs", include_str!("../../runtime/endpoint/types.rs")),
    ("src/endpoint/fns/arn.rs", include_str!("../../runtime/endpoint/arn.rs")),
    ("src/endpoint/fns/partition.rs", include_str!("../../runtime/endpoint/partition.rs")),
    ("src/endpoint/fns/url.rs", include_str!("../../runtime/endpoint/url.rs")),
];

/// `src/endpoint/fns/mod.rs`: the string functions, and the modules beside them.
pub fn fns_module() -> String {
    let mut text = include_str!("../../runtime/endpoint/fns.rs").to_owned();
    text.push_str("\npub(crate) mod arn;\npub(crate) mod partition;\nmod partitions;\npub(crate) mod url;\n");
    text
}

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
    let partitions = Some(partitions::read(partitions::TEXT)?);
    Ok(EndpointIr { params, rules, tests, partitions })
}

/// A crate holding only the endpoint resolver of a model and its tests: how rule sets are
/// checked on their own (`cargo xtask endpoint-tests`), whatever else the model needs.
/// Reads the model's JSON only as far as the service's traits.
pub fn standalone(model_text: &str, package: &str, model_display_name: &str) -> Result<crate::emit::FileTree, crate::Error> {
    let model = crate::load::load(model_text)?;
    let mut services = model.shapes.values().filter(|s| matches!(s.kind, crate::load::ShapeKind::Service(_)));
    let Some(service) = services.next() else {
        return Err(ModelError::at("$.shapes", None, "the model has no service").into());
    };
    let Some(rule_set) = service.traits.get(RULE_SET_TRAIT) else {
        return Err(ModelError::at(&service.path, Some(&service.id), "the service has no endpoint rule set").into());
    };
    let ir = lower_traits(&service.id, &service.path, rule_set, service.traits.get(TESTS_TRAIT))?;
    let crate_ir = crate::ir::CrateIr {
        package: package.to_owned(),
        crate_version: "0.0.0".to_owned(),
        service: crate::ir::ServiceIr {
            shape_id: service.id.clone(),
            title: service.id.clone(),
            version: String::new(),
            docs: String::new(),
            client: Default::default(),
        },
        model_file: model_display_name.to_owned(),
        model_sha256: crate::sha256_hex(model_text.as_bytes()),
        types: Vec::new(),
        errors: Vec::new(),
        operations: Vec::new(),
        unsupported: Vec::new(),
        warnings: Vec::new(),
        endpoint: Some(ir),
    };
    let mut files = crate::emit::Files { ir: &crate_ir, tree: Default::default() };
    emit(&mut files)?;
    files.rust("src/lib.rs", vec![quote::quote! {
        //! The endpoint resolver of one model, on its own.
        pub mod endpoint;
    }])?;
    let cargo = format!(
        "{}[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\npercent-encoding = \"2\"\nregex-lite = \"0.1\"\n",
        files.header("#")
    );
    files.insert("Cargo.toml", cargo)?;
    Ok(files.tree)
}

/// Writes `src/endpoint/` and `tests/endpoint_tests.rs` for a crate with a rule set.
pub(crate) fn emit(files: &mut crate::emit::Files<'_>) -> Result<(), crate::Error> {
    let Some(ir) = &files.ir.endpoint else { return Ok(()) };
    files.rust("src/endpoint/mod.rs", emit::module(ir))?;
    for (path, contents) in RUNTIME {
        files.verbatim(path, contents)?;
    }
    files.verbatim("src/endpoint/fns/mod.rs", &fns_module())?;
    if let Some(table) = &ir.partitions {
        let path = "src/endpoint/fns/partitions.rs";
        let body = crate::emit::format_items(path, partitions::emit(table))?;
        let header = format!("// @generated by `cargo xtask codegen` from {}. Do not edit.\n", partitions::SOURCE);
        files.insert(path, format!("{header}\n{body}"))?;
    }
    let crate_name = files.ir.package.replace('-', "_");
    files.rust("tests/endpoint_tests.rs", emit_tests::file(ir, &crate_name))?;
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
        let region_set = ir.params.iter().filter(|p| p.is_region).all(|p| test.params.iter().any(|(f, _)| f == &p.field));
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
