//! `cargo xtask bench`: measures the generator, the generated crate, aws-sdk-mpa 1.48 and
//! serde-derive side by side, and writes `BENCHMARKS.md` and `bench/benchmarks.svg`.
//!
//! The measurements that run in-process live in `bench/`, a Cargo workspace of its own (so
//! that `cargo test --workspace` never builds it or aws-sdk-mpa); this module builds it in
//! release mode, runs it, times the clean builds and counts the sizes, then writes the report.
//! Every figure in the report comes from the run that writes it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// GNU time, for the peak memory of the clean builds.
const GNU_TIME: &str = "/usr/bin/time";
/// The SDK release the report compares with.
const SDK_VERSION: &str = "1.48.0";
/// Page sizes of the throughput table.
const GROWTH_SIZES: [usize; 4] = [1, 20, 1_000, 100_000];

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Runs of the generator to take the median of (at least 7).
    #[arg(long, default_value_t = 15)]
    codegen_runs: usize,
    /// Leave out the two clean builds (the slow part); the report then says they were not measured.
    #[arg(long)]
    skip_builds: bool,
}

/// Figures one step reported, by name.
type Figures = BTreeMap<String, String>;

/// A clean debug build of one crate.
struct Build {
    wall_s: f64,
    cpu_s: f64,
    peak_rss_kb: u64,
    compiled: usize,
    /// The crate alone, rebuilt in the same target directory once its dependencies are built.
    alone_s: f64,
}

/// One crate's side of the size comparison.
struct Size {
    files: usize,
    lines: usize,
    /// Lines by top-level directory under `src/` (files directly in `src/` under `src`).
    by_dir: BTreeMap<String, (usize, usize)>,
    /// Files, lines by file name of the files two levels down (`src/operation/*/input.rs`).
    by_kind: BTreeMap<String, (usize, usize)>,
    deps_normal: usize,
    deps_with_build: usize,
}

struct Machine {
    cpu: String,
    nproc: String,
    memory: String,
    os: String,
    rustc: String,
    cargo: String,
    commit: String,
    date: String,
    load_start: String,
}

