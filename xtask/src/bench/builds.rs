//! The crates that are built clean for the report (a copy of the generated crate, one that
//! depends on aws-sdk-mpa), the builds themselves, and the size counts.

use super::{AWS_CONFIG_VERSION, GNU_TIME, SDK_VERSION};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A clean debug build of one crate.
pub(super) struct Build {
    pub(super) wall_s: f64,
    pub(super) cpu_s: f64,
    pub(super) peak_rss_kb: u64,
    pub(super) compiled: usize,
    /// The crate alone, rebuilt in the same target directory once its dependencies are built.
    pub(super) alone_s: f64,
}

/// One crate's side of the size comparison.
pub(super) struct Size {
    pub(super) files: usize,
    pub(super) lines: usize,
    /// Lines by top-level directory under `src/` (files directly in `src/` under `src`).
    pub(super) by_dir: BTreeMap<String, (usize, usize)>,
    /// Files, lines by file name of the files two levels down (`src/operation/*/input.rs`).
    pub(super) by_kind: BTreeMap<String, (usize, usize)>,
    pub(super) deps_normal: usize,
    pub(super) deps_with_build: usize,
}


pub(super) fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
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

/// A crate that depends on aws-sdk-mpa (default features), and with `with_config` also on
/// aws-config: what a user needs to call the service with credentials from the environment.
pub(super) fn write_sdk_crate(dir: &Path, with_config: bool) -> Result<(), String> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let config = if with_config { format!("aws-config = \"{AWS_CONFIG_VERSION}\"\n") } else { String::new() };
    let manifest = format!(
        "[package]\nname = \"sdk-build\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\naws-sdk-mpa = \"={SDK_VERSION}\"\n{config}\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::write(src.join("lib.rs"), "pub use aws_sdk_mpa;\n").map_err(|e| format!("{}: {e}", src.display()))?;
    Ok(())
}

/// Pins the toolchain (and, where bench/ has a lock file, the dependency versions) as in the
/// repository, then fetches the dependencies, so that the timed build downloads nothing.
pub(super) fn prepare_crate(root: &Path, dir: &Path) -> Result<(), String> {
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

/// The environment of every measured build: its own target directory, and no incremental
/// compilation, as Cargo builds a dependency. The copy of `generated/` is the root package
/// here, which Cargo would otherwise compile incrementally (slower from clean), unlike
/// aws-sdk-mpa, a dependency of its wrapper crate.
fn build_env(target: &Path) -> [(&'static str, &std::ffi::OsStr); 2] {
    [("CARGO_TARGET_DIR", target.as_os_str()), ("CARGO_INCREMENTAL", std::ffi::OsStr::new("0"))]
}

/// `cargo build` (debug, with `features`) in `dir` with a fresh target directory, under GNU
/// time; then `package` alone again (`cargo clean -p`, `cargo build`), to split the time
/// between the crate and its dependencies.
pub(super) fn clean_build(dir: &Path, target: &Path, package: &str, features: &str) -> Result<Build, String> {
    let feature_args: Vec<&str> = if features.is_empty() { vec![] } else { vec!["--features", features] };
    let _ = std::fs::remove_dir_all(target);
    let report = target.with_extension("time.txt");
    let start = Instant::now();
    let output = Command::new(GNU_TIME)
        .arg("-v")
        .arg("-o")
        .arg(&report)
        .args(["cargo", "build", "--offline"])
        .args(&feature_args)
        .current_dir(dir)
        .envs(build_env(target))
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
            .envs(build_env(target))
            .env_remove("RUSTC_WRAPPER")
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .output()
            .map_err(|e| format!("cargo: {e}"))
            .and_then(|o| if o.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&o.stderr).into_owned()) })
    };
    cargo(&["clean", "--offline", "--quiet", "-p", package])?;
    let start = Instant::now();
    cargo(&[&["build", "--offline", "--quiet"], feature_args.as_slice()].concat())?;
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
pub(super) fn sdk_source(sdk_dir: &Path) -> Result<PathBuf, String> {
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

pub(super) fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
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

pub(super) fn size(src: &Path, crate_dir: &Path) -> Result<Size, String> {
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
pub(super) fn tree_count(dir: &Path, edges: &str) -> Result<usize, String> {
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

