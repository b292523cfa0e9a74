//! A member's presence (Smithy's nullability rules), its model default and its constraints.

use super::Lowerer;
use super::enums::enum_variants;
use crate::error::ModelError;
use crate::ir::*;
use crate::load::{Member, Shape, ShapeKind};
use crate::traits::Traits;
use serde_json::Value;

impl Lowerer<'_> {
    /// The nullability rule, in one place (Smithy 2.0 semantics, from a client's view):
    /// - `@clientOptional` members are `Option`, and so are `@addedDefault` ones: their
    ///   default came after they were published, and making them plain values would break
    ///   the code of users who handled them as `Option` (Smithy lets tools ignore such a
    ///   default for this reason);
    /// - in operation inputs, `@required` members are required (enforced by the builder at
    ///   compile time) and every other member is `Option`, even with a `@default`, so that a
    ///   default the caller never set is never sent;
    /// - elsewhere `@required` members are always present (a response that leaves one out
    ///   gets the type's zero value: Smithy's client error correction), members with a
    ///   non-null `@default` are always present with that default, and the rest are `Option`.
    pub(super) fn presence(&self, container: &Shape<Traits>, member: &Member<Traits>, ty: &TypeRef, is_input: bool) -> Result<Presence, ModelError> {
        let t = &member.traits;
        if t.client_optional || t.added_default {
            return Ok(Presence::Optional);
        }
        if t.required {
            return Ok(Presence::Required);
        }
        if is_input {
            return Ok(Presence::Optional);
        }
        let target = self.model.shape(&member.target);
        let default = t.default.as_ref().or(target.traits.default.as_ref());
        match default {
            None | Some(Value::Null) => Ok(Presence::Optional),
            Some(value) => self.default_value(container, member, ty, value).map(Presence::Default),
        }
    }

    pub(super) fn default_value(&self, container: &Shape<Traits>, member: &Member<Traits>, ty: &TypeRef, value: &Value) -> Result<DefaultValue, ModelError> {
        let at = |message: String| ModelError::at(format!("{}.traits[\"smithy.api#default\"]", member.path), Some(&container.id), message);
        let bad = || at(format!("the default {value} does not fit the member's type"));
        let int = |min: i64, max: i64| -> Result<DefaultValue, ModelError> {
            match value.as_i64() {
                Some(i) if (min..=max).contains(&i) => Ok(DefaultValue::Int(i)),
                _ => Err(bad()),
            }
        };
        Ok(match (ty, value) {
            (TypeRef::Bool, Value::Bool(b)) => DefaultValue::Bool(*b),
            (TypeRef::Byte, _) => int(i8::MIN.into(), i8::MAX.into())?,
            (TypeRef::Short, _) => int(i16::MIN.into(), i16::MAX.into())?,
            (TypeRef::Integer, _) => int(i32::MIN.into(), i32::MAX.into())?,
            (TypeRef::Long, _) => int(i64::MIN, i64::MAX)?,
            (TypeRef::Float | TypeRef::Double, Value::Number(n)) => DefaultValue::Float(n.as_f64().ok_or_else(bad)?),
            (TypeRef::String, Value::String(s)) => DefaultValue::String(s.clone()),
            (TypeRef::Blob, Value::String(s)) => {
                use base64::Engine as _;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map_err(|e| at(format!("the blob default \"{s}\" is not base64: {e}")))?;
                DefaultValue::Blob(bytes)
            }
            // A document's default is any JSON value; `null` (no default) is handled before.
            (TypeRef::Document, v) => DefaultValue::Document(v.clone()),
            (TypeRef::BigInteger, Value::Number(n)) if n.is_i64() || n.is_u64() => DefaultValue::BigNumber(n.to_string()),
            (TypeRef::BigDecimal, Value::Number(n)) => DefaultValue::BigNumber(n.to_string()),
            (TypeRef::Timestamp(_), v) => DefaultValue::Timestamp(crate::lower::timestamp::default_nanos(v).map_err(&at)?),
            (TypeRef::Named(NamedRef { kind: NamedKind::Enum, .. }), Value::String(s)) => {
                let target = self.model.shape(&member.target);
                let variants = enum_variants(target)?;
                let v = variants.iter().find(|v| &v.wire_value == s).ok_or_else(bad)?;
                DefaultValue::EnumVariant(v.rust_name.clone())
            }
            (TypeRef::Named(NamedRef { kind: NamedKind::IntEnum, .. }), Value::Number(n)) => {
                let target = self.model.shape(&member.target);
                let variants = enum_variants(target)?;
                let value = n.as_i64().ok_or_else(bad)?.to_string();
                let v = variants.iter().find(|v| v.wire_value == value).ok_or_else(bad)?;
                DefaultValue::EnumVariant(v.rust_name.clone())
            }
            // Smithy allows only empty lists and maps as defaults.
            (TypeRef::List(_), Value::Array(a)) if a.is_empty() => DefaultValue::EmptyList,
            (TypeRef::Map(_), Value::Object(o)) if o.is_empty() => DefaultValue::EmptyMap,
            (TypeRef::List(_) | TypeRef::Map(_), _) => {
                return Err(at(format!("the default {value} is not empty; Smithy allows only [] and {{}} for lists and maps")));
            }
            (TypeRef::Named(NamedRef { kind: NamedKind::Struct | NamedKind::Union, .. }) | TypeRef::Boxed(_), _) => {
                return Err(at("structures and unions cannot have a default (Smithy allows none)".to_owned()));
            }
            _ => return Err(bad()),
        })
    }

    /// The constraints on a value of `member`'s target, with the member's own traits
    /// (which Smithy lets override the target's).
    pub(super) fn constraints(&self, member: &Member<Traits>) -> Result<Constraints, ModelError> {
        let shape = self.model.shape(&member.target);
        let own = |pick: fn(&Traits) -> Option<crate::traits::Bounds>| pick(&member.traits).or(pick(&shape.traits));
        let range = member.traits.range.clone().or_else(|| shape.traits.range.clone());
        let (pattern_source, pattern_path) = match (&member.traits.pattern, &shape.traits.pattern) {
            (Some(p), _) => (Some(p.clone()), format!("{}.traits[\"smithy.api#pattern\"]", member.path)),
            (None, Some(p)) => (Some(p.clone()), format!("{}.traits[\"smithy.api#pattern\"]", shape.path)),
            (None, None) => (None, String::new()),
        };
        let pattern = match pattern_source {
            Some(source) => match self.pattern_plan(&source) {
                Ok(check) => Some(crate::ir::Pattern { source, check }),
                Err(why) => {
                    // The check is left out, never the operation: the run says so.
                    self.warn(ModelError::at(
                        &pattern_path,
                        Some(&shape.id),
                        format!("the @pattern `{source}` cannot be checked, so values are sent unchecked: {why}"),
                    ));
                    None
                }
            },
            None => None,
        };
        let (items, keys) = match &shape.kind {
            ShapeKind::List { member } | ShapeKind::Set { member } => (Some(self.constraints(member)?), None),
            ShapeKind::Map { key, value } => (Some(self.constraints(value)?), Some(self.constraints(key)?)),
            _ => (None, None),
        };
        let nonempty = |c: Option<Constraints>| c.filter(|c| !c.is_empty()).map(Box::new);
        Ok(Constraints {
            length: own(|t| t.length),
            range,
            pattern,
            items: nonempty(items),
            keys: nonempty(keys),
        })
    }
}
