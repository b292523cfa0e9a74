//! A model read from IDL generates what the same model in the JSON AST generates: the reader
//! hands the pipeline the JSON AST Smithy would write, so nothing after `load` can tell.

use codegen::load::Source;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn options() -> codegen::Options {
    codegen::Options {
        package: "notes".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: "notes".to_owned(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Version("0.1.0".to_owned()),
    }
}

/// The files, with the model's digest (which differs with the text read) made neutral.
fn files(generated: codegen::Generated, digest: &str) -> codegen::output::FileTree {
    generated.files.into_iter().map(|(path, text)| (path, text.replace(digest, "DIGEST"))).collect()
}

#[test]
fn the_notes_service_in_idl_generates_the_crate_its_json_generates() {
    let json = std::fs::read_to_string(root().join("tests/fixtures/example-models/notes.json")).unwrap();
    let from_json = files(codegen::generate(&json, &options()).unwrap(), &codegen::sha256_hex(json.as_bytes()));
    let dir = root().join("codegen/tests/fixtures/idl/notes");
    let sources = codegen::load::read_sources(&[dir]).unwrap();
    assert_eq!(sources.len(), 2);
    let texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    let generated = codegen::generate_sources(&sources, &options()).unwrap_or_else(|e| panic!("{e}"));
    let from_idl = files(generated, &codegen::sha256_hex(texts.join("\n").as_bytes()));
    assert!(from_json.len() > 5);
    for (path, text) in &from_json {
        assert_eq!(from_idl.get(path), Some(text), "{path}");
    }
    assert_eq!(from_idl.len(), from_json.len());
}

#[test]
fn the_json_ast_written_for_a_json_model_generates_the_same_crate() {
    let path = root().join("model/mpa-2022-07-26.json");
    let json = std::fs::read_to_string(&path).unwrap();
    let written = codegen::load::smithy_json(&[Source::new("mpa.json", json.clone())]).unwrap();
    let options = codegen::Options { package: "mpa".to_owned(), ..options() };
    let before = files(codegen::generate(&json, &options).unwrap(), &codegen::sha256_hex(json.as_bytes()));
    let after = files(codegen::generate(&written, &options).unwrap(), &codegen::sha256_hex(written.as_bytes()));
    assert_eq!(before, after);
}

#[test]
fn an_idl_error_reaches_the_caller_with_its_place() {
    let sources = [Source::new("bad.smithy", "$version: \"2.0\"\nnamespace ex\nstructure A {\n  b: Nope\n}\n")];
    let error = codegen::generate_sources(&sources, &options()).unwrap_err();
    assert!(matches!(error, codegen::Error::Source(_)));
    assert!(error.to_string().starts_with("bad.smithy:4:6: `Nope` names no shape"), "{error}");
}
