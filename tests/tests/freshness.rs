//! The checked-in generated crates equal what the generator produces now, so a plain
//! `cargo test` catches a generator change that was not followed by `cargo xtask codegen`.

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_owned()
}

fn assert_fresh(model: &str, out: &str, package: &str, fix: &str) {
    assert_fresh_selection(model, out, package, &[], fix);
}

/// [`assert_fresh`] of a crate generated with some operations only (`--operation`).
fn assert_fresh_selection(model: &str, out: &str, package: &str, operations: &[&str], fix: &str) {
    let root = workspace_root();
    let text = std::fs::read_to_string(root.join(model)).expect("model file");
    let options = codegen::Options {
        package: package.to_owned(),
        crate_version: codegen::write::existing_crate_version(&root.join(out)).unwrap_or_else(|| "0.1.0".to_owned()),
        model_display_name: model.to_owned(),
        selection: codegen::Selection { operations: operations.iter().map(|o| (*o).to_owned()).collect(), protocol: None },
        runtime: codegen::Runtime::local(&root.join(out)),
    };
    let generated = codegen::generate(&text, &options).unwrap_or_else(|e| panic!("{model}: {e}"));
    let plan = codegen::write::plan(&root.join(out), &generated.files).expect("compare with the tree");
    assert!(
        plan.is_clean(),
        "{out} is stale: missing {:?}, differs {:?}, extra {:?}; run `{fix}`",
        plan.added,
        plan.changed,
        plan.removed
    );
}

/// [`assert_fresh`] of a crate generated from a model in Smithy IDL: a directory of `.smithy`
/// files, read as `cargo xtask codegen --model DIR` reads it.
fn assert_fresh_idl(model: &str, out: &str, package: &str, fix: &str) {
    let root = workspace_root();
    let sources = codegen::load::read_sources(&[root.join(model)]).unwrap_or_else(|e| panic!("{model}: {e}"));
    let options = codegen::Options {
        package: package.to_owned(),
        crate_version: codegen::write::existing_crate_version(&root.join(out)).unwrap_or_else(|| "0.1.0".to_owned()),
        model_display_name: model.to_owned(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::local(&root.join(out)),
    };
    let generated = codegen::generate_sources(&sources, &options).unwrap_or_else(|e| panic!("{model}: {e}"));
    let plan = codegen::write::plan(&root.join(out), &generated.files).expect("compare with the tree");
    assert!(
        plan.is_clean(),
        "{out} is stale: missing {:?}, differs {:?}, extra {:?}; run `{fix}`",
        plan.added,
        plan.changed,
        plan.removed
    );
}

#[test]
fn generated_crate_is_fresh() {
    assert_fresh("model/mpa-2022-07-26.json", "generated", "mpa", "cargo xtask codegen");
}

#[test]
fn hostile_names_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/hostile.json",
        "tests/golden/hostile",
        "golden-hostile",
        "cargo xtask codegen --model tests/fixtures/models/hostile.json --out tests/golden/hostile --package golden-hostile",
    );
}

#[test]
fn previous_model_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/mpa-2022-07-26.2026-02-02.json",
        "tests/golden/mpa-2026-02-02",
        "golden-mpa-2026-02-02",
        "cargo xtask codegen --model tests/fixtures/models/mpa-2022-07-26.2026-02-02.json --out tests/golden/mpa-2026-02-02 --package golden-mpa-2026-02-02",
    );
}

#[test]
fn every_kind_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/kinds.json",
        "tests/golden/kinds",
        "golden-kinds",
        "cargo xtask codegen --model tests/fixtures/models/kinds.json --out tests/golden/kinds --package golden-kinds",
    );
}

#[test]
fn nested_tokens_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/tokens.json",
        "tests/golden/tokens",
        "golden-tokens",
        "cargo xtask codegen --model tests/fixtures/models/tokens.json --out tests/golden/tokens --package golden-tokens",
    );
}

#[test]
fn checksums_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/checksums.json",
        "tests/golden/checksums",
        "golden-checksums",
        "cargo xtask codegen --model tests/fixtures/models/checksums.json --out tests/golden/checksums --package golden-checksums",
    );
}

#[test]
fn endpoint_rules_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/endpoint-rules.json",
        "tests/golden/endpoint-rules",
        "golden-endpoint-rules",
        "cargo xtask codegen --model tests/fixtures/models/endpoint-rules.json --out tests/golden/endpoint-rules --package golden-endpoint-rules",
    );
}

/// Each protocol's compliance suite: model, crate directory, package, tests file, known failures.
const COMPLIANCE_SUITES: &[(&str, &str, &str, &str, &str)] = &[
    ("tests/compliance/restJson1.json", "tests/compliance/restjson", "restjson", "restjson1.rs", "tests/compliance/known-failures.txt"),
    ("tests/compliance/awsJson1_0.json", "tests/compliance/json10", "json10", "awsjson1_0.rs", "tests/compliance/known-failures-awsJson1_0.txt"),
    ("tests/compliance/awsJson1_1.json", "tests/compliance/json11", "json11", "awsjson1_1.rs", "tests/compliance/known-failures-awsJson1_1.txt"),
];

#[test]
fn compliance_crates_are_fresh() {
    for (model, dir, package, _, _) in COMPLIANCE_SUITES {
        assert_fresh(model, dir, package, "cargo xtask compliance");
    }
}

#[test]
fn compliance_tests_are_fresh() {
    let root = workspace_root();
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    for (model, _, package, tests_file, known_failures) in COMPLIANCE_SUITES {
        let suite = codegen::compliance::generate(&codegen::compliance::Request {
            model_text: &read(model),
            model_display_name: model,
            krate: package,
            known_failures: &read(known_failures),
        })
        .unwrap_or_else(|e| panic!("{model}: {e}"));
        let path = format!("tests/compliance/tests/{tests_file}");
        let on_disk = read(&path).replace("\r\n", "\n");
        assert!(on_disk == suite.file, "{path} is stale; run `cargo xtask compliance`");
    }
}

