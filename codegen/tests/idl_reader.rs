//! The IDL reader's own cases: each grammar rule the Smithy fixtures leave out or only touch,
//! several files merged, the error fixtures of `tests/fixtures/idl/errors/` (each names the
//! line, column and words of its error on its first line), and hostile input.

use codegen::load::{load_sources, Source};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::Path;

fn idl(text: &str) -> Value {
    read(&[("model.smithy", text)]).unwrap_or_else(|e| panic!("{e}"))
}

fn read(files: &[(&str, &str)]) -> Result<Value, String> {
    let sources: Vec<Source> = files.iter().map(|(n, t)| Source::new(*n, *t)).collect();
    load_sources(&sources).map_err(|e| e.to_string())
}

fn shape<'v>(ast: &'v Value, id: &str) -> &'v Value {
    &ast["shapes"][id]
}

#[test]
fn text_blocks_lose_incidental_whitespace_and_keep_escapes() {
    let ast = idl("$version: \"2.0\"\nnamespace ex\n@documentation(\"\"\"\n    Line one\n      indented \\\"q\\\"   \n\n    last\\tx\n    \"\"\")\nstring A\n");
    assert_eq!(shape(&ast, "ex#A")["traits"]["smithy.api#documentation"], "Line one\n  indented \"q\"\n\nlast\tx\n");
}

#[test]
fn string_escapes_include_surrogate_pairs_and_escaped_new_lines() {
    let ast = idl("$version: \"2.0\"\nnamespace ex\n@documentation(\"a\\u00e9\\ud83d\\ude00 \\\\ \\/ b\\\nc\")\nstring A\n");
    assert_eq!(shape(&ast, "ex#A")["traits"]["smithy.api#documentation"], "a\u{e9}\u{1F600} \\ / bc");
}

#[test]
fn every_node_value_form_reads_as_json() {
    let ast = idl(
        "$version: \"2.0\"\nnamespace ex\n@trait\nstructure t {}\n@t(a: -1.5e3, b: [true, false, null], c: { \"quoted key\": 10 }, d: A, e: ex#A$m, f: 12345678901234567890)\nstructure A { m: String }\n",
    );
    assert_eq!(
        shape(&ast, "ex#A")["traits"]["ex#t"],
        json!({"a": -1500.0, "b": [true, false, null], "c": {"quoted key": 10}, "d": "ex#A", "e": "ex#A$m", "f": 12345678901234567890u64})
    );
}

#[test]
fn ids_resolve_through_use_then_the_namespace_then_the_prelude() {
    let ast = read(&[
        ("a.smithy", "$version: \"2.0\"\nnamespace ex\nuse other#Thing\nstructure A {\n  a: Thing\n  b: String\n  c: Integer\n}\n"),
        // `Integer` of the namespace comes before the prelude's, even from another file.
        ("b.smithy", "$version: \"2.0\"\nnamespace ex\nstring Integer\n"),
        ("c.smithy", "$version: \"2.0\"\nnamespace other\nstring Thing\n"),
    ])
    .unwrap();
    let members = &shape(&ast, "ex#A")["members"];
    assert_eq!(members["a"]["target"], "other#Thing");
    assert_eq!(members["b"]["target"], "smithy.api#String");
    assert_eq!(members["c"]["target"], "ex#Integer");
}

#[test]
fn inline_io_takes_the_suffix_controls_and_the_io_traits() {
    let ast = idl(
        "$version: \"2.0\"\n$operationInputSuffix: \"Request\"\n$operationOutputSuffix: \"Response\"\nnamespace ex\noperation Get {\n  input := @sensitive {\n    id: String = \"x\"\n  }\n  output := with [M] {}\n}\n@mixin\nstructure M { n: Integer }\n",
    );
    assert_eq!(shape(&ast, "ex#Get")["input"]["target"], "ex#GetRequest");
    assert_eq!(shape(&ast, "ex#Get")["output"]["target"], "ex#GetResponse");
    let input = shape(&ast, "ex#GetRequest");
    assert_eq!(input["traits"], json!({"smithy.api#input": {}, "smithy.api#sensitive": {}}));
    assert_eq!(input["members"]["id"]["traits"]["smithy.api#default"], "x");
    assert_eq!(shape(&ast, "ex#GetResponse")["mixins"], json!([{"target": "ex#M"}]));
}

