//! Random small valid models: the generator never panics, never reports an internal error,
//! and what it writes parses as Rust; a fixed sample is also compiled with cargo.
//!
//! Models mix structures, lists, maps, enums and unions with names chosen to be awkward
//! (keywords, prelude names, names the generated code uses itself). A model may still be
//! refused with a model error (two names meeting in one Rust name, say): that is the
//! expected outcome for some inputs, and the error must name a shape and a path.

use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Member and shape names, awkward on purpose.
const NAMES: &[&str] = &[
    "type", "self", "Self", "super", "crate", "fn", "match", "async", "gen", "build", "builder", "meta",
    "request_id", "code", "Option", "Result", "Some", "None", "String", "Vec", "Box", "Value", "Name",
    "HTTPServer", "_private", "a1", "MFAMethods", "Unknown", "Error", "Ok", "Err", "r", "w", "key", "item",
];

/// A data shape of the model, by index into the model's shape list.
#[derive(Debug, Clone)]
enum Spec {
    Structure { members: Vec<(usize, Target, bool)> },
    Union { members: Vec<(usize, Target)> },
    Enum { values: Vec<usize> },
    List(Target),
    Map(Target),
}

/// What a member targets: a prelude shape, an earlier shape of the model, or any shape of
/// it (this one or a later one: recursive models, whose cycles through a structure or union
/// are boxed, and whose cycles through lists and maps alone leave their operations out).
#[derive(Debug, Clone, Copy)]
enum Target {
    Prelude(&'static str),
    Earlier(usize),
    Any(usize),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        prop::sample::select(vec!["String", "Integer", "Long", "Boolean", "Double", "Timestamp", "Short", "Byte", "Float"])
            .prop_map(Target::Prelude),
        (0usize..8).prop_map(Target::Earlier),
        (0usize..8).prop_map(Target::Any),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        prop::collection::vec((0..NAMES.len(), target(), any::<bool>()), 0..5)
            .prop_map(|members| Spec::Structure { members }),
        prop::collection::vec((0..NAMES.len(), target()), 1..4).prop_map(|members| Spec::Union { members }),
        prop::collection::vec(0..NAMES.len(), 1..5).prop_map(|values| Spec::Enum { values }),
        target().prop_map(Spec::List),
        target().prop_map(Spec::Map),
    ]
}

fn shape_id(index: usize) -> String {
    format!("example.random#{}{index}", NAMES[index % NAMES.len()].trim_start_matches('_').replace(|c: char| !c.is_ascii_alphanumeric(), ""))
}

fn target_id(target: Target, own: usize, count: usize) -> String {
    match target {
        Target::Earlier(i) if i < own => shape_id(i),
        Target::Earlier(_) => "smithy.api#String".to_owned(),
        Target::Any(i) => shape_id(i % count),
        Target::Prelude(name) => format!("smithy.api#{name}"),
    }
}

