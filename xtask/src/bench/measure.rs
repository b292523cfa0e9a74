//! Figures measured in-process: the harness's lines, and the generator as `cargo xtask
//! codegen` runs it.

use super::{Figures, Scratch};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the harness; its `name<TAB>value` lines on stdout, progress on stderr.
pub(super) fn harness_figures(harness: &Path, args: &[&str]) -> Result<Figures, String> {
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
pub(super) fn xtask_codegen(model: &Path, runs: usize) -> Result<Figures, String> {
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
pub(super) fn parse_summary(line: &str) -> Option<Vec<(String, f64)>> {
    let tail = line.rsplit("; ").next()?;
    let (total, steps) = tail.split_once(" ms (")?;
    let mut figures = vec![("total".to_string(), total.trim().parse().ok()?)];
    for part in steps.trim_end_matches(')').split(", ") {
        let (name, value) = part.split_once(' ')?;
        figures.push((name.to_string(), value.parse().ok()?));
    }
    Some(figures)
}