#[test]
fn apply_statements_and_blocks_merge_and_list_traits_concatenate() {
    let ast = read(&[
        ("a.smithy", "$version: \"2.0\"\nnamespace ex\n@tags([\"a\"])\nstructure A { m: String }\napply A$m @required\n"),
        ("b.smithy", "$version: \"2.0\"\nnamespace ex\napply A {\n  @tags([\"b\"])\n  @documentation(\"d\")\n}\n"),
    ])
    .unwrap();
    let a = shape(&ast, "ex#A");
    assert_eq!(a["traits"]["smithy.api#tags"], json!(["a", "b"]));
    assert_eq!(a["traits"]["smithy.api#documentation"], "d");
    assert_eq!(a["members"]["m"]["traits"]["smithy.api#required"], json!({}));
}

#[test]
fn idl_1_0_files_read_sets_and_box() {
    let ast = idl("namespace ex\n@box\ninteger I\nset S {\n  member: String\n}\n");
    assert_eq!(shape(&ast, "ex#S")["type"], "set");
    assert_eq!(shape(&ast, "ex#I")["traits"]["smithy.api#box"], json!({}));
}

#[test]
fn idl_2_0_files_still_read_the_deprecated_set() {
    let ast = idl("$version: \"2\"\nnamespace ex\nset S {\n  member: String\n}\n");
    assert_eq!(shape(&ast, "ex#S")["member"]["target"], "smithy.api#String");
}

#[test]
fn a_shape_defined_twice_identically_is_one_shape_and_differently_names_both_files() {
    let same = "$version: \"2.0\"\nnamespace ex\nstring A\n";
    assert!(read(&[("a.smithy", same), ("b.smithy", same)]).is_ok());
    let json = r#"{"smithy": "2.0", "shapes": {"ex#A": {"type": "integer"}}}"#;
    let error = read(&[("a.smithy", same), ("b.json", json)]).unwrap_err();
    assert!(error.starts_with("a.smithy:3:8:") && error.contains("in b.json"), "{error}");
}

#[test]
fn idl_and_json_files_form_one_model() {
    let json = r#"{"smithy": "2.0", "shapes": {"ex#Base": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}}}}"#;
    let ast = read(&[("base.json", json), ("a.smithy", "$version: \"2.0\"\nnamespace ex\nstructure A with [Base] {\n  @required\n  $id\n}\n")]).unwrap();
    assert_eq!(shape(&ast, "ex#A$id"), &json!({"type": "apply", "traits": {"smithy.api#required": {}}}));
    assert_eq!(ast["smithy"], "2.0");
}

#[test]
fn doc_comments_document_what_follows_and_plain_comments_are_whitespace() {
    let ast = idl("$version: \"2.0\"\nnamespace ex\n/// The shape.\n/// Two lines.\n@sensitive // a comment\nstring A, // commas are whitespace\n");
    assert_eq!(shape(&ast, "ex#A")["traits"]["smithy.api#documentation"], "The shape.\nTwo lines.");
}

#[test]
fn each_error_fixture_is_refused_at_its_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idl/errors");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text.lines().next().and_then(|l| l.strip_prefix("// expect ")).expect("a `// expect L:C words` line");
        let (place, words) = expect.split_once(' ').unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let error = read(&[(&name, &text)]).expect_err(&name);
        assert!(error.starts_with(&format!("{name}:{place}: ")), "{name}: {error}");
        assert!(error.contains(words), "{name}: {error}");
        // The snippet shows the line and a caret under the column.
        let column: usize = place.split(':').nth(1).unwrap().parse().unwrap();
        let caret = error.lines().last().unwrap();
        assert_eq!(caret.find('^'), Some("      | ".len() + column - 1), "{name}: {error}");
        checked += 1;
    }
    assert!(checked >= 15);
}

