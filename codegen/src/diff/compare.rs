//! The comparison of two IRs, item by item, matched by Rust name.
//!
//! Items are matched by what users of the crate write: types by name, members by field,
//! variants by variant name, an operation's errors by variant. Every difference becomes a
//! [`Change`] of a [`Kind`]; what the kind means is decided in `rules`, not here.

use super::Change;
use super::rules::Kind;
use crate::endpoint::ir::{EndpointIr, ParamIr, ParamType};
use crate::ir::*;
use crate::traits::TimestampFormat;
use std::collections::BTreeMap;

pub(super) fn compare(old: &CrateIr, new: &CrateIr) -> Vec<Change> {
    let mut c = Changes::default();
    c.docs("crate", &old.service.docs, &new.service.docs);
    c.text(Kind::ProtocolChanged, "crate", old.service.protocol.shape_id.clone(), new.service.protocol.shape_id.clone());
    for pair in pair_up(&old.operations, &new.operations, |o| &o.rust_name) {
        match pair {
            Pair::Added(op) => c.push(Kind::OperationAdded, op_path(op), binding_text(op)),
            Pair::Removed(op) => {
                // Still in the model, but the generator cannot generate it any more: say why.
                let detail = match new.unsupported.iter().find(|(name, _)| name == &op.rust_name) {
                    Some((_, reason)) => format!("{}; not generated: {}", binding_text(op), one_line(&reason.to_string())),
                    None => binding_text(op),
                };
                c.push(Kind::OperationRemoved, op_path(op), detail)
            }
            Pair::Both(a, b) => operation(&mut c, a, b),
        }
    }
    for pair in pair_up(&old.types, &new.types, TypeIr::rust_name) {
        match pair {
            Pair::Added(t) => c.push(type_kinds(t).0, type_path(t), type_summary(t)),
            Pair::Removed(t) => c.push(type_kinds(t).1, type_path(t), type_summary(t)),
            Pair::Both(a, b) => data_type(&mut c, a, b),
        }
    }
    for pair in pair_up(&old.errors, &new.errors, |e| &e.rust_name) {
        match pair {
            Pair::Added(e) => c.push(Kind::ErrorAdded, &e.rust_path, struct_summary(e)),
            Pair::Removed(e) => c.push(Kind::ErrorRemoved, &e.rust_path, struct_summary(e)),
            Pair::Both(a, b) => {
                let (x, y) = (error_text(a), error_text(b));
                if x != y {
                    c.push(Kind::ErrorMetadataChanged, &b.rust_path, format!("{x} → {y}"));
                }
                structure(&mut c, a, b);
            }
        }
    }
    endpoint(&mut c, old.endpoint.as_ref(), new.endpoint.as_ref());
    c.0
}

/// The endpoint module: its parameters by field, and the rules as a whole.
fn endpoint(c: &mut Changes, old: Option<&EndpointIr>, new: Option<&EndpointIr>) {
    let (a, b) = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => return c.push(Kind::EndpointRulesAdded, "crate::endpoint", ""),
        (Some(_), None) => return c.push(Kind::EndpointRulesRemoved, "crate::endpoint", ""),
        (Some(a), Some(b)) => (a, b),
    };
    let path = |p: &ParamIr| format!("crate::endpoint::Params::{}", crate::names::unraw(&p.field));
    // What the getter and setter look like: the type, and whether a default makes it plain.
    let signature = |p: &ParamIr| {
        let ty = match p.ty {
            ParamType::String => "string",
            ParamType::Bool => "boolean",
            ParamType::StringArray => "string array",
        };
        let presence = if p.has_default() { "with a default" } else if p.required { "required" } else { "optional" };
        format!("{ty}, {presence}")
    };
    // Defaults decide values as much as the rules do.
    let mut defaults_changed = false;
    for pair in pair_up(&a.params, &b.params, |p| &p.field) {
        match pair {
            Pair::Added(p) if p.required && !p.has_default() => {
                c.push(Kind::EndpointRequiredParamAdded, path(p), signature(p))
            }
            Pair::Added(p) => c.push(Kind::EndpointParamAdded, path(p), signature(p)),
            Pair::Removed(p) => c.push(Kind::EndpointParamRemoved, path(p), signature(p)),
            Pair::Both(x, y) => {
                c.text(Kind::EndpointParamTypeChanged, &path(y), signature(x), signature(y));
                defaults_changed |= x.default != y.default;
            }
        }
    }
    if defaults_changed || format!("{:?}", a.rules) != format!("{:?}", b.rules) {
        c.push(Kind::EndpointRulesChanged, "crate::endpoint::resolve", "");
    }
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, kind: Kind, path: impl Into<String>, detail: impl Into<String>) {
        self.0.push(Change { kind, path: path.into(), detail: detail.into() });
    }

    fn docs(&mut self, path: &str, old: &str, new: &str) {
        if old != new {
            self.push(Kind::DocsChanged, path, "");
        }
    }

    /// Pushes `added` or `removed` when a flag flips.
    fn flag(&mut self, path: &str, old: bool, new: bool, added: Kind, removed: Kind) {
        match (old, new) {
            (false, true) => self.push(added, path, ""),
            (true, false) => self.push(removed, path, ""),
            _ => {}
        }
    }

    /// Pushes `kind` with "old → new" when the two texts differ.
    fn text(&mut self, kind: Kind, path: &str, old: String, new: String) {
        if old != new {
            self.push(kind, path, format!("{old} → {new}"));
        }
    }
}

