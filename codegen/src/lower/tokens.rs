//! Two properties of body writers that follow what a type holds, however deep:
//!
//! - Which writers take the request's `SerializeOptions`: those that fill an idempotency
//!   token the caller left unset, in their own members or anywhere in what they hold. The
//!   options' generator (`SerializeOptions::idempotency_token`) then makes every token of a
//!   request, however deep, and writers that fill none keep their plain signature.
//! - Which writers can fail: with CBOR, those that write a `bigDecimal` (a decimal fraction's
//!   exponent must fit CBOR's integers, and the text of a `BigDecimal` may hold any). They
//!   return a `SerializeError` naming the member; every other writer keeps returning nothing,
//!   so crates without such a value are unchanged.
//!
//! This needs every type lowered first (whether a member is optional decides whether its
//! token is filled), so it runs as a pass over the finished IR.

use crate::ir::{Codec, Location, MemberIr, NamedKind, OperationIr, StructIr, TypeIr, TypeRef};
use std::collections::BTreeSet;

/// Which writers take the options and which can fail, by Rust path.
struct Writers {
    options: BTreeSet<String>,
    fallible: BTreeSet<String>,
}

pub(super) fn mark(types: &mut [TypeIr], errors: &mut [StructIr], ops: &mut [OperationIr], codec: Codec) {
    let writers = Writers {
        options: closure(types, errors, |ty| matches!(ty, Seed::Member(m) if m.fills_token())),
        // JSON writes a `BigDecimal`'s text as it is: only CBOR's writers can fail.
        fallible: match codec {
            Codec::Cbor => closure(types, errors, |seed| match seed {
                Seed::Member(m) => m.location == Location::Body && writes_decimal(&m.ty),
                Seed::Variant(ty) => writes_decimal(ty),
            }),
            Codec::Json => BTreeSet::new(),
        },
    };
    for t in types.iter_mut() {
        match t {
            TypeIr::Struct(s) => mark_struct(s, &writers),
            TypeIr::Union(u) => {
                u.wire_use.options = u.wire_use.write && writers.options.contains(&u.rust_path);
                u.wire_use.fallible = u.wire_use.write && writers.fallible.contains(&u.rust_path);
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
        // to pass them on, and whether it can fail.
        for m in op.input.members.iter_mut().chain(op.output.members.iter_mut()) {
            mark_type(&mut m.ty, &writers);
        }
    }
}

/// What makes a writer one of a set by itself: a structure's member or a union's variant.
enum Seed<'a> {
    Member(&'a MemberIr),
    Variant(&'a TypeRef),
}

/// Whether a value of `ty` is a `bigDecimal` or a collection of them, written in place.
fn writes_decimal(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::BigDecimal => true,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => writes_decimal(inner),
        _ => false,
    }
}

/// The Rust paths of the structures and unions written by themselves into the set (`seed`),
/// to a fixed point: a type holding such a type (through lists, maps, boxes) is one too.
fn closure(types: &[TypeIr], errors: &[StructIr], seed: impl Fn(Seed<'_>) -> bool) -> BTreeSet<String> {
    let structs: Vec<&StructIr> = types
        .iter()
        .filter_map(|t| match t {
            TypeIr::Struct(s) => Some(s),
            _ => None,
        })
        .chain(errors)
        .filter(|s| s.wire_use.write)
        .collect();
    let unions: Vec<_> = types
        .iter()
        .filter_map(|t| match t {
            TypeIr::Union(u) if u.wire_use.write => Some(u),
            _ => None,
        })
        .collect();
    let mut set: BTreeSet<String> = structs
        .iter()
        .filter(|s| s.members.iter().any(|m| seed(Seed::Member(m))))
        .map(|s| s.rust_path.clone())
        .chain(
            unions
                .iter()
                .filter(|u| u.variants.iter().filter_map(|v| v.ty.as_ref()).any(|ty| seed(Seed::Variant(ty))))
                .map(|u| u.rust_path.clone()),
        )
        .collect();
    loop {
        let before = set.len();
        for s in &structs {
            if s.members.iter().any(|m| m.location == Location::Body && holds(&m.ty, &set)) {
                set.insert(s.rust_path.clone());
            }
        }
        for u in &unions {
            if u.variants.iter().filter_map(|v| v.ty.as_ref()).any(|ty| holds(ty, &set)) {
                set.insert(u.rust_path.clone());
            }
        }
        if set.len() == before {
            return set;
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

fn mark_struct(s: &mut StructIr, writers: &Writers) {
    s.wire_use.options = s.wire_use.write && writers.options.contains(&s.rust_path);
    s.wire_use.fallible = s.wire_use.write && writers.fallible.contains(&s.rust_path);
    for m in &mut s.members {
        mark_type(&mut m.ty, writers);
    }
}

fn mark_type(ty: &mut TypeRef, writers: &Writers) {
    match ty {
        TypeRef::Named(n) => {
            let aggregate = matches!(n.kind, NamedKind::Struct | NamedKind::Union);
            n.write_options = aggregate && writers.options.contains(&n.rust_path);
            n.write_fallible = aggregate && writers.fallible.contains(&n.rust_path);
        }
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => mark_type(inner, writers),
        _ => {}
    }
}
