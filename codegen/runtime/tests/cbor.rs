//! The CBOR codec: the examples of RFC 8949 Appendix A decoded (and encoded, where our
//! encoder's form is the one given), the protocol's float and timestamp cases, each malformed
//! input's error (the property tests are in `cbor_properties.rs`).

use smithy_rt::rt::cbor::{Decoder, Encoder, ErrorKind, Kind, MAX_DEPTH};
use time::OffsetDateTime;

mod cbor_value;

use cbor_value::Value::*;
use cbor_value::*;

/// RFC 8949 Appendix A: items whose preferred serialization our encoder writes too.
fn canonical_examples() -> Vec<(&'static str, Value)> {
    vec![
        ("00", Uint(0)),
        ("01", Uint(1)),
        ("0a", Uint(10)),
        ("17", Uint(23)),
        ("1818", Uint(24)),
        ("1819", Uint(25)),
        ("1864", Uint(100)),
        ("1903e8", Uint(1000)),
        ("1a000f4240", Uint(1_000_000)),
        ("1b000000e8d4a51000", Uint(1_000_000_000_000)),
        ("1bffffffffffffffff", Uint(u64::MAX)),
        ("20", Int(-1)),
        ("29", Int(-10)),
        ("3863", Int(-100)),
        ("3903e7", Int(-1000)),
        ("fb3ff199999999999a", Float(1.1)),
        ("fb7e37e43c8800759c", Float(1.0e300)),
        ("fbc010666666666666", Float(-4.1)),
        ("fb7ff0000000000000", Float(f64::INFINITY)),
        ("fbfff0000000000000", Float(f64::NEG_INFINITY)),
        ("f4", Bool(false)),
        ("f5", Bool(true)),
        ("f6", Null),
        ("c074323031332d30332d32315432303a30343a30305a", Tag(0, Box::new(text("2013-03-21T20:04:00Z")))),
        ("c11a514b67b0", Tag(1, Box::new(Uint(1_363_896_240)))),
        ("c1fb41d452d9ec200000", Tag(1, Box::new(Float(1_363_896_240.5)))),
        ("d74401020304", Tag(23, Box::new(Bytes(vec![1, 2, 3, 4])))),
        ("d818456449455446", Tag(24, Box::new(Bytes(b"dIETF".to_vec())))),
        ("d82076687474703a2f2f7777772e6578616d706c652e636f6d", Tag(32, Box::new(text("http://www.example.com")))),
        ("c249010000000000000000", Tag(2, Box::new(Bytes(hex("010000000000000000"))))),
        ("c349010000000000000000", Tag(3, Box::new(Bytes(hex("010000000000000000"))))),
        ("40", Bytes(vec![])),
        ("4401020304", Bytes(vec![1, 2, 3, 4])),
        ("60", text("")),
        ("6161", text("a")),
        ("6449455446", text("IETF")),
        ("62225c", text("\"\\")),
        ("62c3bc", text("\u{fc}")),
        ("63e6b0b4", text("\u{6c34}")),
        ("64f0908591", text("\u{10151}")),
        ("80", Array(vec![])),
        ("83010203", uints(1..=3)),
        ("8301820203820405", Array(vec![Uint(1), uints(2..=3), uints(4..=5)])),
        ("98190102030405060708090a0b0c0d0e0f101112131415161718181819", uints(1..=25)),
        ("a0", Map(vec![])),
        ("a201020304", Map(vec![(Uint(1), Uint(2)), (Uint(3), Uint(4))])),
        ("a26161016162820203", Map(vec![(text("a"), Uint(1)), (text("b"), uints(2..=3))])),
        ("826161a161626163", Array(vec![text("a"), Map(vec![(text("b"), text("c"))])])),
        (
            "a56161614161626142616361436164614461656145",
            Map(["a", "b", "c", "d", "e"].iter().map(|k| (text(k), text(&k.to_uppercase()))).collect()),
        ),
    ]
}

#[test]
fn the_rfc_examples_decode_and_encode_to_their_bytes() {
    for (bytes, value) in canonical_examples() {
        assert_eq!(decode(&hex(bytes)), Ok(value.clone()), "decoding {bytes}");
        assert_eq!(encoded(&value), bytes, "encoding {value:?}");
    }
}

