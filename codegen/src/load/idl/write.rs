//! The JSON AST written as Smithy IDL 2.0: one file per namespace, every shape id absolute
//! (so no `use` is needed and the files read in any order), trait values as node values.
//! Reading the files back gives the same JSON AST, which makes this writer a check of the
//! reader on any JSON model (and lets users who have only the JSON AST move to IDL).

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The IDL files of a JSON AST: namespace to the file's text. Prelude shapes are left out.
pub fn json_to_idl(ast: &Value) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let empty = Map::new();
    let shapes = ast.get("shapes").and_then(Value::as_object).unwrap_or(&empty);
    for (id, shape) in shapes {
        let Some((ns, _)) = id.split_once('#') else { continue };
        if ns == "smithy.api" {
            continue;
        }
        let file = files.entry(ns.to_owned()).or_insert_with(|| format!("$version: \"2.0\"\n\nnamespace {ns}\n"));
        file.push('\n');
        write_shape(file, id, shape);
    }
    if let Some(metadata) = ast.get("metadata").and_then(Value::as_object).filter(|m| !m.is_empty()) {
        // Metadata comes before the namespace; a file of its own keeps that simple.
        let mut text = String::from("$version: \"2.0\"\n\n");
        for (key, value) in metadata {
            let _ = writeln!(text, "metadata {} = {}", string(key), node(value));
        }
        files.insert(String::new(), text);
    }
    files
}

fn write_shape(out: &mut String, id: &str, shape: &Value) {
    let kind = shape.get("type").and_then(Value::as_str).unwrap_or("structure");
    let traits = shape.get("traits").and_then(Value::as_object);
    if kind == "apply" {
        for (trait_id, value) in traits.into_iter().flatten() {
            let _ = writeln!(out, "apply {id} {}", trait_app(trait_id, value));
        }
        return;
    }
    write_traits(out, traits, "");
    let name = id.split_once('#').map_or(id, |(_, n)| n);
    let _ = write!(out, "{kind} {name}");
    if let Some(mixins) = shape.get("mixins").and_then(Value::as_array) {
        let ids: Vec<&str> = mixins.iter().filter_map(|m| m.get("target")?.as_str()).collect();
        let _ = write!(out, " with [{}]", ids.join(", "));
    }
    match kind {
        "structure" | "union" | "enum" | "intEnum" => {
            out.push_str(" {\n");
            for (member, value) in shape.get("members").and_then(Value::as_object).into_iter().flatten() {
                write_member(out, member, value, matches!(kind, "enum" | "intEnum"));
            }
            out.push_str("}\n");
        }
        "list" | "set" | "map" => {
            out.push_str(" {\n");
            for member in ["member", "key", "value"] {
                if let Some(value) = shape.get(member) {
                    write_member(out, member, value, false);
                }
            }
            out.push_str("}\n");
        }
        "service" | "resource" | "operation" => {
            out.push_str(" {\n");
            for (key, value) in shape.as_object().into_iter().flatten() {
                if matches!(key.as_str(), "type" | "traits" | "mixins") {
                    continue;
                }
                let _ = writeln!(out, "    {key}: {}", property(key, value));
            }
            out.push_str("}\n");
        }
        _ => out.push('\n'),
    }
}

fn write_member(out: &mut String, name: &str, member: &Value, enum_member: bool) {
    write_traits(out, member.get("traits").and_then(Value::as_object), "    ");
    if enum_member {
        let _ = writeln!(out, "    {name}");
    } else {
        let target = member.get("target").and_then(Value::as_str).unwrap_or("smithy.api#Unit");
        let _ = writeln!(out, "    {name}: {target}");
    }
}

fn write_traits(out: &mut String, traits: Option<&Map<String, Value>>, indent: &str) {
    for (trait_id, value) in traits.into_iter().flatten() {
        let _ = writeln!(out, "{indent}{}", trait_app(trait_id, value));
    }
}

fn trait_app(id: &str, value: &Value) -> String {
    match value {
        Value::Object(o) if o.is_empty() => format!("@{id}"),
        _ => format!("@{id}({})", node(value)),
    }
}

/// A property of a service, resource or operation: references as bare shape ids.
fn property(key: &str, value: &Value) -> String {
    let target = |v: &Value| v.get("target").and_then(Value::as_str).map(str::to_owned);
    match value {
        Value::Object(o) if o.len() == 1 && o.contains_key("target") => target(value).unwrap_or_default(),
        Value::Array(items) if items.iter().all(|i| target(i).is_some()) => {
            format!("[{}]", items.iter().filter_map(target).collect::<Vec<_>>().join(", "))
        }
        Value::Object(o) if matches!(key, "identifiers" | "properties") => {
            let entries: Vec<String> = o.iter().map(|(k, v)| format!("{k}: {}", target(v).unwrap_or_default())).collect();
            format!("{{{}}}", entries.join(", "))
        }
        _ => node(value),
    }
}

/// A node value; JSON's string escapes are also the IDL's.
fn node(value: &Value) -> String {
    match value {
        Value::String(s) => string(s),
        Value::Array(items) => format!("[{}]", items.iter().map(node).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!("{{{}}}", o.iter().map(|(k, v)| format!("{}: {}", string(k), node(v))).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}
