//! The values of a worked example: inputs as Rust values that pass the crate's checks
//! (`@length`, `@range`, `@pattern`, required members, labels), and responses as the JSON a
//! service sends, read by the member names the wire code reads.

use super::strings;
use crate::ir::example::{Setter, Value};
use crate::ir::{Constraints, CrateIr, EnumIr, Location, MemberIr, NamedKind, Presence, StructIr, TypeIr, TypeRef, UnionIr};
use crate::traits::TimestampFormat;
use serde_json::{Map, Value as Json};
use std::collections::{BTreeSet, HashMap};

/// Nesting past which a value is not built (a structure that requires itself has none).
const MAX_DEPTH: usize = 12;
/// 2026-03-05T10:15:30Z, the instant every example timestamp holds.
pub(super) const EXAMPLE_SECONDS: i64 = 1_772_705_730;
/// Optional plain members shown in a response's objects besides the required ones.
pub(super) const OPTIONAL_SHOWN: usize = 3;

/// Where a string goes, for the rules of the place beyond the model's constraints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Body,
    /// A URI label: not empty.
    Label,
    /// A header value: visible ASCII.
    Header,
    /// A `@hostLabel`: a host name label (letters, digits, `-`).
    HostLabel,
}

impl Place {
    pub(super) fn of(member: &MemberIr, host_labels: &[&str]) -> Place {
        if host_labels.contains(&member.field.as_str()) {
            return Place::HostLabel;
        }
        match member.location {
            Location::Label { .. } => Place::Label,
            Location::Header { .. } | Location::PrefixHeaders => Place::Header,
            _ => Place::Body,
        }
    }

    fn fits(self, value: &str) -> bool {
        match self {
            Place::Body => true,
            Place::Label => !value.is_empty(),
            Place::Header => value.bytes().all(|b| (0x21..0x7F).contains(&b) || b == b' ') && value.trim() == value,
            Place::HostLabel => {
                (1..=63).contains(&value.len())
                    && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !value.starts_with('-')
                    && !value.ends_with('-')
            }
        }
    }
}

/// The model's named types, by Rust path.
pub(super) struct Types<'a> {
    structs: HashMap<&'a str, &'a StructIr>,
    /// Enums by `crate::types::Name`, the path members name them by.
    enums: HashMap<String, &'a EnumIr>,
    unions: HashMap<&'a str, &'a UnionIr>,
}

impl<'a> Types<'a> {
    pub(super) fn new(ir: &'a CrateIr) -> Self {
        let mut types = Types { structs: HashMap::new(), enums: HashMap::new(), unions: HashMap::new() };
        for ty in &ir.types {
            match ty {
                TypeIr::Struct(s) => drop(types.structs.insert(s.rust_path.as_str(), s)),
                TypeIr::Enum(e) => drop(types.enums.insert(format!("crate::types::{}", e.rust_name), e)),
                TypeIr::Union(u) => drop(types.unions.insert(u.rust_path.as_str(), u)),
            }
        }
        types
    }

    pub(super) fn enumeration(&self, path: &str) -> Option<&'a EnumIr> {
        self.enums.get(path).copied()
    }

    pub(super) fn structure(&self, path: &str) -> Option<&'a StructIr> {
        self.structs.get(path).copied()
    }

    pub(super) fn union(&self, path: &str) -> Option<&'a UnionIr> {
        self.unions.get(path).copied()
    }
}

/// Builds input values, noting what they need.
pub(super) struct Inputs<'a, 't> {
    types: &'t Types<'a>,
    /// Members whose `@pattern` no value was found for, by path (`Filters[0].Value`).
    pub unchecked: Vec<String>,
    /// The named types the values use, by Rust path.
    pub named: BTreeSet<String>,
    /// Whether the next structure built also gets its optional plain members.
    fill: bool,
}

impl<'a, 't> Inputs<'a, 't> {
    pub(super) fn new(types: &'t Types<'a>) -> Self {
        Inputs { types, unchecked: Vec::new(), named: BTreeSet::new(), fill: false }
    }

    /// A value of an optional structure member (or list of structures) with the optional
    /// plain members of its structure set too, to show a nested builder; `None` when it would
    /// show nothing or need validation off.
    pub(super) fn showcase(&mut self, member: &MemberIr) -> Option<Value> {
        let (unchecked, named) = (self.unchecked.len(), self.named.clone());
        self.fill = true;
        let value = self.member(member, &member.model_name, Place::Body, 1);
        self.fill = false;
        let shows = |v: &Value| match v {
            Value::Struct { setters, .. } => !setters.is_empty(),
            Value::List(items) => matches!(items.first(), Some(Value::Struct { setters, .. }) if !setters.is_empty()),
            _ => false,
        };
        match value {
            Some(v) if shows(&v) && self.unchecked.len() == unchecked => Some(v),
            _ => {
                self.unchecked.truncate(unchecked);
                self.named = named;
                None
            }
        }
    }