#[test]
fn the_rfc_examples_in_other_forms_decode_to_their_values() {
    let nested = Array(vec![Uint(1), uints(2..=3), uints(4..=5)]);
    for (bytes, value) in [
        // Half and single precision, which the encoder never writes.
        ("f90000", Float(0.0)),
        ("f93c00", Float(1.0)),
        ("f93e00", Float(1.5)),
        ("f97bff", Float(65504.0)),
        ("fa47c35000", Float(100000.0)),
        ("fa7f7fffff", Float(3.4028234663852886e38)),
        ("f90001", Float(5.960464477539063e-8)),
        ("f90400", Float(0.00006103515625)),
        ("f9c400", Float(-4.0)),
        ("f97c00", Float(f64::INFINITY)),
        ("f9fc00", Float(f64::NEG_INFINITY)),
        ("fa7f800000", Float(f64::INFINITY)),
        ("faff800000", Float(f64::NEG_INFINITY)),
        // Simple values without a typed call.
        ("f7", Skipped),
        ("f0", Skipped),
        ("f8ff", Skipped),
        // Indefinite lengths.
        ("5f42010243030405ff", Bytes(vec![1, 2, 3, 4, 5])),
        ("7f657374726561646d696e67ff", text("streaming")),
        ("9fff", Array(vec![])),
        ("9f018202039f0405ffff", nested.clone()),
        ("9f01820203820405ff", nested.clone()),
        ("83018202039f0405ff", nested.clone()),
        ("83019f0203ff820405", nested),
        ("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", uints(1..=25)),
        ("bf61610161629f0203ffff", Map(vec![(text("a"), Uint(1)), (text("b"), uints(2..=3))])),
        ("826161bf61626163ff", Array(vec![text("a"), Map(vec![(text("b"), text("c"))])])),
        ("bf6346756ef563416d7421ff", Map(vec![(text("Fun"), Bool(true)), (text("Amt"), Int(-2))])),
    ] {
        assert_eq!(decode(&hex(bytes)), Ok(value), "decoding {bytes}");
    }
    // Negative zero and NaN compare by their bits.
    for (bytes, bits) in [
        ("f98000", (-0.0f64).to_bits()),
        ("f97e00", f64::NAN.to_bits()),
        ("fa7fc00000", f64::NAN.to_bits()),
        ("fb7ff8000000000000", f64::NAN.to_bits()),
    ] {
        assert_eq!(Decoder::new(&hex(bytes)).f64().map(f64::to_bits), Ok(bits), "{bytes}");
    }
}

#[test]
fn the_protocols_half_precision_cases_read_as_their_values() {
    let mut d = Decoder::new(&[0xf9, 0x00, 0x50]);
    assert_eq!(d.f64(), Ok(80.0 * 2f64.powi(-24)), "subnormal: 0x50 units of 2^-24");
    for nan in ["f97c01", "f97e00", "fb7ff8000000000000"] {
        assert!(Decoder::new(&hex(nan)).f32().unwrap().is_nan(), "{nan}");
    }
    assert_eq!(Decoder::new(&hex("f9fc00")).f32(), Ok(f32::NEG_INFINITY));
}

#[test]
fn integers_are_range_checked_into_each_width() {
    let long = |bytes: &str| Decoder::new(&hex(bytes)).i64().map_err(|e| e.kind().clone());
    assert_eq!(long("3bffffffffffffffff"), Err(ErrorKind::OutOfRange("long")));
    assert_eq!(long("3b7fffffffffffffff"), Ok(i64::MIN));
    assert_eq!(long("1b7fffffffffffffff"), Ok(i64::MAX));
    assert_eq!(long("1b8000000000000000"), Err(ErrorKind::OutOfRange("long")));
    assert_eq!(Decoder::new(&hex("187f")).i8(), Ok(127));
    assert_eq!(Decoder::new(&hex("387f")).i8(), Ok(-128));
    assert_eq!(Decoder::new(&hex("1880")).i8().unwrap_err().kind(), &ErrorKind::OutOfRange("byte"));
    assert_eq!(Decoder::new(&hex("397fff")).i16(), Ok(i16::MIN));
    assert_eq!(Decoder::new(&hex("198000")).i16().unwrap_err().kind(), &ErrorKind::OutOfRange("short"));
    assert_eq!(Decoder::new(&hex("1a7fffffff")).i32(), Ok(i32::MAX));
    assert_eq!(Decoder::new(&hex("1a80000000")).i32().unwrap_err().kind(), &ErrorKind::OutOfRange("integer"));
    // Non-shortest heads are well-formed and read the same.
    assert_eq!(Decoder::new(&hex("1b0000000000000005")).i8(), Ok(5));
}

