//! How a member's type is referred to: scalars, collections and named types with their
//! decided paths.

use crate::traits::TimestampFormat;

#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Bool,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    /// `crate::primitives::BigInteger`: the exact digits, never through a float.
    BigInteger,
    /// `crate::primitives::BigDecimal`: the exact decimal text, never through a float.
    BigDecimal,
    /// `crate::primitives::Blob`: bytes, base64 text in JSON.
    Blob,
    /// `crate::primitives::Document`: any JSON-like value.
    Document,
    Timestamp(TimestampFormat),
    Named(NamedRef),
    List(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// An element of a `@sparse` list or map: `Option<T>`, `None` being JSON `null`.
    Nullable(Box<TypeRef>),
    /// A structure or union held through a `Box`, because it contains itself (a member
    /// that closes a cycle of shapes outside any list or map).
    Boxed(Box<TypeRef>),
}

impl TypeRef {
    /// Whether `crate::primitives` (or one of its types) is needed for this type.
    pub fn primitive(&self) -> Option<Primitive> {
        match self {
            TypeRef::BigInteger | TypeRef::BigDecimal => Some(Primitive::BigNumbers),
            TypeRef::Blob => Some(Primitive::Blob),
            TypeRef::Document => Some(Primitive::Document),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => inner.primitive(),
            _ => None,
        }
    }

    /// Whether the type is a timestamp, or a list, map or `@sparse` entry of them at any
    /// depth: a type `crate::rt::serde_time` reads and writes.
    pub fn holds_timestamp(&self) -> bool {
        match self {
            TypeRef::Timestamp(_) => true,
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.holds_timestamp(),
            _ => false,
        }
    }

    /// The type without a `Box` around it.
    pub fn unboxed(&self) -> &TypeRef {
        match self {
            TypeRef::Boxed(inner) => inner,
            other => other,
        }
    }
}

/// The parts of `crate::primitives`, each included only when the model needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Primitive {
    BigNumbers,
    Blob,
    Document,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedRef {
    pub kind: NamedKind,
    /// `crate::types::Filter`
    pub rust_path: String,
    /// `crate::wire::filter`
    pub wire_module: String,
    /// The type's JSON writer takes the request's `SerializeOptions` (its `WireUse::options`).
    pub write_options: bool,
    /// The type's writer can fail (its `WireUse::fallible`).
    pub write_fallible: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Enum,
    /// An `intEnum`: open, like string enums, with `i32` values.
    IntEnum,
    Union,
}