    /// A value of `member`, at `path`, for `place`; `None` when none can be built (or it
    /// would use something deprecated, which the examples' builds would warn about).
    pub(super) fn member(&mut self, member: &MemberIr, path: &str, place: Place, preferred: i64) -> Option<Value> {
        if member.deprecated.is_some() {
            return None;
        }
        self.value(&member.ty, &member.constraints, path, place, preferred, 0)
    }

    /// The required members of `s`, set.
    fn setters(&mut self, s: &StructIr, path: &str, depth: usize) -> Option<Vec<Setter>> {
        if s.deprecated.is_some() {
            return None;
        }
        let fill = std::mem::take(&mut self.fill);
        let shown = |m: &&MemberIr| {
            m.presence == Presence::Required
                || (fill && m.location == Location::Body && is_plain(&m.ty) && m.deprecated.is_none() && !m.sensitive)
        };
        let mut setters = Vec::new();
        for m in s.members.iter().filter(shown) {
            if m.deprecated.is_some() {
                return None;
            }
            let at = join(path, &m.model_name);
            let value = self.value(&m.ty, &m.constraints, &at, Place::Body, 1, depth + 1)?;
            setters.push(Setter { field: m.field.clone(), set_all: m.set_all.clone(), required: m.presence == crate::ir::Presence::Required, value });
        }
        Some(setters)
    }

    fn value(&mut self, ty: &TypeRef, c: &Constraints, path: &str, place: Place, preferred: i64, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let length = c.length.unwrap_or_default();
        let (min, max) = (count(length.min, 0), count(length.max, usize::MAX));
        Some(match ty {
            TypeRef::String => Value::Text(self.text(c, path, place)?),
            TypeRef::Bool => Value::Bool(true),
            TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
                Value::Number(integer(ty, c, preferred)?.to_string())
            }
            TypeRef::Float | TypeRef::Double => Value::Number(float(c, preferred as f64)?),
            TypeRef::BigInteger | TypeRef::BigDecimal => {
                let name = if *ty == TypeRef::BigInteger { "BigInteger" } else { "BigDecimal" };
                Value::Big { path: format!("crate::primitives::{name}"), value: integer(&TypeRef::Long, c, preferred)? }
            }
            TypeRef::Blob => {
                let text = strings::accepted(None, min, max, 1).pop()?;
                Value::Blob { path: "crate::primitives::Blob".into(), text }
            }
            TypeRef::Document => Value::Document { path: "crate::primitives::Document".into(), text: "example".into() },
            TypeRef::Timestamp(_) => Value::Timestamp(EXAMPLE_SECONDS),
            TypeRef::Named(named) => match named.kind {
                NamedKind::Enum | NamedKind::IntEnum => {
                    let e = self.types.enumeration(&named.rust_path)?;
                    let variant = e.variants.iter().find(|v| v.deprecated.is_none()).filter(|_| e.deprecated.is_none())?;
                    if place == Place::Header && !Place::Header.fits(&variant.wire_value) {
                        return None;
                    }
                    self.named.insert(named.rust_path.clone());
                    Value::Enum { path: named.rust_path.clone(), variant: variant.rust_name.clone() }
                }
                NamedKind::Struct => {
                    let s = self.types.structure(&named.rust_path)?;
                    let setters = self.setters(s, path, depth)?;
                    self.named.insert(named.rust_path.clone());
                    Value::Struct { path: named.rust_path.clone(), setters }
                }
                NamedKind::Union => {
                    let u = self.types.unions.get(named.rust_path.as_str()).copied()?;
                    if u.deprecated.is_some() {
                        return None;
                    }
                    let (variant, value, boxed) = u.variants.iter().find_map(|v| {
                        let at = join(path, &v.model_name);
                        match &v.ty {
                            None => Some((v, None, false)),
                            Some(ty) => {
                                let value = self.value(ty.unboxed(), &v.constraints, &at, Place::Body, 1, depth + 1)?;
                                Some((v, Some(Box::new(value)), matches!(ty, TypeRef::Boxed(_))))
                            }
                        }
                    })?;
                    self.named.insert(named.rust_path.clone());
                    Value::Union { path: named.rust_path.clone(), variant: variant.rust_name.clone(), value, boxed }
                }
            },
            TypeRef::List(inner) => {
                let items = c.items.as_deref().cloned().unwrap_or_default();
                let n = 1.clamp(min, max);
                let values: Option<Vec<Value>> =
                    (0..n).map(|i| self.value(inner, &items, &format!("{path}[{i}]"), place, 1, depth + 1)).collect();
                Value::List(values?)
            }
            TypeRef::Map(inner) => {
                let n = 1.clamp(min, max);
                let keys_c = c.keys.as_deref().cloned().unwrap_or_default();
                let values_c = c.items.as_deref().cloned().unwrap_or_default();
                let key_length = keys_c.length.unwrap_or_default();
                let keys = strings::accepted(keys_c.pattern.as_ref(), count(key_length.min, 0), count(key_length.max, usize::MAX), n);
                if keys.len() < n {
                    return None;
                }
                let mut entries = Vec::new();
                for key in keys {
                    let value = self.value(inner, &values_c, &format!("{path}[{key:?}]"), place, 1, depth + 1)?;
                    entries.push((key, value));
                }
                Value::Map(entries)
            }
            TypeRef::Nullable(inner) => Value::Some(Box::new(self.value(inner, c, path, place, preferred, depth)?)),
            TypeRef::Boxed(inner) => self.value(inner, c, path, place, preferred, depth)?,
        })
    }

    /// A string the constraints allow; when no value is found for the pattern, one of the
    /// right length, noted as unchecked.
    fn text(&mut self, c: &Constraints, path: &str, place: Place) -> Option<String> {
        let length = c.length.unwrap_or_default();
        let mut min = count(length.min, 0);
        if place != Place::Body {
            min = min.max(1);
        }
        let max = count(length.max, usize::MAX);
        let candidates = strings::accepted(c.pattern.as_ref(), min, max, 4);
        if let Some(value) = candidates.into_iter().find(|v| place.fits(v)) {
            return Some(value);
        }
        // Without a pattern, nothing but the length could refuse a value.
        c.pattern.as_ref()?;
        let value = strings::accepted(None, min, max, 1).pop().filter(|v| place.fits(v))?;
        self.unchecked.push(path.to_owned());
        Some(value)
    }
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() { member.to_owned() } else { format!("{path}.{member}") }
}

