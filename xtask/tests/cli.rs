//! `cargo xtask codegen` from the outside: exit statuses, what it prints, and that a failed
//! run leaves the output directory exactly as it was.
//!
//! Models come from `tests/fixtures/bad_models/` (see its README); `valid_base.json` there
//! is the small valid model the output directories are generated from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const XTASK: &str = env!("CARGO_BIN_EXE_xtask");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bad_models").join(name)
}

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "xtask-cli-{label}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir(&path).expect("create temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn codegen(args: &[&str]) -> Output {
    Command::new(XTASK).arg("codegen").args(args).output().expect("run xtask")
}

fn run_codegen(model: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--model", model.to_str().expect("utf-8 path"), "--out", out.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    codegen(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn describe(output: &Output) -> String {
    format!("status {:?}, stderr:\n{}", output.status.code(), stderr(output))
}

/// Every directory (as `None`) and file (with its bytes) under `root`, by relative path.
fn snapshot(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("dir entry").path();
            let rel = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                entries.insert(rel, None);
                pending.push(path);
            } else {
                entries.insert(rel, Some(std::fs::read(&path).expect("read file")));
            }
        }
    }
    entries
}

fn differences(expected: &BTreeMap<String, Option<Vec<u8>>>, actual: &BTreeMap<String, Option<Vec<u8>>>) -> Vec<String> {
    let mut lines = Vec::new();
    for (path, entry) in expected {
        match actual.get(path) {
            None => lines.push(format!("missing {path}")),
            Some(other) if other != entry => lines.push(format!("changed {path}")),
            Some(_) => {}
        }
    }
    lines.extend(actual.keys().filter(|p| !expected.contains_key(*p)).map(|p| format!("new {p}")));
    lines
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("dir entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy file");
        }
    }
}

/// Generates the crate of `valid_base.json` into `<tmp>/generated`.
fn generate_valid(tmp: &TempDir) -> PathBuf {
    let out = tmp.path().join("generated");
    let output = run_codegen(&fixture("valid_base.json"), &out, &[]);
    assert_eq!(output.status.code(), Some(0), "generating valid_base.json: {}", describe(&output));
    assert!(out.join("src/lib.rs").is_file(), "no src/lib.rs in {}", out.display());
    out
}

/// A model the CLI must reject: the shape (if any) and JSON path its error names.
struct Bad {
    file: &'static str,
    shape: Option<&'static str>,
    path: &'static str,
}

