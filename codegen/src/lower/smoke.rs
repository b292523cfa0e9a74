//! `smithy.test#smokeTests` of the generated operations: each case with its input members as
//! Rust values. A case whose params this generator cannot write as setters (anything but
//! strings, enums, booleans and integers at the input's top level) is left out with a
//! warning naming it and its JSON path.

use crate::error::ModelError;
use crate::ir::waiter::{SmokeAnswer, SmokeTestIr, SmokeValue};
use crate::ir::{CrateIr, NamedKind, OperationIr, TypeRef, UriSegment};
use crate::traits::ErrorFault;
use crate::names;
use crate::resolve::Resolved;
use serde_json::Value;

/// The smoke tests, in the operations' order, and the cases left out.
pub fn lower(model: &Resolved, ir: &CrateIr) -> (Vec<SmokeTestIr>, Vec<ModelError>) {
    let (mut tests, mut left_out) = (Vec::new(), Vec::new());
    for op in &ir.operations {
        let shape = model.shape(&op.shape_id);
        let Some(Value::Array(cases)) = &shape.traits.smoke_tests else { continue };
        for (i, case) in cases.iter().enumerate() {
            let path = format!("{}.traits[\"smithy.test#smokeTests\"][{i}]", shape.path);
            match smoke_case(model, case, op) {
                Ok(test) => tests.push(test),
                Err(why) => left_out.push(ModelError::at(path, Some(&op.shape_id), format!("smoke test left out: {why}"))),
            }
        }
    }
    (tests, left_out)
}

fn smoke_case(model: &Resolved, case: &Value, op: &OperationIr) -> Result<SmokeTestIr, String> {
    let id = case.get("id").and_then(Value::as_str).ok_or("a case needs an `id`")?;
    let mut params = Vec::new();
    if let Some(Value::Object(map)) = case.get("params") {
        for (name, value) in map {
            let member = op.input.members.iter().find(|m| m.model_name == *name).ok_or_else(|| format!("`{id}`: the input has no member `{name}`"))?;
            let v = match (&member.ty, value) {
                (TypeRef::String, Value::String(s)) => SmokeValue::Text(s.clone()),
                (TypeRef::Named(n), Value::String(s)) if n.kind == NamedKind::Enum => SmokeValue::Text(s.clone()),
                (TypeRef::Bool, Value::Bool(b)) => SmokeValue::Bool(*b),
                (TypeRef::Integer, Value::Number(n)) if n.is_i64() => SmokeValue::Integer(n.as_i64().unwrap_or_default(), "i32"),
                (TypeRef::Long, Value::Number(n)) if n.is_i64() => SmokeValue::Integer(n.as_i64().unwrap_or_default(), "i64"),
                _ => return Err(format!("`{id}`: the value of `{name}` is not one the generator writes")),
            };
            params.push((member.field.clone(), v));
        }
    }
    if let Some(missing) = op.input.members.iter().find(|m| m.presence == crate::ir::Presence::Required && !params.iter().any(|(f, _)| *f == m.field)) {
        return Err(format!("`{id}`: the required member `{}` has no value", missing.model_name));
    }
    let expect = case.get("expect").ok_or_else(|| format!("`{id}` needs `expect`"))?;
    let (failure, error_id) = match (expect.get("success"), expect.get("failure")) {
        (Some(_), None) => (None, None),
        (None, Some(f)) => {
            let error_id = f.get("errorId").and_then(Value::as_str);
            (Some(error_id.map(|e| e.rsplit('#').next().unwrap_or(e).to_owned())), error_id)
        }
        _ => return Err(format!("`{id}`: `expect` needs `success` or `failure`")),
    };
    let answer = match &failure {
        None => SmokeAnswer::Success { status: op.success_code },
        Some(code) => error_answer(model, op, error_id, code.as_deref()),
    };
    Ok(SmokeTestIr {
        test_name: names::snake(id),
        operation: op.rust_name.clone(),
        module_path: op.module_path.clone(),
        input_type: op.input.rust_name.clone(),
        error_enum: op.error_enum.clone(),
        failure,
        region: case.get("vendorParams").and_then(|v| v.get("region")).and_then(Value::as_str).map(str::to_owned),
        method: op.method.clone(),
        path: request_path(op, &params),
        answer,
        params,
    })
}

/// The error response a failure case gets: the named error, with the status its
/// `@httpError` (else its fault) gives; a case that names none gets what a service answers
/// a caller it does not know (the failure the model's "unauthorized" cases expect).
fn error_answer(model: &Resolved, op: &OperationIr, error_id: Option<&str>, code: Option<&str>) -> SmokeAnswer {
    let Some(code) = code else {
        return SmokeAnswer::Error { status: 403, code: "UnrecognizedClientException".to_owned(), variant: None };
    };
    let traits = error_id.and_then(|id| model.shapes.get(id)).map(|shape| &shape.traits);
    let status = match traits {
        Some(t) => t.http_error.unwrap_or(if t.error == Some(ErrorFault::Server) { 500 } else { 400 }),
        None => 400,
    };
    let variant = op.errors.iter().find(|e| e.code == code).map(|e| e.variant.clone());
    SmokeAnswer::Error { status, code: code.to_owned(), variant }
}

/// The path the client sends for these params: the template's literals, and each label's
/// value percent-encoded as the runtime does (every byte outside `A-Za-z0-9-._~`, and `/`
/// too unless the label is greedy).
fn request_path(op: &OperationIr, params: &[(String, SmokeValue)]) -> String {
    let mut path = String::new();
    for segment in &op.uri.path {
        match segment {
            UriSegment::Literal(text) => path.push_str(text),
            UriSegment::Label { field, greedy, .. } => {
                let value = match params.iter().find(|(f, _)| f == field).map(|(_, v)| v) {
                    Some(SmokeValue::Text(s)) => s.clone(),
                    Some(SmokeValue::Bool(b)) => b.to_string(),
                    Some(SmokeValue::Integer(n, _)) => n.to_string(),
                    None => String::new(),
                };
                for byte in value.bytes() {
                    if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || (*greedy && byte == b'/') {
                        path.push(char::from(byte));
                    } else {
                        path.push_str(&format!("%{byte:02X}"));
                    }
                }
            }
        }
    }
    path
}