/// Temporary crates and target directories, removed when the run ends (however it ends).
struct Scratch(PathBuf);

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
    step("one endpoint::resolve of the generated crate");
    figures.extend(harness_figures(&harness, &["endpoint"])?);
    step("parse throughput by page size");
    let sizes: Vec<String> = GROWTH_SIZES.iter().map(usize::to_string).collect();
    let mut growth_args = vec!["growth"];
    growth_args.extend(sizes.iter().map(String::as_str));
    figures.extend(harness_figures(&harness, &growth_args)?);

    let scratch = Scratch(std::env::temp_dir().join(format!("mpa-bench-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    step("temporary crates: a copy of generated/, and one that depends on aws-sdk-mpa");
    let ours_dir = scratch.0.join("mpa");
    copy_tree(&root.join("generated"), &ours_dir)?;
    let sdk_dir = scratch.0.join("sdk");
    write_sdk_crate(&sdk_dir)?;
    for dir in [&ours_dir, &sdk_dir] {
        prepare_crate(root, dir)?;
    }

    let builds = if args.skip_builds {
        None
    } else {
        step("clean debug build of the generated crate (cargo build, fresh target dir)");
        let ours = clean_build(&ours_dir, &scratch.0.join("mpa-target"), "mpa")?;
        step(&format!("clean debug build of aws-sdk-mpa {SDK_VERSION}, default features (cargo build, fresh target dir)"));
        let sdk = clean_build(&sdk_dir, &scratch.0.join("sdk-target"), "aws-sdk-mpa")?;
        Some((ours, sdk))
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

fn check_gnu_time() -> Result<(), String> {
    let missing = || {
        format!(
            "{GNU_TIME} (GNU time) is missing or is not GNU time: the clean-build figures need its \
             `-v` report for peak memory. Install it (Debian/Ubuntu: `apt-get install time`), or run \
             `cargo xtask bench --skip-builds` to leave the builds out."
        )
    };
    let output = Command::new(GNU_TIME).args(["-v", "true"]).output().map_err(|_| missing())?;
    if String::from_utf8_lossy(&output.stderr).contains("Maximum resident set size") {
        Ok(())
    } else {
        Err(missing())
    }
}

fn command_line(program: &str, args: &[&str], dir: &Path) -> String {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn read_first_line(path: &str) -> String {
    std::fs::read_to_string(path).ok().and_then(|s| s.lines().next().map(str::to_string)).unwrap_or_else(|| "unknown".into())
}

/// "1.20, 0.85, 0.60" (1, 5 and 15 minutes).
fn load_average() -> String {
    read_first_line("/proc/loadavg").split_whitespace().take(3).collect::<Vec<_>>().join(", ")
}

fn machine(root: &Path) -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").map(|rest| rest.trim_start_matches([' ', '\t', ':']).trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    let nproc = match command_line("nproc", &[], root) {
        n if n != "unknown" => n,
        _ => std::thread::available_parallelism().map(|n| n.to_string()).unwrap_or_else(|_| "unknown".into()),
    };
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown".into());
    let mut commit = command_line("git", &["rev-parse", "--short", "HEAD"], root);
    let status = command_line("git", &["status", "--porcelain"], root);
    if commit != "unknown" && status != "unknown" && !status.is_empty() {
        commit.push_str(" with uncommitted changes");
    }
    let load = load_average();
    Machine {
        cpu,
        nproc,
        memory,
        os: command_line("uname", &["-sr"], root),
        rustc: command_line("rustc", &["-V"], root),
        cargo: command_line("cargo", &["-V"], root),
        commit,
        date: command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"], root),
        load_start: load,
    }
}

/// Runs the harness; its `name<TAB>value` lines on stdout, progress on stderr.
fn harness_figures(harness: &Path, args: &[&str]) -> Result<Figures, String> {
    let output = Command::new(harness)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", harness.display()))?;
    if !output.status.success() {
        return Err(format!("mpa-bench {} failed", args.join(" ")));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

/// The generator through this binary's own `codegen` command, into a scratch directory:
/// one run to write the tree, then `runs` runs that find it up to date; the figures are the
/// medians of its summary lines.
fn xtask_codegen(model: &Path, runs: usize) -> Result<Figures, String> {
    let exe = std::env::current_exe().map_err(|e| format!("this program's path: {e}"))?;
    let out = std::env::temp_dir().join(format!("mpa-bench-xtask-{}", std::process::id()));
    let _scratch = Scratch(out.clone());
    let mut columns: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for i in 0..=runs {
        let output = Command::new(&exe)
            .arg("codegen")
            .arg("--model")
            .arg(model)
            .arg("--out")
            .arg(&out)
            .output()
            .map_err(|e| format!("{}: {e}", exe.display()))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("cargo xtask codegen --out {} failed:\n{stderr}", out.display()));
        }
        let line = stderr.lines().find(|l| l.starts_with("codegen:")).ok_or("no summary line from `cargo xtask codegen`")?;
        if i == 0 {
            continue;
        }
        for (name, value) in parse_summary(line).ok_or_else(|| format!("unreadable summary line: {line}"))? {
            columns.entry(name).or_default().push(value);
        }
    }
    let mut figures = Figures::new();
    figures.insert("runs".into(), runs.to_string());
    figures.insert("profile".into(), if cfg!(debug_assertions) { "debug" } else { "release" }.into());
    for (name, mut values) in columns {
        values.sort_by(f64::total_cmp);
        figures.insert(name, format!("{:.1}", values[values.len() / 2]));
    }
    Ok(figures)
}

/// `codegen: ...; 265 ms (load 6.4, resolve 1.9, lower 13.8, emit 237.8, write 4.5)`.
fn parse_summary(line: &str) -> Option<Vec<(String, f64)>> {
    let tail = line.rsplit("; ").next()?;
    let (total, steps) = tail.split_once(" ms (")?;
    let mut figures = vec![("total".to_string(), total.trim().parse().ok()?)];
    for part in steps.trim_end_matches(')').split(", ") {
        let (name, value) = part.split_once(' ')?;
        figures.push((name.to_string(), value.parse().ok()?));
    }
    Some(figures)
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&path, &target)?;
            }
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn write_sdk_crate(dir: &Path) -> Result<(), String> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let manifest = format!(
        "[package]\nname = \"sdk-build\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\naws-sdk-mpa = \"={SDK_VERSION}\"\n\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::write(src.join("lib.rs"), "pub use aws_sdk_mpa;\n").map_err(|e| format!("{}: {e}", src.display()))?;
    Ok(())
}

/// Pins the toolchain (and, where bench/ has a lock file, the dependency versions) as in the
/// repository, then fetches the dependencies, so that the timed build downloads nothing.
fn prepare_crate(root: &Path, dir: &Path) -> Result<(), String> {
    let toolchain = root.join("rust-toolchain.toml");
    if toolchain.exists() {
        std::fs::copy(&toolchain, dir.join("rust-toolchain.toml")).map_err(|e| format!("{}: {e}", toolchain.display()))?;
    }
    let lock = root.join("bench").join("Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    }
    let fetch = |dir: &Path| Command::new("cargo").args(["fetch", "--quiet"]).current_dir(dir).status();
    if !fetch(dir).is_ok_and(|s| s.success()) {
        // A lock file that does not fit is only a hint: let cargo resolve afresh.
        let _ = std::fs::remove_file(dir.join("Cargo.lock"));
        if !fetch(dir).is_ok_and(|s| s.success()) {
            return Err(format!("cargo fetch failed in {}", dir.display()));
        }
    }
    Ok(())
}

/// `cargo build` (debug) in `dir` with a fresh target directory, under GNU time; then
/// `package` alone again (`cargo clean -p`, `cargo build`), to split the time between the
/// crate and its dependencies.
fn clean_build(dir: &Path, target: &Path, package: &str) -> Result<Build, String> {
    let _ = std::fs::remove_dir_all(target);
    let report = target.with_extension("time.txt");
    let start = Instant::now();
    let output = Command::new(GNU_TIME)
        .arg("-v")
        .arg("-o")
        .arg(&report)
        .args(["cargo", "build", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .map_err(|e| format!("{GNU_TIME}: {e}"))?;
    let wall_s = start.elapsed().as_secs_f64();
    let log = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let tail: Vec<&str> = log.lines().rev().take(30).collect();
        return Err(format!("cargo build failed in {}:\n{}", dir.display(), tail.into_iter().rev().collect::<Vec<_>>().join("\n")));
    }
    let text = std::fs::read_to_string(&report).map_err(|e| format!("{}: {e}", report.display()))?;
    let field = |name: &str| -> Result<f64, String> {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim_start_matches(':').trim().parse().ok())
            .ok_or_else(|| format!("no `{name}` in the GNU time report {}", report.display()))
    };
    let build = Build {
        wall_s,
        cpu_s: field("User time (seconds)")? + field("System time (seconds)")?,
        peak_rss_kb: field("Maximum resident set size (kbytes)")? as u64,
        compiled: log.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count(),
        alone_s: 0.0,
    };
    let cargo = |args: &[&str]| {
        Command::new("cargo")
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTC_WRAPPER")
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .output()
            .map_err(|e| format!("cargo: {e}"))
            .and_then(|o| if o.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&o.stderr).into_owned()) })
    };
    cargo(&["clean", "--offline", "--quiet", "-p", package])?;
    let start = Instant::now();
    cargo(&["build", "--offline", "--quiet"])?;
    let build = Build { alone_s: start.elapsed().as_secs_f64(), ..build };
    eprintln!(
        "  {:.1} s wall, {:.1} s CPU, peak RSS {:.0} MiB, {} crates compiled; {package} alone: {:.1} s",
        build.wall_s,
        build.cpu_s,
        build.peak_rss_kb as f64 / 1024.0,
        build.compiled,
        build.alone_s
    );
    let _ = std::fs::remove_dir_all(target);
    Ok(build)
}

