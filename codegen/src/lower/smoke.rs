//! `smithy.test#smokeTests` of the generated operations: each case with its input members as
//! Rust values. A case whose params this generator cannot write as setters (anything but
//! strings, enums, booleans and integers at the input's top level) is left out with a
//! warning naming it and its JSON path.

use crate::error::ModelError;
use crate::ir::waiter::{SmokeTestIr, SmokeValue};
use crate::ir::{CrateIr, NamedKind, TypeRef};
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
            match smoke_case(case, op) {
                Ok(test) => tests.push(test),
                Err(why) => left_out.push(ModelError::at(path, Some(&op.shape_id), format!("smoke test left out: {why}"))),
            }
        }
    }
    (tests, left_out)
}

fn smoke_case(case: &Value, op: &crate::ir::OperationIr) -> Result<SmokeTestIr, String> {
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
    let failure = match (expect.get("success"), expect.get("failure")) {
        (Some(_), None) => None,
        (None, Some(f)) => Some(f.get("errorId").and_then(Value::as_str).map(|e| e.rsplit('#').next().unwrap_or(e).to_owned())),
        _ => return Err(format!("`{id}`: `expect` needs `success` or `failure`")),
    };
    Ok(SmokeTestIr {
        test_name: names::snake(id),
        operation: op.rust_name.clone(),
        module_path: op.module_path.clone(),
        input_type: op.input.rust_name.clone(),
        params,
        failure,
        region: case.get("vendorParams").and_then(|v| v.get("region")).and_then(Value::as_str).map(str::to_owned),
    })
}
