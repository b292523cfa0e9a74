//! `cargo xtask bench`: measures the generator, the generated crates, aws-sdk-mpa 1.48 (and
//! aws-sdk-dynamodb of the same release) and serde-derive side by side, and writes
//! `BENCHMARKS.md` and `bench/benchmarks.svg`.
//!
//! The measurements that run in-process live in `bench/`, a Cargo workspace of its own (so
//! that `cargo test --workspace` never builds it or aws-sdk-mpa); this module builds it in
//! release mode, runs it, times the clean builds and counts the sizes, then writes the report.
//! Every figure in the report comes from the run that writes it.

mod builds;
mod cbor;
mod dynamodb;
mod format;
mod machine;
mod measure;
mod reading;
mod report;
mod svg;
mod targets;

use builds::{clean_build, copy_tree, prepare_crate, sdk_source, size, write_sdk_crate};
use machine::{check_gnu_time, load_average, machine};
use measure::{harness_figures, xtask_codegen};
use report::Report;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;


/// GNU time, for the peak memory of the clean builds.
pub(super) const GNU_TIME: &str = "/usr/bin/time";
/// The SDK release the report compares with.
pub(super) const SDK_VERSION: &str = "1.48.0";
/// The aws-sdk-dynamodb release of the same SDK release (as `bench/Cargo.toml` pins it).
pub(super) const DYNAMODB_SDK_VERSION: &str = "1.136.0";
/// The aws-config requirement a user of that SDK adds to read credentials and region.
pub(super) const AWS_CONFIG_VERSION: &str = "1";
/// Page sizes of the throughput table.
pub(super) const GROWTH_SIZES: [usize; 4] = [1, 20, 1_000, 100_000];

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Runs of the generator to take the median of (at least 7).
    #[arg(long, default_value_t = 15)]
    codegen_runs: usize,
    /// Leave out the clean builds (the slow part); the report then says they were not measured.
    #[arg(long)]
    skip_builds: bool,
}

/// Figures one step reported, by name.
pub(super) type Figures = BTreeMap<String, String>;


/// Temporary crates and target directories, removed when the run ends (however it ends).
pub(super) struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}


