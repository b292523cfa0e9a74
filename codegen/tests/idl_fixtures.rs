//! The Smithy project's own loader fixtures (`tests/fixtures/idl/`, see its README): every
//! valid `.smithy` file reads to the shapes of the `.json` Smithy writes for it, and every
//! invalid one is refused with an error that names its place, without a panic. Pairs this
//! reader does not pass yet are listed, with the reason, in `known-failures.txt`; an entry
//! that passes fails the test, so the list only shrinks.

use codegen::load::{load_sources, Source};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idl")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the fixtures directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
}

fn relative(path: &Path) -> String {
    path.strip_prefix(fixtures()).expect("under the fixtures").to_string_lossy().replace('\\', "/")
}

fn known_failures() -> BTreeSet<String> {
    let text = std::fs::read_to_string(fixtures().join("known-failures.txt")).expect("known-failures.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (path, reason) = l.split_once(':').expect("`path: reason`");
            assert!(!reason.trim().is_empty(), "{path}: every known failure says why");
            path.trim().to_owned()
        })
        .collect()
}

fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).expect("a fixture");
    let source = Source::new(relative(path), text);
    match std::panic::catch_unwind(|| load_sources(&[source])) {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err("PANIC".to_owned()),
    }
}

/// The shapes as the generator sees them: prelude left out, mixins flattened into the
/// shapes that use them, `apply` folded in, empty `members` and `traits` dropped.
fn normalized(ast: &Value) -> Map<String, Value> {
    let shapes = ast["shapes"].as_object().cloned().unwrap_or_default();
    let mut out = Map::new();
    for id in shapes.keys() {
        if id.starts_with("smithy.api#") || shapes[id]["type"] == "apply" {
            continue;
        }
        out.insert(id.clone(), flat(&shapes, id, 0));
    }
    for (id, shape) in &shapes {
        if shape["type"] != "apply" {
            continue;
        }
        let (shape_id, member) = id.split_once('$').map_or((id.as_str(), None), |(s, m)| (s, Some(m)));
        let Some(target) = out.get_mut(shape_id) else { continue };
        let holder = match member {
            None => Some(target),
            Some(m) => target.get_mut("members").and_then(|ms| ms.get_mut(m)),
        };
        if let Some(holder) = holder.and_then(Value::as_object_mut) {
            let traits = holder.entry("traits").or_insert_with(|| Value::Object(Map::new()));
            for (k, v) in shape["traits"].as_object().into_iter().flatten() {
                traits[k] = v.clone();
            }
        }
    }
    for shape in out.values_mut() {
        // An operation without input or output has `smithy.api#Unit`, written or not.
        if shape["type"] == "operation" {
            for key in ["input", "output"] {
                shape.as_object_mut().into_iter().for_each(|o| {
                    o.entry(key).or_insert_with(|| serde_json::json!({"target": "smithy.api#Unit"}));
                });
            }
        }
        tidy(shape);
    }
    out
}

/// One shape with its mixins' members and traits copied in; list and map members are kept
/// under `members` too so that both forms compare alike.
fn flat(shapes: &Map<String, Value>, id: &str, depth: usize) -> Value {
    let shape = shapes[id].clone();
    let mut members = Map::new();
    let mut traits = Map::new();
    for mixin in shape.get("mixins").and_then(Value::as_array).into_iter().flatten() {
        let mixin_id = mixin["target"].as_str().unwrap_or_default();
        if depth > 20 || !shapes.contains_key(mixin_id) {
            continue;
        }
        let flat_mixin = flat(shapes, mixin_id, depth + 1);
        for (k, v) in flat_mixin["members"].as_object().into_iter().flatten() {
            members.insert(k.clone(), v.clone());
        }
        let local: Vec<&str> = shapes[mixin_id]["traits"]["smithy.api#mixin"]["localTraits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (k, v) in flat_mixin["traits"].as_object().into_iter().flatten() {
            if k != "smithy.api#mixin" && !local.contains(&k.as_str()) {
                traits.insert(k.clone(), v.clone());
            }
        }
    }
    let mut own = shape.as_object().cloned().unwrap_or_default();
    for key in ["member", "key", "value"] {
        if let Some(m) = own.remove(key) {
            own.entry("members").or_insert_with(|| Value::Object(Map::new()))[key] = m;
        }
    }
    for (k, v) in own.get("members").and_then(Value::as_object).into_iter().flatten() {
        let merged = members.entry(k.clone()).or_insert_with(|| Value::Object(Map::new()));
        let inherited = merged["traits"].as_object().cloned().unwrap_or_default();
        *merged = v.clone();
        let mut all = inherited;
        for (tk, tv) in v["traits"].as_object().into_iter().flatten() {
            all.insert(tk.clone(), tv.clone());
        }
        merged["traits"] = Value::Object(all);
    }
    for (k, v) in own.get("traits").and_then(Value::as_object).into_iter().flatten() {
        traits.insert(k.clone(), v.clone());
    }
    own.remove("mixins");
    own.insert("members".into(), Value::Object(members));
    own.insert("traits".into(), Value::Object(traits));
    Value::Object(own)
}

fn tidy(shape: &mut Value) {
    let Some(object) = shape.as_object_mut() else { return };
    for member in object.get_mut("members").and_then(Value::as_object_mut).into_iter().flat_map(|m| m.values_mut()) {
        tidy(member);
    }
    for key in ["members", "traits"] {
        if object.get(key).and_then(Value::as_object).is_some_and(Map::is_empty) {
            object.remove(key);
        }
    }
}

#[test]
fn every_valid_fixture_reads_to_the_shapes_smithy_writes() {
    let known = known_failures();
    let mut smithy = Vec::new();
    files(&fixtures().join("valid"), "smithy", &mut smithy);
    assert!(smithy.len() >= 45, "the fixtures are there");
    let mut unexpected = Vec::new();
    for path in &smithy {
        let name = relative(path);
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).expect("the pair's JSON")).expect("JSON");
        let outcome = match read(path) {
            Ok(ast) if normalized(&ast) == normalized(&expected) => Ok(()),
            Ok(ast) => Err(format!(
                "different shapes:\n  read:     {}\n  expected: {}",
                Value::Object(normalized(&ast)),
                Value::Object(normalized(&expected))
            )),
            Err(e) => Err(e),
        };
        match (outcome, known.contains(&name)) {
            (Ok(()), true) => unexpected.push(format!("{name}: passes now; take it out of known-failures.txt")),
            (Err(e), false) => unexpected.push(format!("{name}: {e}")),
            _ => {}
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n\n"));
}

#[test]
fn every_invalid_fixture_is_refused_with_its_place() {
    let known = known_failures();
    let mut smithy = Vec::new();
    files(&fixtures().join("invalid"), "smithy", &mut smithy);
    assert!(smithy.len() >= 100, "the fixtures are there");
    let mut unexpected = Vec::new();
    for path in &smithy {
        let name = relative(path);
        let outcome = match read(path) {
            Err(e) if e == "PANIC" => Err("panicked".to_owned()),
            Err(e) if e.starts_with(&name) => Ok(()),
            Err(e) => Err(format!("the error does not name the file: {e}")),
            Ok(_) => Err("read without an error".to_owned()),
        };
        match (outcome, known.contains(&name)) {
            (Ok(()), true) => unexpected.push(format!("{name}: refused now; take it out of known-failures.txt")),
            (Err(e), false) => unexpected.push(format!("{name}: {e}")),
            _ => {}
        }
    }
    assert!(unexpected.is_empty(), "{} unexpected:\n{}", unexpected.len(), unexpected.join("\n"));
}
