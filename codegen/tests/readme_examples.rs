//! The generated README's worked example and the example program come from the model, for
//! any model: the operation is chosen and every value decided from the model's types and
//! constraints, so that the README's doctests pass the crate's checks and run.
//!
//! `tests/fixtures/example-models/` holds models made for the hard cases: constrained
//! labels, query lists and page sizes (`widgets`), a required nested structure of every kind
//! with a header and a host label (`gadgets`), and a `@pattern` no value is found for, with
//! the page token in headers (`notes`).

use codegen::ir::example::{ExampleIr, OutputCheck, TokenCheck, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Where the test that builds the crates writes them: the runtime dependency's path is
/// relative to it.
fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("readme-examples-{}", std::process::id()))
}

fn options(package: &str) -> codegen::Options {
    codegen::Options {
        package: package.to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: format!("{package}.json"),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::local(&scratch().join(package)),
    }
}

fn models(dir: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
    found.retain(|p| p.extension().is_some_and(|e| e == "json"));
    found.sort();
    assert!(!found.is_empty(), "no model in {dir}");
    found
}

fn package(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().replace('.', "-")
}

fn files(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let generated = codegen::generate(&text, &options(&package(path))).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    generated.files
}

fn example(dir: &str, name: &str) -> ExampleIr {
    let path = root().join(dir).join(format!("{name}.json"));
    let ir = codegen::lower_model(&std::fs::read_to_string(&path).unwrap(), &options(name)).unwrap();
    ir.example.unwrap_or_else(|| panic!("{name}: no example"))
}

/// Every model of the repository gets the README's three examples and an example program,
/// named in `Cargo.toml` and in the README.
#[test]
fn every_model_gets_a_worked_example_and_a_program() {
    let mut all = models("tests/fixtures/aws-models");
    all.extend(models("tests/fixtures/models"));
    all.extend(models("tests/fixtures/example-models"));
    all.push(root().join("model/mpa-2022-07-26.json"));
    for path in &all {
        let files = files(path);
        let name = path.display();
        let readme = &files["README.md"];
        assert!(readme.contains("```rust,no_run\n# #[cfg(feature = \"blocking\")] {"), "{name}: no client example");
        assert!(readme.contains("::serialize_request"), "{name}: no request built");
        assert!(readme.contains("::parse_response(&reply)?;"), "{name}: no response read");
        let cargo = &files["Cargo.toml"];
        let program = cargo
            .split("[[example]]\nname = \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{name}: no [[example]] in Cargo.toml"));
        let source = files.get(&format!("examples/{program}.rs")).unwrap_or_else(|| panic!("{name}: no examples/{program}.rs"));
        assert!(source.contains("pub fn run(args: impl Iterator<Item = String>) -> ExitCode"), "{name}: {program} has no `run`");
        // The README's command line takes what the program's usage says it takes.
        let command = format!("cargo run --features blocking --example {program}");
        let shown = readme.split(&command).nth(1).and_then(|rest| rest.split('`').next());
        let shown = shown.unwrap_or_else(|| panic!("{name}: the README does not name the program"));
        let usage = source.split(&format!("const USAGE: &str = \"usage: {program}")).nth(1).and_then(|rest| rest.split('"').next());
        let usage = usage.unwrap_or_else(|| panic!("{name}: {program} has no usage line"));
        assert_eq!(shown.strip_prefix(" --").unwrap_or(shown), usage, "{name}: the README's command and the program's usage differ");
    }
}

fn text(value: &Value) -> &str {
    match value {
        Value::Text(t) => t,
        other => panic!("not text: {other:?}"),
    }
}

fn setter<'a>(setters: &'a [codegen::ir::example::Setter], field: &str) -> &'a Value {
    &setters.iter().find(|s| s.field == field).unwrap_or_else(|| panic!("no `{field}` in {setters:?}")).value
}