/// A model with the given data shapes, two operations whose inputs and outputs hold them.
fn model(specs: &[Spec]) -> String {
    let mut shapes = BTreeMap::new();
    for (i, spec) in specs.iter().enumerate() {
        let shape = match spec {
            Spec::Structure { members } => {
                let mut map = serde_json::Map::new();
                for (name, target, required) in members {
                    let mut member = json!({ "target": target_id(*target, i, specs.len()) });
                    if *required {
                        member["traits"] = json!({ "smithy.api#required": {} });
                    }
                    map.insert(NAMES[*name].to_owned(), member);
                }
                json!({ "type": "structure", "members": map })
            }
            Spec::Union { members } => {
                let map: serde_json::Map<String, Value> = members
                    .iter()
                    .map(|(name, target)| (NAMES[*name].to_owned(), json!({ "target": target_id(*target, i, specs.len()) })))
                    .collect();
                json!({ "type": "union", "members": map })
            }
            Spec::Enum { values } => {
                let map: serde_json::Map<String, Value> = values
                    .iter()
                    .map(|v| {
                        let name = NAMES[*v].trim_start_matches('_').to_ascii_uppercase();
                        let name = if name.starts_with(|c: char| c.is_ascii_digit()) { format!("V{name}") } else { name };
                        (name, json!({ "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": format!("v-{v}") } }))
                    })
                    .collect();
                json!({ "type": "enum", "members": map })
            }
            Spec::List(target) => json!({ "type": "list", "member": { "target": target_id(*target, i, specs.len()) } }),
            Spec::Map(target) => json!({
                "type": "map",
                "key": { "target": "smithy.api#String" },
                "value": { "target": target_id(*target, i, specs.len()) }
            }),
        };
        shapes.insert(shape_id(i), shape);
    }
    let holder = |range: std::ops::Range<usize>| -> Value {
        let members: serde_json::Map<String, Value> =
            range.filter(|i| *i < specs.len()).map(|i| (format!("M{i}"), json!({ "target": shape_id(i) }))).collect();
        json!({ "type": "structure", "members": members })
    };
    let mut input = holder(0..specs.len());
    input["members"]["Id"] = json!({ "target": "smithy.api#String", "traits": { "smithy.api#httpLabel": {}, "smithy.api#required": {} } });
    shapes.insert("example.random#PutThingsInput".to_owned(), input);
    shapes.insert("example.random#PutThingsOutput".to_owned(), holder(0..specs.len()));
    shapes.insert("example.random#GetThingsOutput".to_owned(), holder(specs.len() / 2..specs.len()));
    shapes.insert(
        "example.random#Oops".to_owned(),
        json!({ "type": "structure", "members": { "Message": { "target": "smithy.api#String" } },
                "traits": { "smithy.api#error": "client", "smithy.api#httpError": 400 } }),
    );
    shapes.insert(
        "example.random#PutThings".to_owned(),
        json!({ "type": "operation",
                "input": { "target": "example.random#PutThingsInput" },
                "output": { "target": "example.random#PutThingsOutput" },
                "errors": [{ "target": "example.random#Oops" }],
                "traits": { "smithy.api#http": { "method": "PUT", "uri": "/things/{Id}?put" } } }),
    );
    shapes.insert(
        "example.random#GetThings".to_owned(),
        json!({ "type": "operation",
                "output": { "target": "example.random#GetThingsOutput" },
                "traits": { "smithy.api#http": { "method": "GET", "uri": "/things" } } }),
    );
    shapes.insert(
        "example.random#Random".to_owned(),
        json!({ "type": "service", "version": "1",
                "operations": [{ "target": "example.random#PutThings" }, { "target": "example.random#GetThings" }],
                "traits": { "aws.protocols#restJson1": {} } }),
    );
    json!({ "smithy": "2.0", "shapes": shapes }).to_string()
}