/// Where cargo unpacked aws-sdk-mpa's source (`cargo metadata` names its manifest).
fn sdk_source(sdk_dir: &Path) -> Result<PathBuf, String> {
    let output = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(sdk_dir)
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let json = String::from_utf8_lossy(&output.stdout);
    let needle = format!("aws-sdk-mpa-{SDK_VERSION}");
    json.split('"')
        .find(|s| s.ends_with("Cargo.toml") && s.contains(&needle))
        .and_then(|manifest| Path::new(manifest).parent().map(|p| p.join("src")))
        .filter(|p| p.is_dir())
        .ok_or_else(|| format!("cannot find the source of {needle} (cargo metadata in {})", sdk_dir.display()))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            rust_files(&path, found)?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            found.push(path);
        }
    }
    Ok(())
}

fn size(src: &Path, crate_dir: &Path) -> Result<Size, String> {
    let mut files = Vec::new();
    rust_files(src, &mut files)?;
    let mut by_dir: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut lines = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let n = text.lines().count();
        lines += n;
        let rel = file.strip_prefix(src).unwrap_or(file);
        let dir = if rel.components().count() > 1 {
            format!("src/{}", rel.components().next().map(|c| c.as_os_str().to_string_lossy()).unwrap_or_default())
        } else {
            "src".to_string()
        };
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if let [top, _, name] = parts.as_slice() {
            let slot = by_kind.entry(format!("src/{top}/*/{name}")).or_default();
            slot.0 += 1;
            slot.1 += n;
        }
        let slot = by_dir.entry(dir).or_default();
        slot.0 += 1;
        slot.1 += n;
    }
    Ok(Size {
        files: files.len(),
        lines,
        by_dir,
        by_kind,
        deps_normal: tree_count(crate_dir, "normal")?,
        deps_with_build: tree_count(crate_dir, "normal,build")?,
    })
}

/// Distinct crates in `cargo tree -e EDGES --prefix none`, the root crate included.
fn tree_count(dir: &Path, edges: &str) -> Result<usize, String> {
    let output = Command::new("cargo")
        .args(["tree", "--offline", "-e", edges, "--prefix", "none"])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo tree failed in {}: {}", dir.display(), String::from_utf8_lossy(&output.stderr)));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let crates: std::collections::BTreeSet<&str> =
        text.lines().map(|l| l.trim_end_matches(" (*)").trim()).filter(|l| !l.is_empty()).collect();
    Ok(crates.len())
}

struct Report {
    machine: Machine,
    load_end: String,
    minutes: f64,
    codegen_runs: usize,
    model_name: String,
    figures: Figures,
    xtask_codegen: Figures,
    builds: Option<(Build, Build)>,
    ours_size: Size,
    sdk_size: Size,
}

