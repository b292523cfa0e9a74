//! `cargo xtask`: the project's commands.
#![forbid(unsafe_code)]

mod bench;
mod check_models;
mod compliance;
mod diff;
mod smithy_json;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project tasks: code generation from the Smithy model")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the Rust crate from the Smithy model (or, with --check, verify it is fresh).
    Codegen(CodegenArgs),
    /// Generate the compliance-suite crates of every protocol and their tests (or, with --check, verify them).
    Compliance(compliance::ComplianceArgs),
    /// Compare two models as the generator sees them: what changes for users of the crate.
    Diff(diff::DiffArgs),
    /// Measure the generator, the generated crates, aws-sdk-mpa and aws-sdk-dynamodb; write BENCHMARKS.md (takes minutes).
    Bench(bench::BenchArgs),
    /// Generate, lint, document and test every model in a directory; one row per model.
    CheckModels(check_models::CheckModelsArgs),
    /// Read a model (Smithy IDL and JSON AST files) and write its JSON AST, as Smithy does.
    SmithyJson(smithy_json::SmithyJsonArgs),
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// The model: a Smithy IDL (`.smithy`) or JSON AST (`.json`) file, or a directory of
    /// them; repeatable, the files merge into one model [default: the one `.json` file in
    /// `model/`].
    #[arg(long, value_name = "PATH")]
    model: Vec<PathBuf>,
    /// Where the generated crate goes [default: `generated/` in the workspace].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Generate only this operation (repeatable) [default: every supported operation].
    #[arg(long = "operation", value_name = "NAME")]
    operations: Vec<String>,
    /// Speak this protocol, one the service offers: `awsJson1_0`, `awsJson1_1`,
    /// `restJson1`, or the protocol trait's shape id [default: the service's preferred one
    /// that the generator speaks; see the README].
    #[arg(long, value_name = "NAME")]
    protocol: Option<String>,
    /// Cargo package name of the generated crate.
    #[arg(long, default_value = "mpa")]
    package: String,
    /// Version of the generated crate [default: the version it has now, or 0.1.0].
    #[arg(long)]
    crate_version: Option<String>,
    /// Depend on this published version of the runtime crate, `smithy-rt`, instead of this
    /// repository's `codegen/runtime` by a relative path [default: the path].
    #[arg(long, value_name = "X.Y.Z")]
    runtime_version: Option<String>,
    /// Write nothing; fail if the output directory differs from what would be generated.
    #[arg(long)]
    check: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen(args),
        Command::Compliance(args) => compliance::run(&root(), args),
        Command::Diff(args) => diff::run(args),
        Command::Bench(args) => bench::run(&root(), args),
        Command::CheckModels(args) => check_models::run(&root(), args),
        Command::SmithyJson(args) => smithy_json::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// The workspace root: paths given on the command line are taken relative to the
/// directory the command runs in, defaults relative to the root.
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_owned()
}

fn default_model(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("model");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        // The partition table beside the model is an input of the endpoint rules, not a model.
        .filter(|p| !p.ends_with("partitions.json"))
        .collect();
    models.sort();
    match models.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("no model in {}; pass --model PATH", dir.display())),
        _ => Err(format!("several models in {}; pass --model PATH", dir.display())),
    }
}

