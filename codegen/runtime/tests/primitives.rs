//! Tests of `primitives` and their JSON code.

use smithy_rt::primitives::{BigDecimal, BigInteger, Blob, Document, Number};
use smithy_rt::rt::json::{Reader, Writer};
use smithy_rt::rt::{json_big, json_blob, json_document};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn write_with(f: impl FnOnce(&mut Writer)) -> String {
    let mut w = Writer::new();
    f(&mut w);
    String::from_utf8(w.finish()).unwrap()
}

fn read_with<T>(json: &str, f: impl FnOnce(&mut Reader<'_>) -> smithy_rt::rt::json::Result<T>) -> smithy_rt::rt::json::Result<T> {
    let mut r = Reader::new(json.as_bytes());
    let value = f(&mut r)?;
    r.finish().map(|()| value)
}

#[test]
fn blobs_are_base64_text() {
    let blob = Blob::from("hello, world");
    assert_eq!(write_with(|w| json_blob::write(w, &blob)), r#""aGVsbG8sIHdvcmxk""#);
    assert_eq!(read_with(r#""aGVsbG8sIHdvcmxk""#, json_blob::read).unwrap(), blob);
    // Padding is optional when reading; text that is not base64 is an error, not a panic.
    assert_eq!(read_with(r#""YQ""#, json_blob::read).unwrap().as_bytes(), b"a");
    assert_eq!(read_with(r#""YQ==""#, json_blob::read).unwrap().as_bytes(), b"a");
    let e = read_with(r#""not base64!""#, json_blob::read).unwrap_err();
    assert_eq!(e.message, "expected base64 text");
    assert!(read_with("12", json_blob::read).is_err());
    assert_eq!(format!("{blob:?}"), "Blob(12 bytes)");
}

#[test]
fn big_numbers_keep_every_digit() {
    let huge = "123456789012345678901234567890123456789";
    assert_eq!(read_with(huge, json_big::read_integer).unwrap().as_str(), huge);
    let precise = "-0.1000000000000000055511151231257827021181583404541015625e-7";
    assert_eq!(read_with(precise, json_big::read_decimal).unwrap().as_str(), precise);
    assert!(read_with("1.5", json_big::read_integer).is_err());
    assert!(read_with("\"1\"", json_big::read_decimal).is_err());
    let value: BigDecimal = precise.parse().unwrap();
    assert_eq!(write_with(|w| json_big::write_decimal(w, &value)), precise);
    for bad in ["", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1 ", "NaN"] {
        assert!(bad.parse::<BigDecimal>().is_err(), "{bad:?}");
        assert!(bad.parse::<BigInteger>().is_err(), "{bad:?}");
    }
    assert!("1.5".parse::<BigInteger>().is_err());
    assert_eq!(BigInteger::from(-7_i64).to_string(), "-7");
}

#[test]
fn documents_are_the_json_value() {
    let json = r#"{"a":[1,-2,2.5,true,null,"s"],"b":{},"c":18446744073709551615}"#;
    let doc = read_with(json, json_document::read).unwrap();
    let mut expected = BTreeMap::new();
    expected.insert(
        "a".to_owned(),
        Document::Array(vec![
            Document::Number(Number::PosInt(1)),
            Document::Number(Number::NegInt(-2)),
            Document::Number(Number::Float(2.5)),
            Document::Bool(true),
            Document::Null,
            Document::from("s"),
        ]),
    );
    expected.insert("b".to_owned(), Document::Object(BTreeMap::new()));
    expected.insert("c".to_owned(), Document::Number(Number::PosInt(u64::MAX)));
    assert_eq!(doc, Document::Object(expected));
    assert_eq!(write_with(|w| json_document::write(w, &doc)), json);
    assert!(read_with("[1,", json_document::read).is_err());
    assert!(read_with("nul", json_document::read).is_err());
    // Nesting beyond the reader's limit is an error, not a stack overflow.
    let deep = "[".repeat(100_000);
    assert!(read_with(&deep, json_document::read).is_err());
}

fn document() -> impl Strategy<Value = Document> {
    let leaf = prop_oneof![
        Just(Document::Null),
        any::<bool>().prop_map(Document::Bool),
        any::<u64>().prop_map(Document::from),
        (i64::MIN..0).prop_map(Document::from),
        // Exactly representable and never an integer (which would read back as one).
        (any::<i32>(), 1..1024u16).prop_map(|(i, f)| Document::from(f64::from(i) + f64::from(f) / 1024.0)),
        ".*".prop_map(Document::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Document::Array),
            prop::collection::btree_map(".*", inner, 0..6).prop_map(Document::Object),
        ]
    })
}

proptest! {
    #[test]
    fn any_document_round_trips(doc in document()) {
        let json = write_with(|w| json_document::write(w, &doc));
        prop_assert_eq!(read_with(&json, json_document::read).unwrap(), doc);
    }

    #[test]
    fn any_blob_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let blob = Blob::new(bytes.clone());
        let json = write_with(|w| json_blob::write(w, &blob));
        prop_assert_eq!(read_with(&json, json_blob::read).unwrap().into_inner(), bytes);
    }

    #[test]
    fn any_big_number_round_trips(int in "-?[1-9][0-9]{0,60}", frac in "[0-9]{1,40}", exp in "[eE][+-]?[0-9]{1,3}") {
        let integer: BigInteger = int.parse().unwrap();
        let json = write_with(|w| json_big::write_integer(w, &integer));
        prop_assert_eq!(read_with(&json, json_big::read_integer).unwrap(), integer);
        let text = format!("{int}.{frac}{exp}");
        let decimal: BigDecimal = text.parse().unwrap();
        let json = write_with(|w| json_big::write_decimal(w, &decimal));
        prop_assert_eq!(&json, &text);
        prop_assert_eq!(read_with(&json, json_big::read_decimal).unwrap(), decimal);
    }
}