fn options() -> codegen::Options {
    codegen::Options {
        package: "random-model".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: "random.json".to_owned(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Path("../codegen/runtime".to_owned()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_models_generate_parseable_rust_or_a_model_error(specs in prop::collection::vec(spec(), 1..8)) {
        let text = model(&specs);
        match codegen::generate(&text, &options()) {
            Ok(generated) => {
                for (path, contents) in &generated.files {
                    if path.ends_with(".rs") {
                        let parsed = syn::parse_file(contents);
                        prop_assert!(parsed.is_ok(), "{path} does not parse: {:?}", parsed.err());
                    }
                }
            }
            Err(codegen::Error::Model(e)) => {
                prop_assert!(e.shape.is_some() && !e.path.is_empty(), "a model error must name a shape and a path: {e}");
            }
            Err(other) => prop_assert!(false, "not a model error: {other}\nmodel: {text}"),
        }
    }
}

/// A few fixed models, compiled for real: generated code that parses may still not build.
#[test]
fn a_sample_of_random_models_compiles() {
    let samples: Vec<Vec<Spec>> = vec![
        vec![
            Spec::Enum { values: vec![0, 1, 2] },
            Spec::Structure { members: vec![(0, Target::Earlier(0), true), (1, Target::Prelude("Timestamp"), false), (14, Target::Prelude("Integer"), true)] },
            Spec::List(Target::Earlier(1)),
            Spec::Map(Target::Earlier(2)),
            Spec::Union { members: vec![(15, Target::Earlier(1)), (20, Target::Prelude("String")), (27, Target::Earlier(0))] },
            Spec::Structure { members: vec![(9, Target::Earlier(4), true), (8, Target::Earlier(3), true), (10, Target::Prelude("Boolean"), false)] },
        ],
        vec![
            Spec::Structure { members: vec![(21, Target::Prelude("Double"), true), (22, Target::Prelude("Long"), false)] },
            Spec::Union { members: vec![(2, Target::Earlier(0)), (3, Target::Prelude("Byte"))] },
            Spec::List(Target::Earlier(1)),
            Spec::List(Target::Earlier(2)),
        ],
        // Recursive: a structure holding itself and a list of itself, a union holding itself.
        vec![
            Spec::Structure { members: vec![(23, Target::Any(1), false), (24, Target::Any(0), false), (17, Target::Prelude("String"), true)] },
            Spec::List(Target::Any(0)),
            Spec::Union { members: vec![(12, Target::Any(2)), (13, Target::Any(0))] },
            Spec::Map(Target::Any(2)),
        ],
    ];
    let dir = std::env::temp_dir().join(format!("random-models-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut members = Vec::new();
    for (n, specs) in samples.iter().enumerate() {
        let package = format!("random-model-{n}");
        let runtime = codegen::Runtime::local(&dir.join(&package));
        let options = codegen::Options { package: package.clone(), runtime, ..options() };
        let generated = codegen::generate(&model(specs), &options).unwrap_or_else(|e| panic!("sample {n}: {e}"));
        for (path, contents) in &generated.files {
            let file = dir.join(&package).join(path);
            std::fs::create_dir_all(file.parent().expect("a parent")).expect("create dirs");
            std::fs::write(&file, contents).expect("write");
        }
        members.push(package);
    }
    // One workspace for the samples, with the repository's toolchain and lock file (as
    // `cargo xtask check-models` does): the samples build against the dependency versions
    // the repository tests, so a new upstream release cannot break this test; moving to
    // newer versions is a deliberate change of Cargo.lock.
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write the workspace manifest");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    for file in ["rust-toolchain.toml", "Cargo.lock"] {
        std::fs::copy(root.join(file), dir.join(file)).unwrap_or_else(|e| panic!("copy {file}: {e}"));
    }
    // One target directory for all samples, so dependencies are built once.
    let target_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("random-models");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline", "--workspace", "--all-features", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "the samples do not compile:\n{}", String::from_utf8_lossy(&output.stderr));
    // The lock file kept the repository's versions: cargo only adds the samples themselves.
    let lock = std::fs::read_to_string(dir.join("Cargo.lock")).expect("the lock file");
    let repository_lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("the repository's lock file");
    for entry in lock.split("[[package]]").filter(|entry| !entry.contains("name = \"random-model-")) {
        let name_and_version: String = entry.lines().filter(|l| l.starts_with("name = ") || l.starts_with("version = ")).collect::<Vec<_>>().join("\n");
        assert!(repository_lock.contains(&name_and_version), "a dependency resolved outside the repository's lock file:\n{name_and_version}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The property above would hold trivially if every random model were refused: most of
/// them must generate.
#[test]
fn most_random_models_generate() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(spec(), 1..8);
    let (mut generated, mut refused) = (0, Vec::new());
    for _ in 0..100 {
        let specs = strategy.new_tree(&mut runner).expect("a value").current();
        match codegen::generate(&model(&specs), &options()) {
            Ok(_) => generated += 1,
            Err(e) => refused.push(e.to_string()),
        }
    }
    assert!(generated >= 50, "only {generated} of 100 random models generated; refusals: {refused:#?}");
}

/// Any non-empty string is a valid enum value in Smithy: a sample biased towards the strings
/// that have no Rust spelling of their own (symbols, digits, letters of other scripts, emoji,
/// values apart only in case or punctuation), and any string at all.
fn enum_value() -> impl Strategy<Value = String> {
    let awkward = prop::collection::vec(
        prop::sample::select(vec![
            "-", "+", "_", " ", ".", "*", "/", "`", "[", "]", "<", ">", "½", "١", "😀", "é", "É", "ß", "0", "1", "a", "A",
            "b", "U", "BD", "00", "self", "Self", "type", "Unknown", "UNKNOWN",
        ]),
        1..5,
    )
    .prop_map(|parts| parts.concat());
    prop_oneof![awkward, any::<String>().prop_filter("Smithy enum values are not empty", |s| !s.is_empty())]
}

/// A legacy `@enum` name: Smithy's pattern `^[a-zA-Z_]+[a-zA-Z_0-9]*$`.
fn legacy_enum_name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["_", "A", "a", "B", "_B", "1", "FOO", "Foo", "foo", "__"]), 1..4)
        .prop_map(|parts| parts.concat())
        .prop_filter("a name starts with a letter or `_`", |s| !s.starts_with(|c: char| c.is_ascii_digit()))
}

/// A model whose one data shape is the given enum, held by an operation's input and output.
fn enum_model(shape: Value) -> String {
    let mut model: Value = serde_json::from_str(&model(&[Spec::List(Target::Prelude("String"))])).expect("a model");
    model["shapes"][shape_id(0)] = shape;
    model.to_string()
}

/// Generation must succeed (any value and name is valid) and every file must parse.
fn assert_generates(text: &str) -> Result<(), TestCaseError> {
    match codegen::generate(text, &options()) {
        Ok(generated) => {
            for (path, contents) in &generated.files {
                if path.ends_with(".rs") {
                    let parsed = syn::parse_file(contents);
                    prop_assert!(parsed.is_ok(), "{path} does not parse: {:?}", parsed.err());
                }
            }
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!("refused: {e}\nmodel: {text}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_legacy_enum_values_generate(values in prop::collection::btree_set(enum_value(), 1..10)) {
        let entries: Vec<Value> = values.iter().map(|v| json!({ "value": v })).collect();
        assert_generates(&enum_model(json!({ "type": "string", "traits": { "smithy.api#enum": entries } })))?;
    }

    #[test]
    fn any_named_legacy_enum_values_generate(entries in prop::collection::btree_map(legacy_enum_name(), enum_value(), 1..10)) {
        // Names are unique, and so must values be.
        let mut seen = std::collections::BTreeSet::new();
        let entries: Vec<Value> = entries
            .iter()
            .filter(|(_, value)| seen.insert(value.to_string()))
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        assert_generates(&enum_model(json!({ "type": "string", "traits": { "smithy.api#enum": entries } })))?;
    }

    #[test]
    fn any_enum_shape_values_generate(values in prop::collection::btree_set(enum_value(), 1..10), names in prop::collection::btree_set(legacy_enum_name(), 1..12)) {
        // Smithy member names are identifiers (with a letter or digit), unique ignoring case.
        let mut seen = std::collections::BTreeSet::new();
        let names: Vec<&String> = names
            .iter()
            .filter(|n| n.contains(|c: char| c.is_ascii_alphanumeric()) && seen.insert(n.to_ascii_lowercase()))
            .collect();
        let members: serde_json::Map<String, Value> = names
            .iter()
            .zip(&values)
            .map(|(name, value)| ((*name).clone(), json!({ "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": value } })))
            .collect();
        prop_assume!(!members.is_empty());
        assert_generates(&enum_model(json!({ "type": "enum", "members": members })))?;
    }
}
