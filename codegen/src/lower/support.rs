//! What the generator can generate, in one place.
//!
//! An operation is supported when every shape it reaches and every HTTP binding it uses is
//! one the emitters implement. Anything else is reported with the shape and JSON path, so
//! that the run's summary (or the error, when the operation was asked for by name) says
//! exactly what is missing.

use crate::error::{ModelError, Unsupported};
use crate::load::{Member, ShapeId, ShapeKind, SimpleType};
use crate::resolve::Resolved;
use crate::traits::Traits;
use std::collections::BTreeSet;

/// The shapes an aggregate's members target (enum members target `smithy.api#Unit`).
pub(crate) fn member_targets<T>(kind: &ShapeKind<T>) -> Vec<ShapeId> {
    kind.members().into_iter().map(|m| m.target.clone()).collect()
}

pub(crate) fn check_operation(model: &Resolved, id: &str) -> Result<(), ModelError> {
    let shape = model.shape(id);
    let ShapeKind::Operation(op) = &shape.kind else {
        return Err(ModelError::at(&shape.path, Some(id), "not an operation"));
    };
    if let Some(input) = &op.input {
        check_bindings(model, input, true)?;
    }
    if let Some(output) = &op.output {
        check_bindings(model, output, false)?;
    }
    for error in op.errors.iter().chain(&model.service.errors) {
        check_bindings(model, error, false)?;
    }
    super::auth::operation_schemes(model, id)?;
    let roots: Vec<ShapeId> = op.input.iter().chain(&op.output).chain(&op.errors).cloned().collect();
    for root in &roots {
        check_acyclic(model, root)?;
    }
    let mut seen = BTreeSet::new();
    let mut pending = roots;
    while let Some(next) = pending.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        let shape = model.shape(&next);
        check_shape(model, &next)?;
        pending.extend(member_targets(&shape.kind));
    }
    Ok(())
}

/// Lists and maps nested deeper than this are refused: the generated types would be
/// unreadable, and the Rust parser's stack is finite.
const MAX_COLLECTION_NESTING: usize = 12;

/// Bounds the nesting of collections (recursive shapes are fine: the lowering boxes the
/// members that close a cycle). Iterative, so that a long chain of shapes cannot exhaust
/// the stack.
fn check_acyclic(model: &Resolved, root: &str) -> Result<(), ModelError> {
    // (shape, next member to visit, collection nesting at this shape)
    let mut stack: Vec<(ShapeId, usize, usize)> = vec![(root.to_owned(), 0, 0)];
    let mut done = BTreeSet::new();
    while let Some((id, index, nesting)) = stack.pop() {
        let shape = model.shape(&id);
        let members = shape.kind.members();
        let Some(member) = members.get(index) else {
            done.insert(id);
            continue;
        };
        stack.push((id.clone(), index + 1, nesting));
        let target = &member.target;
        if target == crate::resolve::UNIT || done.contains(target) {
            continue;
        }
        if stack.iter().any(|(on_path, _, _)| on_path == target) {
            let cycle: Vec<&str> = stack
                .iter()
                .skip_while(|(s, _, _)| s != target)
                .map(|(s, _, _)| s.as_str())
                .chain([target.as_str()])
                .collect();
            let is_collection =
                |s: &str| matches!(model.shape(s).kind, ShapeKind::List { .. } | ShapeKind::Set { .. } | ShapeKind::Map { .. });
            if cycle.iter().all(|s| is_collection(s)) {
                let names: Vec<&str> = cycle.iter().map(|s| super::shape_name(s)).collect();
                return Err(ModelError::unsupported(
                    format!("{}.target", member.path),
                    Some(&id),
                    Unsupported::CollectionCycle,
                    format!(
                        "a list or map that holds itself with no structure or union between has no Rust type: {}",
                        names.join(" -> ")
                    ),
                ));
            }
            // A cycle through a structure or union: the lowering boxes the members that close it.
            continue;
        }
        let is_collection = matches!(
            model.shape(target).kind,
            ShapeKind::List { .. } | ShapeKind::Set { .. } | ShapeKind::Map { .. }
        );
        let depth = if is_collection { nesting + 1 } else { 0 };
        if depth > MAX_COLLECTION_NESTING {
            return Err(ModelError::unsupported(
                format!("{}.target", member.path),
                Some(&id),
                Unsupported::DeepNesting,
                format!("lists and maps nested more than {MAX_COLLECTION_NESTING} deep are not supported"),
            ));
        }
        stack.push((target.clone(), 0, depth));
    }
    Ok(())
}


