//! The contract of the IDL path from the outside: `cargo xtask smithy-json PATH... [--out
//! FILE]` prints (or writes) the JSON AST and fails with a message on stderr naming the place;
//! `cargo xtask codegen --model PATH` takes the same paths, repeatable.

use std::path::{Path, PathBuf};
use std::process::Command;

const XTASK: &str = env!("CARGO_BIN_EXE_xtask");

fn idl_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/idl")
}

fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-idl-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn smithy_json_prints_the_json_ast_of_a_directory_of_idl_files() {
    let out = Command::new(XTASK).arg("smithy-json").arg(idl_fixtures().join("notes")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ast: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(ast["smithy"], "2.0");
    let ids: Vec<&String> = ast["shapes"].as_object().unwrap().keys().collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "shapes sorted by id");
    assert_eq!(ast["shapes"]["example.notes#ListNotes"]["input"]["target"], "example.notes#ListNotesInput");
    assert!(!ids.iter().any(|id| id.starts_with("smithy.api#")), "prelude left out");
}

#[test]
fn smithy_json_writes_to_out_and_fails_on_stderr_with_the_place() {
    let dir = scratch("out");
    let file = dir.join("model.json");
    let source = idl_fixtures().join("valid/main-test.smithy");
    let out = Command::new(XTASK).arg("smithy-json").arg(&source).arg("--out").arg(&file).output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty());
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(written["shapes"]["example.weather#Weather"].is_object());

    let bad = dir.join("bad.smithy");
    std::fs::write(&bad, "$version: \"2.0\"\nnamespace ex\nstring A B\n").unwrap();
    let out = Command::new(XTASK).arg("smithy-json").arg(&bad).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!out.status.success() && out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.smithy:3:10: expected a new line"), "{stderr}");
    assert!(stderr.contains("string A B") && stderr.contains('^'), "{stderr}");
}

#[test]
fn codegen_takes_idl_files_given_one_by_one() {
    let dir = scratch("codegen");
    let notes = idl_fixtures().join("notes");
    let out = Command::new(XTASK)
        .args(["codegen", "--package", "notes", "--runtime-version", "0.1.0", "--out"])
        .arg(dir.join("notes"))
        .arg("--model")
        .arg(notes.join("service.smithy"))
        .arg("--model")
        .arg(notes.join("shapes.smithy"))
        .output()
        .unwrap();
    let lib = std::fs::read_to_string(dir.join("notes/src/lib.rs"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(lib.unwrap().contains("service.smithy, "), "the header names both files");
}