fn codegen(args: CodegenArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let root = root();
    let model_paths = match args.model.as_slice() {
        [] => vec![default_model(&root)?],
        paths => paths.to_vec(),
    };
    let out_dir = args.out.clone().unwrap_or_else(|| root.join("generated"));
    let sources = codegen::load::read_sources(&model_paths).map_err(|e| e.to_string())?;
    let display_name = model_paths.iter().map(|p| display_path(p, &root)).collect::<Vec<_>>().join(", ");
    let options = codegen::Options {
        package: args.package.clone(),
        crate_version: args
            .crate_version
            .clone()
            .or_else(|| codegen::write::existing_crate_version(&out_dir))
            .unwrap_or_else(|| "0.1.0".to_owned()),
        model_display_name: display_name.clone(),
        selection: codegen::Selection { operations: args.operations.clone(), protocol: args.protocol.clone() },
        runtime: match &args.runtime_version {
            Some(version) => codegen::Runtime::Version(version.clone()),
            None => codegen::Runtime::local(&out_dir),
        },
    };
    let generated = codegen::generate_sources(&sources, &options).map_err(|e| match e {
        // Errors of IDL and merged files name their file already.
        codegen::Error::Source(e) => e.to_string(),
        e => format!("{display_name}: {e}"),
    })?;
    if !runtime_table(args.check)? {
        return Ok(ExitCode::from(1));
    }

    let plan_start = Instant::now();
    let plan = codegen::write::plan(&out_dir, &generated.files).map_err(|e| e.to_string())?;
    let out_name = display_path(&out_dir, &root);
    for (op, reason) in &generated.unsupported {
        eprintln!("not generated: operation {op}: {reason}");
    }
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    if args.check {
        if plan.is_clean() {
            summary(&generated, &plan, "checked", started, plan_start);
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{out_name} is stale:");
        list_changes(&plan, "missing", "differs", "extra (no longer generated)");
        let mut fix = String::from("cargo xtask codegen");
        for op in &args.operations {
            fix.push_str(&format!(" --operation {op}"));
        }
        eprintln!("run `{fix}` to update it");
        return Ok(ExitCode::from(1));
    }
    codegen::write::apply(&out_dir, &generated.files, &plan).map_err(|e| format!("{e} ({out_name} left as it was)"))?;
    list_changes(&plan, "added", "changed", "removed");
    summary(&generated, &plan, "written", started, plan_start);
    Ok(ExitCode::SUCCESS)
}

/// Keeps the runtime crate's partition table in step with `model/partitions.json` (or, with
/// `check`, says whether it is): false when it is stale.
fn runtime_table(check: bool) -> Result<bool, String> {
    let dir = codegen::runtime::dir();
    let text = codegen::runtime::partitions_file().map_err(|e| e.to_string())?;
    let files = codegen::output::FileTree::from([(codegen::runtime::PARTITIONS_FILE.to_owned(), text)]);
    let plan = codegen::write::plan(&dir, &files).map_err(|e| e.to_string())?;
    if plan.is_clean() {
        return Ok(true);
    }
    let name = format!("codegen/runtime/{}", codegen::runtime::PARTITIONS_FILE);
    if check {
        eprintln!("{name} is stale: run `cargo xtask codegen` to update it");
        return Ok(false);
    }
    codegen::write::apply(&dir, &files, &plan).map_err(|e| e.to_string())?;
    eprintln!("  changed: {name}");
    Ok(true)
}

fn list_changes(plan: &codegen::write::Plan, added: &str, changed: &str, removed: &str) {
    for (label, paths) in [(added, &plan.added), (changed, &plan.changed), (removed, &plan.removed)] {
        for path in paths {
            eprintln!("  {label}: {path}");
        }
    }
}

fn summary(g: &codegen::Generated, plan: &codegen::write::Plan, verb: &str, started: Instant, write_start: Instant) {
    let t = &g.timings;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let touched = plan.added.len() + plan.changed.len();
    let unsupported = if g.unsupported.is_empty() {
        String::new()
    } else {
        format!(" ({} not supported: {})", g.unsupported.len(), g.unsupported.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "))
    };
    let files = if verb == "checked" {
        format!("{} files up to date", plan.unchanged)
    } else if touched == 0 && plan.removed.is_empty() {
        format!("nothing to write, {} files unchanged", plan.unchanged)
    } else {
        format!("{touched} files written, {} removed, {} unchanged", plan.removed.len(), plan.unchanged)
    };
    eprintln!(
        "codegen: {} shapes, {} operations{unsupported}; {files}; {:.0} ms (load {:.1}, resolve {:.1}, lower {:.1}, emit {:.1}, write {:.1})",
        g.shapes,
        g.operations.len(),
        ms(started.elapsed()),
        ms(t.load),
        ms(t.resolve),
        ms(t.lower),
        ms(t.emit),
        ms(write_start.elapsed()),
    );
}

/// `model/x.json` for a path inside the workspace, else the path as given.
fn display_path(path: &Path, root: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    match absolute.strip_prefix(&root) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}