fn count(bound: Option<i64>, absent: usize) -> usize {
    bound.map_or(absent, |b| usize::try_from(b.max(0)).unwrap_or(usize::MAX))
}

/// An integer of `ty` in the member's `@range`, as near `preferred` as it allows.
pub(super) fn integer(ty: &TypeRef, c: &Constraints, preferred: i64) -> Option<i64> {
    let (lo, hi) = match ty {
        TypeRef::Byte => (i64::from(i8::MIN), i64::from(i8::MAX)),
        TypeRef::Short => (i64::from(i16::MIN), i64::from(i16::MAX)),
        TypeRef::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    };
    let bounds = c.range.as_ref().map(|r| r.integer()).unwrap_or_default();
    let lo = bounds.min.map_or(lo, |m| m.max(lo));
    let hi = bounds.max.map_or(hi, |m| m.min(hi));
    (lo <= hi).then(|| preferred.clamp(lo, hi))
}

/// A float in the member's `@range`, as near `preferred` as it allows, written so that Rust
/// reads a float (`1.0`).
fn float(c: &Constraints, preferred: f64) -> Option<String> {
    let (lo, hi) = c.range.as_ref().map(|r| r.float()).unwrap_or_default();
    let (lo, hi) = (lo.unwrap_or(f64::MIN), hi.unwrap_or(f64::MAX));
    if lo > hi {
        return None;
    }
    let mut value = preferred.clamp(lo, hi);
    // A bound like 0.1 is not exactly a float: the middle of the range is safely inside.
    if value.fract() != 0.0 && lo > f64::MIN && hi < f64::MAX {
        value = lo / 2.0 + hi / 2.0;
    }
    Some(if value.fract() == 0.0 && value.abs() < 1e15 { format!("{value:.1}") } else { format!("{value:?}") })
}

/// Builds response values: JSON as the service sends it (written as CBOR when `cbor`).
pub(super) struct Responses<'a, 't> {
    pub types: &'t Types<'a>,
    /// The protocol's bodies are CBOR (`lower::examples::cbor` writes them).
    pub cbor: bool,
}

impl Responses<'_, '_> {
    /// The JSON object of `s`'s body members: the required ones, and up to `optional` plain
    /// ones (optional members that are not `@deprecated`).
    pub(super) fn object(&self, s: &StructIr, optional: usize, depth: usize) -> Option<Map<String, Json>> {
        let shown = optional_shown(s, optional);
        let mut object = Map::new();
        for (i, m) in s.members.iter().enumerate() {
            if m.location == Location::Body && (m.presence == Presence::Required || shown.contains(&i)) {
                object.insert(m.wire_name.clone(), self.value(&m.ty, &m.constraints, depth + 1)?);
            }
        }
        Some(object)
    }

