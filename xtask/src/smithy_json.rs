//! `cargo xtask smithy-json PATH... [--out FILE]`: the JSON AST of a model read from IDL and
//! JSON files, so that users can diff it and check it against Smithy's own.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SmithyJsonArgs {
    /// `.smithy` or `.json` files, or directories of them; they merge into one model.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write the JSON AST here [default: standard output].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: SmithyJsonArgs) -> Result<ExitCode, String> {
    let sources = codegen::load::read_sources(&args.paths).map_err(|e| e.to_string())?;
    let text = codegen::load::smithy_json(&sources).map_err(|e| e.to_string())?;
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
