//! `cargo xtask check-models [DIR]`: how the generator does on many real models.
//!
//! Every `.json` model in the directory is generated into a crate of one temporary Cargo
//! workspace (so the crates share one lock file and one target directory, and the
//! dependencies build once), then each crate is linted with clippy (`-D warnings`, without
//! features and with the blocking client), its docs built with warnings denied and its tests
//! run with the blocking client: the README's doctests (the worked example) and the example
//! program build, and for a model with an endpoint rule set the tests include the model's
//! own endpoint test cases. One row per model says how many
//! operations were generated, how many were left out (the reasons follow the table), each
//! step's status and the time the model took.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct CheckModelsArgs {
    /// Directory of Smithy JSON AST models [default: `tests/fixtures/aws-models/` (restJson1)
    /// and `tests/fixtures/aws-models-rpc/` (awsJson1_0, awsJson1_1)].
    dir: Option<PathBuf>,
    /// Check only this model (file stem, repeatable) [default: every model in DIR].
    #[arg(long = "only", value_name = "NAME")]
    only: Vec<String>,
    /// Only generate: skip clippy, docs and tests.
    #[arg(long)]
    generate_only: bool,
    /// Keep the temporary workspace (its path is printed) instead of removing it.
    #[arg(long)]
    keep: bool,
}

/// What happened to one model.
struct Row {
    name: String,
    /// `None` when generation itself failed (the error is in `failure`).
    generated: Option<usize>,
    left_out: Vec<(String, String)>,
    /// Checks left out (patterns no engine can check).
    warnings: Vec<String>,
    clippy: Status,
    doc: Status,
    test: Status,
    time: Duration,
    failure: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Failed,
    Skipped,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "FAILED",
            Status::Skipped => "-",
        }
    }
}

/// The real models checked by default: restJson1 services, and JSON RPC ones.
const DEFAULT_DIRS: [&str; 2] = ["tests/fixtures/aws-models", "tests/fixtures/aws-models-rpc"];