/// An item of the old IR, the new IR, or both.
enum Pair<'a, T> {
    Added(&'a T),
    Removed(&'a T),
    Both(&'a T, &'a T),
}

/// Matches the items of two lists by key, in key order.
fn pair_up<'a, T>(old: &'a [T], new: &'a [T], key: impl Fn(&'a T) -> &'a str) -> Vec<Pair<'a, T>> {
    let mut by_key: BTreeMap<&str, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for item in old {
        by_key.entry(key(item)).or_default().0 = Some(item);
    }
    for item in new {
        by_key.entry(key(item)).or_default().1 = Some(item);
    }
    by_key
        .into_values()
        .filter_map(|pair| match pair {
            (Some(a), Some(b)) => Some(Pair::Both(a, b)),
            (Some(a), None) => Some(Pair::Removed(a)),
            (None, Some(b)) => Some(Pair::Added(b)),
            (None, None) => None,
        })
        .collect()
}

fn operation(c: &mut Changes, a: &OperationIr, b: &OperationIr) {
    let path = op_path(b);
    c.text(Kind::HttpMethodChanged, &path, a.method.clone(), b.method.clone());
    c.text(Kind::HttpUriChanged, &path, uri_text(&a.uri), uri_text(&b.uri));
    c.text(Kind::HttpStatusChanged, &path, a.success_code.to_string(), b.success_code.to_string());
    c.docs(&path, &a.docs, &b.docs);
    structure(c, &a.input, &b.input);
    structure(c, &a.output, &b.output);
    let error_path = |op: &OperationIr, e: &OperationErrorIr| format!("{}::{}::{}", op.module_path, op.error_enum, e.variant);
    for pair in pair_up(&a.errors, &b.errors, |e| &e.variant) {
        match pair {
            Pair::Added(e) => c.push(Kind::OperationErrorAdded, error_path(b, e), &e.code),
            Pair::Removed(e) => c.push(Kind::OperationErrorRemoved, error_path(a, e), &e.code),
            Pair::Both(..) => {}
        }
    }
    match (&a.pagination, &b.pagination) {
        (None, Some(p)) => c.push(Kind::PaginationAdded, &path, pagination_text(p)),
        (Some(p), None) => c.push(Kind::PaginationRemoved, &path, pagination_text(p)),
        (Some(p), Some(q)) => {
            let items = |p: &PaginationIr| p.items_type.as_ref().map_or("none".to_owned(), type_text);
            if items(p) != items(q) {
                c.text(Kind::PaginationItemsChanged, &path, items(p), items(q));
            } else {
                c.text(Kind::PaginationChanged, &path, pagination_text(p), pagination_text(q));
            }
        }
        (None, None) => {}
    }
}

fn data_type(c: &mut Changes, a: &TypeIr, b: &TypeIr) {
    match (a, b) {
        (TypeIr::Struct(a), TypeIr::Struct(b)) => structure(c, a, b),
        (TypeIr::Enum(a), TypeIr::Enum(b)) => enumeration(c, a, b),
        (TypeIr::Union(a), TypeIr::Union(b)) => union(c, a, b),
        _ => c.push(Kind::TypeKindChanged, type_path(b), format!("{} → {}", type_kind(a), type_kind(b))),
    }
}