pub fn run(root: &Path, args: BenchArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    if args.codegen_runs < 7 {
        return Err("--codegen-runs must be at least 7".into());
    }
    if !args.skip_builds {
        check_gnu_time()?;
    }
    let machine = machine(root);
    let model = super::default_model(root)?;
    let model_name = super::display_path(&model, root);

    step("building the benchmark harness (bench/, release)");
    let bench_target = root.join("bench").join("target");
    let status = Command::new("cargo")
        .args(["build", "--release", "--manifest-path"])
        .arg(root.join("bench").join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &bench_target)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("building bench/ failed".into());
    }
    let harness = bench_target.join("release").join("mpa-bench");

    step(&format!("generator, whole model, {} runs (release build of the codegen library)", args.codegen_runs));
    let mut figures = harness_figures(&harness, &["codegen", &model.to_string_lossy(), &model_name, &args.codegen_runs.to_string()])?;
    step("generator as `cargo xtask codegen` runs it (this xtask binary)");
    let xtask_codegen = xtask_codegen(&model, 7)?;

    step("one ListSessions call: generated crate, aws-sdk-mpa, serde-derive");
    figures.extend(harness_figures(&harness, &["calls"])?);
    step("reading the model: the JSON AST against the same model in IDL");
    figures.extend(harness_figures(&harness, &["read", &model.to_string_lossy()])?);
    step("one endpoint::resolve of the generated crate");
    figures.extend(harness_figures(&harness, &["endpoint"])?);
    step(&format!("one DynamoDB Query call: generated crate, aws-sdk-dynamodb {DYNAMODB_SDK_VERSION}"));
    figures.extend(harness_figures(&harness, &["dynamodb"])?);
    step("CBOR against JSON: one Query-like page written and read by each codec");
    figures.extend(harness_figures(&harness, &["cbor"])?);
    step("parse throughput by page size");
    let sizes: Vec<String> = GROWTH_SIZES.iter().map(usize::to_string).collect();
    let mut growth_args = vec!["growth"];
    growth_args.extend(sizes.iter().map(String::as_str));
    figures.extend(harness_figures(&harness, &growth_args)?);

    let scratch = Scratch(std::env::temp_dir().join(format!("mpa-bench-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    step("temporary crates: a copy of generated/ and of the runtime, and one that depends on aws-sdk-mpa");
    let ours_dir = scratch.0.join("generated");
    copy_tree(&root.join("generated"), &ours_dir)?;
    // The copy reaches the runtime crate by the relative path generated/ does
    // (`../codegen/runtime`): the runtime is copied beside it, to build clean with it.
    copy_tree(&codegen::runtime::dir(), &scratch.0.join("codegen").join("runtime"))?;
    let sdk_dir = scratch.0.join("sdk");
    write_sdk_crate(&sdk_dir, false)?;
    let sdk_config_dir = scratch.0.join("sdk-config");
    write_sdk_crate(&sdk_config_dir, true)?;
    for dir in [&ours_dir, &sdk_dir, &sdk_config_dir] {
        prepare_crate(root, dir)?;
    }

    let (builds, client_builds) = if args.skip_builds {
        (None, None)
    } else {
        step("clean debug build of the generated crate (cargo build, fresh target dir)");
        let ours = clean_build(&ours_dir, &scratch.0.join("mpa-target"), "mpa", "")?;
        step(&format!("clean debug build of aws-sdk-mpa {SDK_VERSION}, default features (cargo build, fresh target dir)"));
        let sdk = clean_build(&sdk_dir, &scratch.0.join("sdk-target"), "aws-sdk-mpa", "")?;
        step("clean debug builds of the generated crate with its clients (features blocking; client)");
        let blocking = clean_build(&ours_dir, &scratch.0.join("mpa-blocking-target"), "mpa", "blocking")?;
        let client = clean_build(&ours_dir, &scratch.0.join("mpa-client-target"), "mpa", "client")?;
        step(&format!("clean debug build of aws-sdk-mpa {SDK_VERSION} with aws-config {AWS_CONFIG_VERSION}"));
        let sdk_config = clean_build(&sdk_config_dir, &scratch.0.join("sdk-config-target"), "aws-sdk-mpa", "")?;
        (Some((ours, sdk)), Some(report::ClientBuilds { blocking, client, sdk_config }))
    };

    step("sizes");
    let ours_size = size(&root.join("generated").join("src"), &ours_dir)?;
    let sdk_src = sdk_source(&sdk_dir)?;
    let sdk_size = size(&sdk_src, &sdk_dir)?;
    drop(scratch);

    let load_end = load_average();
    let report = Report {
        machine,
        load_end,
        minutes: started.elapsed().as_secs_f64() / 60.0,
        codegen_runs: args.codegen_runs,
        model_name,
        figures,
        xtask_codegen,
        builds,
        client_builds,
        ours_size,
        sdk_size,
    };
    let svg = report.svg()?;
    let markdown = report.markdown()?;
    let svg_path = root.join("bench").join("benchmarks.svg");
    std::fs::write(&svg_path, svg).map_err(|e| format!("{}: {e}", svg_path.display()))?;
    let md_path = root.join("BENCHMARKS.md");
    std::fs::write(&md_path, &markdown).map_err(|e| format!("{}: {e}", md_path.display()))?;
    eprintln!("\n{}", report.targets_table()?);
    eprintln!("bench: wrote BENCHMARKS.md and bench/benchmarks.svg in {:.1} min", report.minutes);
    Ok(ExitCode::SUCCESS)
}

fn step(what: &str) {
    eprintln!("bench: {what}");
}

#[cfg(test)]
mod tests {
    use super::measure::parse_summary;
    use super::format::{micros, thousands, verdict_at_most};

    #[test]
    fn reads_the_codegen_summary_line() {
        let line = "codegen: 52 shapes, 22 operations; 189 files up to date; 265 ms (load 6.4, resolve 1.9, lower 13.8, emit 237.8, write 4.5)";
        let figures = parse_summary(line).unwrap();
        assert_eq!(figures[0], ("total".to_string(), 265.0));
        assert_eq!(figures[4], ("emit".to_string(), 237.8));
        assert_eq!(figures.len(), 6);
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(thousands(39407), "39,407");
        assert_eq!(thousands(999), "999");
        assert_eq!(micros(12_345.0), "12.3 µs");
        assert!(verdict_at_most(50.0, 100.0, "ms").starts_with("**met**"));
        assert!(verdict_at_most(150.0, 100.0, "ms").contains("50% over"));
    }
}