/// 12,345.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A duration given in nanoseconds, in µs with three significant figures or so.
fn micros(ns: f64) -> String {
    let us = ns / 1e3;
    if us >= 1000.0 {
        format!("{} µs", thousands(us.round() as usize))
    } else if us >= 100.0 {
        format!("{us:.0} µs")
    } else if us >= 10.0 {
        format!("{us:.1} µs")
    } else {
        format!("{us:.2} µs")
    }
}

fn seconds(s: f64) -> String {
    if s >= 60.0 {
        format!("{s:.0} s ({}m{:02.0}s)", (s / 60.0).floor(), s % 60.0)
    } else if s >= 10.0 {
        format!("{s:.1} s")
    } else {
        format!("{s:.2} s")
    }
}

fn mib(kb: u64) -> String {
    format!("{:.0} MiB", kb as f64 / 1024.0)
}

/// "met (40% under)" or "missed by 25% (x over the limit)" for an at-most target.
fn verdict_at_most(measured: f64, limit: f64, unit: &str) -> String {
    if measured <= limit {
        format!("**met** ({:.0}% under the limit)", (1.0 - measured / limit) * 100.0)
    } else {
        format!("**missed** by {} {unit} ({:.0}% over the limit)", fmt_amount(measured - limit), (measured / limit - 1.0) * 100.0)
    }
}