#[test]
fn timestamps_are_tag_1_over_seconds() {
    let read = |bytes: &str| Decoder::new(&hex(bytes)).timestamp();
    assert_eq!(read("c11a514b67b0"), Ok(at(1_363_896_240 * S)));
    assert_eq!(read("c1fb41d452d9ec200000"), Ok(at(1_363_896_240 * S + S / 2)));
    // The protocol suite's fractional seconds: 946845296.123 is not exact in a double.
    assert_eq!(read("c1fb41cc37db380fbe77"), Ok(at(946_845_296_123_000_000)));
    assert_eq!(read("c13a0001e0f3"), Ok(at(-123_124 * S)));
    assert_eq!(read("c1f93c00"), Ok(at(S)));
    for (bytes, kind) in [
        ("c21a514b67b0", ErrorKind::Custom("expected tag 1 (epoch seconds) for a timestamp".into())),
        ("1a514b67b0", ErrorKind::UnexpectedType { expected: "tag", found: Kind::Unsigned }),
        ("c1fb7ff0000000000000", ErrorKind::OutOfRange("timestamp")),
        ("c1fb7ff8000000000000", ErrorKind::OutOfRange("timestamp")),
        ("c11b7fffffffffffffff", ErrorKind::OutOfRange("timestamp")),
        ("c16161", ErrorKind::UnexpectedType { expected: "float", found: Kind::Text }),
    ] {
        assert_eq!(read(bytes).map_err(|e| e.kind().clone()), Err(kind), "{bytes}");
    }
}

#[test]
fn timestamps_round_trip_to_the_microsecond_until_2106_then_to_the_millisecond() {
    for t in [
        at(1_363_896_240 * S),
        at(1_709_251_199_123_000_000),
        at(1_709_251_199_123_456_000),
        at(-14_182_940 * S + S / 2),
        at(4_294_967_295_999_999_000),
        at(4_294_967_296_999_000_000),
        at(253_402_300_799_999_000_000),
        at(-4_294_967_295_999_999_000),
    ] {
        let mut e = Encoder::new();
        e.timestamp(&t);
        assert_eq!(e.as_bytes()[..2], [0xc1, 0xfb], "tag 1 over a double");
        assert_eq!(Decoder::new(e.as_bytes()).timestamp(), Ok(t));
    }
    let mut e = Encoder::new();
    e.timestamp(&at(1_363_896_240 * S + S / 2));
    assert_eq!(to_hex(e.as_bytes()), "c1fb41d452d9ec200000");
}

#[test]
fn single_precision_is_written_in_five_bytes() {
    for (x, bytes) in [(100000.0f32, "fa47c35000"), (f32::MAX, "fa7f7fffff"), (f32::INFINITY, "fa7f800000"), (1.5, "fa3fc00000")] {
        let mut e = Encoder::new();
        e.f32(x);
        assert_eq!(to_hex(e.as_bytes()), bytes);
        assert_eq!(Decoder::new(e.as_bytes()).f32(), Ok(x));
    }
}

#[test]
fn indefinite_containers_and_map_keys_read_through_next_key() {
    let mut e = Encoder::new();
    e.begin_map().str("items").begin_array().str("a").str("b").end().str("n").i64(-7).end();
    let bytes = e.into_bytes();
    let mut d = Decoder::new(&bytes);
    assert_eq!(d.begin_map(), Ok(None));
    let mut seen = Vec::new();
    while let Some(key) = d.next_key().unwrap() {
        match &*key {
            "items" => {
                assert_eq!(d.begin_array(), Ok(None));
                while d.has_next().unwrap() {
                    seen.push(d.str().unwrap().into_owned());
                }
            }
            _ => d.skip().unwrap(),
        }
    }
    assert_eq!((seen, d.finish()), (vec!["a".to_owned(), "b".to_owned()], Ok(())));
}

/// The error, and the offset it names, of decoding each malformed input whole.
fn error_of(bytes: &str) -> (ErrorKind, usize) {
    let e = decode(&hex(bytes)).unwrap_err();
    (e.kind().clone(), e.offset())
}

#[test]
fn each_malformed_input_gives_its_error_and_offset() {
    use ErrorKind::*;
    for (bytes, kind, offset) in [
        ("", UnexpectedEnd, 0),
        ("18", UnexpectedEnd, 0),
        ("8218", UnexpectedEnd, 1),
        ("1c", Malformed("additional information 28 to 30 is reserved"), 0),
        ("82017e", Malformed("additional information 28 to 30 is reserved"), 2),
        ("1f", Malformed("an integer or a tag cannot have an indefinite length"), 0),
        ("df00", Malformed("an integer or a tag cannot have an indefinite length"), 0),
        ("f800", Malformed("a simple value below 32 must be in the initial byte"), 0),
        ("ff", Malformed("a break outside an indefinite-length item"), 0),
        ("8201ff", Malformed("a break outside an indefinite-length item"), 2),
        ("5f6161ff", Malformed("a chunk of an indefinite-length string must be a definite-length string of the same type"), 1),
        ("7f7f6161ffff", Malformed("a chunk of an indefinite-length string must be a definite-length string of the same type"), 1),
        ("7f6161", UnexpectedEnd, 3),
        ("62c328", InvalidUtf8, 0),
        // A character split across chunks is invalid in each.
        ("7f61c361bcff", InvalidUtf8, 1),
        ("5b7fffffffffffffff00", UnexpectedEnd, 0),
        ("9b7fffffffffffffff00", UnexpectedEnd, 10),
        ("bf6161ff", Malformed("a break outside an indefinite-length item"), 3),
        ("0000", TrailingBytes, 1),
    ] {
        assert_eq!(error_of(bytes), (kind, offset), "{bytes}");
    }
}

