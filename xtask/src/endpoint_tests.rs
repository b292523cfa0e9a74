//! `cargo xtask endpoint-tests`: each model's endpoint resolver, generated on its own into a
//! scratch workspace, linted, and run against the model's own endpoint tests, whatever else
//! of the model the generator does not support yet. On demand; CI runs the MPA models' and
//! the golden endpoint-rules crate's tests.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(clap::Args)]
pub struct EndpointTestsArgs {
    /// Model files or directories of models [default: `tests/fixtures/aws-models/`].
    models: Vec<PathBuf>,
    /// Where the scratch workspace goes [default: `target/endpoint-tests`].
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(root: &Path, args: EndpointTestsArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let inputs = if args.models.is_empty() { vec![root.join("tests/fixtures/aws-models")] } else { args.models };
    let mut models = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(&input).map_err(|e| format!("{}: {e}", input.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            models.extend(found);
        } else {
            models.push(input);
        }
    }
    if models.is_empty() {
        return Err("no model files found".to_owned());
    }
    let out = args.out.unwrap_or_else(|| root.join("target/endpoint-tests"));
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut members = Vec::new();
    for model in &models {
        let stem = model.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
        let package = format!("endpoints-{}", stem.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
        let files = codegen::endpoint::standalone(&text, &package, &model.display().to_string())
            .map_err(|e| format!("{}: {e}", model.display()))?;
        let dir = out.join(&package);
        let plan = codegen::write::plan(&dir, &files).map_err(|e| e.to_string())?;
        codegen::write::apply(&dir, &files, &plan).map_err(|e| e.to_string())?;
        members.push(package);
    }
    let manifest = format!(
        "# Written by `cargo xtask endpoint-tests`.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let generated = started.elapsed();
    eprintln!("endpoint-tests: {} resolvers generated in {} ({:.1} s)", members.len(), out.display(), generated.as_secs_f64());

    let clippy_start = Instant::now();
    cargo(&out, &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])?;
    let clippy = clippy_start.elapsed();
    let test_start = Instant::now();
    cargo(&out, &["test", "--workspace", "--quiet"])?;
    let test = test_start.elapsed();
    eprintln!(
        "endpoint-tests: {} models passed clippy and their endpoint tests; {:.0} s in all (generate {:.1} s, clippy {:.0} s, build and test {:.0} s)",
        members.len(),
        started.elapsed().as_secs_f64(),
        generated.as_secs_f64(),
        clippy.as_secs_f64(),
        test.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn cargo(dir: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
    if status.success() { Ok(()) } else { Err(format!("`cargo {}` failed in {}", args.join(" "), dir.display())) }
}
