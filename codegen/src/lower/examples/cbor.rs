//! The examples' response bodies for Smithy RPC v2 CBOR: the JSON the examples decide,
//! written as the CBOR the service would send, by the types of the members (blobs become
//! byte strings, timestamps tag 1 over epoch seconds). A value with no CBOR form here gives
//! no example rather than a wrong one.

use super::values::{EXAMPLE_SECONDS, Types};
use crate::ir::{NamedKind, StructIr, TypeRef};
use base64::Engine as _;
use serde_json::Value as Json;

/// The CBOR map of a structure's members (`object`, keyed by wire name), with `extra` text
/// entries first (an error's `__type`).
pub(super) fn structure(types: &Types<'_>, s: &StructIr, object: &serde_json::Map<String, Json>, extra: &[(&str, &str)]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    write_structure(&mut out, types, s, object, extra)?;
    Some(out)
}

fn write_structure(out: &mut Vec<u8>, types: &Types<'_>, s: &StructIr, object: &serde_json::Map<String, Json>, extra: &[(&str, &str)]) -> Option<()> {
    head(out, 5, u64::try_from(object.len() + extra.len()).ok()?);
    for (key, value) in extra {
        text(out, key);
        text(out, value);
    }
    for (key, json) in object {
        // Every key is a member's (the examples build objects from members); the message of
        // an error may be under its read key, which in CBOR is its name.
        let member = s.members.iter().find(|m| &m.wire_name == key || m.read_keys.contains(key))?;
        text(out, key);
        value(out, types, &member.ty, json)?;
    }
    Some(())
}

/// The CBOR of a text string, as the map entry `key: value` a request body holds.
pub(super) fn text_entry(key: &str, value: &str) -> Vec<u8> {
    let mut out = Vec::new();
    text(&mut out, key);
    text(&mut out, value);
    out
}

fn value(out: &mut Vec<u8>, types: &Types<'_>, ty: &TypeRef, json: &Json) -> Option<()> {
    match (ty, json) {
        (TypeRef::Nullable(_), Json::Null) => out.push(0xf6),
        (TypeRef::Nullable(inner) | TypeRef::Boxed(inner), _) => value(out, types, inner, json)?,
        (TypeRef::String, Json::String(s)) => text(out, s),
        (TypeRef::Named(n), Json::String(s)) if n.kind == NamedKind::Enum => text(out, s),
        (TypeRef::Bool, Json::Bool(b)) => out.push(if *b { 0xf5 } else { 0xf4 }),
        (TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long | TypeRef::BigInteger, Json::Number(n)) => integer(out, n.as_i64()?),
        (TypeRef::Named(n), Json::Number(i)) if n.kind == NamedKind::IntEnum => integer(out, i.as_i64()?),
        (TypeRef::Float | TypeRef::Double, Json::Number(n)) => {
            out.push(0xfb);
            out.extend_from_slice(&n.as_f64()?.to_bits().to_be_bytes());
        }
        (TypeRef::Blob, Json::String(b64)) => {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
            head(out, 2, u64::try_from(bytes.len()).ok()?);
            out.extend_from_slice(&bytes);
        }
        // The examples' one instant, whatever its JSON form.
        (TypeRef::Timestamp(_), _) => {
            head(out, 6, 1);
            integer(out, EXAMPLE_SECONDS);
        }
        (TypeRef::Named(n), Json::Object(object)) if n.kind == NamedKind::Struct => {
            write_structure(out, types, types.structure(&n.rust_path)?, object, &[])?;
        }
        (TypeRef::Named(n), Json::Object(object)) if n.kind == NamedKind::Union => {
            let u = types.union(&n.rust_path)?;
            head(out, 5, u64::try_from(object.len()).ok()?);
            for (key, json) in object {
                let variant = u.variants.iter().find(|v| &v.wire_name == key)?;
                text(out, key);
                match &variant.ty {
                    Some(ty) => value(out, types, ty, json)?,
                    None => head(out, 5, 0),
                }
            }
        }
        (TypeRef::List(inner), Json::Array(items)) => {
            head(out, 4, u64::try_from(items.len()).ok()?);
            for item in items {
                value(out, types, inner, item)?;
            }
        }
        (TypeRef::Map(inner), Json::Object(entries)) => {
            head(out, 5, u64::try_from(entries.len()).ok()?);
            for (key, item) in entries {
                text(out, key);
                value(out, types, inner, item)?;
            }
        }
        // Documents and big decimals have no CBOR codec (lowering leaves them out), and a
        // value of another type than its member's is not an example to show.
        _ => return None,
    }
    Some(())
}

fn integer(out: &mut Vec<u8>, n: i64) {
    match u64::try_from(n) {
        Ok(n) => head(out, 0, n),
        // Major type 1 holds -1 - n.
        Err(_) => head(out, 1, n.unsigned_abs() - 1),
    }
}

fn text(out: &mut Vec<u8>, s: &str) {
    head(out, 3, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A head in its shortest form.
fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    if let Ok(small) = u8::try_from(n) {
        if small < 24 {
            out.push(major | small);
        } else {
            out.extend_from_slice(&[major | 24, small]);
        }
    } else if let Ok(n) = u16::try_from(n) {
        out.push(major | 25);
        out.extend_from_slice(&n.to_be_bytes());
    } else if let Ok(n) = u32::try_from(n) {
        out.push(major | 26);
        out.extend_from_slice(&n.to_be_bytes());
    } else {
        out.push(major | 27);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_shortest() {
        let mut out = Vec::new();
        integer(&mut out, 23);
        integer(&mut out, 24);
        integer(&mut out, -1);
        integer(&mut out, -500);
        integer(&mut out, 70_000);
        assert_eq!(out, [0x17, 0x18, 24, 0x20, 0x39, 0x01, 0xf3, 0x1a, 0x00, 0x01, 0x11, 0x70]);
        assert_eq!(text_entry("a", "\"b"), [0x61, b'a', 0x62, b'"', b'b']);
    }
}