pub fn run(root: &Path, args: CheckModelsArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let dirs = match &args.dir {
        Some(dir) => vec![dir.clone()],
        None => DEFAULT_DIRS.iter().map(|d| root.join(d)).collect(),
    };
    let mut all: Vec<PathBuf> = Vec::new();
    for dir in &dirs {
        let found = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        all.extend(found.filter_map(|entry| entry.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")));
    }
    all.sort_by_key(|p| stem(p));
    let dir = dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(" and ");
    // A name that matches no model is a typo, not a request to check nothing.
    let unknown: Vec<&str> =
        args.only.iter().map(String::as_str).filter(|o| !all.iter().any(|p| Some(*o) == stem(p).as_deref())).collect();
    if !unknown.is_empty() {
        let known: Vec<String> = all.iter().filter_map(|p| stem(p)).collect();
        return Err(format!(
            "--only {}: no such model in {} (it has: {})",
            unknown.join(", "),
            dir,
            known.join(", ")
        ));
    }
    let models: Vec<PathBuf> =
        all.into_iter().filter(|p| args.only.is_empty() || args.only.iter().any(|o| Some(o.as_str()) == stem(p).as_deref())).collect();
    if models.is_empty() {
        return Err(format!("no `.json` model in {dir}"));
    }

    let workspace = std::env::temp_dir().join(format!("xtask-check-models-{}", std::process::id()));
    let result = check_all(root, &workspace, &models, &args);
    if args.keep {
        eprintln!("the generated crates are kept in {}", workspace.display());
    } else {
        let _ = std::fs::remove_dir_all(&workspace);
    }
    let rows = result?;
    print_report(&rows, started.elapsed());
    let failed = rows.iter().any(|r| r.failure.is_some() || [r.clippy, r.doc, r.test].contains(&Status::Failed));
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

/// A Cargo package name for a model file: lowercase letters, digits and dashes.
fn package_name(stem: &str) -> String {
    let name: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) { name } else { format!("m-{name}") }
}

fn check_all(root: &Path, workspace: &Path, models: &[PathBuf], args: &CheckModelsArgs) -> Result<Vec<Row>, String> {
    std::fs::create_dir_all(workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    let mut rows = Vec::new();
    let mut members = Vec::new();
    let mut times = Vec::new();
    for model in models {
        let start = Instant::now();
        let name = stem(model).unwrap_or_default();
        let package = package_name(&name);
        let mut row = Row {
            name: name.clone(),
            generated: None,
            left_out: Vec::new(),
            warnings: Vec::new(),
            clippy: Status::Skipped,
            doc: Status::Skipped,
            test: Status::Skipped,
            time: Duration::ZERO,
            failure: None,
        };
        match generate(model, &workspace.join(&package), &package) {
            Ok(generated) => {
                row.generated = Some(generated.operations.len());
                row.left_out = generated
                    .unsupported
                    .iter()
                    .map(|(op, e)| (op.clone(), one_line(&e.to_string())))
                    .collect();
                row.warnings = generated.warnings.iter().map(|w| one_line(&w.to_string())).collect();
                members.push(package);
            }
            Err(e) => row.failure = Some(e),
        }
        times.push(start.elapsed());
        rows.push(row);
    }
    // One workspace holds every crate, with the repository's toolchain and lock file, so
    // the crates build against the dependency versions the repository tests.
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\n",
        members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
    );
    write(&workspace.join("Cargo.toml"), &manifest)?;
    for file in ["rust-toolchain.toml", "Cargo.lock"] {
        std::fs::copy(root.join(file), workspace.join(file)).map_err(|e| format!("copy {file}: {e}"))?;
    }
    let target = root.join("target/check-models");
    for (row, time) in rows.iter_mut().zip(times) {
        let start = Instant::now();
        if row.generated.is_some() && !args.generate_only {
            let package = package_name(&row.name);
            eprintln!("check-models: {}: clippy, doc, test", row.name);
            // Linted without features and with the blocking client, which the README's client
            // example and the example program need; the tests (the README's doctests among
            // them) build the example program too.
            row.clippy = cargo(workspace, &target, &["clippy", "-p", &package, "--all-targets", "--", "-D", "warnings"]);
            if row.clippy == Status::Ok {
                let blocking = ["clippy", "-p", &package, "--all-targets", "--features", "blocking", "--", "-D", "warnings"];
                row.clippy = cargo(workspace, &target, &blocking);
            }
            row.doc = cargo(workspace, &target, &["doc", "-p", &package, "--no-deps"]);
            row.test = cargo(workspace, &target, &["test", "-p", &package, "--features", "blocking"]);
        }
        row.time = time + start.elapsed();
    }
    Ok(rows)
}

fn generate(model: &Path, out: &Path, package: &str) -> Result<codegen::Generated, String> {
    let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
    let options = codegen::Options {
        package: package.to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: model.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        selection: codegen::Selection::default(),
        // The temporary workspace reaches this repository's runtime crate by path.
        runtime: codegen::Runtime::local(out),
    };
    let generated = codegen::generate(&text, &options).map_err(|e| one_line(&e.to_string()))?;
    let plan = codegen::write::plan(out, &generated.files).map_err(|e| e.to_string())?;
    codegen::write::apply(out, &generated.files, &plan).map_err(|e| e.to_string())?;
    Ok(generated)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs one cargo command in the workspace; on failure, shows what it printed.
fn cargo(workspace: &Path, target: &Path, args: &[&str]) -> Status {
    let output = Command::new("cargo")
        .args(args)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .output();
    match output {
        Ok(o) if o.status.success() => Status::Ok,
        Ok(o) => {
            let stderr = String::from_utf8_lossy(&o.stderr);
            let stdout = String::from_utf8_lossy(&o.stdout);
            let shown: Vec<&str> = stderr.lines().chain(stdout.lines()).filter(|l| !l.trim_start().starts_with("Compiling")).take(60).collect();
            eprintln!("`cargo {}` failed:\n{}", args.join(" "), shown.join("\n"));
            Status::Failed
        }
        Err(e) => {
            eprintln!("`cargo {}` did not run: {e}", args.join(" "));
            Status::Failed
        }
    }
}

fn print_report(rows: &[Row], elapsed: Duration) {
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(5).max(5);
    println!("{:width$}  {:>9}  {:>8}  {:6}  {:6}  {:6}  {:>7}", "model", "generated", "left out", "clippy", "doc", "test", "time");
    for r in rows {
        let generated = r.generated.map_or_else(|| "ERROR".to_owned(), |n| n.to_string());
        println!(
            "{:width$}  {:>9}  {:>8}  {:6}  {:6}  {:6}  {:>6.1}s",
            r.name,
            generated,
            r.left_out.len(),
            r.clippy.label(),
            r.doc.label(),
            r.test.label(),
            r.time.as_secs_f64()
        );
    }
    for r in rows {
        if let Some(failure) = &r.failure {
            println!("{}: not generated: {failure}", r.name);
        }
        for (op, reason) in &r.left_out {
            println!("{}: left out {op}: {reason}", r.name);
        }
        for warning in &r.warnings {
            println!("{}: warning: {warning}", r.name);
        }
    }
    let ops: usize = rows.iter().filter_map(|r| r.generated).sum();
    let left: usize = rows.iter().map(|r| r.left_out.len()).sum();
    let count = |f: fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
    println!(
        "check-models: {} models ({} generated), {ops} operations generated, {left} left out; clippy ok {}, doc ok {}, test ok {}; {:.1}s",
        rows.len(),
        count(|r| r.generated.is_some()),
        count(|r| r.clippy == Status::Ok),
        count(|r| r.doc == Status::Ok),
        count(|r| r.test == Status::Ok),
        elapsed.as_secs_f64()
    );
}

/// A multi-line error on one line of the report.
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}