fn fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idl")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    texts.sort();
    texts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = load_sources(&[Source::new("random.smithy", text)]);
    }

    #[test]
    fn truncated_and_mutated_fixtures_never_panic(pick in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let texts = fixture_texts();
        let text = pick.get(&texts);
        let mut bytes = text.as_bytes()[..cut.index(text.len() + 1)].to_vec();
        if !bytes.is_empty() {
            let at = flip.index(bytes.len());
            bytes[at] = byte;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = load_sources(&[Source::new("mutated.smithy", text)]);
    }
}

#[test]
fn a_json_file_that_is_not_a_model_is_refused_by_name() {
    let error = read(&[("a.smithy", "$version: \"2.0\"\nnamespace ex\nstring A\n"), ("package.json", "{\"name\": \"x\"}")]).unwrap_err();
    assert_eq!(error, "package.json: not a Smithy JSON AST model: it has no `smithy` version");
    let error = read(&[("broken.json", "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n}")]).unwrap_err();
    assert!(error.starts_with("broken.json:4:1: not valid JSON"), "{error}");
}

#[test]
fn mixin_rules_accept_what_the_specification_allows() {
    // A redefined mixin member with the mixin's target (to add traits), a mixin across files
    // and formats, a mixin operation whose input and output are `Unit`, a mixin resource
    // without identifiers or properties, and an elided member that the mixin and the
    // resource give the same target.
    let json_mixin = r#"{"smithy": "2.0", "shapes": {"ex#FromJson": {"type": "structure", "members": {"j": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}}}}"#;
    let ast = read(&[
        (
            "a.smithy",
            "$version: \"2.0\"\nnamespace ex\n@mixin\nstructure M { a: String }\nstructure A with [M FromJson] {\n  @required\n  a: String\n  j: String\n}\n@mixin\noperation MixOp {\n  input: Unit\n  output: Unit\n}\noperation Op with [MixOp] {}\n@mixin\nresource MixRes {}\nresource R with [MixRes] {\n  identifiers: { id: String }\n}\nstructure E for R with [Id] {\n  $id\n}\n",
        ),
        ("b.smithy", "$version: \"2.0\"\nnamespace ex\n@mixin\nstructure Id { id: String }\n"),
        ("c.json", json_mixin),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shape(&ast, "ex#A")["mixins"], json!([{"target": "ex#M"}, {"target": "ex#FromJson"}]));
    assert_eq!(shape(&ast, "ex#Op")["mixins"], json!([{"target": "ex#MixOp"}]));
}

#[test]
fn mixin_rules_refuse_what_the_specification_forbids_naming_the_place() {
    let cases = [
        // A member redefined with another target than a mixin from a JSON file gives it.
        ("structure A with [FromJson] {\n  j: Integer\n}\n", "model.smithy:4:3", "inherits from the mixin `ex#FromJson`"),
        ("@mixin\nstring S\nstructure A with [S] {}\n", "model.smithy:5:19", "`ex#S` is a string shape"),
        ("@mixin\noperation O {\n  output: A\n}\nstructure A {}\n", "model.smithy:5:3", "defines `output`"),
        ("@mixin\nresource R {\n  properties: { p: String }\n}\n", "model.smithy:5:3", "defines `properties`"),
    ];
    let json_mixin = r#"{"smithy": "2.0", "shapes": {"ex#FromJson": {"type": "structure", "members": {"j": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}}}}"#;
    for (text, place, words) in cases {
        let text = format!("$version: \"2.0\"\nnamespace ex\n{text}");
        let error = read(&[("model.smithy", &text), ("c.json", json_mixin)]).expect_err(&text);
        assert!(error.starts_with(place) && error.contains(words), "{text}\n{error}");
    }
}

#[test]
fn traits_the_model_does_not_define_are_carried_with_their_values() {
    // A trait of another namespace, by absolute id, whose definition is not in the model (as
    // AWS's traits are not in a service's own files): kept as written, not refused.
    let ast = idl("$version: \"2.0\"\nnamespace ex\n@other.ns#custom(x: 1, y: [\"a\"])\n@other.ns#marker\nstring A\n");
    let traits = &shape(&ast, "ex#A")["traits"];
    assert_eq!(traits["other.ns#custom"], json!({"x": 1, "y": ["a"]}));
    assert_eq!(traits["other.ns#marker"], json!({}));
}
