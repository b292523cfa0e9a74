//! Big numbers in CBOR: the bignums and decimal fraction of RFC 8949 Appendix A, the
//! boundaries between integers and bignums, malformed fractions, hostile lengths, and round
//! trips of any digits.

use proptest::prelude::*;
use smithy_rt::primitives::{BigDecimal, BigInteger};
use smithy_rt::rt::cbor::{Decoder, Encoder, ErrorKind, MAX_BIGNUM_BYTES};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn integer(text: &str) -> BigInteger {
    text.parse().unwrap()
}

fn decimal(text: &str) -> BigDecimal {
    text.parse().unwrap()
}

#[test]
fn integers_and_bignums_read_and_write_as_the_rfc_gives_them() {
    for (text, bytes) in [
        ("0", "00"),
        ("-1", "20"),
        ("18446744073709551615", "1bffffffffffffffff"),
        ("18446744073709551616", "c249010000000000000000"),
        ("-18446744073709551616", "3bffffffffffffffff"),
        ("-18446744073709551617", "c349010000000000000000"),
        ("4294967296", "1b0000000100000000"),
        ("-9223372036854775809", "3b8000000000000000"),
        ("340282366920938463463374607431768211456", "c2510100000000000000000000000000000000"),
    ] {
        let mut e = Encoder::new();
        e.big_integer(&integer(text));
        assert_eq!(to_hex(e.as_bytes()), bytes, "writing {text}");
        assert_eq!(Decoder::new(&hex(bytes)).big_integer(), Ok(integer(text)), "reading {bytes}");
    }
    // A bignum with leading zero bytes, in chunks, reads the same.
    assert_eq!(Decoder::new(&hex("c25f4200014101ff")).big_integer(), Ok(integer("257")));
}

#[test]
fn decimal_fractions_read_and_write_as_exponent_and_mantissa() {
    // RFC 8949 3.4.4: 273.15 is 4([-2, 27315]).
    let mut e = Encoder::new();
    e.big_decimal(&decimal("273.15"), "Price").unwrap();
    assert_eq!(to_hex(e.as_bytes()), "c48221196ab3");
    assert_eq!(Decoder::new(&hex("c48221196ab3")).big_decimal(), Ok(decimal("27315e-2")));
    for (text, bytes, read) in [
        ("0", "c4820000", "0"),
        ("-1.5E+3", "c482022e", "-15e2"),
        ("1e-3", "c4822201", "1e-3"),
        ("-0.0", "c4822000", "0e-1"),
        ("18446744073709551616.5", "c48220c2490a0000000000000005", "184467440737095516165e-1"),
    ] {
        let mut e = Encoder::new();
        e.big_decimal(&decimal(text), "Price").unwrap();
        assert_eq!(to_hex(e.as_bytes()), bytes, "writing {text}");
        assert_eq!(Decoder::new(&hex(bytes)).big_decimal(), Ok(decimal(read)), "reading {bytes}");
    }
    // Integers and bignums are decimals too; so is an indefinite pair.
    assert_eq!(Decoder::new(&hex("3863")).big_decimal(), Ok(decimal("-100")));
    assert_eq!(Decoder::new(&hex("c349010000000000000000")).big_decimal(), Ok(decimal("-18446744073709551617")));
    assert_eq!(Decoder::new(&hex("c49f2205ff")).big_decimal(), Ok(decimal("5e-3")));
}

#[test]
fn what_is_not_a_big_number_gives_its_error() {
    let pair = ErrorKind::Malformed("a decimal fraction is an array of two integers");
    for (bytes, kind) in [
        ("c48120", pair.clone()),
        ("c483200102", pair.clone()),
        ("c49f2001", ErrorKind::UnexpectedEnd),
        ("c49f200102ff", pair.clone()),
        ("c482fa3f80000001", ErrorKind::UnexpectedType { expected: "integer", found: smithy_rt::rt::cbor::Kind::Float }),
        ("c5820102", ErrorKind::Custom("expected an integer, a bignum (tag 2 or 3) or a decimal fraction (tag 4), found tag 5".into())),
        ("6131", ErrorKind::UnexpectedType { expected: "integer or bignum", found: smithy_rt::rt::cbor::Kind::Text }),
        ("c26131", ErrorKind::UnexpectedType { expected: "byte string", found: smithy_rt::rt::cbor::Kind::Text }),
    ] {
        assert_eq!(Decoder::new(&hex(bytes)).big_decimal().unwrap_err().kind(), &kind, "{bytes}");
    }
    assert!(Decoder::new(&hex("c4820101")).big_integer().is_err(), "a decimal fraction is no bigInteger");
    // An exponent must be an integer: a bignum there is refused, not read as one.
    let kind = Decoder::new(&hex("c482c2490100000000000000000001")).big_decimal().unwrap_err().kind().clone();
    assert_eq!(kind, ErrorKind::UnexpectedType { expected: "integer", found: smithy_rt::rt::cbor::Kind::Tag });
}

