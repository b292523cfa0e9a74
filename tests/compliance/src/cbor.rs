//! CBOR bodies of the rpcv2Cbor cases: the suite gives them base64-encoded, and a body sent
//! is compared with the expected one as CBOR data model values, not bytes. Lengths may be
//! definite or indefinite, map entries come in any order, and a number compares by value
//! whatever its encoding (a half-precision `1.0` equals a double `1.0`; an integer equals a
//! float of the same value, as a timestamp may be either).

use base64::Engine as _;
use smithy_rt::rt::cbor::{Decoder, Kind, Result};
use std::collections::BTreeMap;

/// The bytes of a case's base64 body.
pub fn decode_base64(body: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(body).expect("the case's CBOR body is base64")
}

/// A CBOR data item, as compared.
#[derive(Debug, Clone)]
pub enum Item {
    Integer(i128),
    Float(f64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Item>),
    Map(BTreeMap<String, Item>),
    Tag(u64, Box<Item>),
    Bool(bool),
    Null,
}

impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        use Item::*;
        match (self, other) {
            (Integer(a), Integer(b)) => a == b,
            (Float(a), Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Integer(i), Float(f)) | (Float(f), Integer(i)) => *i as f64 == *f,
            (Bytes(a), Bytes(b)) => a == b,
            (Text(a), Text(b)) => a == b,
            (Array(a), Array(b)) => a == b,
            (Map(a), Map(b)) => a == b,
            (Tag(t, a), Tag(u, b)) => t == u && a == b,
            (Bool(a), Bool(b)) => a == b,
            (Null, Null) => true,
            _ => false,
        }
    }
}

/// Reads one whole body as an item.
pub fn parse(bytes: &[u8]) -> Result<Item> {
    let mut d = Decoder::new(bytes);
    let item = read(&mut d)?;
    d.finish()?;
    Ok(item)
}

fn read(d: &mut Decoder<'_>) -> Result<Item> {
    Ok(match d.peek()? {
        Kind::Unsigned => Item::Integer(i128::from(d.u64()?)),
        Kind::Negative => Item::Integer(i128::from(d.i64()?)),
        Kind::Bytes => Item::Bytes(d.bytes()?.into_owned()),
        Kind::Text => Item::Text(d.str()?.into_owned()),
        Kind::Array => {
            let mut items = Vec::new();
            d.begin_array()?;
            while d.has_next()? {
                items.push(read(d)?);
            }
            Item::Array(items)
        }
        Kind::Map => {
            let mut entries = BTreeMap::new();
            d.begin_map()?;
            while let Some(key) = d.next_key()? {
                let key = key.into_owned();
                entries.insert(key, read(d)?);
            }
            Item::Map(entries)
        }
        Kind::Tag => {
            let tag = d.tag()?;
            Item::Tag(tag, Box::new(read(d)?))
        }
        Kind::Bool => Item::Bool(d.bool()?),
        Kind::Null | Kind::Undefined => {
            d.take_null()?;
            Item::Null
        }
        Kind::Float => Item::Float(d.f64()?),
        Kind::Simple | Kind::Break => {
            return Err(smithy_rt::rt::cbor::CborError::custom(d.offset(), "a simple value or break the suite does not use"));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_lengths_and_float_widths_do_not_matter() {
        // {"a": 1.0 (half), "b": [1]} against an indefinite map {"b": [_ 1], "a": 1.0 (double)}.
        let a = [0xa2, 0x61, b'a', 0xf9, 0x3c, 0x00, 0x61, b'b', 0x81, 0x01];
        let b = [0xbf, 0x61, b'b', 0x9f, 0x01, 0xff, 0x61, b'a', 0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xff];
        assert_eq!(parse(&a).unwrap(), parse(&b).unwrap());
        // A different value is not equal.
        let c = [0xa2, 0x61, b'a', 0xf9, 0x3c, 0x00, 0x61, b'b', 0x81, 0x02];
        assert_ne!(parse(&a).unwrap(), parse(&c).unwrap());
        assert!(parse(&[0xa1, 0x61]).is_err());
    }
}