fn structure(c: &mut Changes, a: &StructIr, b: &StructIr) {
    let path = &b.rust_path;
    c.flag(path, a.sensitive, b.sensitive, Kind::TypeSensitiveAdded, Kind::TypeSensitiveRemoved);
    c.docs(path, &a.docs, &b.docs);
    let member_path = |m: &MemberIr| format!("{path}::{}", m.field);
    for pair in pair_up(&a.members, &b.members, |m| &m.field) {
        match pair {
            Pair::Added(m) => {
                let kind = match (&m.presence, b.role) {
                    (Presence::Required, _) => Kind::RequiredMemberAdded,
                    (_, StructRole::Input) => Kind::InputMemberAdded,
                    _ => Kind::MemberAdded,
                };
                c.push(kind, member_path(m), member_text(m));
            }
            Pair::Removed(m) => c.push(Kind::MemberRemoved, member_path(m), member_text(m)),
            Pair::Both(x, y) => member(c, b.role, &member_path(y), x, y),
        }
    }
}

fn member(c: &mut Changes, role: StructRole, path: &str, a: &MemberIr, b: &MemberIr) {
    if type_text(&a.ty) != type_text(&b.ty) {
        c.text(Kind::MemberTypeChanged, path, member_text(a), member_text(b));
    } else {
        c.text(Kind::MemberWireFormatChanged, path, wire_text(&a.ty), wire_text(&b.ty));
    }
    if let Some(kind) = presence_change(role, &a.presence, &b.presence) {
        c.push(kind, path, format!("{} → {}", member_text(a), member_text(b)));
    }
    c.flag(path, a.sensitive, b.sensitive, Kind::SensitiveAdded, Kind::SensitiveRemoved);
    c.text(Kind::MemberBindingChanged, path, location_text(a), location_text(b));
    c.text(Kind::ConstraintsChanged, path, constraints_text(&a.constraints), constraints_text(&b.constraints));
    let token = |m: &MemberIr| if m.idempotency_token { "idempotency token" } else { "plain value" }.to_owned();
    c.text(Kind::IdempotencyTokenChanged, path, token(a), token(b));
    c.docs(path, &a.docs, &b.docs);
}

/// The kind of a change of presence, if the presence changed (see `rules` for what each means).
fn presence_change(role: StructRole, old: &Presence, new: &Presence) -> Option<Kind> {
    use Presence::{Default, Optional, Required};
    Some(match (old, new) {
        (Optional, Required) if role == StructRole::Input => Kind::InputMemberNowRequired,
        (Optional, Required) => Kind::MemberNowRequired,
        (Required | Default(_), Optional) => Kind::MemberNowOptional,
        (Optional, Default(_)) => Kind::DefaultAdded,
        (Required, Default(_)) => Kind::DefaultAddedToRequired,
        (Default(_), Required) => Kind::DefaultRemoved,
        (Default(x), Default(y)) if x != y => Kind::DefaultChanged,
        _ => return None,
    })
}

fn enumeration(c: &mut Changes, a: &EnumIr, b: &EnumIr) {
    let path = format!("crate::types::{}", b.rust_name);
    c.docs(&path, &a.docs, &b.docs);
    for pair in pair_up(&a.variants, &b.variants, |v| &v.rust_name) {
        match pair {
            Pair::Added(v) => c.push(Kind::EnumValueAdded, format!("{path}::{}", v.rust_name), quoted(&v.wire_value)),
            Pair::Removed(v) => c.push(Kind::EnumValueRemoved, format!("{path}::{}", v.rust_name), quoted(&v.wire_value)),
            Pair::Both(x, y) => {
                let variant = format!("{path}::{}", y.rust_name);
                c.text(Kind::EnumWireValueChanged, &variant, quoted(&x.wire_value), quoted(&y.wire_value));
                c.docs(&variant, &x.docs, &y.docs);
            }
        }
    }
}