fn fmt_amount(x: f64) -> String {
    if x >= 1000.0 {
        thousands(x.round() as usize)
    } else if x >= 10.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

impl Report {
    fn f(&self, key: &str) -> Result<f64, String> {
        self.figures
            .get(key)
            .ok_or_else(|| format!("the harness reported no `{key}`"))?
            .parse()
            .map_err(|_| format!("`{key}` is not a number"))
    }

    fn xtask_total(&self) -> Option<f64> {
        self.xtask_codegen.get("total").and_then(|v| v.parse().ok())
    }

    fn targets_table(&self) -> Result<String, String> {
        let mut t = String::from("| Target | Goal | Measured | Verdict |\n|---|---|---|---|\n");
        let codegen = self.f("codegen.total_ms")?;
        let as_run = match self.xtask_total() {
            Some(ms) => format!(
                "; `cargo xtask codegen` itself ({} build): {ms:.0} ms",
                self.xtask_codegen.get("profile").map(String::as_str).unwrap_or("?")
            ),
            None => String::new(),
        };
        let _ = writeln!(
            t,
            "| Generator, whole model | ≤ 100 ms | {codegen:.1} ms (release library, median of {}){as_run} | {} |",
            self.codegen_runs,
            verdict_at_most(codegen, 100.0, "ms")
        );
        match &self.builds {
            Some((ours, sdk)) => {
                let limit = sdk.wall_s / 8.0;
                let _ = writeln!(
                    t,
                    "| Clean debug build of the generated crate | ≤ 1/8 of aws-sdk-mpa's ({}) | {} = 1/{:.2} of {} (CPU time: 1/{:.2}) | {} |",
                    seconds(limit),
                    seconds(ours.wall_s),
                    sdk.wall_s / ours.wall_s,
                    seconds(sdk.wall_s),
                    sdk.cpu_s / ours.cpu_s,
                    verdict_at_most(ours.wall_s, limit, "s")
                );
            }
            None => t.push_str("| Clean debug build of the generated crate | ≤ 1/8 of aws-sdk-mpa's | not measured (`--skip-builds`) | not measured |\n"),
        }
        let ours_call = self.f("call.ours.median_ns")?;
        let sdk_call = self.f("call.sdk.median_ns")?;
        let speedup = sdk_call / ours_call;
        let call_verdict = if speedup >= 5.0 {
            format!("**met**, stretch **met** ({speedup:.1}x)")
        } else if speedup >= 3.0 {
            format!("**met**; stretch missed (needs {:.0}% less time)", (1.0 - speedup / 5.0) * 100.0)
        } else {
            format!("**missed**: needs {:.0}% less time for 3x", (1.0 - speedup / 3.0) * 100.0)
        };
        let _ = writeln!(
            t,
            "| ListSessions call (serialize + parse), 20 sessions | ≥ 3x cheaper than aws-sdk-mpa (stretch 5x) | {} vs {} = {speedup:.1}x cheaper | {call_verdict} |",
            micros(ours_call),
            micros(sdk_call)
        );
        let ours_parse = self.f("parse.ours.median_ns")?;
        let serde_parse = self.f("parse.serde.median_ns")?;
        let parse_verdict = if ours_parse <= serde_parse {
            format!("**met** ({:.0}% faster)", (1.0 - ours_parse / serde_parse) * 100.0)
        } else {
            format!("**missed**: {:.0}% slower", (ours_parse / serde_parse - 1.0) * 100.0)
        };
        let _ = writeln!(
            t,
            "| Parsing the page | no slower than serde-derive | {} vs {} ({:.2}x the time) | {parse_verdict} |",
            micros(ours_parse),
            micros(serde_parse),
            ours_parse / serde_parse
        );
        let limit = self.sdk_size.lines as f64 / 3.0;
        let _ = writeln!(
            t,
            "| Lines of generated code | ≤ 1/3 of aws-sdk-mpa's {} (≤ {}) | {} = {:.2} of aws-sdk-mpa's | {} |",
            thousands(self.sdk_size.lines),
            thousands(limit.floor() as usize),
            thousands(self.ours_size.lines),
            self.ours_size.lines as f64 / self.sdk_size.lines as f64,
            verdict_at_most(self.ours_size.lines as f64, limit, "lines")
        );
        Ok(t)
    }

    fn markdown(&self) -> Result<String, String> {
        let m = &self.machine;
        let mut md = String::new();
        md.push_str("<!-- Written by `cargo xtask bench`; every figure is from the run described below. Do not edit by hand: run it again. -->\n");
        md.push_str("# Benchmarks\n\n");
        let _ = writeln!(
            md,
            "Written by `cargo xtask bench` on {} (commit {}), in {:.1} minutes. Run it again to refresh this \
             file and the chart `bench/benchmarks.svg`; most of the time goes to the two clean builds \
             (`--skip-builds` leaves them out).\n",
            m.date, m.commit, self.minutes
        );
        md.push_str("## Machine\n\n| | |\n|---|---|\n");
        let _ = writeln!(md, "| CPU | {} |", m.cpu);
        let _ = writeln!(md, "| Cores (`nproc`) | {} |", m.nproc);
        let _ = writeln!(md, "| Memory | {} |", m.memory);
        let _ = writeln!(md, "| OS | {} |", m.os);
        let _ = writeln!(md, "| Compiler | {} |", m.rustc);
        let _ = writeln!(md, "| Cargo | {} |", m.cargo);
        let _ = writeln!(md, "| Load average (1, 5, 15 min) | {} at the start, {} at the end |\n", m.load_start, self.load_end);

        md.push_str("## Targets\n\n");
        md.push_str(&self.targets_table()?);
        md.push('\n');

        // Per call.
        let bytes = self.f("page.bytes")? as usize;
        let sessions = self.f("page.sessions")? as usize;
        let ours_call = self.f("call.ours.median_ns")?;
        let ours_parse = self.f("parse.ours.median_ns")?;
        let serde_parse = self.f("parse.serde.median_ns")?;
        let _ = writeln!(
            md,
            "## One ListSessions call\n\nA page of {sessions} sessions, {} bytes of JSON, every member set. Median time of one \
             iteration; p10 and p90 show the spread across samples. Each ratio divides the line's median by the basis it \
             names.\n",
            thousands(bytes)
        );
        md.push_str("| Measurement | Median | p10 | p90 | Ratio |\n|---|---|---|---|---|\n");
        let rows: [(&str, &str, f64, &str); 5] = [
            ("(a) generated crate: build input, `serialize_request`, `parse_response`", "call.ours", ours_call, "1.00 (basis)"),
            ("(b) aws-sdk-mpa 1.48: `list_sessions().approval_team_arn(..).send()`, in-memory HTTP client", "call.sdk", ours_call, "× the generated crate's call"),
            ("generated crate: `serialize_request` only", "serialize.ours", ours_call, "of the call"),
            ("generated crate: `parse_response` only", "parse.ours", serde_parse, "× serde-derive"),
            ("(c) serde-derive: `serde_json::from_slice` into plain structs (the practical limit)", "parse.serde", serde_parse, "1.00 (basis)"),
        ];
        for (label, key, basis, ratio_label) in rows {
            let median = self.f(&format!("{key}.median_ns"))?;
            let ratio = if ratio_label.contains("basis") { ratio_label.to_string() } else { format!("{:.2} {ratio_label}", median / basis) };
            let _ = writeln!(
                md,
                "| {label} | {} | {} | {} | {ratio} |",
                micros(median),
                micros(self.f(&format!("{key}.p10_ns"))?),
                micros(self.f(&format!("{key}.p90_ns"))?)
            );
        }
        let _ = writeln!(
            md,
            "\nParse throughput on this page: generated crate {:.0} MB/s, serde-derive {:.0} MB/s (MB = 10^6 bytes).\n",
            bytes as f64 / ours_parse * 1e3,
            bytes as f64 / serde_parse * 1e3
        );

        // Endpoint resolution.
        md.push_str("## Endpoint resolution\n\nOne `endpoint::resolve` of the generated crate (the model's rule set, compiled).\n\n");
        md.push_str("| Parameters | Median | p10 | p90 |\n|---|---|---|---|\n");
        for (label, key) in [
            ("region `eu-central-1`", "endpoint.region"),
            ("region `us-gov-west-1`, FIPS", "endpoint.fips"),
            ("custom endpoint", "endpoint.custom"),
        ] {
            let _ = writeln!(
                md,
                "| {label} | {} | {} | {} |",
                micros(self.f(&format!("{key}.median_ns"))?),
                micros(self.f(&format!("{key}.p10_ns"))?),
                micros(self.f(&format!("{key}.p90_ns"))?)
            );
        }
        md.push('\n');

        // Growth.
        md.push_str("## Parse throughput by page size\n\n`parse_response` of the generated crate and `serde_json::from_slice` (serde-derive) on pages of 1 to 100,000 sessions (the model caps a page at 20; the parser does not).\n\n");
        md.push_str("| Sessions | Bytes | Generated crate | MB/s | serde-derive | MB/s | Time ratio |\n|---|---|---|---|---|---|---|\n");
        let mut rates: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
        for n in GROWTH_SIZES {
            let b = self.f(&format!("growth.{n}.bytes"))?;
            let ours = self.f(&format!("growth.{n}.ours.median_ns"))?;
            let serde = self.f(&format!("growth.{n}.serde.median_ns"))?;
            let (ours_mbs, serde_mbs) = (b / ours * 1e3, b / serde * 1e3);
            rates.insert(n, (ours_mbs, serde_mbs));
            let _ = writeln!(
                md,
                "| {} | {} | {} | {ours_mbs:.0} | {} | {serde_mbs:.0} | {:.2} |",
                thousands(n),
                thousands(b as usize),
                micros(ours),
                micros(serde),
                ours / serde
            );
        }
        let largest = GROWTH_SIZES[GROWTH_SIZES.len() - 1];
        if let (Some(small), Some(large)) = (rates.get(&20), rates.get(&largest)) {
            let (ours_kept, serde_kept) = (large.0 / small.0, large.1 / small.1);
            let _ = write!(
                md,
                "\nFrom 20 to {} sessions the generated crate's rate goes from {:.0} to {:.0} MB/s ({:.0}% of it), \
                 serde-derive's from {:.0} to {:.0} MB/s ({:.0}%)",
                thousands(largest),
                small.0,
                large.0,
                ours_kept * 100.0,
                small.1,
                large.1,
                serde_kept * 100.0
            );
            if ours_kept >= 0.5 {
                md.push_str(": time per byte stays within a factor of 2 across the sizes");
            }
            if ours_kept < 0.9 && (ours_kept - serde_kept).abs() <= 0.15 {
                md.push_str("; serde-derive loses about as much, so the loss is in what both do alike (allocating and freeing the output's strings, memory traffic once input and output outgrow the CPU caches), not in the parser");
            }
            md.push_str(".\n\n");
        }

        // Generator.
        let _ = writeln!(
            md,
            "## Generator\n\n`codegen::generate` and `codegen::write::plan` on `{}` ({} shapes, {} operations, {} files, {} bytes), \
             called from the release-built harness against an up-to-date output tree, as `cargo xtask codegen --check` does. \
             Median of {} runs after 2 warm-up runs (the step medians need not add up to the total's).\n",
            self.model_name,
            self.f("codegen.shapes")?,
            self.f("codegen.operations")?,
            self.f("codegen.files")?,
            thousands(self.f("codegen.bytes")? as usize),
            self.codegen_runs
        );
        md.push_str("| Step | Release library (ms) |");
        let xtask_profile = self.xtask_codegen.get("profile").cloned().unwrap_or_default();
        let _ = writeln!(md, " `cargo xtask codegen` ({xtask_profile} build, ms) |\n|---|---|---|");
        for (step, xtask_key) in [
            ("read", None),
            ("load", Some("load")),
            ("resolve", Some("resolve")),
            ("lower", Some("lower")),
            ("emit", Some("emit")),
            ("write (compare)", Some("write")),
            ("total", Some("total")),
        ] {
            let key = format!("codegen.{}_ms", step.split(' ').next().unwrap_or(step));
            let xtask = xtask_key.and_then(|k| self.xtask_codegen.get(k)).map(String::as_str).unwrap_or("(in total)");
            let _ = writeln!(md, "| {step} | {:.2} | {xtask} |", self.f(&key)?);
        }
        let _ = writeln!(
            md,
            "\nRelease runs ranged from {:.1} to {:.1} ms. The right-hand column is the median of {} runs of this xtask \
             binary's own `codegen` command (its summary line, whole milliseconds for the total), into a scratch directory \
             it had written once before.\n",
            self.f("codegen.min_ms")?,
            self.f("codegen.max_ms")?,
            self.xtask_codegen.get("runs").map(String::as_str).unwrap_or("?")
        );

        // Builds.
        md.push_str("## Clean debug build\n\n");
        match &self.builds {
            Some((ours, sdk)) => {
                let _ = writeln!(
                    md,
                    "`cargo build` (debug) with a fresh `CARGO_TARGET_DIR`, dependencies already downloaded, one build after the \
                     other: a copy of `generated/` outside the workspace (default features), and a crate that only depends on \
                     `aws-sdk-mpa = \"={SDK_VERSION}\"` (default features). Peak memory is GNU time's maximum resident set size: \
                     that of the largest single process of the build (a `rustc`), not a sum over the parallel jobs.\n"
                );
                md.push_str("| | Generated crate | aws-sdk-mpa | Ratio |\n|---|---|---|---|\n");
                let _ = writeln!(md, "| Wall time | {} | {} | 1/{:.1} |", seconds(ours.wall_s), seconds(sdk.wall_s), sdk.wall_s / ours.wall_s);
                let _ = writeln!(md, "| CPU time (user + system) | {} | {} | 1/{:.1} |", seconds(ours.cpu_s), seconds(sdk.cpu_s), sdk.cpu_s / ours.cpu_s);
                let _ = writeln!(
                    md,
                    "| Peak memory (largest process) | {} | {} | 1/{:.1} |",
                    mib(ours.peak_rss_kb),
                    mib(sdk.peak_rss_kb),
                    sdk.peak_rss_kb as f64 / ours.peak_rss_kb as f64
                );
                let _ = writeln!(md, "| Crates compiled | {} | {} | 1/{:.1} |", ours.compiled, sdk.compiled, sdk.compiled as f64 / ours.compiled as f64);
                let _ = writeln!(
                    md,
                    "| The crate alone (`mpa` / `aws-sdk-mpa`, rebuilt once its dependencies are built) | {} | {} | 1/{:.1} |",
                    seconds(ours.alone_s),
                    seconds(sdk.alone_s),
                    sdk.alone_s / ours.alone_s
                );
                let _ = writeln!(
                    md,
                    "| The rest: dependencies, up to the crate (wall time less the crate alone) | {} | {} | 1/{:.1} |\n",
                    seconds(ours.wall_s - ours.alone_s),
                    seconds(sdk.wall_s - sdk.alone_s),
                    (sdk.wall_s - sdk.alone_s) / (ours.wall_s - ours.alone_s)
                );
            }
            None => md.push_str("Not measured in this run (`--skip-builds`).\n\n"),
        }

        // Sizes.
        let (o, s) = (&self.ours_size, &self.sdk_size);
        md.push_str("## Size\n\n| | Generated crate | aws-sdk-mpa | Ratio |\n|---|---|---|---|\n");
        let _ = writeln!(md, "| Lines of Rust in `src/` | {} | {} | {:.2} |", thousands(o.lines), thousands(s.lines), o.lines as f64 / s.lines as f64);
        let _ = writeln!(md, "| `.rs` files | {} | {} | {:.2} |", o.files, s.files, o.files as f64 / s.files as f64);
        let _ = writeln!(
            md,
            "| Crates in the dependency tree (`cargo tree -e normal`, distinct, the crate itself included) | {} | {} | {:.2} |",
            o.deps_normal,
            s.deps_normal,
            o.deps_normal as f64 / s.deps_normal as f64
        );
        let _ = writeln!(
            md,
            "| Same, with build dependencies (`-e normal,build`) | {} | {} | {:.2} |\n",
            o.deps_with_build,
            s.deps_with_build,
            o.deps_with_build as f64 / s.deps_with_build as f64
        );
        md.push_str("Lines of the generated crate by directory:\n\n| Directory | Files | Lines | Share |\n|---|---|---|---|\n");
        let mut dirs: Vec<_> = o.by_dir.iter().collect();
        dirs.sort_by_key(|(_, (_, lines))| std::cmp::Reverse(*lines));
        for (dir, (files, lines)) in dirs {
            let _ = writeln!(md, "| `{dir}` | {files} | {} | {:.0}% |", thousands(*lines), *lines as f64 / o.lines as f64 * 100.0);
        }
        if !o.by_kind.is_empty() {
            md.push_str("\nAnd by kind of file, one per operation:\n\n| File | Count | Lines | Lines per file | Share |\n|---|---|---|---|---|\n");
            let mut kinds: Vec<_> = o.by_kind.iter().collect();
            kinds.sort_by_key(|(_, (_, lines))| std::cmp::Reverse(*lines));
            for (kind, (files, lines)) in kinds {
                let _ = writeln!(
                    md,
                    "| `{kind}` | {files} | {} | {:.0} | {:.0}% |",
                    thousands(*lines),
                    *lines as f64 / *files as f64,
                    *lines as f64 / o.lines as f64 * 100.0
                );
            }
        }
        md.push('\n');

        md.push_str("## Chart\n\n![Per-call time and parse throughput](bench/benchmarks.svg)\n\n");
        md.push_str(
            "## How it is measured\n\n\
             - The in-process figures come from `bench/` (a Cargo workspace of its own, release build). Each benchmark \
             warms up for about 0.5 s and gets a batch size of about 10 ms; the benchmarks compared with each other \
             then take their samples in turns (one sample of each a round, 31 to 301 rounds in about 3 s per \
             benchmark; 7 to 51 one-run samples for the 100,000-session page), so that other work on the machine \
             weighs on all of them alike. The figure is the median time of one iteration. The generator is run 2 \
             times to warm up, then the given number of times.\n\
             - The page is generated by `bench/src/page.rs` (deterministic, compact JSON as the service sends it, RFC 3339 \
             timestamps, some escaped strings). Before timing, the harness checks that the generated crate, aws-sdk-mpa \
             and serde-derive read every member of every session to the same values.\n\
             - Both calls build their input and build the HTTP response from the same bytes (a `Bytes` clone) on every \
             iteration. aws-sdk-mpa's call is everything `send()` does with static credentials, a static region and an \
             in-memory HTTP client (`aws_smithy_http_client::test_util::infallible_client_fn`) on a current-thread tokio \
             runtime: endpoint resolution, SigV4 signing, interceptors, retry bookkeeping, the request and the response \
             (the harness builds aws-sdk-mpa without its default TLS features, as its connector is not used). \
             The generated crate's call validates the input, serializes the request and parses the response; it signs \
             nothing and has no retry loop: those are the caller's, with the HTTP client of its choice.\n\
             - serde-derive mirrors the response shape with `Option` members, `time::OffsetDateTime` timestamps through \
             `time::serde::rfc3339` and enums as `String`; it reads the body only (no status, headers or errors).\n\
             - The machine has few cores and other work may have run at the same time: the load average above says how \
             busy it was.\n",
        );
        Ok(md)
    }

    fn svg(&self) -> Result<String, String> {
        struct Bar {
            label: String,
            value: f64,
            text: String,
            color: &'static str,
        }
        const OURS: &str = "#2b6cb0";
        const SDK: &str = "#c05621";
        const SERDE: &str = "#718096";
        let mut calls = Vec::new();
        for (label, key, color) in [
            ("generated crate: call (serialize + parse)", "call.ours", OURS),
            ("aws-sdk-mpa 1.48: call (send)", "call.sdk", SDK),
            ("generated crate: parse only", "parse.ours", OURS),
            ("serde-derive: parse only", "parse.serde", SERDE),
            ("generated crate: serialize only", "serialize.ours", OURS),
        ] {
            let ns = self.f(&format!("{key}.median_ns"))?;
            calls.push(Bar { label: label.into(), value: ns / 1e3, text: micros(ns), color });
        }
        let mut throughput = Vec::new();
        for n in GROWTH_SIZES {
            let bytes = self.f(&format!("growth.{n}.bytes"))?;
            for (who, key, color) in [("generated crate", "ours", OURS), ("serde-derive", "serde", SERDE)] {
                let mbs = bytes / self.f(&format!("growth.{n}.{key}.median_ns"))? * 1e3;
                let noun = if n == 1 { "session" } else { "sessions" };
                throughput.push(Bar { label: format!("{} {noun}: {who}", thousands(n)), value: mbs, text: format!("{mbs:.0} MB/s"), color });
            }
        }
        let (width, label_w, bar_h, gap, title_h) = (820.0, 300.0, 20.0, 6.0, 46.0);
        let max_bar = width - label_w - 110.0;
        let mut y = 0.0;
        let mut body = String::new();
        for (title, bars) in [
            ("One ListSessions call, 20 sessions: median µs per call (shorter is better)", &calls),
            ("Parse throughput by page size: MB/s (longer is better)", &throughput),
        ] {
            y += title_h;
            let _ = writeln!(body, r#"<text x="10" y="{:.0}" font-size="15" font-weight="bold">{}</text>"#, y - 16.0, escape(title));
            let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
            for b in bars.iter() {
                let w = (b.value / max * max_bar).max(1.0);
                let _ = writeln!(
                    body,
                    r#"<text x="{:.0}" y="{:.1}" font-size="12" text-anchor="end">{}</text><rect x="{label_w:.0}" y="{y:.1}" width="{w:.1}" height="{bar_h:.0}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12">{}</text>"#,
                    label_w - 8.0,
                    y + 14.0,
                    escape(&b.label),
                    b.color,
                    label_w + w + 6.0,
                    y + 14.0,
                    escape(&b.text)
                );
                y += bar_h + gap;
            }
        }
        y += 24.0;
        let _ = writeln!(
            body,
            r##"<text x="10" y="{:.0}" font-size="11" fill="#4a5568">{}</text>"##,
            y - 8.0,
            escape(&format!("cargo xtask bench, {}, {} ({} cores), {}", self.machine.date, self.machine.cpu, self.machine.nproc, self.machine.rustc))
        );
        Ok(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{y:.0}\" viewBox=\"0 0 {width:.0} {y:.0}\" font-family=\"sans-serif\">\n\
             <!-- Written by `cargo xtask bench` from the figures in BENCHMARKS.md. Do not edit by hand. -->\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n"
        ))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

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