#[test]
fn exponents_span_the_whole_range_of_cbor_integers() {
    // 2^64 - 1 and -2^64 are the largest and smallest exponents the format holds; both are
    // beyond an i64, and both round trip.
    for (text, bytes) in [
        ("1e18446744073709551615", "c4821bffffffffffffffff01"),
        ("-7e-18446744073709551616", "c4823bffffffffffffffff26"),
        ("1e9223372036854775808", "c4821b800000000000000001"),
    ] {
        let mut e = Encoder::new();
        e.big_decimal(&decimal(text), "Price").unwrap();
        assert_eq!(to_hex(e.as_bytes()), bytes, "writing {text}");
        assert_eq!(Decoder::new(&hex(bytes)).big_decimal(), Ok(decimal(text)), "reading {bytes}");
    }
    // A fraction's digits move the exponent down: 1.5e-18446744073709551615 is 15e-2^64.
    let mut e = Encoder::new();
    e.big_decimal(&decimal("1.5e-18446744073709551615"), "Price").unwrap();
    assert_eq!(to_hex(e.as_bytes()), "c4823bffffffffffffffff0f");
    // A zero is a zero whatever its exponent.
    let mut e = Encoder::new();
    e.big_decimal(&decimal("-0.0e99999999999999999999999999999999999999999"), "Price").unwrap();
    assert_eq!(to_hex(e.as_bytes()), "c4820000");
}

#[test]
fn an_exponent_beyond_cbor_is_an_error_naming_the_member_and_writes_nothing() {
    for text in ["1e18446744073709551616", "1.5e-18446744073709551616", "2e-18446744073709551617", "1e999999999999999999999999999999999999999999"] {
        let mut e = Encoder::new();
        e.map(1).str("Price");
        let before = e.as_bytes().to_vec();
        let error = e.big_decimal(&decimal(text), "Order.Price").unwrap_err();
        assert_eq!(error.member(), Some("Order.Price"), "{text}");
        assert!(error.to_string().contains("`Order.Price` is a decimal whose exponent CBOR cannot hold"), "{error}");
        assert_eq!(e.as_bytes(), &before[..], "nothing of {text} is written");
    }
}

#[test]
fn a_bignum_longer_than_the_limit_is_refused_and_the_limit_is_read() {
    let mut e = Encoder::new();
    e.tag(2).bytes(&vec![0xff; MAX_BIGNUM_BYTES]);
    let at_limit = Decoder::new(e.as_bytes()).big_integer().unwrap();
    // 256^1024 - 1 has 2,467 decimal digits and ends in 5 (256^n ends in 6).
    assert_eq!((at_limit.as_str().len(), at_limit.as_str().ends_with('5')), (2467, true));
    let mut e = Encoder::new();
    e.tag(3).bytes(&vec![1; MAX_BIGNUM_BYTES + 1]);
    assert_eq!(Decoder::new(e.as_bytes()).big_integer().unwrap_err().kind(), &ErrorKind::OutOfRange("bignum"));
}

proptest! {
    #[test]
    fn any_integer_round_trips(sign in "-?", digits in "[1-9][0-9]{0,80}") {
        let value = integer(&format!("{sign}{digits}"));
        let mut e = Encoder::new();
        e.big_integer(&value);
        prop_assert_eq!(Decoder::new(e.as_bytes()).big_integer(), Ok(value.clone()));
        // What fits an i64 is written as the plain integer.
        if let Ok(n) = value.as_str().parse::<i64>() {
            let mut plain = Encoder::new();
            plain.i64(n);
            prop_assert_eq!(e.as_bytes(), plain.as_bytes());
        }
    }

    #[test]
    fn any_decimal_reads_back_to_the_same_mantissa_and_exponent(
        sign in "-?", int in "[1-9][0-9]{0,30}", fraction in "[0-9]{0,20}", exponent in -1000i64..1000,
    ) {
        let text = if fraction.is_empty() { format!("{sign}{int}e{exponent}") } else { format!("{sign}{int}.{fraction}e{exponent}") };
        let mut e = Encoder::new();
        e.big_decimal(&decimal(&text), "Price").unwrap();
        let read = Decoder::new(e.as_bytes()).big_decimal().unwrap();
        let shifted = exponent - fraction.len() as i64;
        let expected = if shifted == 0 { format!("{sign}{int}{fraction}") } else { format!("{sign}{int}{fraction}e{shifted}") };
        prop_assert_eq!(read.as_str(), expected);
    }
}
