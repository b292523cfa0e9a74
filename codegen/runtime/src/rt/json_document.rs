//! JSON reading and writing of `Document`: the JSON value itself.

use crate::primitives::{Document, Number};
use crate::rt::json::{JsonError, Reader, Result, Writer};
use std::collections::BTreeMap;

/// Reads any JSON value. Nesting is bounded by the reader's depth limit.
pub fn read(r: &mut Reader<'_>) -> Result<Document> {
    if r.take_null()? {
        return Ok(Document::Null);
    }
    let at = r.offset();
    match r.peek_byte() {
        Some(b'{') => {
            let mut entries = BTreeMap::new();
            r.begin_object()?;
            while let Some(key) = r.next_key()? {
                let value = read(r)?;
                entries.insert(key.into_owned(), value);
            }
            Ok(Document::Object(entries))
        }
        Some(b'[') => {
            let mut items = Vec::new();
            r.begin_array()?;
            while r.next_element()? {
                items.push(read(r)?);
            }
            Ok(Document::Array(items))
        }
        Some(b'"') => Ok(Document::String(r.string()?.into_owned())),
        Some(b't' | b'f') => Ok(Document::Bool(r.bool()?)),
        Some(b'-' | b'0'..=b'9') => {
            let text = r.number_text()?;
            let number = if let Ok(n) = text.parse::<u64>() {
                Number::PosInt(n)
            } else if let Ok(n) = text.parse::<i64>() {
                Number::NegInt(n)
            } else {
                Number::Float(text.parse().map_err(|_| JsonError::custom(at, "number out of range"))?)
            };
            Ok(Document::Number(number))
        }
        _ => Err(JsonError::custom(at, "expected a value")),
    }
}

pub fn write(w: &mut Writer, value: &Document) {
    match value {
        Document::Null => w.null(),
        Document::Bool(b) => w.bool(*b),
        Document::Number(Number::PosInt(n)) => w.number_text(&n.to_string()),
        Document::Number(Number::NegInt(n)) => w.i64(*n),
        Document::Number(Number::Float(f)) => w.f64(*f),
        Document::String(s) => w.string(s),
        Document::Array(items) => {
            w.begin_array();
            for item in items {
                write(w, item);
            }
            w.end_array();
        }
        Document::Object(map) => {
            w.begin_object();
            for (key, item) in map {
                w.key(key);
                write(w, item);
            }
            w.end_object();
        }
    }
}
