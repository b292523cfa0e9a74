//! `Document`: an untyped, JSON-like value (a Smithy `document`).

use std::collections::BTreeMap;

/// An untyped value: null, a boolean, a number, a string, a list or a map (a Smithy
/// `document`). In JSON bodies it is the JSON value itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Document {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A list of values.
    Array(Vec<Document>),
    /// A map from strings to values.
    Object(BTreeMap<String, Document>),
}

/// A number in a [`Document`]: integers stay exact where they fit 64 bits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer of zero or more.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Any other number.
    Float(f64),
}

impl Number {
    /// The number as an `f64` (large integers lose precision).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }

    /// The number as an `i64`, when it is an integer that fits.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::PosInt(n) => i64::try_from(n).ok(),
            Number::NegInt(n) => Some(n),
            Number::Float(_) => None,
        }
    }
}

impl Document {
    /// The string, when the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The map, when the value is one.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Document::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The list, when the value is one.
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Document::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Document::Bool(value)
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Document::String(value.to_owned())
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Document::String(value)
    }
}

impl From<i64> for Document {
    fn from(value: i64) -> Self {
        Document::Number(if value < 0 { Number::NegInt(value) } else { Number::PosInt(value.unsigned_abs()) })
    }
}

impl From<u64> for Document {
    fn from(value: u64) -> Self {
        Document::Number(Number::PosInt(value))
    }
}

impl From<f64> for Document {
    fn from(value: f64) -> Self {
        Document::Number(Number::Float(value))
    }
}

impl From<Vec<Document>> for Document {
    fn from(value: Vec<Document>) -> Self {
        Document::Array(value)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(value: BTreeMap<String, Document>) -> Self {
        Document::Object(value)
    }
}

/// Serde (feature `serde`) writes the value itself, as the JSON wire format does.
#[cfg(feature = "serde")]
impl serde::Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(b) => serializer.serialize_bool(*b),
            Document::Number(Number::PosInt(n)) => serializer.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => serializer.serialize_i64(*n),
            Document::Number(Number::Float(f)) => serializer.serialize_f64(*f),
            Document::String(s) => serializer.serialize_str(s),
            Document::Array(items) => serializer.collect_seq(items),
            Document::Object(map) => serializer.collect_map(map),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocumentVisitor)
    }
}

#[cfg(feature = "serde")]
struct DocumentVisitor;

#[cfg(feature = "serde")]
impl<'de> serde::de::Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_none<E>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Document, E> {
        Ok(Document::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Document, E> {
        Ok(Document::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Document, E> {
        Ok(Document::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Document, E> {
        Ok(Document::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Document, E> {
        Ok(Document::from(v))
    }

    fn visit_string<E>(self, v: String) -> Result<Document, E> {
        Ok(Document::String(v))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Document::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Document>()? {
            entries.insert(key, value);
        }
        Ok(Document::Object(entries))
    }
}
