//! Property tests of the CBOR codec: round trips of any value, and mutated, random and
//! hostile input read without a panic, an unbounded allocation or too deep a nesting.

mod cbor_value;

use cbor_value::Value::*;
use cbor_value::*;
use proptest::prelude::*;
use smithy_rt::rt::cbor::{Decoder, Encoder};

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<u64>().prop_map(Uint),
        (i64::MIN..0).prop_map(Int),
        proptest::collection::vec(any::<u8>(), 0..20).prop_map(Bytes),
        "\\PC{0,12}".prop_map(Text),
        any::<bool>().prop_map(Bool),
        Just(Null),
        any::<f64>().prop_filter("NaN differs from itself", |x| !x.is_nan()).prop_map(Float),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Array),
            proptest::collection::vec((inner.clone(), inner.clone()), 0..6).prop_map(Map),
            (any::<u64>(), inner).prop_map(|(t, v)| Tag(t, Box::new(v))),
        ]
    })
}

/// Total bytes of text and byte strings in a value: what decoding allocated for them.
fn string_bytes(value: &Value) -> usize {
    match value {
        Bytes(b) => b.len(),
        Text(s) => s.len(),
        Array(items) => items.iter().map(string_bytes).sum(),
        Map(entries) => entries.iter().map(|(k, v)| string_bytes(k) + string_bytes(v)).sum(),
        Tag(_, v) => string_bytes(v),
        _ => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_value_round_trips_and_skips_whole(value in value()) {
        let mut e = Encoder::new();
        encode(&mut e, &value);
        let bytes = e.into_bytes();
        prop_assert_eq!(decode(&bytes), Ok(value));
        let mut d = Decoder::new(&bytes);
        prop_assert_eq!((d.skip(), d.offset()), (Ok(()), bytes.len()));
    }

    #[test]
    fn a_mutated_encoding_never_panics_and_allocates_no_more_than_it_holds(
        value in value(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut e = Encoder::new();
        encode(&mut e, &value);
        let mut bytes = e.into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        bytes.truncate(cut.index(bytes.len() + 1));
        if let Ok(read) = decode(&bytes) {
            prop_assert!(string_bytes(&read) <= bytes.len());
        }
        let mut d = Decoder::new(&bytes);
        if d.skip().is_ok() {
            prop_assert!(d.offset() <= bytes.len());
        }
    }

    #[test]
    fn any_bytes_decode_to_a_value_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(read) = decode(&bytes) {
            prop_assert!(string_bytes(&read) <= bytes.len());
            // What the typed calls read whole, skipping steps over whole.
            let mut d = Decoder::new(&bytes);
            prop_assert_eq!((d.skip(), d.offset()), (Ok(()), bytes.len()));
        }
        let _ = Decoder::new(&bytes).skip();
        let _ = Decoder::new(&bytes).timestamp();
    }

    #[test]
    fn hostile_lengths_fail_without_allocating(
        major in 2u8..=5,
        len in prop_oneof![Just(u64::MAX), Just(1u64 << 63), any::<u64>()],
        rest in proptest::collection::vec(any::<u8>(), 0..50),
    ) {
        let mut e = Encoder::new();
        match major {
            2 => { e.bytes(&[]); }
            3 => { e.str(""); }
            4 => { e.array(len); }
            _ => { e.map(len); }
        }
        let mut bytes = e.into_bytes();
        if major < 4 {
            // The same head with the hostile length (`str` and `bytes` write the real one).
            let mut head = Encoder::new();
            head.array(len);
            bytes = head.into_bytes();
            bytes[0] = (bytes[0] & 0x1f) | (major << 5);
        }
        let total = bytes.len() + rest.len();
        bytes.extend_from_slice(&rest);
        if let Ok(read) = decode(&bytes) {
            prop_assert!(string_bytes(&read) <= total);
        }
        let mut d = Decoder::new(&bytes);
        if d.skip().is_ok() {
            prop_assert!(d.offset() <= total);
        }
    }
}

