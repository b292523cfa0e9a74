//! What the CBOR tests share: a value of any type, read through the decoder's typed calls
//! and written through the encoder, and hex helpers. Each test file uses part of it.
#![allow(dead_code)]

use smithy_rt::rt::cbor::{CborError, Decoder, Encoder, Kind, MAX_DEPTH};
use time::OffsetDateTime;
use Value::*;
/// The instant `nanos` nanoseconds after 1970 began.
pub fn at(nanos: i128) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap()
}

pub const S: i128 = 1_000_000_000;

pub fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Any data item, as the decoder's typed calls read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Uint(u64),
    Int(i64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Value>),
    Map(Vec<(Value, Value)>),
    Tag(u64, Box<Value>),
    Bool(bool),
    Null,
    Float(f64),
    /// A simple value without a typed call (`undefined` among them): skipped.
    Skipped,
}

/// Reads one item of any type through the typed calls, choosing each by `peek`.
pub fn read(d: &mut Decoder<'_>) -> Result<Value, CborError> {
    read_at(d, 0)
}

/// Reads an item found `depth` arrays, maps and tags down. Skipping counts tags with arrays
/// and maps, the typed calls only the latter: refusing at the same depth here keeps the two
/// comparable.
pub fn read_at(d: &mut Decoder<'_>, depth: usize) -> Result<Value, CborError> {
    if matches!(d.peek()?, Kind::Array | Kind::Map | Kind::Tag) && depth >= MAX_DEPTH {
        return Err(CborError::custom(d.offset(), "too deep"));
    }
    let read = |d: &mut Decoder<'_>| read_at(d, depth + 1);
    Ok(match d.peek()? {
        Kind::Unsigned => Value::Uint(d.u64()?),
        Kind::Negative => Value::Int(d.i64()?),
        Kind::Bytes => Value::Bytes(d.bytes()?.into_owned()),
        Kind::Text => Value::Text(d.str()?.into_owned()),
        Kind::Array => {
            d.begin_array()?;
            let mut items = Vec::new();
            while d.has_next()? {
                items.push(read(d)?);
            }
            Value::Array(items)
        }
        Kind::Map => {
            d.begin_map()?;
            let mut entries = Vec::new();
            while d.has_next()? {
                entries.push((read(d)?, read(d)?));
            }
            Value::Map(entries)
        }
        Kind::Tag => Value::Tag(d.tag()?, Box::new(read(d)?)),
        Kind::Bool => Value::Bool(d.bool()?),
        Kind::Null => {
            assert!(d.take_null()?);
            Value::Null
        }
        Kind::Float => Value::Float(d.f64()?),
        Kind::Undefined | Kind::Simple | Kind::Break => {
            d.skip()?;
            Value::Skipped
        }
    })
}

pub fn decode(bytes: &[u8]) -> Result<Value, CborError> {
    let mut d = Decoder::new(bytes);
    let value = read(&mut d)?;
    d.finish()?;
    Ok(value)
}

/// Writes a value with the encoder (floats as doubles).
pub fn encode(e: &mut Encoder, value: &Value) {
    match value {
        Value::Uint(n) => {
            e.u64(*n);
        }
        Value::Int(n) => {
            e.i64(*n);
        }
        Value::Bytes(b) => {
            e.bytes(b);
        }
        Value::Text(s) => {
            e.str(s);
        }
        Value::Array(items) => {
            e.array(items.len() as u64);
            items.iter().for_each(|v| encode(e, v));
        }
        Value::Map(entries) => {
            e.map(entries.len() as u64);
            for (k, v) in entries {
                encode(e, k);
                encode(e, v);
            }
        }
        Value::Tag(tag, v) => {
            e.tag(*tag);
            encode(e, v);
        }
        Value::Bool(b) => {
            e.bool(*b);
        }
        Value::Null => {
            e.null();
        }
        Value::Float(x) => {
            e.f64(*x);
        }
        Value::Skipped => panic!("no encoding for a skipped value"),
    }
}

pub fn encoded(value: &Value) -> String {
    let mut e = Encoder::new();
    encode(&mut e, value);
    to_hex(e.as_bytes())
}


pub fn text(s: &str) -> Value {
    Text(s.into())
}

pub fn uints(range: std::ops::RangeInclusive<u64>) -> Value {
    Array(range.map(Uint).collect())
}