/// Values meet `@length`, `@pattern` and `@range` (page size included), the page token its
/// `@length`, and responses use the members' JSON names.
#[test]
fn values_meet_the_constraints() {
    let e = example("tests/fixtures/example-models", "widgets");
    assert_eq!(e.operation, "ListWidgets", "the paginated operation");
    assert!(e.unchecked.is_empty());
    let owner = text(setter(&e.input, "owner_id"));
    assert!((9..=12).contains(&owner.len()), "@length(9, 12): {owner:?}");
    let (letters, digits) = owner.split_once('-').expect("^[a-z]+-[0-9]{4}$");
    assert!(letters.bytes().all(|b| b.is_ascii_lowercase()) && digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()), "{owner:?}");
    assert_eq!(setter(&e.input, "kind"), &Value::Enum { path: "WidgetKind".into(), variant: "Round".into() });
    let Value::List(colors) = setter(&e.input, "colors") else { panic!("a list") };
    assert_eq!(colors.len(), 2, "@length(min: 2)");
    assert!(colors.iter().all(|c| text(c).len() == 7 && text(c).starts_with('#')), "{colors:?}");
    assert_eq!(setter(&e.input, "max_results"), &Value::Number("20".into()), "@range(20, 50)");
    assert_eq!(e.path.as_deref(), Some(format!("/owners/{owner}/widgets").as_str()));
    assert!(body_text(&e.response.body).contains(r#"{"id":"#), "the member's @jsonName: {}", body_text(&e.response.body));
    assert!(!body_text(&e.response.body).contains("Secret"), "sensitive members are not shown: {}", body_text(&e.response.body));
    assert!(matches!(&e.output_check, OutputCheck::Items { accessor, count: 1, .. } if accessor == "widgets"));
    let pages = e.pages.expect("pages");
    let TokenCheck::Query(pair) = &pages.token_check else { panic!("{:?}", pages.token_check) };
    let token = pair.strip_prefix("token=").expect("the query key");
    assert!(token.len() >= 8, "@length(min: 8): {token:?}");
    assert!(body_text(&pages.first.body).contains(&format!(r#""NextToken":"{token}""#)) && !body_text(&pages.second.body).contains("NextToken"));
    assert_eq!((pages.page_size, pages.items), (Some(20), Some(3)));
    let error = e.error.expect("an error");
    assert_eq!((error.variant.as_str(), error.response.status), ("BadInput", 422), "a client error before a server one");
    assert!(body_text(&error.response.body).contains(r#""Field":"#), "its required member: {}", body_text(&error.response.body));

    let e = example("tests/fixtures/example-models", "gadgets");
    assert_eq!(e.operation, "PutGadget");
    assert_eq!(text(setter(&e.input, "name")), "Example", "^[A-Z][a-z]+$ with @length(min: 3)");
    assert_eq!(text(setter(&e.input, "zone")), "example", "a host label");
    let serial = text(setter(&e.input, "serial"));
    assert!(serial.len() == 8 && serial.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{serial:?}");
    let Value::Struct { setters: spec, .. } = setter(&e.input, "spec") else { panic!("a structure") };
    let Value::List(parts) = setter(spec, "parts") else { panic!("a list") };
    assert_eq!(parts.len(), 2, "@length(2, 3)");
    assert!(parts.iter().all(|p| text(p).starts_with('p') && text(p)[1..].bytes().all(|b| b.is_ascii_digit())), "{parts:?}");
    let Value::Map(attributes) = setter(spec, "attributes") else { panic!("a map") };
    assert_eq!(attributes.len(), 2, "@length(min: 2)");
    assert_ne!(attributes[0].0, attributes[1].0, "distinct keys");
    assert!(attributes.iter().all(|(k, v)| k.len() == 3 && *v == Value::Number("100".into())), "{attributes:?}");
    let Value::Blob { text: payload, .. } = setter(spec, "payload") else { panic!("a blob") };
    assert!(payload.len() >= 10, "@length(min: 10): {payload:?}");
    let Value::Struct { setters: numbers, .. } = setter(spec, "numbers") else { panic!("a structure") };
    assert!(matches!(setter(numbers, "size"), Value::Big { value: 1000, .. }), "@range(min: 1000)");
    assert_eq!(setter(numbers, "ratio"), &Value::Number("0.5".into()), "@range(0.25, 0.75)");

    let e = example("tests/fixtures/example-models", "notes");
    assert_eq!(e.unchecked, ["Book"], "no value found for a backreference");
    assert!(e.program.validate, "the program's value is the user's, checked as any");
    assert!(matches!(&e.pages.expect("pages").token_check, TokenCheck::Header { name, .. } if name == "x-next"));
}

/// The README of a model whose `@pattern` has no example value says so and turns
/// validation off, in each example.
#[test]
fn validation_is_turned_off_only_when_a_value_is_unchecked() {
    let notes = files(&root().join("tests/fixtures/example-models/notes.json"));
    let readme = &notes["README.md"];
    assert!(readme.contains("No value was found that the model's `@pattern` accepts for `Book`"), "{readme}");
    assert_eq!(readme.matches("SerializeOptions::default().validate(false)").count(), 5, "{readme}");
    let widgets = files(&root().join("tests/fixtures/example-models/widgets.json"));
    assert!(!widgets["README.md"].contains("validate(false)"));
}

/// The example models' crates, built: the README's doctests run (the client example
/// compiles), the example program passes clippy and answers `--help` and a missing argument.
#[test]
fn the_example_models_doctests_run_and_their_programs_build() {
    let dir = scratch();
    let _ = std::fs::remove_dir_all(&dir);
    let mut members = Vec::new();
    let mut programs = Vec::new();
    for path in models("tests/fixtures/example-models") {
        let package = package(&path);
        for (file, contents) in files(&path) {
            let out = dir.join(&package).join(file);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(out, contents).unwrap();
        }
        let program = example("tests/fixtures/example-models", &package).program;
        programs.push((package.clone(), program.name, program.args.len()));
        members.push(package);
    }
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    for file in ["rust-toolchain.toml", "Cargo.lock"] {
        std::fs::copy(root().join(file), dir.join(file)).unwrap();
    }
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("readme-examples");
    let cargo = |args: &[&str]| {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo runs");
        (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (ok, out, err) = cargo(&["test", "--offline", "--workspace", "--doc", "--features", "blocking,test-util"]);
    assert!(ok, "the doctests fail:\n{out}\n{err}");
    assert!(out.contains("README.md"), "the README's doctests did not run:\n{out}");
    let (ok, _, err) = cargo(&["clippy", "--offline", "--workspace", "--examples", "--features", "blocking", "--", "-D", "warnings"]);
    assert!(ok, "clippy refuses the programs:\n{err}");
    for (package, program, args) in &programs {
        let run = |args: &[&str]| {
            let mut all = vec!["run", "--offline", "--quiet", "-p", package, "--features", "blocking", "--example", program, "--"];
            all.extend(args);
            cargo(&all)
        };
        let (ok, out, err) = run(&["--help"]);
        assert!(ok && out.starts_with(&format!("usage: {program}")), "{package}: --help:\n{out}\n{err}");
        let mut values = vec!["value"; *args];
        values.push("extra");
        let (ok, _, err) = run(&values);
        assert!(!ok && err.contains("unexpected argument `extra`"), "{package}: too many arguments:\n{err}");
        if *args > 0 {
            let (ok, _, err) = run(&[]);
            assert!(!ok && err.contains("missing <"), "{package}: no arguments:\n{err}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The text of a JSON body (this model speaks restJson1).
fn body_text(body: &codegen::ir::example::Body) -> &str {
    match body {
        codegen::ir::example::Body::Text(text) => text,
        codegen::ir::example::Body::Cbor(bytes) => panic!("expected a JSON body, got CBOR {bytes:02x?}"),
    }
}
