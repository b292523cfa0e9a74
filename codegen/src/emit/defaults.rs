//! Model defaults (`@default`) and Smithy's zero values as Rust expressions.

use super::structure::rust_type;
use super::tokens;
use crate::ir::{DefaultValue, NamedKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `option` with the model default filled in, in the form clippy prefers for each kind.
pub(crate) fn or_default(option: &TokenStream, value: &DefaultValue, ty: &TypeRef) -> TokenStream {
    let v = default_expr(value, ty);
    match value {
        DefaultValue::EmptyList | DefaultValue::EmptyMap => quote!(#option.unwrap_or_default()),
        DefaultValue::Blob(bytes) if bytes.is_empty() => quote!(#option.unwrap_or_default()),
        value if is_cheap(value) => quote!(#option.unwrap_or(#v)),
        // Values that allocate are built only when needed.
        _ => quote!(#option.unwrap_or_else(|| #v)),
    }
}

/// Whether a default is a constant (clippy wants those given eagerly).
fn is_cheap(value: &DefaultValue) -> bool {
    use serde_json::Value;
    match value {
        DefaultValue::Bool(_) | DefaultValue::Int(_) | DefaultValue::Float(_) | DefaultValue::EnumVariant(_) => true,
        DefaultValue::Timestamp(nanos) => *nanos == 0,
        DefaultValue::Document(json) => match json {
            Value::Null | Value::Bool(_) | Value::Number(_) => true,
            Value::Array(items) => items.is_empty(),
            Value::Object(entries) => entries.is_empty(),
            Value::String(_) => false,
        },
        _ => false,
    }
}

/// The Rust expression of a model default.
pub(crate) fn default_expr(value: &DefaultValue, ty: &TypeRef) -> TokenStream {
    match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        DefaultValue::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(*f);
            quote!(#lit)
        }
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::EnumVariant(v) => {
            let t = rust_type(ty);
            let v = format_ident!("{}", v);
            quote!(#t::#v)
        }
        DefaultValue::EmptyList => quote!(::std::vec::Vec::new()),
        DefaultValue::EmptyMap => quote!(::std::collections::BTreeMap::new()),
        DefaultValue::Blob(bytes) if bytes.is_empty() => quote!(crate::primitives::Blob::default()),
        DefaultValue::Blob(bytes) => {
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote!(crate::primitives::Blob::from(&#bytes[..]))
        }
        DefaultValue::Document(json) => document_expr(json),
        DefaultValue::BigNumber(text) => {
            let t = rust_type(ty);
            quote!(#t::from_checked(#text))
        }
        DefaultValue::Timestamp(nanos) => {
            // Checked in range when lowered; `Duration::new` is exact for it.
            let seconds = proc_macro2::Literal::i64_unsuffixed(nanos.div_euclid(1_000_000_000) as i64);
            let subsec = proc_macro2::Literal::i32_unsuffixed(nanos.rem_euclid(1_000_000_000) as i32);
            if *nanos == 0 {
                quote!(::time::OffsetDateTime::UNIX_EPOCH)
            } else {
                quote!(::time::OffsetDateTime::UNIX_EPOCH.saturating_add(::time::Duration::new(#seconds, #subsec)))
            }
        }
    }
}

/// A `Document` holding a JSON value.
fn document_expr(json: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match json {
        Value::Null => quote!(crate::primitives::Document::Null),
        Value::Bool(b) => quote!(crate::primitives::Document::Bool(#b)),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                let l = proc_macro2::Literal::u64_suffixed(u);
                quote!(crate::primitives::Number::PosInt(#l))
            } else if let Some(i) = n.as_i64() {
                let l = proc_macro2::Literal::i64_suffixed(i);
                quote!(crate::primitives::Number::NegInt(#l))
            } else {
                let l = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote!(crate::primitives::Number::Float(#l))
            };
            quote!(crate::primitives::Document::Number(#number))
        }
        Value::String(s) => quote!(crate::primitives::Document::String(::std::string::String::from(#s))),
        Value::Array(items) if items.is_empty() => quote!(crate::primitives::Document::Array(::std::vec::Vec::new())),
        Value::Array(items) => {
            let items = items.iter().map(document_expr);
            quote!(crate::primitives::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(entries) if entries.is_empty() => {
            quote!(crate::primitives::Document::Object(::std::collections::BTreeMap::new()))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_expr(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(crate::primitives::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])))
        }
    }
}

/// What fills a required member the service left out (Smithy's client error correction).
pub(crate) enum Zero {
    /// The type's `Default` (empty string, 0, false, empty collection).
    Default,
    /// A constant (the Unix epoch for timestamps).
    Const(TokenStream),
    /// A value built on demand (an unknown empty enum value).
    Built(TokenStream),
    /// Structures and unions have no zero value: the response is invalid.
    None,
}

pub(crate) fn zero_value(ty: &TypeRef) -> Zero {
    match ty {
        TypeRef::Timestamp(_) => Zero::Const(quote!(::time::OffsetDateTime::UNIX_EPOCH)),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let t = tokens(&n.rust_path);
            Zero::Built(quote!(#t::from("")))
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let t = tokens(&n.rust_path);
            Zero::Built(quote!(#t::from(0)))
        }
        TypeRef::BigInteger => Zero::Built(quote!(crate::primitives::BigInteger::from(0_i64))),
        TypeRef::BigDecimal => Zero::Built(quote!(crate::primitives::BigDecimal::from(0_i64))),
        TypeRef::Boxed(_) => Zero::None,
        TypeRef::Named(_) => Zero::None,
        _ => Zero::Default,
    }
}
