//! Which JSON writers take the request's `SerializeOptions`: those that fill an idempotency
//! token the caller left unset, in their own members or anywhere in what they hold. The
//! options' generator (`SerializeOptions::idempotency_token`) then makes every token of a
//! request, however deep, and writers that fill none keep their plain signature.
//!
//! This needs every type lowered first (whether a member is optional decides whether its
//! token is filled), so it runs as a pass over the finished IR.

use crate::ir::{Location, MemberIr, NamedKind, OperationIr, StructIr, TypeIr, TypeRef};
use std::collections::BTreeSet;

pub(super) fn mark(types: &mut [TypeIr], errors: &mut [StructIr], ops: &mut [OperationIr]) {
    let writers = token_writers(types, errors);
    for t in types.iter_mut() {
        match t {
            TypeIr::Struct(s) => mark_struct(s, &writers),
            TypeIr::Union(u) => {
                u.wire_use.options = u.wire_use.write && writers.contains(&u.rust_path);
                for ty in u.variants.iter_mut().filter_map(|v| v.ty.as_mut()) {
                    mark_type(ty, &writers);
                }
            }
            TypeIr::Enum(_) => {}
        }
    }
    for s in errors.iter_mut() {
        mark_struct(s, &writers);
    }
    for op in ops.iter_mut() {
        // An input's body writer always takes the options; its members' types say whether
        // to pass them on.
        for m in op.input.members.iter_mut().chain(op.output.members.iter_mut()) {
            mark_type(&mut m.ty, &writers);
        }
    }
}

/// The Rust paths of the structures and unions whose writers fill tokens, to a fixed point:
/// a type holding such a type (through lists, maps, boxes) is one too.
fn token_writers(types: &[TypeIr], errors: &[StructIr]) -> BTreeSet<String> {
    let structs: Vec<&StructIr> = types
        .iter()
        .filter_map(|t| match t {
            TypeIr::Struct(s) => Some(s),
            _ => None,
        })
        .chain(errors)
        .filter(|s| s.wire_use.write)
        .collect();
    let mut writers: BTreeSet<String> =
        structs.iter().filter(|s| s.members.iter().any(MemberIr::fills_token)).map(|s| s.rust_path.clone()).collect();
    loop {
        let before = writers.len();
        for s in &structs {
            if s.members.iter().any(|m| m.location == Location::Body && holds(&m.ty, &writers)) {
                writers.insert(s.rust_path.clone());
            }
        }
        for t in types {
            if let TypeIr::Union(u) = t
                && u.wire_use.write
                && u.variants.iter().filter_map(|v| v.ty.as_ref()).any(|ty| holds(ty, &writers))
            {
                writers.insert(u.rust_path.clone());
            }
        }
        if writers.len() == before {
            return writers;
        }
    }
}

/// Whether a value of `ty` is written by one of `writers`.
fn holds(ty: &TypeRef, writers: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Named(n) => matches!(n.kind, NamedKind::Struct | NamedKind::Union) && writers.contains(&n.rust_path),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => holds(inner, writers),
        _ => false,
    }
}

fn mark_struct(s: &mut StructIr, writers: &BTreeSet<String>) {
    s.wire_use.options = s.wire_use.write && writers.contains(&s.rust_path);
    for m in &mut s.members {
        mark_type(&mut m.ty, writers);
    }
}

fn mark_type(ty: &mut TypeRef, writers: &BTreeSet<String>) {
    match ty {
        TypeRef::Named(n) => n.write_options = matches!(n.kind, NamedKind::Struct | NamedKind::Union) && writers.contains(&n.rust_path),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => mark_type(inner, writers),
        _ => {}
    }
}
