//! The example program of the chosen operation: which required members it takes from the
//! command line, and what it prints.
//!
//! Members of plain types (text, enums, numbers, booleans) are arguments, in the input's
//! order; the others keep the example's values. The items of a paginated operation are a
//! table whose columns are chosen to tell items apart (see [`columns`]), or with `--json`
//! every plain member; any other output prints its plain members.

use super::values::{Types, is_plain};
use super::{items_member, member};
use crate::ir::example::{ArgKind, Element, Field, FieldKind, Listing, ProgramArg, ProgramIr, Setter};
use crate::ir::{MemberIr, NamedKind, OperationIr, StructIr, TypeRef};
use heck::{ToKebabCase, ToShoutySnakeCase};

/// Columns of the items table.
const MAX_COLUMNS: usize = 5;

pub(super) fn build(op: &OperationIr, types: &Types<'_>, required: &[Setter], unchecked: &[String]) -> ProgramIr {
    let mut args = Vec::new();
    let mut fixed = Vec::new();
    for setter in required {
        let m = member(&op.input, &setter.field);
        match m.and_then(|m| Some((m, arg_kind(&m.ty)?))) {
            Some((m, kind)) => args.push(ProgramArg { usage: m.model_name.to_kebab_case(), field: m.field.clone(), kind }),
            None => fixed.push(setter.clone()),
        }
    }
    let listing = match items_member(op) {
        Some((m, inner)) => Listing::Items { member: m.model_name.clone(), element: element(types, inner) },
        None => Listing::Output { paginated: op.pagination.is_some(), fields: fields(&op.output) },
    };
    // The program sends the fixed values as the example has them (unchecked paths start
    // with the top-level member's model name); the arguments are the user's.
    let fixed_names: Vec<&str> = fixed.iter().filter_map(|s| member(&op.input, &s.field)).map(|m| m.model_name.as_str()).collect();
    let in_fixed = |path: &String| {
        fixed_names.iter().any(|name| path == name || path.starts_with(&format!("{name}.")) || path.starts_with(&format!("{name}[")))
    };
    let validate = !unchecked.iter().any(in_fixed);
    ProgramIr { name: crate::output::file_stem(&op.module).to_owned(), args, fixed, validate, listing }
}

fn arg_kind(ty: &TypeRef) -> Option<ArgKind> {
    Some(match ty {
        TypeRef::String => ArgKind::Text,
        TypeRef::Named(n) if n.kind == NamedKind::Enum => ArgKind::Enum(n.rust_path.clone()),
        TypeRef::Bool => ArgKind::Parsed("bool".into()),
        TypeRef::Byte => ArgKind::Parsed("i8".into()),
        TypeRef::Short => ArgKind::Parsed("i16".into()),
        TypeRef::Integer => ArgKind::Parsed("i32".into()),
        TypeRef::Long => ArgKind::Parsed("i64".into()),
        TypeRef::Float => ArgKind::Parsed("f32".into()),
        TypeRef::Double => ArgKind::Parsed("f64".into()),
        _ => return None,
    })
}

fn element(types: &Types<'_>, ty: &TypeRef) -> Element {
    match ty {
        TypeRef::Named(n) if n.kind == NamedKind::Struct => match types.structure(&n.rust_path) {
            Some(s) if !fields(s).is_empty() => {
                let fields = fields(s);
                Element::Struct { columns: columns(&fields), fields }
            }
            _ => Element::Debug,
        },
        ty => field_kind(ty).map_or(Element::Debug, Element::Plain),
    }
}

fn field_kind(ty: &TypeRef) -> Option<FieldKind> {
    if !is_plain(ty) {
        return None;
    }
    Some(match ty {
        TypeRef::String => FieldKind::Text,
        TypeRef::Named(n) if n.kind == NamedKind::Enum => FieldKind::Enum,
        TypeRef::Named(_) => FieldKind::IntEnum,
        TypeRef::Timestamp(_) => FieldKind::Timestamp,
        _ => FieldKind::Display,
    })
}

/// The plain members of `s` that may be shown: not `@sensitive`, not `@deprecated`.
fn fields(s: &StructIr) -> Vec<Field> {
    s.members.iter().filter(|m| !m.sensitive && m.deprecated.is_none()).filter_map(field).collect()
}

fn field(m: &MemberIr) -> Option<Field> {
    Some(Field {
        name: m.model_name.clone(),
        title: m.model_name.to_shouty_snake_case(),
        accessor: m.field.clone(),
        kind: field_kind(&m.ty)?,
        optional: m.is_optional(),
    })
}

/// The table's columns, in the structure's order: its first text member (often a name or
/// an id), up to two enums (often a state), its first timestamp, then more text members,
/// at most [`MAX_COLUMNS`].
fn columns(fields: &[Field]) -> Vec<Field> {
    let mut chosen: Vec<usize> = Vec::new();
    let pick = |chosen: &mut Vec<usize>, wanted: &dyn Fn(&Field) -> bool, most: usize| {
        let picks: Vec<usize> = (0..fields.len()).filter(|i| !chosen.contains(i) && wanted(&fields[*i])).take(most).collect();
        chosen.extend(picks);
    };
    pick(&mut chosen, &|f| f.kind == FieldKind::Text, 1);
    pick(&mut chosen, &|f| matches!(f.kind, FieldKind::Enum | FieldKind::IntEnum), 2);
    pick(&mut chosen, &|f| f.kind == FieldKind::Timestamp, 1);
    let room = MAX_COLUMNS.saturating_sub(chosen.len());
    pick(&mut chosen, &|f| f.kind == FieldKind::Text, room);
    let room = MAX_COLUMNS.saturating_sub(chosen.len());
    pick(&mut chosen, &|_| true, room);
    chosen.sort_unstable();
    chosen.into_iter().map(|i| fields[i].clone()).collect()
}
