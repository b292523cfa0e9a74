//! Test-case `params` (JSON, by model member names) as Rust expressions that build the
//! generated crate's values through its public API: builders, enum `From<&str>`, union
//! variants.

use crate::output::tokens;
use crate::ir::{CrateIr, MemberIr, NamedKind, Presence, StructIr, TypeIr, TypeRef, UnionIr};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

/// Why a case cannot be expressed (it then has to be listed as a known failure).
pub(crate) type Unexpressible = String;

pub(crate) struct Values<'a> {
    pub ir: &'a CrateIr,
    /// The generated crate's name in the test file (`restjson`).
    pub krate: &'a str,
}

impl Values<'_> {
    /// A path of the IR (`crate::types::Foo`) as seen from the test file.
    pub fn path(&self, rust_path: &str) -> TokenStream {
        let outside = match rust_path.strip_prefix("crate::") {
            Some(rest) => format!("::{}::{rest}", self.krate),
            None => rust_path.to_owned(),
        };
        tokens(&outside)
    }

    fn find_struct(&self, rust_path: &str) -> Option<&StructIr> {
        let types = self.ir.types.iter().filter_map(|t| match t {
            TypeIr::Struct(s) => Some(s),
            _ => None,
        });
        types.chain(&self.ir.errors).find(|s| s.rust_path == rust_path)
    }

    fn find_union(&self, rust_path: &str) -> Option<&UnionIr> {
        self.ir.types.iter().find_map(|t| match t {
            TypeIr::Union(u) if u.rust_path == rust_path => Some(u),
            _ => None,
        })
    }

    /// `Type::builder().member(value)...build()`, setting the members `params` gives and the
    /// zero value of required members it leaves out.
    pub fn structure(&self, s: &StructIr, params: &Value) -> Result<TokenStream, Unexpressible> {
        let empty = serde_json::Map::new();
        let object = match params {
            Value::Object(o) => o,
            Value::Null => &empty,
            other => return Err(format!("`{}` is given as {other}, not an object", s.rust_name)),
        };
        let mut calls = Vec::new();
        for (key, value) in object {
            let m = s
                .members
                .iter()
                .find(|m| &m.model_name == key)
                .ok_or_else(|| format!("`{}` has no member `{key}`", s.rust_name))?;
            if value.is_null() {
                continue;
            }
            calls.push(self.setter(m, value)?);
        }
        for m in s.members.iter().filter(|m| m.presence == Presence::Required && !object.contains_key(&m.model_name)) {
            calls.push(self.setter(m, &zero_json(&m.ty).ok_or_else(|| {
                format!("the required member `{}` of `{}` is not given", m.model_name, s.rust_name)
            })?)?);
        }
        let ty = self.path(&s.rust_path);
        Ok(quote!(#ty::builder() #(#calls)* .build()))
    }

    fn setter(&self, m: &MemberIr, value: &Value) -> Result<TokenStream, Unexpressible> {
        // Setters take a boxed member's value as it is and box it themselves.
        let expr = self.value(m.ty.unboxed(), value)?;
        // A collection is set whole: a required one from its items, an optional one as
        // `Some` (its `set_` setter takes an `Option`, as every optional member's does).
        Ok(match m.ty {
            TypeRef::List(_) | TypeRef::Map(_) if m.presence == Presence::Required => {
                let name = tokens(&m.set_all);
                quote!(.#name(#expr))
            }
            TypeRef::List(_) | TypeRef::Map(_) => {
                let name = tokens(&m.set_all);
                quote!(.#name(::std::option::Option::Some(#expr)))
            }
            _ => {
                let name = tokens(&m.field);
                quote!(.#name(#expr))
            }
        })
    }

    /// An expression of the Rust type of `ty` holding `value`.
    pub fn value(&self, ty: &TypeRef, value: &Value) -> Result<TokenStream, Unexpressible> {
        let wrong = || format!("{value} is not a value of type {ty:?}");
        Ok(match ty {
            TypeRef::String => {
                let s = value.as_str().ok_or_else(wrong)?;
                quote!(::std::string::String::from(#s))
            }
            TypeRef::Bool => {
                let b = value.as_bool().ok_or_else(wrong)?;
                quote!(#b)
            }
            TypeRef::Byte => int(value, |n| i8::try_from(n).ok().map(Literal::i8_suffixed)).ok_or_else(wrong)?,
            TypeRef::Short => int(value, |n| i16::try_from(n).ok().map(Literal::i16_suffixed)).ok_or_else(wrong)?,
            TypeRef::Integer => int(value, |n| i32::try_from(n).ok().map(Literal::i32_suffixed)).ok_or_else(wrong)?,
            TypeRef::Long => int(value, |n| Some(Literal::i64_suffixed(n))).ok_or_else(wrong)?,
            TypeRef::Float => float(value, quote!(f32), |f| Literal::f32_suffixed(f as f32)).ok_or_else(wrong)?,
            TypeRef::Double => float(value, quote!(f64), Literal::f64_suffixed).ok_or_else(wrong)?,
            TypeRef::Timestamp(_) => {
                let nanos = epoch_nanos(value).ok_or_else(wrong)?;
                let nanos = Literal::i128_suffixed(nanos);
                let krate = format_ident!("{}", self.krate);
                quote!(::#krate::time::OffsetDateTime::from_unix_timestamp_nanos(#nanos).expect("a timestamp in range"))
            }
            TypeRef::BigInteger | TypeRef::BigDecimal => {
                let text = match value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(wrong()),
                };
                let kind = if *ty == TypeRef::BigInteger { quote!(BigInteger) } else { quote!(BigDecimal) };
                let krate = format_ident!("{}", self.krate);
                quote!(<::#krate::primitives::#kind as ::std::str::FromStr>::from_str(#text).expect("a number"))
            }
            TypeRef::Blob => {
                let s = value.as_str().ok_or_else(wrong)?;
                let krate = format_ident!("{}", self.krate);
                quote!(::#krate::primitives::Blob::from(#s))
            }
            TypeRef::Document => self.document(value),
            TypeRef::Nullable(inner) => match value {
                Value::Null => quote!(::std::option::Option::None),
                v => {
                    let inner = self.value(inner, v)?;
                    quote!(::std::option::Option::Some(#inner))
                }
            },
            TypeRef::Boxed(inner) => {
                let inner = self.value(inner, value)?;
                quote!(::std::boxed::Box::new(#inner))
            }
            TypeRef::Named(n) => match n.kind {
                NamedKind::IntEnum => {
                    let i = value.as_i64().and_then(|i| i32::try_from(i).ok()).ok_or_else(wrong)?;
                    let t = self.path(&n.rust_path);
                    quote!(#t::from(#i))
                }
                NamedKind::Enum => {
                    let s = value.as_str().ok_or_else(wrong)?;
                    let t = self.path(&n.rust_path);
                    quote!(#t::from(#s))
                }
                NamedKind::Struct => {
                    let s = self.find_struct(&n.rust_path).ok_or_else(|| format!("no structure {}", n.rust_path))?;
                    self.structure(s, value)?
                }
                NamedKind::Union => {
                    let u = self.find_union(&n.rust_path).ok_or_else(|| format!("no union {}", n.rust_path))?;
                    self.union(u, value)?
                }
            },
            TypeRef::List(inner) => {
                let items = value.as_array().ok_or_else(wrong)?;
                let sparse = matches!(**inner, TypeRef::Nullable(_));
                let items = items.iter().filter(|v| sparse || !v.is_null()).map(|v| self.value(inner, v)).collect::<Result<Vec<_>, _>>()?;
                quote!(::std::vec![#(#items),*])
            }
            TypeRef::Map(inner) => {
                let entries = value.as_object().ok_or_else(wrong)?;
                let sparse = matches!(**inner, TypeRef::Nullable(_));
                let entries = entries
                    .iter()
                    .filter(|(_, v)| sparse || !v.is_null())
                    .map(|(k, v)| {
                        let v = self.value(inner, v)?;
                        Ok(quote!((::std::string::String::from(#k), #v)))
                    })
                    .collect::<Result<Vec<_>, Unexpressible>>()?;
                quote!(::std::collections::BTreeMap::from([#(#entries),*]))
            }
        })
    }

    /// A `Document` built through its `From` conversions.
    fn document(&self, value: &Value) -> TokenStream {
        let krate = format_ident!("{}", self.krate);
        let doc = quote!(::#krate::primitives::Document);
        match value {
            Value::Null => quote!(#doc::Null),
            Value::Bool(b) => quote!(#doc::from(#b)),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    let l = Literal::u64_suffixed(u);
                    quote!(#doc::from(#l))
                } else if let Some(i) = n.as_i64() {
                    let l = Literal::i64_suffixed(i);
                    quote!(#doc::from(#l))
                } else {
                    let l = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                    quote!(#doc::from(#l))
                }
            }
            Value::String(s) => quote!(#doc::from(#s)),
            Value::Array(items) => {
                let items = items.iter().map(|v| self.document(v));
                quote!(#doc::from(::std::vec![#(#items),*]))
            }
            Value::Object(entries) => {
                let entries = entries.iter().map(|(k, v)| {
                    let v = self.document(v);
                    quote!((::std::string::String::from(#k), #v))
                });
                quote!(#doc::from(::std::collections::BTreeMap::from([#(#entries),*])))
            }
        }
    }

    fn union(&self, u: &UnionIr, value: &Value) -> Result<TokenStream, Unexpressible> {
        let object = value.as_object().filter(|o| o.len() == 1).ok_or_else(|| format!("{value} sets not exactly one member of `{}`", u.rust_name))?;
        let (key, inner) = object.iter().next().ok_or_else(|| "an empty union".to_owned())?;
        let v = u
            .variants
            .iter()
            .find(|v| &v.model_name == key)
            .ok_or_else(|| format!("`{}` has no member `{key}`", u.rust_name))?;
        let ty = self.path(&u.rust_path);
        let variant = format_ident!("{}", v.rust_name);
        Ok(match &v.ty {
            Some(t) => {
                let inner = self.value(t, inner)?;
                quote!(#ty::#variant(#inner))
            }
            None => quote!(#ty::#variant),
        })
    }
}

fn int(value: &Value, literal: impl Fn(i64) -> Option<Literal>) -> Option<TokenStream> {
    value.as_i64().and_then(literal).map(|l| quote!(#l))
}

fn float(value: &Value, ty: TokenStream, literal: impl Fn(f64) -> Literal) -> Option<TokenStream> {
    match value {
        Value::String(s) if s == "NaN" => Some(quote!(#ty::NAN)),
        Value::String(s) if s == "Infinity" => Some(quote!(#ty::INFINITY)),
        Value::String(s) if s == "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
        Value::Number(n) => n.as_f64().map(|f| {
            let l = literal(f);
            quote!(#l)
        }),
        _ => None,
    }
}

/// Epoch seconds (a JSON number, maybe fractional) as nanoseconds, from its decimal text;
/// or an RFC 3339 date-time (as event stream cases write timestamps).
fn epoch_nanos(value: &Value) -> Option<i128> {
    if let Value::String(text) = value {
        let time = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
        return Some(time.unix_timestamp_nanos());
    }
    let Value::Number(n) = value else { return None };
    let text = n.to_string();
    if text.contains(['e', 'E']) {
        return n.as_f64().map(|f| (f * 1e9).round() as i128);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut nanos: i128 = whole.parse::<i128>().ok()? * 1_000_000_000;
    let fraction: String = fraction.chars().chain(std::iter::repeat('0')).take(9).collect();
    nanos += fraction.parse::<i128>().ok()?;
    Some(if negative { -nanos } else { nanos })
}

/// The JSON for a required member's zero value, when the case leaves it out.
fn zero_json(ty: &TypeRef) -> Option<Value> {
    Some(match ty {
        TypeRef::String => Value::String(String::new()),
        TypeRef::Bool => Value::Bool(false),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long | TypeRef::Timestamp(_) => Value::from(0),
        TypeRef::Float | TypeRef::Double => Value::from(0.0),
        TypeRef::List(_) => Value::Array(Vec::new()),
        TypeRef::Map(_) => Value::Object(serde_json::Map::new()),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => Value::String(String::new()),
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => Value::from(0),
        TypeRef::BigInteger | TypeRef::BigDecimal => Value::from(0),
        TypeRef::Blob => Value::String(String::new()),
        TypeRef::Document | TypeRef::Nullable(_) => Value::Null,
        TypeRef::Boxed(inner) => return zero_json(inner),
        TypeRef::Named(_) => return None,
    })
}
