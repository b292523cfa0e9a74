//! `cargo xtask compliance`: for each protocol's Smithy compliance model, the crate
//! generated from it (`tests/compliance/<crate>`) and its tests
//! (`tests/compliance/tests/<file>`).

use std::path::Path;
use std::process::ExitCode;

/// One protocol's suite, its paths relative to the workspace root.
pub struct Suite {
    pub model: &'static str,
    pub crate_dir: &'static str,
    pub package: &'static str,
    pub tests_file: &'static str,
    pub known_failures: &'static str,
}

pub const TESTS_DIR: &str = "tests/compliance/tests";

/// Every suite, generated in this order.
pub const SUITES: &[Suite] = &[
    Suite {
        model: "tests/compliance/restJson1.json",
        crate_dir: "tests/compliance/restjson",
        package: "restjson",
        tests_file: "restjson1.rs",
        known_failures: "tests/compliance/known-failures.txt",
    },
    Suite {
        model: "tests/compliance/awsJson1_0.json",
        crate_dir: "tests/compliance/json10",
        package: "json10",
        tests_file: "awsjson1_0.rs",
        known_failures: "tests/compliance/known-failures-awsJson1_0.txt",
    },
    Suite {
        model: "tests/compliance/awsJson1_1.json",
        crate_dir: "tests/compliance/json11",
        package: "json11",
        tests_file: "awsjson1_1.rs",
        known_failures: "tests/compliance/known-failures-awsJson1_1.txt",
    },
    Suite {
        model: "tests/compliance/rpcv2Cbor.json",
        crate_dir: "tests/compliance/rpcv2cbor",
        package: "rpcv2cbor",
        tests_file: "rpcv2cbor.rs",
        known_failures: "tests/compliance/known-failures-rpcv2Cbor.txt",
    },
];

#[derive(clap::Args)]
pub struct ComplianceArgs {
    /// Write nothing; fail if a crate or its tests differ from what would be generated.
    #[arg(long)]
    check: bool,
}

pub fn run(root: &Path, args: ComplianceArgs) -> Result<ExitCode, String> {
    let mut result = ExitCode::SUCCESS;
    for suite in SUITES {
        if run_suite(root, suite, args.check)? != ExitCode::SUCCESS {
            result = ExitCode::from(1);
        }
    }
    Ok(result)
}

fn run_suite(root: &Path, suite: &Suite, check: bool) -> Result<ExitCode, String> {
    let crate_args = crate::CodegenArgs {
        model: vec![root.join(suite.model)],
        out: Some(root.join(suite.crate_dir)),
        operations: Vec::new(),
        protocol: None,
        package: suite.package.to_owned(),
        crate_version: None,
        runtime_version: None,
        check,
    };
    let crate_result = crate::codegen(crate_args)?;
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).map_err(|e| format!("{rel}: {e}"));
    let (model_text, known_failures) = (read(suite.model)?, read(suite.known_failures)?);
    let generated = codegen::compliance::generate(&codegen::compliance::Request {
        model_text: &model_text,
        model_display_name: suite.model,
        krate: suite.package,
        known_failures: &known_failures,
    })
    .map_err(|e| format!("{}: {e}", suite.model))?;
    let files = codegen::output::FileTree::from([(suite.tests_file.to_owned(), generated.file.clone())]);
    let dir = root.join(TESTS_DIR);
    let plan = codegen::write::plan(&dir, &files).map_err(|e| e.to_string())?;
    eprintln!(
        "compliance ({}): {} client cases; {} generated to pass, {} known failures ({} not generated)",
        suite.package,
        generated.cases,
        generated.tests,
        generated.ignored + generated.left_out,
        generated.left_out
    );
    if check {
        if !plan.is_clean() {
            eprintln!("{TESTS_DIR}/{} is stale; run `cargo xtask compliance`", suite.tests_file);
            return Ok(ExitCode::from(1));
        }
        return Ok(crate_result);
    }
    codegen::write::apply(&dir, &files, &plan).map_err(|e| e.to_string())?;
    Ok(crate_result)
}
