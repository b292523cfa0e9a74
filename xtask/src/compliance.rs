//! `cargo xtask compliance`: the crate generated from the Smithy restJson1 compliance
//! model (`tests/compliance/restjson`) and its tests (`tests/compliance/tests/restjson1.rs`).

use std::path::Path;
use std::process::ExitCode;

/// Where the suite lives, relative to the workspace root.
pub const MODEL: &str = "tests/compliance/restJson1.json";
pub const CRATE_DIR: &str = "tests/compliance/restjson";
pub const PACKAGE: &str = "restjson";
pub const TESTS_DIR: &str = "tests/compliance/tests";
pub const TESTS_FILE: &str = "restjson1.rs";
pub const KNOWN_FAILURES: &str = "tests/compliance/known-failures.txt";

#[derive(clap::Args)]
pub struct ComplianceArgs {
    /// Write nothing; fail if the crate or the tests differ from what would be generated.
    #[arg(long)]
    check: bool,
}

pub fn run(root: &Path, args: ComplianceArgs) -> Result<ExitCode, String> {
    let crate_args = crate::CodegenArgs {
        model: vec![root.join(MODEL)],
        out: Some(root.join(CRATE_DIR)),
        operations: Vec::new(),
        package: PACKAGE.to_owned(),
        crate_version: None,
        runtime_version: None,
        check: args.check,
    };
    let crate_result = crate::codegen(crate_args)?;
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).map_err(|e| format!("{rel}: {e}"));
    let (model_text, known_failures) = (read(MODEL)?, read(KNOWN_FAILURES)?);
    let suite = codegen::compliance::generate(&codegen::compliance::Request {
        model_text: &model_text,
        model_display_name: MODEL,
        krate: PACKAGE,
        known_failures: &known_failures,
    })
    .map_err(|e| format!("{MODEL}: {e}"))?;
    let files = codegen::output::FileTree::from([(TESTS_FILE.to_owned(), suite.file.clone())]);
    let dir = root.join(TESTS_DIR);
    let plan = codegen::write::plan(&dir, &files).map_err(|e| e.to_string())?;
    eprintln!(
        "compliance: {} client cases; {} generated to pass, {} known failures ({} not generated)",
        suite.cases,
        suite.tests,
        suite.ignored + suite.left_out,
        suite.left_out
    );
    if args.check {
        if !plan.is_clean() {
            eprintln!("{TESTS_DIR}/{TESTS_FILE} is stale; run `cargo xtask compliance`");
            return Ok(ExitCode::from(1));
        }
        return Ok(crate_result);
    }
    codegen::write::apply(&dir, &files, &plan).map_err(|e| e.to_string())?;
    Ok(crate_result)
}
