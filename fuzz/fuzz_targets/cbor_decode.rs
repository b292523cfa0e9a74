//! The runtime's CBOR decoder on any bytes.
//!
//! Each item is read through the typed calls (chosen by `peek`), the way generated code
//! reads; the same bytes are also skipped whole, and read as a timestamp and as a big
//! decimal. Nothing may panic; what the typed calls read whole, skipping must step over to
//! the same byte; and the strings read never hold more bytes than the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smithy_rt::rt::cbor::{CborError, Decoder, Kind, MAX_DEPTH};

/// Reads one item of any type; returns the bytes of text and byte strings it held.
fn read(d: &mut Decoder<'_>, depth: usize) -> Result<usize, CborError> {
    let nested = matches!(d.peek()?, Kind::Array | Kind::Map | Kind::Tag);
    // Skipping counts tags with arrays and maps; the typed calls count only the latter.
    if nested && depth >= MAX_DEPTH {
        return Err(CborError::custom(d.offset(), "too deep"));
    }
    Ok(match d.peek()? {
        Kind::Unsigned => d.u64().map(|_| 0)?,
        Kind::Negative => d.big_integer().map(|_| 0)?,
        Kind::Bytes => d.bytes()?.len(),
        Kind::Text => d.str()?.len(),
        Kind::Array | Kind::Map => {
            let map = d.peek()? == Kind::Map;
            if map { d.begin_map()? } else { d.begin_array()? };
            let mut held = 0;
            while d.has_next()? {
                held += read(d, depth + 1)?;
                if map {
                    held += read(d, depth + 1)?;
                }
            }
            held
        }
        Kind::Tag => {
            d.tag()?;
            read(d, depth + 1)?
        }
        Kind::Bool => d.bool().map(|_| 0)?,
        Kind::Float => d.f64().map(|_| 0)?,
        Kind::Null | Kind::Undefined | Kind::Simple | Kind::Break => d.skip().map(|_| 0)?,
    })
}

fuzz_target!(|data: &[u8]| {
    let mut typed = Decoder::new(data);
    if let Ok(held) = read(&mut typed, 0) {
        assert!(held <= data.len(), "{held} bytes of strings from {} bytes of input", data.len());
        let mut skipped = Decoder::new(data);
        assert_eq!(skipped.skip().map(|()| skipped.offset()), Ok(typed.offset()), "skipping disagrees with reading");
    }
    let _ = Decoder::new(data).timestamp();
    let _ = Decoder::new(data).big_decimal();
});