#[test]
fn a_typed_call_on_another_type_names_both_and_reads_nothing() {
    let bytes = hex("6161");
    let mut d = Decoder::new(&bytes);
    let e = d.i32().unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnexpectedType { expected: "integer", found: Kind::Text });
    assert_eq!(e.to_string(), "invalid CBOR at byte 0: expected integer, found text string");
    assert_eq!((d.offset(), d.str().as_deref()), (0, Ok("a")));
    assert_eq!(Decoder::new(&hex("f6")).bytes().unwrap_err().kind(), &ErrorKind::UnexpectedType { expected: "byte string", found: Kind::Null });
    assert_eq!(Decoder::new(&hex("01")).bool().unwrap_err().kind(), &ErrorKind::UnexpectedType { expected: "boolean", found: Kind::Unsigned });
    assert_eq!(Decoder::new(&[]).has_next().unwrap_err().kind(), &ErrorKind::Custom("no array or map is open".into()));
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_by_reading_and_by_skipping() {
    for (open, close) in [("81", ""), ("a16161", ""), ("9f", "ff"), ("c1", "")] {
        let ok = format!("{}00{}", open.repeat(MAX_DEPTH), close.repeat(MAX_DEPTH));
        let deep = format!("{}00{}", open.repeat(MAX_DEPTH + 1), close.repeat(MAX_DEPTH + 1));
        let (ok, deep) = (hex(&ok), hex(&deep));
        let mut d = Decoder::new(&ok);
        assert_eq!(d.skip(), Ok(()), "{open} x {MAX_DEPTH}");
        let mut d = Decoder::new(&deep);
        assert_eq!(d.skip().unwrap_err().kind(), &ErrorKind::TooDeep, "{open} x {}", MAX_DEPTH + 1);
    }
    let deep = hex(&"81".repeat(MAX_DEPTH + 1));
    let mut d = Decoder::new(&deep);
    for _ in 0..MAX_DEPTH {
        d.begin_array().unwrap();
    }
    assert_eq!(d.begin_array().unwrap_err().kind(), &ErrorKind::TooDeep);
    // Skipping inside open arrays counts them.
    let mut d = Decoder::new(&deep);
    d.begin_array().unwrap();
    assert!(d.has_next().unwrap());
    assert_eq!(d.skip().unwrap_err().kind(), &ErrorKind::TooDeep);
}

#[test]
fn null_and_undefined_are_absent_values() {
    let bytes = hex("83f6f701");
    let mut d = Decoder::new(&bytes);
    d.begin_array().unwrap();
    let mut read = Vec::new();
    while d.has_next().unwrap() {
        read.push(if d.take_null().unwrap() { None } else { Some(d.i32().unwrap()) });
    }
    assert_eq!(read, [None, None, Some(1)]);
    assert!(d.at_end());
}

#[test]
fn encoder_heads_are_shortest_at_each_boundary() {
    for (n, bytes) in [
        (23u64, "17"),
        (24, "1818"),
        (255, "18ff"),
        (256, "190100"),
        (65535, "19ffff"),
        (65536, "1a00010000"),
        (u64::from(u32::MAX), "1affffffff"),
        (u64::from(u32::MAX) + 1, "1b0000000100000000"),
    ] {
        assert_eq!(encoded(&Uint(n)), bytes);
    }
    assert_eq!(encoded(&Int(i64::MIN)), "3b7fffffffffffffff");
    assert_eq!(encoded(&Int(-24)), "37");
    assert_eq!(encoded(&Int(-25)), "3818");
}

#[test]
fn an_unknown_member_of_any_type_is_skipped() {
    let now: OffsetDateTime = at(1_767_225_600 * S);
    let mut e = Encoder::new();
    e.map(3).str("unknown").begin_array().map(1).str("x").tag(4).array(2).i64(-2).u64(27315).end();
    e.str("when").timestamp(&now).str("blob").bytes(b"\x00\xff");
    let bytes = e.into_bytes();
    let mut d = Decoder::new(&bytes);
    d.begin_map().unwrap();
    let (mut when, mut blob) = (None, None);
    while let Some(key) = d.next_key().unwrap() {
        match &*key {
            "when" => when = Some(d.timestamp().unwrap()),
            "blob" => blob = Some(d.bytes().unwrap().into_owned()),
            _ => d.skip().unwrap(),
        }
    }
    d.finish().unwrap();
    assert_eq!((when, blob), (Some(now), Some(vec![0, 0xff])));
}