const BAD_SAMPLE: &[Bad] = &[
    Bad { file: "truncated.json", shape: None, path: "$" },
    Bad { file: "missing_member_target.json", shape: Some("com.example#Filter"), path: r#"shapes["com.example#Filter"].members.Value.target"# },
    Bad { file: "missing_operation_input.json", shape: Some("com.example#GetThing"), path: r#"shapes["com.example#GetThing"].input.target"# },
    Bad { file: "no_service.json", shape: None, path: "$.shapes" },
    Bad { file: "query_protocols.json", shape: Some("com.example#Example"), path: r#"shapes["com.example#Example"].traits"# },
    Bad { file: "rust_name_collision_namespaces.json", shape: Some("com.other#Filter"), path: r#"shapes["com.other#Filter"]"# },
    Bad { file: "member_snake_case_collision.json", shape: Some("com.example#Filter"), path: r#"shapes["com.example#Filter"].members.FooBar"# },
    Bad { file: "uri_label_without_member.json", shape: Some("com.example#GetThing"), path: r#"shapes["com.example#GetThing"].traits["smithy.api#http"].uri"# },
    Bad { file: "http_code_not_integer.json", shape: Some("com.example#GetThing"), path: r#"shapes["com.example#GetThing"].traits["smithy.api#http"].code"# },
];

/// Runs `bad` over a copy of a generated crate; returns what went wrong.
fn check_rejected(bad: &Bad, generated: &Path, before: &BTreeMap<String, Option<Vec<u8>>>, scratch: &Path) -> Vec<String> {
    check_rejected_with(bad, generated, before, scratch, &[])
}

fn check_rejected_with(
    bad: &Bad,
    generated: &Path,
    before: &BTreeMap<String, Option<Vec<u8>>>,
    scratch: &Path,
    args: &[&str],
) -> Vec<String> {
    let out = scratch.join(bad.file.trim_end_matches(".json"));
    copy_dir(generated, &out);
    let output = run_codegen(&fixture(bad.file), &out, args);
    let text = stderr(&output);
    let mut problems = Vec::new();
    if output.status.code() != Some(1) {
        problems.push(format!("ended with {}, expected exit status 1", output.status));
    }
    let error_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("error:")).collect();
    if error_lines.len() != 1 {
        problems.push(format!("{} `error:` lines, expected 1", error_lines.len()));
    }
    if !error_lines.first().is_some_and(|l| l.contains(bad.file)) {
        problems.push("the `error:` line does not name the model file".to_owned());
    }
    let shape_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  shape: ")).collect();
    let expected_shape_lines: Vec<String> = bad.shape.iter().map(|s| format!("  shape: {s}")).collect();
    if shape_lines != expected_shape_lines {
        problems.push(format!("shape lines {shape_lines:?}, expected {expected_shape_lines:?}"));
    }
    if !text.lines().any(|l| l == format!("  at: {}", bad.path)) {
        problems.push(format!("no `  at: {}` line", bad.path));
    }
    if text.contains("panicked") {
        problems.push("a panic message".to_owned());
    }
    let changes = differences(before, &snapshot(&out));
    if !changes.is_empty() {
        problems.push(format!("the output directory changed: {}", changes.join(", ")));
    }
    if problems.is_empty() {
        Vec::new()
    } else {
        vec![format!("{}: {}\n    stderr: {}", bad.file, problems.join("; "), text.trim_end().replace('\n', "\n            "))]
    }
}

#[test]
fn bad_models_fail_with_one_error_and_leave_the_output_untouched() {
    let tmp = TempDir::new("bad");
    let generated = generate_valid(&tmp);
    let before = snapshot(&generated);
    let failures: Vec<String> = BAD_SAMPLE.iter().flat_map(|bad| check_rejected(bad, &generated, &before, tmp.path())).collect();
    assert!(failures.is_empty(), "{} of {} models:\n{}", failures.len(), BAD_SAMPLE.len(), failures.join("\n"));
}

#[test]
fn check_passes_on_fresh_output_and_writes_nothing() {
    let tmp = TempDir::new("check-fresh");
    let out = generate_valid(&tmp);
    let before = snapshot(&out);
    let output = run_codegen(&fixture("valid_base.json"), &out, &["--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert_eq!(differences(&before, &snapshot(&out)), Vec::<String>::new());
}

/// Applies `change` to a fresh copy of the generated crate, then `--check` must fail and
/// list `listed` (e.g. `differs: src/lib.rs`), without touching the directory.
fn check_reports(label: &str, change: impl FnOnce(&Path), listed: &str) {
    let tmp = TempDir::new(label);
    let out = generate_valid(&tmp);
    change(&out);
    let before = snapshot(&out);
    let output = run_codegen(&fixture("valid_base.json"), &out, &["--check"]);
    let text = stderr(&output);
    assert!(!output.status.success(), "--check passed: {}", describe(&output));
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(text.lines().any(|l| l.trim() == listed), "`{listed}` is not listed: {}", describe(&output));
    assert!(text.contains("stale"), "no `stale` summary: {}", describe(&output));
    assert_eq!(differences(&before, &snapshot(&out)), Vec::<String>::new(), "--check changed the directory");
}

#[test]
fn check_reports_a_hand_edited_file() {
    check_reports(
        "check-edited",
        |out| {
            let path = out.join("src/lib.rs");
            let mut text = std::fs::read_to_string(&path).expect("read lib.rs");
            text.push_str("\npub fn hand_written() {}\n");
            std::fs::write(path, text).expect("write lib.rs");
        },
        "differs: src/lib.rs",
    );
}

#[test]
fn check_reports_a_deleted_file() {
    check_reports(
        "check-deleted",
        |out| std::fs::remove_file(out.join("src/types/filter.rs")).expect("delete filter.rs"),
        "missing: src/types/filter.rs",
    );
}

#[test]
fn check_reports_an_extra_generated_file() {
    check_reports(
        "check-extra",
        |out| {
            let header = "// @generated by `cargo xtask codegen` from tests/fixtures/bad_models/valid_base.json. Do not edit.\n";
            std::fs::write(out.join("src/types/stale.rs"), format!("{header}\npub struct Stale;\n")).expect("write stale.rs");
        },
        "extra (no longer generated): src/types/stale.rs",
    );
}

/// A file without the generated header is the user's: `--check` does not mind it.
#[test]
fn check_ignores_an_extra_hand_written_file() {
    let tmp = TempDir::new("check-user-file");
    let out = generate_valid(&tmp);
    std::fs::write(out.join("src/types/notes.rs"), "// hand-written\n").expect("write notes.rs");
    let output = run_codegen(&fixture("valid_base.json"), &out, &["--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
}

#[test]
fn a_second_run_writes_nothing_and_says_so() {
    let tmp = TempDir::new("twice");
    let out = generate_valid(&tmp);
    let mtimes = |root: &Path| -> BTreeMap<String, std::time::SystemTime> {
        snapshot(root)
            .into_keys()
            .map(|rel| (rel.clone(), std::fs::metadata(root.join(&rel)).and_then(|m| m.modified()).expect("mtime")))
            .collect()
    };
    let before = (snapshot(&out), mtimes(&out));
    let output = run_codegen(&fixture("valid_base.json"), &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert!(stderr(&output).contains("nothing to write"), "{}", describe(&output));
    assert!(
        !stderr(&output).lines().any(|l| l.trim_start().starts_with("added:") || l.trim_start().starts_with("changed:")),
        "the second run lists changes: {}",
        describe(&output)
    );
    assert!((snapshot(&out), mtimes(&out)) == before, "the second run touched the directory");
}

#[test]
fn an_unknown_operation_is_refused_with_the_available_ones() {
    let tmp = TempDir::new("no-such-op");
    let out = tmp.path().join("generated");
    let output = run_codegen(&fixture("valid_base.json"), &out, &["--operation", "NoSuchOp"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let error_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 1, "{}", describe(&output));
    for expected in ["NoSuchOp", "GetThing", "ListThings"] {
        assert!(error_lines[0].contains(expected), "the error does not mention {expected}: {}", describe(&output));
    }
    assert!(!out.exists(), "the output directory was created");
}

/// Known bugs: each expects the correct behaviour (exit 1, one error line naming the path,
/// the output untouched). See `tests/fixtures/bad_models/README.md`.
fn expect_rejected(bad: &Bad, args: &[&str]) {
    let tmp = TempDir::new("rejected");
    let generated = generate_valid(&tmp);
    let before = snapshot(&generated);
    let failures = check_rejected_with(bad, &generated, &before, tmp.path(), args);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn missing_service_error_target_is_rejected() {
    expect_rejected(
        &Bad {
            file: "missing_service_error.json",
            shape: Some("com.example#Example"),
            path: r#"shapes["com.example#Example"].errors[0].target"#,
        },
        &[],
    );
}

#[test]
fn recursive_shape_is_rejected_when_its_operation_is_asked_for() {
    // With no --operation the operation is left out and listed; asked for by name, it is an error.
    expect_rejected(
        &Bad {
            file: "recursive_list.json",
            shape: Some("com.example#Nested"),
            path: r#"shapes["com.example#Nested"].member.target"#,
        },
        &["--operation", "ListThings"],
    );
}

#[test]
fn check_models_prints_one_row_per_model_and_fails_on_a_broken_one() {
    let dir = TempDir::new("check-models");
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/models");
    std::fs::copy(models.join("kinds.json"), dir.path().join("kinds.json")).expect("copy");
    std::fs::copy(fixture("enum_empty.json"), dir.path().join("empty-enum.json")).expect("copy");
    let output = Command::new(XTASK)
        .args(["check-models", "--generate-only"])
        .arg(dir.path())
        .output()
        .expect("run xtask");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "a model that does not generate fails the run:\n{stdout}");
    let row = |name: &str| stdout.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no row for {name}:\n{stdout}")).to_owned();
    let kinds: Vec<String> = row("kinds ").split_whitespace().map(str::to_owned).collect();
    assert_eq!(kinds[..4], ["kinds", "4", "0", "-"], "{stdout}");
    assert!(row("empty-enum ").contains("ERROR"), "{stdout}");
    assert!(stdout.contains("empty-enum: not generated: an enum has no members"), "{stdout}");
    assert!(stdout.contains("check-models: 2 models (1 generated), 4 operations generated, 0 left out"), "{stdout}");
}

#[test]
fn check_models_refuses_an_only_name_that_matches_no_model() {
    let dir = TempDir::new("check-models-only");
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/models");
    std::fs::copy(models.join("kinds.json"), dir.path().join("kinds.json")).expect("copy");
    let output = Command::new(XTASK)
        .args(["check-models", "--generate-only", "--only", "kinds", "--only", "kinsd"])
        .arg(dir.path())
        .output()
        .expect("run xtask");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0), "an unknown --only name must fail the run");
    assert!(stderr.contains("--only kinsd: no such model") && stderr.contains("it has: kinds"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).is_empty(), "nothing is checked");
}

/// `--protocol` picks another protocol the service offers, and refuses one it does not.
#[test]
fn protocol_option_picks_among_the_services_protocols() {
    // The diff fixture's service offers restJson1 and awsJson1_0 (preferred).
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diff/protocol_changed.json");
    let readme_of = |extra: &[&str]| {
        let dir = TempDir::new("protocol");
        let out = dir.path().join("crate");
        let output = run_codegen(&model, &out, extra);
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read_to_string(out.join("README.md")).expect("README")
    };
    assert!(readme_of(&[]).contains("Types and awsJson1_0 wire code"));
    assert!(readme_of(&["--protocol", "restJson1"]).contains("Types and restJson1 wire code"));
    assert!(readme_of(&["--protocol", "aws.protocols#awsJson1_0"]).contains("Types and awsJson1_0 wire code"));

    let dir = TempDir::new("protocol-refused");
    let output = run_codegen(&model, &dir.path().join("crate"), &["--protocol", "awsJson1_1"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("the service does not offer the protocol `awsJson1_1` (it offers: awsJson1_0, restJson1)"), "{err}");
    assert!(!dir.path().join("crate").exists(), "nothing is written");
}
