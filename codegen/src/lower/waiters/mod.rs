//! Waiters (`smithy.waiters#waitable`) of the generated operations: names, delays, and the
//! acceptors with their JMESPath compiled ([`jmespath`] parses, [`compile`] types it over the
//! operation's structures). An expression that cannot be compiled stops the run, naming the
//! waiter, the expression and its JSON path.

mod compile;
mod jmespath;

use super::docs::html_to_markdown;
use crate::error::ModelError;
use crate::ir::waiter::*;
use crate::ir::{CrateIr, TypeIr};
use crate::names;
use crate::resolve::Resolved;
use serde_json::Value;
use std::collections::BTreeMap;

/// The waiters of the operations `ir` generates, sorted by name.
pub fn lower(model: &Resolved, ir: &CrateIr) -> Result<Vec<WaiterIr>, ModelError> {
    let mut by_path = BTreeMap::new();
    for t in &ir.types {
        if let TypeIr::Struct(s) = t {
            by_path.insert(s.rust_path.as_str(), s);
        }
    }
    for op in &ir.operations {
        by_path.insert(op.input.rust_path.as_str(), &op.input);
        by_path.insert(op.output.rust_path.as_str(), &op.output);
    }
    let structs = compile::Structs { by_path };
    let mut waiters = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for op in &ir.operations {
        let shape = model.shape(&op.shape_id);
        let Some(waitable) = &shape.traits.waitable else { continue };
        let path = format!("{}.traits[\"smithy.waiters#waitable\"]", shape.path);
        let at = |p: &str, message: String| ModelError::at(format!("{path}{p}"), Some(&op.shape_id), message);
        let Value::Object(map) = waitable else { return Err(at("", "expected an object of waiters".to_owned())) };
        for (name, waiter) in map {
            let here = format!("[{}]", json_key(name));
            if names::check_ident(name).is_err() || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                return Err(at(&here, format!("the waiter name `{name}` is not an UpperCamelCase identifier")));
            }
            if let Some(other) = seen.insert(name.clone(), op.shape_id.clone()) {
                return Err(at(&here, format!("the waiter `{name}` is also defined on `{other}`")));
            }
            let Value::Object(w) = waiter else { return Err(at(&here, format!("the waiter `{name}` is not an object"))) };
            let delay = |key: &str, default: u64| match w.get(key) {
                None => Ok(default),
                Some(v) => v.as_u64().filter(|d| *d >= 1).ok_or_else(|| at(&format!("{here}.{key}"), format!("the waiter `{name}`: {key} must be a whole number of seconds, at least 1"))),
            };
            let (min_delay, max_delay) = (delay("minDelay", 2)?, delay("maxDelay", 120)?);
            if max_delay < min_delay {
                return Err(at(&here, format!("the waiter `{name}`: maxDelay {max_delay} is less than minDelay {min_delay}")));
            }
            let Some(Value::Array(list)) = w.get("acceptors") else {
                return Err(at(&format!("{here}.acceptors"), format!("the waiter `{name}` needs a list of acceptors")));
            };
            let mut acceptors = Vec::new();
            for (i, a) in list.iter().enumerate() {
                let here = format!("{here}.acceptors[{i}]");
                let acceptor = acceptor(a, op, &structs).map_err(|(p, m)| at(&format!("{here}{p}"), format!("the waiter `{name}`: {m}")))?;
                acceptors.push(acceptor);
            }
            let module = names::module(name);
            waiters.push(WaiterIr {
                name: name.clone(),
                method: format!("wait_until_{module}"),
                docs: w.get("documentation").and_then(Value::as_str).map(html_to_markdown).unwrap_or_default(),
                deprecated: w.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                module,
                operation: op.rust_name.clone(),
                min_delay,
                max_delay,
                acceptors,
            });
        }
    }
    waiters.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(waiters)
}

/// One acceptor; an error is the JSON path below it and the message.
fn acceptor(a: &Value, op: &crate::ir::OperationIr, structs: &compile::Structs<'_>) -> Result<AcceptorIr, (String, String)> {
    let state = match a.get("state").and_then(Value::as_str) {
        Some("success") => AcceptorState::Success,
        Some("failure") => AcceptorState::Failure,
        Some("retry") => AcceptorState::Retry,
        other => return Err((".state".to_owned(), format!("unknown acceptor state {other:?}"))),
    };
    let Some(Value::Object(matcher)) = a.get("matcher") else { return Err((".matcher".to_owned(), "an acceptor needs a matcher".to_owned())) };
    let Some((kind, value)) = matcher.iter().next().filter(|_| matcher.len() == 1) else {
        return Err((".matcher".to_owned(), "a matcher has exactly one member".to_owned()));
    };
    let matcher = match (kind.as_str(), value) {
        ("success", Value::Bool(b)) => MatcherIr::Success(*b),
        ("errorType", Value::String(e)) => MatcherIr::ErrorType(e.rsplit('#').next().unwrap_or(e).to_owned()),
        ("output" | "inputOutput", Value::Object(m)) => {
            let field = |key: &str| {
                m.get(key).and_then(Value::as_str).ok_or_else(|| (format!(".matcher.{kind}.{key}"), format!("the {kind} matcher needs a string `{key}`")))
            };
            let (text, expected, comparator) = (field("path")?, field("expected")?, field("comparator")?);
            let start = if kind == "output" {
                compile::Start::Output(&op.output)
            } else {
                compile::Start::InputOutput { input: &op.input, output: &op.output }
            };
            let cannot = |why: String| (format!(".matcher.{kind}.path"), format!("cannot compile the expression `{text}`: {why}"));
            let ast = jmespath::parse(text).map_err(cannot)?;
            let typed = compile::compile(&ast, start, structs).map_err(cannot)?;
            let comparator = match comparator {
                "stringEquals" => Comparator::StringEquals,
                "booleanEquals" => Comparator::BooleanEquals,
                "allStringEquals" => Comparator::AllStringEquals,
                "anyStringEquals" => Comparator::AnyStringEquals,
                other => return Err((format!(".matcher.{kind}.comparator"), format!("unknown comparator `{other}`"))),
            };
            let wanted = match comparator {
                Comparator::StringEquals => ValueKind::Str,
                Comparator::BooleanEquals => ValueKind::Bool,
                _ => ValueKind::List(Box::new(ValueKind::Str)),
            };
            if typed.kind != wanted {
                return Err(cannot(format!("{comparator:?} needs {wanted:?}, the expression gives {:?}", typed.kind)));
            }
            if comparator == Comparator::BooleanEquals && !matches!(expected, "true" | "false") {
                return Err((format!(".matcher.{kind}.expected"), format!("booleanEquals expects `true` or `false`, not `{expected}`")));
            }
            MatcherIr::Path { expr: typed.expr, comparator, expected: expected.to_owned() }
        }
        (other, _) => return Err((format!(".matcher.{other}"), format!("unknown or malformed matcher `{other}`"))),
    };
    Ok(AcceptorIr { state, matcher })
}

/// A key as the model's JSON paths write it: quoted.
fn json_key(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_default()
}