#[test]
fn runtime_partition_table_is_fresh() {
    let dir = codegen::runtime::dir();
    let text = codegen::runtime::partitions_file().expect("the partition table generates");
    let files = codegen::output::FileTree::from([(codegen::runtime::PARTITIONS_FILE.to_owned(), text)]);
    let plan = codegen::write::plan(&dir, &files).expect("compare with the runtime crate");
    assert!(plan.is_clean(), "codegen/runtime/{} is stale; run `cargo xtask codegen`", codegen::runtime::PARTITIONS_FILE);
}

#[test]
fn amp_waiters_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models/amp.json",
        "tests/golden/waiters-amp",
        "golden-waiters-amp",
        &["DescribeScraper"],
        "cargo xtask codegen --model tests/fixtures/aws-models/amp.json --out tests/golden/waiters-amp --package golden-waiters-amp --operation DescribeScraper",
    );
}

#[test]
fn glacier_waiters_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models/glacier.json",
        "tests/golden/waiters-glacier",
        "golden-waiters-glacier",
        &["DescribeVault"],
        "cargo xtask codegen --model tests/fixtures/aws-models/glacier.json --out tests/golden/waiters-glacier --package golden-waiters-glacier --operation DescribeVault",
    );
}

#[test]
fn neptune_graph_waiters_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models/neptune-graph.json",
        "tests/golden/waiters-neptune-graph",
        "golden-waiters-neptune-graph",
        &["GetExportTask", "GetGraph"],
        "cargo xtask codegen --model tests/fixtures/aws-models/neptune-graph.json --out tests/golden/waiters-neptune-graph --package golden-waiters-neptune-graph --operation GetExportTask --operation GetGraph",
    );
}

#[test]
fn dynamodb_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models-rpc/dynamodb.json",
        "tests/golden/dynamodb",
        "golden-dynamodb",
        &["DescribeTable", "GetItem", "ListTables", "Query"],
        "cargo xtask codegen --model tests/fixtures/aws-models-rpc/dynamodb.json --out tests/golden/dynamodb --package golden-dynamodb --operation DescribeTable --operation GetItem --operation ListTables --operation Query",
    );
}

#[test]
fn auth_schemes_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/auth.json",
        "tests/golden/auth",
        "golden-auth",
        "cargo xtask codegen --model tests/fixtures/models/auth.json --out tests/golden/auth --package golden-auth",
    );
}

#[test]
fn sqs_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models-rpc/sqs.json",
        "tests/golden/sqs",
        "golden-sqs",
        &["GetQueueUrl"],
        "cargo xtask codegen --model tests/fixtures/aws-models-rpc/sqs.json --out tests/golden/sqs --package golden-sqs --operation GetQueueUrl",
    );
}

#[test]
fn entitlement_cbor_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models-rpc/marketplace-entitlement-service.json",
        "tests/golden/entitlement-cbor",
        "golden-entitlement-cbor",
        &[],
        "cargo xtask codegen --model tests/fixtures/aws-models-rpc/marketplace-entitlement-service.json --out tests/golden/entitlement-cbor --package golden-entitlement-cbor",
    );
}

#[test]
fn query_api_key_golden_is_fresh() {
    assert_fresh(
        "tests/fixtures/models/auth-query.json",
        "tests/golden/auth-query",
        "golden-auth-query",
        "cargo xtask codegen --model tests/fixtures/models/auth-query.json --out tests/golden/auth-query --package golden-auth-query",
    );
}

#[test]
fn bedrock_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models/bedrock-runtime.json",
        "tests/golden/bedrock",
        "golden-bedrock",
        &["GetAsyncInvoke"],
        "cargo xtask codegen --model tests/fixtures/aws-models/bedrock-runtime.json --out tests/golden/bedrock --package golden-bedrock --operation GetAsyncInvoke",
    );
}

#[test]
fn converse_stream_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models/bedrock-runtime.json",
        "tests/golden/converse-stream",
        "golden-converse-stream",
        &["ConverseStream"],
        "cargo xtask codegen --model tests/fixtures/aws-models/bedrock-runtime.json --out tests/golden/converse-stream --package golden-converse-stream --operation ConverseStream",
    );
}

#[test]
fn bedrock_bidi_golden_is_fresh() {
    assert_fresh_selection(
        "tests/fixtures/aws-models/bedrock-runtime.json",
        "tests/golden/bedrock-bidi",
        "golden-bedrock-bidi",
        &["InvokeModelWithBidirectionalStream"],
        "cargo xtask codegen --model tests/fixtures/aws-models/bedrock-runtime.json --out tests/golden/bedrock-bidi --package golden-bedrock-bidi --operation InvokeModelWithBidirectionalStream",
    );
}

#[test]
fn idl_tasks_golden_is_fresh() {
    assert_fresh_idl(
        "tests/fixtures/idl/tasks",
        "tests/golden/tasks",
        "golden-tasks",
        "cargo xtask codegen --model tests/fixtures/idl/tasks --out tests/golden/tasks --package golden-tasks",
    );
}

#[test]
fn idl_cbor_decimals_golden_is_fresh() {
    assert_fresh_idl(
        "tests/fixtures/idl/cbor-decimals",
        "tests/golden/cbor-decimals",
        "golden-cbor-decimals",
        "cargo xtask codegen --model tests/fixtures/idl/cbor-decimals --out tests/golden/cbor-decimals --package golden-cbor-decimals",
    );
}
