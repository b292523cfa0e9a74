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

/// Every JSON model of the repository, written as IDL by `json_to_idl` and read back, gives
/// the shapes its JSON gives: the reader checked on real models, every trait value form they
/// hold included.
#[test]
fn json_models_written_as_idl_read_back_to_the_same_shapes() {
    let mut paths = vec![root().join("model/mpa-2022-07-26.json")];
    for dir in ["tests/fixtures/aws-models", "tests/fixtures/models", "tests/fixtures/example-models"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut checked = 0;
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        // Models that are not valid as files of a model (the hostile ones) are left out.
        let Ok(expected) = codegen::load::load_sources(&[Source::new(&name, text)]) else { continue };
        let idl: Vec<Source> = codegen::load::idl::json_to_idl(&expected)
            .into_iter()
            .map(|(ns, text)| Source::new(format!("{name}.{ns}.smithy"), text))
            .collect();
        let read = codegen::load::load_sources(&idl).unwrap_or_else(|e| panic!("{name}: {e}"));
        let strip = |ast: &serde_json::Value| {
            let mut shapes = ast["shapes"].as_object().unwrap().clone();
            shapes.retain(|id, _| !id.starts_with("smithy.api#"));
            shapes
        };
        let (read, expected) = (strip(&read), strip(&expected));
        for (id, shape) in &expected {
            assert_eq!(read.get(id), Some(shape), "{name}: {id}");
            // Member order is what users see; maps compare without it.
            let order = |s: &serde_json::Value| s.get("members").and_then(|m| m.as_object()).map(|m| m.keys().cloned().collect::<Vec<_>>());
            assert_eq!(read.get(id).and_then(order), order(shape), "{name}: {id}");
        }
        assert_eq!(read.len(), expected.len(), "{name}");
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

#[test]
fn the_mpa_model_written_as_idl_generates_the_crate_its_json_generates() {
    let json = std::fs::read_to_string(root().join("model/mpa-2022-07-26.json")).unwrap();
    let ast = codegen::load::load_sources(&[Source::new("mpa.json", json.clone())]).unwrap();
    let idl: Vec<Source> = codegen::load::idl::json_to_idl(&ast).into_iter().map(|(ns, t)| Source::new(format!("{ns}.smithy"), t)).collect();
    let options = codegen::Options { package: "mpa".to_owned(), ..options() };
    let from_json = files(codegen::generate(&json, &options).unwrap(), &codegen::sha256_hex(json.as_bytes()));
    let texts: Vec<&str> = idl.iter().map(|s| s.text.as_str()).collect();
    let digest = codegen::sha256_hex(texts.join("\n").as_bytes());
    let from_idl = files(codegen::generate_sources(&idl, &options).unwrap_or_else(|e| panic!("{e}")), &digest);
    assert_eq!(from_idl, from_json);
}

/// The crate of a service that is not AWS's (the example service, in IDL) describes the
/// clients it has: its own endpoint variable and the model's auth schemes, not the AWS
/// credentials chain, a region and SigV4, in its README and in its example program.
#[test]
fn a_service_that_is_not_awss_is_not_documented_as_signed_with_aws_credentials() {
    let sources = codegen::load::read_sources(&[root().join("tests/fixtures/idl/tasks")]).unwrap();
    let tasks = codegen::Options { package: "tasks".to_owned(), ..options() };
    let generated = codegen::generate_sources(&sources, &tasks).unwrap_or_else(|e| panic!("{e}"));
    let readme = generated.files.get("README.md").expect("a README");
    let calling = readme.split("## Calling the service").nth(1).expect("its calling section");
    let calling = calling.split("```").next().unwrap();
    assert!(calling.contains("`TASKS_ENDPOINT_URL`"), "{calling}");
    assert!(!calling.contains("SigV4") && !calling.contains("~/.aws/credentials"), "{calling}");
    let example = generated.files.iter().find(|(path, _)| path.starts_with("examples/")).map(|(_, text)| text).expect("an example");
    assert!(example.contains("The endpoint comes from `TASKS_ENDPOINT_URL`"), "{example}");
    assert!(!example.contains("AWS_REGION") && !example.contains("AWS_PROFILE"), "{example}");

    // An AWS service's crate keeps saying where its credentials come from.
    let json = std::fs::read_to_string(root().join("model/mpa-2022-07-26.json")).unwrap();
    let aws = codegen::generate(&json, &options()).unwrap();
    let readme = aws.files.get("README.md").expect("a README");
    assert!(readme.contains("SigV4 signing"), "{readme}");
    let example = aws.files.iter().find(|(path, _)| path.starts_with("examples/")).map(|(_, text)| text).expect("an example");
    assert!(example.contains("(`AWS_PROFILE`, `AWS_REGION`, ...)"), "{example}");
}
