//! `cargo xtask diff`: what a model update changes for users of the generated crate.
//!
//! Exit codes: 0 when the report is printed; 1 when a model cannot be read or is invalid;
//! 2 for a usage error; 3 with `--deny-breaking` when some change is breaking.

use super::{default_model, display_path, root};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Exit code of `--deny-breaking` when a breaking change is found.
pub const EXIT_BREAKING: u8 = 3;

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old model: a path, `git:REV` (the model file at that revision), or `git:REV:PATH`.
    #[arg(default_value = "git:HEAD")]
    old: String,
    /// The new model, in the same forms [default: the one `.json` file in `model/`].
    new: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// List documentation-only changes too (they are always counted).
    #[arg(long)]
    docs: bool,
    /// Print a CHANGELOG entry instead of the report.
    #[arg(long, conflicts_with_all = ["format", "docs"])]
    changelog: bool,
    /// Exit with code 3 when some change is breaking.
    #[arg(long)]
    deny_breaking: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Markdown,
    Json,
}

pub fn run(args: DiffArgs) -> Result<ExitCode, String> {
    let root = root();
    let new = match &args.new {
        Some(spec) => spec.clone(),
        None => display_path(&default_model(&root)?, &root),
    };
    let (old_label, old_ir) = lower_side(&args.old, &root)?;
    let (new_label, new_ir) = lower_side(&new, &root)?;
    let report = codegen::diff::Report::new(&old_label, &old_ir, &new_label, &new_ir);
    let text = if args.changelog {
        codegen::diff::render::changelog(&report)
    } else {
        match args.format {
            Format::Markdown => codegen::diff::render::markdown(&report, args.docs),
            Format::Json => codegen::diff::render::json(&report, args.docs),
        }
    };
    print!("{text}");
    if args.deny_breaking && report.has_breaking() {
        eprintln!("breaking changes found (--deny-breaking)");
        return Ok(ExitCode::from(EXIT_BREAKING));
    }
    Ok(ExitCode::SUCCESS)
}

/// Where a model comes from.
#[derive(Debug, PartialEq, Eq)]
enum Source {
    File(PathBuf),
    /// A file at a revision of this repository, by its path from the workspace root.
    Git { rev: String, path: Option<String> },
}

fn parse_source(spec: &str) -> Source {
    match spec.strip_prefix("git:") {
        Some(rest) => match rest.split_once(':') {
            Some((rev, path)) => Source::Git { rev: rev.to_owned(), path: Some(path.to_owned()) },
            None => Source::Git { rev: rest.to_owned(), path: None },
        },
        None => Source::File(PathBuf::from(spec)),
    }
}

/// Reads and lowers one side; the label names it in the report and in errors.
fn lower_side(spec: &str, root: &Path) -> Result<(String, codegen::ir::CrateIr), String> {
    let (label, text) = match parse_source(spec) {
        Source::File(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            (display_path(&path, root), text)
        }
        Source::Git { rev, path } => {
            let path = match path {
                Some(p) => p,
                None => display_path(&default_model(root)?, root),
            };
            let label = format!("git:{rev}:{path}");
            (label.clone(), git_show(root, &rev, &path).map_err(|e| format!("{label}: {e}"))?)
        }
    };
    let ir = codegen::diff::lower_text(&text).map_err(|e| format!("{label}: invalid model: {e}"))?;
    Ok((label, ir))
}

/// The file `path` (from the workspace root) at revision `rev`.
fn git_show(root: &Path, rev: &str, path: &str) -> Result<String, String> {
    let git = |args: &[&str]| {
        Command::new("git").args(args).current_dir(root).output().map_err(|e| format!("cannot run git: {e}"))
    };
    let verify = git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?;
    if !verify.status.success() {
        return Err(format!("unknown revision `{rev}`"));
    }
    let shown = git(&["show", &format!("{rev}:./{path}")])?;
    if !shown.status.success() {
        let stderr = String::from_utf8_lossy(&shown.stderr);
        return Err(format!("no file `{path}` at revision `{rev}` ({})", stderr.trim()));
    }
    String::from_utf8(shown.stdout).map_err(|_| format!("`{path}` at `{rev}` is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        assert_eq!(parse_source("model/m.json"), Source::File(PathBuf::from("model/m.json")));
        assert_eq!(parse_source("git:HEAD"), Source::Git { rev: "HEAD".into(), path: None });
        assert_eq!(
            parse_source("git:HEAD~2:tests/m.json"),
            Source::Git { rev: "HEAD~2".into(), path: Some("tests/m.json".into()) }
        );
    }
}