fn union(c: &mut Changes, a: &UnionIr, b: &UnionIr) {
    let path = &b.rust_path;
    c.flag(path, a.sensitive, b.sensitive, Kind::TypeSensitiveAdded, Kind::TypeSensitiveRemoved);
    c.docs(path, &a.docs, &b.docs);
    let variant_text = |v: &UnionVariantIr| v.ty.as_ref().map_or("()".to_owned(), type_text);
    for pair in pair_up(&a.variants, &b.variants, |v| &v.rust_name) {
        match pair {
            Pair::Added(v) => c.push(Kind::UnionVariantAdded, format!("{path}::{}", v.rust_name), variant_text(v)),
            Pair::Removed(v) => c.push(Kind::UnionVariantRemoved, format!("{path}::{}", v.rust_name), variant_text(v)),
            Pair::Both(x, y) => {
                let variant = format!("{path}::{}", y.rust_name);
                if variant_text(x) != variant_text(y) {
                    c.text(Kind::UnionVariantTypeChanged, &variant, variant_text(x), variant_text(y));
                } else {
                    let wire = |v: &UnionVariantIr| v.ty.as_ref().map_or("()".to_owned(), wire_text);
                    c.text(Kind::MemberWireFormatChanged, &variant, wire(x), wire(y));
                }
                c.flag(&variant, x.sensitive, y.sensitive, Kind::SensitiveAdded, Kind::SensitiveRemoved);
                let key = |v: &UnionVariantIr| format!("body {}", v.wire_name);
                c.text(Kind::MemberBindingChanged, &variant, key(x), key(y));
                c.text(Kind::ConstraintsChanged, &variant, constraints_text(&x.constraints), constraints_text(&y.constraints));
                c.docs(&variant, &x.docs, &y.docs);
            }
        }
    }
}

// Rust paths and short texts for the report.

fn op_path(op: &OperationIr) -> String {
    format!("{}::{}", op.module_path, op.rust_name)
}

fn type_path(t: &TypeIr) -> String {
    match t {
        TypeIr::Struct(s) => s.rust_path.clone(),
        TypeIr::Enum(e) => format!("crate::types::{}", e.rust_name),
        TypeIr::Union(u) => u.rust_path.clone(),
    }
}

fn type_kind(t: &TypeIr) -> &'static str {
    match t {
        TypeIr::Struct(_) => "structure",
        TypeIr::Enum(_) => "enum",
        TypeIr::Union(_) => "union",
    }
}

/// The kinds for a type being added and removed.
fn type_kinds(t: &TypeIr) -> (Kind, Kind) {
    match t {
        TypeIr::Struct(_) => (Kind::StructAdded, Kind::StructRemoved),
        TypeIr::Enum(_) => (Kind::EnumAdded, Kind::EnumRemoved),
        TypeIr::Union(_) => (Kind::UnionAdded, Kind::UnionRemoved),
    }
}

fn type_summary(t: &TypeIr) -> String {
    match t {
        TypeIr::Struct(s) => struct_summary(s),
        TypeIr::Enum(e) => {
            let values: Vec<String> = e.variants.iter().map(|v| quoted(&v.wire_value)).collect();
            format!("values {}", values.join(", "))
        }
        TypeIr::Union(u) => {
            let variants: Vec<&str> = u.variants.iter().map(|v| v.rust_name.as_str()).collect();
            format!("variants {}", variants.join(", "))
        }
    }
}

fn struct_summary(s: &StructIr) -> String {
    let fields: Vec<&str> = s.members.iter().map(|m| m.field.as_str()).collect();
    if fields.is_empty() { "no members".to_owned() } else { format!("members {}", fields.join(", ")) }
}

fn binding_text(op: &OperationIr) -> String {
    format!("{} {}", op.method, uri_text(&op.uri))
}

/// The URI template as the model writes it: `/approval-teams/{Arn}/sessions/?List`.
fn uri_text(uri: &UriTemplate) -> String {
    let mut text: String = uri
        .path
        .iter()
        .map(|s| match s {
            UriSegment::Literal(l) => l.clone(),
            UriSegment::Label { model_name, greedy, .. } => format!("{{{model_name}{}}}", if *greedy { "+" } else { "" }),
        })
        .collect();
    let query: Vec<String> = uri
        .query
        .iter()
        .map(|(k, v)| v.as_ref().map_or(k.clone(), |v| format!("{k}={v}")))
        .collect();
    if !query.is_empty() {
        text.push('?');
        text.push_str(&query.join("&"));
    }
    text
}

fn pagination_text(p: &PaginationIr) -> String {
    let mut parts = vec![format!("input token {}", p.input_token_field), format!("output token {}", p.output_token_field)];
    parts.extend(p.page_size_field.as_ref().map(|f| format!("page size {f}")));
    parts.extend(p.items_field.as_ref().map(|f| format!("items {f}")));
    parts.join(", ")
}

fn error_text(s: &StructIr) -> String {
    let Some(e) = &s.error else { return String::new() };
    let status = e.http_status.map_or("no status".to_owned(), |s| format!("status {s}"));
    let fault = if e.server_fault { "server" } else { "client" };
    let retry = if e.retryable { "retryable" } else { "not retryable" };
    format!("{status}, {fault}, {retry}")
}