    /// The JSON of a value of `ty`.
    pub(super) fn value(&self, ty: &TypeRef, c: &Constraints, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match ty {
            TypeRef::String => Json::String(text(c)),
            TypeRef::Bool => Json::Bool(true),
            TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long | TypeRef::BigInteger | TypeRef::BigDecimal => {
                Json::from(integer(&TypeRef::Long, c, 1)?)
            }
            TypeRef::Float | TypeRef::Double => serde_json::from_str(&float(c, 1.0)?).ok()?,
            TypeRef::Blob => Json::String("ZXhhbXBsZQ==".into()),
            TypeRef::Document => Json::String("example".into()),
            TypeRef::Timestamp(format) => timestamp(*format),
            TypeRef::Named(named) => match named.kind {
                NamedKind::Enum => Json::String(self.types.enumeration(&named.rust_path)?.variants.first()?.wire_value.clone()),
                NamedKind::IntEnum => {
                    Json::from(self.types.enumeration(&named.rust_path)?.variants.first()?.wire_value.parse::<i64>().ok()?)
                }
                NamedKind::Struct => Json::Object(self.object(self.types.structure(&named.rust_path)?, 0, depth)?),
                NamedKind::Union => {
                    let u = self.types.unions.get(named.rust_path.as_str()).copied()?;
                    let (name, value) = u.variants.iter().find_map(|v| match &v.ty {
                        None => Some((v.wire_name.clone(), Json::Object(Map::new()))),
                        Some(ty) => Some((v.wire_name.clone(), self.value(ty, &v.constraints, depth + 1)?)),
                    })?;
                    Json::Object(Map::from_iter([(name, value)]))
                }
            },
            TypeRef::List(inner) => {
                let items = c.items.as_deref().cloned().unwrap_or_default();
                Json::Array(vec![self.value(inner, &items, depth + 1)?])
            }
            TypeRef::Map(inner) => {
                let (keys, values) = (c.keys.as_deref().cloned().unwrap_or_default(), c.items.as_deref().cloned().unwrap_or_default());
                Json::Object(Map::from_iter([(text(&keys), self.value(inner, &values, depth + 1)?)]))
            }
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => self.value(inner, c, depth)?,
        })
    }
}

/// The optional body members a response shows (by index): of the plain ones, the first
/// text, the first enum and the first timestamp, then others in order, `most` in all.
fn optional_shown(s: &StructIr, most: usize) -> Vec<usize> {
    let candidates: Vec<(usize, &MemberIr)> = s
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.presence != Presence::Required && m.location == Location::Body && is_plain(&m.ty) && m.deprecated.is_none() && !m.sensitive
        })
        .collect();
    let kinds: [fn(&TypeRef) -> bool; 4] = [
        |t| *t == TypeRef::String,
        |t| matches!(t, TypeRef::Named(_)),
        |t| matches!(t, TypeRef::Timestamp(_)),
        |_| true,
    ];
    let mut shown = Vec::new();
    for (k, kind) in kinds.iter().enumerate() {
        let wanted = if k < 3 { 1 } else { most };
        let picks: Vec<usize> =
            candidates.iter().filter(|(i, m)| !shown.contains(i) && kind(&m.ty)).map(|(i, _)| *i).take(wanted).collect();
        shown.extend(picks);
    }
    shown.truncate(most);
    shown
}

/// Text for a response: what the member's constraints allow, else `example`.
fn text(c: &Constraints) -> String {
    let length = c.length.unwrap_or_default();
    let (min, max) = (count(length.min, 0), count(length.max, usize::MAX));
    strings::accepted(c.pattern.as_ref(), min, max, 1)
        .pop()
        .or_else(|| strings::accepted(None, min, max, 1).pop())
        .unwrap_or_else(|| "example".to_owned())
}

/// The example instant in the member's wire format.
pub(super) fn timestamp(format: TimestampFormat) -> Json {
    match format {
        TimestampFormat::EpochSeconds => Json::from(EXAMPLE_SECONDS),
        TimestampFormat::DateTime => Json::String("2026-03-05T10:15:30Z".into()),
        TimestampFormat::HttpDate => Json::String("Thu, 05 Mar 2026 10:15:30 GMT".into()),
    }
}

/// Whether a value of `ty` prints as one cell: text, enums, numbers, booleans, timestamps.
pub(super) fn is_plain(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::Bool
            | TypeRef::Byte
            | TypeRef::Short
            | TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Float
            | TypeRef::Double
            | TypeRef::Timestamp(_)
            | TypeRef::Named(crate::ir::NamedRef { kind: NamedKind::Enum | NamedKind::IntEnum, .. })
    )
}
