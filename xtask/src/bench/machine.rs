//! The machine a run measures on: CPU, memory, toolchain, commit, load.

use super::GNU_TIME;
use std::path::Path;
use std::process::Command;

pub(super) struct Machine {
    pub(super) cpu: String,
    pub(super) nproc: String,
    pub(super) memory: String,
    pub(super) os: String,
    pub(super) rustc: String,
    pub(super) cargo: String,
    pub(super) commit: String,
    pub(super) date: String,
    pub(super) load_start: String,
}


pub(super) fn check_gnu_time() -> Result<(), String> {
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

pub(super) fn command_line(program: &str, args: &[&str], dir: &Path) -> String {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub(super) fn read_first_line(path: &str) -> String {
    std::fs::read_to_string(path).ok().and_then(|s| s.lines().next().map(str::to_string)).unwrap_or_else(|| "unknown".into())
}

/// "1.20, 0.85, 0.60" (1, 5 and 15 minutes).
pub(super) fn load_average() -> String {
    read_first_line("/proc/loadavg").split_whitespace().take(3).collect::<Vec<_>>().join(", ")
}

pub(super) fn machine(root: &Path) -> Machine {
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