/// The Rust type of a value, as users of the crate write it.
pub(super) fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Byte => "i8".to_owned(),
        TypeRef::Short => "i16".to_owned(),
        TypeRef::Integer => "i32".to_owned(),
        TypeRef::Long => "i64".to_owned(),
        TypeRef::Float => "f32".to_owned(),
        TypeRef::Double => "f64".to_owned(),
        TypeRef::BigInteger => "crate::primitives::BigInteger".to_owned(),
        TypeRef::BigDecimal => "crate::primitives::BigDecimal".to_owned(),
        TypeRef::Blob => "crate::primitives::Blob".to_owned(),
        TypeRef::Document => "crate::primitives::Document".to_owned(),
        TypeRef::Timestamp(_) => "time::OffsetDateTime".to_owned(),
        TypeRef::Named(named) => named.rust_path.clone(),
        TypeRef::List(inner) => format!("Vec<{}>", type_text(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", type_text(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_text(inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_text(inner)),
    }
}

/// The Rust type with what decides its wire format (timestamps' formats).
fn wire_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Timestamp(format) => {
            let name = match format {
                TimestampFormat::DateTime => "date-time",
                TimestampFormat::EpochSeconds => "epoch-seconds",
                TimestampFormat::HttpDate => "http-date",
            };
            format!("time::OffsetDateTime as {name}")
        }
        TypeRef::List(inner) => format!("Vec<{}>", wire_text(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", wire_text(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", wire_text(inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", wire_text(inner)),
        other => type_text(other),
    }
}

/// The field's type with its presence: `Option<String>`, `String (required)`, `i32 (default 0)`.
fn member_text(m: &MemberIr) -> String {
    let ty = type_text(&m.ty);
    match &m.presence {
        Presence::Optional => format!("Option<{ty}>"),
        Presence::Required => format!("{ty} (required)"),
        Presence::Default(value) => format!("{ty} (default {})", default_text(value)),
    }
}

fn default_text(value: &DefaultValue) -> String {
    match value {
        DefaultValue::Bool(b) => b.to_string(),
        DefaultValue::Int(i) => i.to_string(),
        DefaultValue::Float(f) => f.to_string(),
        DefaultValue::String(s) => quoted(s),
        DefaultValue::EnumVariant(v) => v.clone(),
        DefaultValue::EmptyList => "[]".to_owned(),
        DefaultValue::EmptyMap => "{}".to_owned(),
        DefaultValue::Blob(bytes) => format!("{} bytes", bytes.len()),
        DefaultValue::Document(json) => json.to_string(),
        DefaultValue::BigNumber(text) => text.clone(),
        DefaultValue::Timestamp(nanos) => format!("{nanos} ns after the epoch"),
    }
}

fn location_text(m: &MemberIr) -> String {
    let name = &m.wire_name;
    match &m.location {
        Location::Body => format!("body {name}"),
        Location::Label { greedy: false } => format!("URI label {{{name}}}"),
        Location::Label { greedy: true } => format!("URI label {{{name}+}}"),
        Location::Query => format!("query {name}"),
        Location::QueryParams => "query parameters".to_owned(),
        Location::Header { .. } => format!("header {name}"),
        Location::PrefixHeaders => format!("headers prefixed {name}"),
        Location::Payload(p) => format!("payload ({})", p.content_type),
        Location::ResponseCode => "status code".to_owned(),
    }
}

fn constraints_text(c: &Constraints) -> String {
    let bounds = |b: &crate::traits::Bounds| {
        let end = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
        format!("{}..={}", end(b.min), end(b.max))
    };
    let mut parts = Vec::new();
    parts.extend(c.length.as_ref().map(|b| format!("length {}", bounds(b))));
    parts.extend(c.range.as_ref().map(|b| {
        let end = |v: &Option<String>| v.clone().unwrap_or_default();
        format!("range {}..={}", end(&b.min), end(&b.max))
    }));
    parts.extend(c.pattern.as_ref().map(|p| format!("pattern {}", quoted(&p.source))));
    parts.extend(c.items.as_ref().map(|i| format!("items ({})", constraints_text(i))));
    parts.extend(c.keys.as_ref().map(|k| format!("keys ({})", constraints_text(k))));
    if parts.is_empty() { "none".to_owned() } else { parts.join(", ") }
}

/// A multi-line message (a model error names its shape and path on lines of their own) on one line.
pub(super) fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}