fn check_shape(model: &Resolved, id: &str) -> Result<(), ModelError> {
    let shape = model.shape(id);
    match &shape.kind {
        ShapeKind::Map { key, .. } => {
            let key_shape = model.shape(&key.target);
            if matches!(key_shape.kind, ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum { .. }) {
                Ok(())
            } else {
                Err(ModelError::at(format!("{}.target", key.path), Some(id), "map keys must be strings"))
            }
        }
        ShapeKind::Simple(_) | ShapeKind::List { .. } | ShapeKind::Set { .. } => Ok(()),
        ShapeKind::Structure { .. } | ShapeKind::Union { .. } | ShapeKind::Enum { .. } | ShapeKind::IntEnum { .. } => Ok(()),
        other => Err(ModelError::at(
            &shape.path,
            Some(id),
            format!("{} cannot be used as data", crate::resolve::kind_name(other)),
        )),
    }
}

/// HTTP bindings the restJson1 emitter implements, with the target types each allows:
/// labels take scalars; query values and headers take scalars and lists of them;
/// `@httpQueryParams` and `@httpPrefixHeaders` take maps of strings (query parameters also
/// maps of string lists); `@httpResponseCode` an integer; `@httpPayload` a string, enum, blob,
/// document, structure or union.
fn check_bindings(model: &Resolved, id: &str, is_input: bool) -> Result<(), ModelError> {
    let shape = model.shape(id);
    let ShapeKind::Structure { members } = &shape.kind else { return Ok(()) };
    for member in members {
        let t = &member.traits;
        let unsupported_as = |reason: Unsupported, what: &str| {
            Err(ModelError::unsupported(
                format!("{}.traits", member.path),
                Some(id),
                reason,
                format!("member `{}`: {what} is not supported yet", member.name),
            ))
        };
        let unsupported = |what: &str| unsupported_as(Unsupported::Binding, what);
        let target = model.shape(&member.target);
        if is_input && t.http_label && !is_scalar(model, member, false) {
            return unsupported("a label of this type");
        }
        if is_input && t.http_query.is_some() && !is_scalar(model, member, true) {
            return unsupported("a query value of this type");
        }
        if is_input && t.http_query_params && !is_string_map(model, member, true) {
            return unsupported("@httpQueryParams on anything but a map of strings or string lists");
        }
        if t.http_header.is_some() {
            if !is_scalar(model, member, true) {
                return unsupported("a header of this type");
            }
            let item_has_media_type = match &target.kind {
                ShapeKind::List { member: item } | ShapeKind::Set { member: item } => {
                    model.shape(&item.target).traits.media_type.is_some()
                }
                _ => false,
            };
            if item_has_media_type {
                return unsupported("a header list of @mediaType strings (each sent base64-encoded)");
            }
        }
        if t.http_prefix_headers.is_some() && !is_string_map(model, member, false) {
            return unsupported("@httpPrefixHeaders on anything but a map of strings");
        }
        if !is_input && t.http_response_code && !matches!(target.kind, ShapeKind::Simple(SimpleType::Integer)) {
            return unsupported("@httpResponseCode on anything but an integer");
        }
        if t.http_payload {
            match &target.kind {
                ShapeKind::Simple(SimpleType::String | SimpleType::Blob | SimpleType::Document) | ShapeKind::Enum { .. } => {}
                ShapeKind::Structure { .. } => {}
                ShapeKind::Union { .. } => {}
                _ => return unsupported("a payload of this type"),
            }
        }
    }
    Ok(())
}

/// Strings, enums, intEnums, booleans, numbers and timestamps (and, where `lists`, lists
/// of them).
fn is_scalar(model: &Resolved, member: &Member<Traits>, lists: bool) -> bool {
    let target = model.shape(&member.target);
    match &target.kind {
        ShapeKind::Simple(
            SimpleType::String
            | SimpleType::Boolean
            | SimpleType::Byte
            | SimpleType::Short
            | SimpleType::Integer
            | SimpleType::Long
            | SimpleType::Float
            | SimpleType::Double
            | SimpleType::Timestamp,
        )
        | ShapeKind::Enum { .. }
        | ShapeKind::IntEnum { .. } => true,
        ShapeKind::List { member: inner } | ShapeKind::Set { member: inner } if lists => is_scalar(model, inner, false),
        _ => false,
    }
}

/// A map of strings (and, where `lists`, a map of string lists).
fn is_string_map(model: &Resolved, member: &Member<Traits>, lists: bool) -> bool {
    let ShapeKind::Map { value, .. } = &model.shape(&member.target).kind else { return false };
    match &model.shape(&value.target).kind {
        ShapeKind::Simple(SimpleType::String) => true,
        ShapeKind::List { member: inner } | ShapeKind::Set { member: inner } if lists => {
            matches!(model.shape(&inner.target).kind, ShapeKind::Simple(SimpleType::String))
        }
        _ => false,
    }
}
