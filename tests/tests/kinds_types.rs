//! Defaults of every kind, mixins, `@deprecated` types and operations, exact big-number
//! ranges, `null` documents and a modeled error named like the generator's own module,
//! through the `golden-kinds` crate (generated from `tests/fixtures/models/kinds.json`).

use golden_kinds::Operation;
use golden_kinds::operation::put_ml_values::{PutMlValues, PutMlValuesError, PutMlValuesInput};
use golden_kinds::primitives::{BigInteger, Blob, Document, Number};
use golden_kinds::types::{Defaults, Labelled, Level, Shade, Values};
use golden_kinds::{http, time};
use std::collections::BTreeMap;

fn response(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(200).body(body.as_bytes().to_vec()).expect("response")
}

fn read_values(body: &str) -> Values {
    PutMlValues::parse_response(&response(body)).expect("parse").values().expect("values").clone()
}

fn request_body(values: Values) -> serde_json::Value {
    let request = PutMlValues::serialize_request(&PutMlValuesInput::builder().values(values).build()).expect("serialize");
    serde_json::from_slice(request.body()).expect("a JSON body")
}

fn at(nanos: i128) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos).expect("in range")
}

#[test]
fn a_response_that_leaves_members_out_gets_the_models_defaults() {
    let values = read_values(r#"{"Values":{"defaults":{}}}"#);
    let d = values.defaults().expect("defaults");
    assert_eq!(d.blob().as_bytes(), b"abc");
    assert!(d.empty_blob().is_empty());
    assert_eq!(d.doc_map(), &Document::Object(BTreeMap::new()));
    assert_eq!(d.doc_list(), &Document::Array(Vec::new()));
    assert_eq!(d.doc_text(), &Document::from("hi"));
    assert_eq!(d.doc_number(), &Document::Number(Number::Float(-1.5)));
    // `@default(null)` means no default: the member stays optional.
    assert_eq!(d.doc_none(), None);
    assert_eq!(d.big_int().as_str(), "12345678901234567890");
    assert_eq!(d.big_dec().as_str(), "0.5");
    assert_eq!(d.epoch(), time::OffsetDateTime::UNIX_EPOCH);
    assert_eq!(d.seconds(), at(1_515_531_081_500_000_000));
    assert_eq!(d.date_time(), at(1_515_531_081_250_000_000));
    assert_eq!(d.list(), []);
    assert!(d.map().is_empty());
    assert_eq!(d.level(), Level::High);
    assert_eq!(d.shade(), &Shade::Dark);
    assert_eq!(d.byte(), -128);
    assert_eq!(d.ratio(), 0.25);
    assert_eq!(d.text(), "hi");
    // `@addedDefault` and `@clientOptional` members stay optional.
    assert_eq!(d.added(), None);
    assert_eq!(d.optional(), None);
}

#[test]
fn values_in_a_response_win_over_defaults() {
    let body = r#"{"Values":{"defaults":{"blob":"aGk=","docText":null,"bigInt":1,"seconds":2,"level":1,"shade":"light","text":"bye","added":0,"optional":0}}}"#;
    let d = read_values(body).defaults().expect("defaults").clone();
    assert_eq!(d.blob().as_bytes(), b"hi");
    assert_eq!(d.doc_text(), &Document::Null);
    assert_eq!(d.big_int().as_str(), "1");
    assert_eq!(d.seconds(), at(2_000_000_000));
    assert_eq!(d.level(), Level::Low);
    assert_eq!(d.shade(), &Shade::Light);
    assert_eq!(d.text(), "bye");
    assert_eq!(d.added(), Some(0));
    assert_eq!(d.optional(), Some(0));
}

#[test]
fn nested_defaults_are_sent_and_top_level_ones_are_not() {
    let body = request_body(Values::builder().defaults(Defaults::builder().build()).build());
    let expected = serde_json::json!({
        "blob": "YWJj", "emptyBlob": "", "docMap": {}, "docList": [], "docText": "hi", "docNumber": -1.5,
        "bigInt": 12345678901234567890u64, "bigDec": 0.5, "epoch": 0, "seconds": 1515531081.5,
        "dateTime": 1515531081.25, "list": [], "map": {}, "level": 10, "shade": "dark", "byte": -128,
        "ratio": 0.25, "text": "hi"
    });
    assert_eq!(body["Values"]["defaults"], expected);
    // Members the caller sets are sent as set, defaults or not.
    let set = Defaults::builder().text("hi").added(5).optional(7).level(Level::Low).build();
    let body = request_body(Values::builder().defaults(set).build());
    assert_eq!(body["Values"]["defaults"]["added"], 5);
    assert_eq!(body["Values"]["defaults"]["optional"], 7);
    assert_eq!(body["Values"]["defaults"]["level"], 1);
    // The input's own members are all optional: nothing unset is sent.
    assert_eq!(request_body(Values::builder().build())["Values"], serde_json::json!({}));
}

#[test]
fn a_null_document_member_is_a_document() {
    assert_eq!(read_values(r#"{"Values":{"doc":null}}"#).doc(), Some(&Document::Null));
    assert_eq!(read_values(r#"{"Values":{}}"#).doc(), None);
    // Written back as `null`, not left out.
    assert_eq!(request_body(Values::builder().doc(Document::Null).build())["Values"], serde_json::json!({"doc": null}));
}

#[test]
fn big_number_ranges_are_exact() {
    let check = |digits: &str| {
        let values = Values::builder().big_capped(digits.parse::<BigInteger>().expect("integer")).build();
        PutMlValues::serialize_request(&PutMlValuesInput::builder().values(values).build())
            .err()
            .map(|e| e.validation().expect("validation").constraint().to_owned())
    };
    assert_eq!(check("9007199254740992"), None);
    assert_eq!(check("-1"), None);
    // One above the bound: equal to it once rounded to a float.
    assert_eq!(check("9007199254740993").as_deref(), Some("@range: 9007199254740993 must be between -1 and 9007199254740992"));
    assert!(check("-2").is_some());
    assert!(check("100000000000000000000000000000").is_some());
}

#[test]
fn a_modeled_error_named_common_keeps_its_name() {
    let response = http::Response::builder()
        .status(503)
        .header("x-amzn-errortype", "Common")
        .body(br#"{"message":"down"}"#.to_vec())
        .expect("response");
    match PutMlValues::parse_response(&response) {
        Err(PutMlValuesError::Common(e)) => {
            let e: golden_kinds::error::Common = e;
            assert_eq!(e.message(), Some("down"));
        }
        other => panic!("expected the modeled Common error, got {other:?}"),
    }
    // The generator's own module keeps its path beside it.
    let _: Option<golden_kinds::error::common::ErrorMetadata> = None;
}

#[test]
fn mixins_are_flattened() {
    let labelled = Labelled::builder()
        .name("n")
        .kind("k")
        .at(at(1_515_531_081_000_000_000))
        .note("x")
        .build();
    let body = request_body(Values::builder().labelled(labelled.clone()).build());
    assert_eq!(
        body["Values"]["labelled"],
        serde_json::json!({"name": "n", "kind": "k", "at": "2018-01-09T20:51:21Z", "note": "x"})
    );
    // Members in order: the mixins' (in the order they are applied), then the shape's own.
    let text = serde_json::to_string(&body["Values"]["labelled"]).expect("json");
    let order: Vec<usize> = ["\"name\"", "\"kind\"", "\"at\"", "\"note\""].iter().map(|k| text.find(k).expect(k)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(read_values(&format!(r#"{{"Values":{{"labelled":{}}}}}"#, body["Values"]["labelled"])).labelled(), Some(&labelled));
    // The mixin's `@sensitive` is inherited: Debug shows nothing of the structure.
    assert_eq!(format!("{labelled:?}"), "*** Sensitive Data Redacted ***");
    // So is the `@length` of a mixin member.
    let long = Labelled::builder().name("much too long").kind("k").build();
    let error = PutMlValues::serialize_request(&PutMlValuesInput::builder().values(Values::builder().labelled(long).build()).build())
        .expect_err("name too long");
    assert_eq!(error.validation().expect("validation").path(), "Values.labelled.name");
    // The mixins themselves are not types of the crate; the documentation the mixin keeps
    // to itself (`localTraits`) is not copied, the shape's own replaces the other mixin's.
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/golden/kinds/src/types");
    assert!(!std::path::Path::new(&format!("{golden}/named.rs")).exists());
    assert!(!std::path::Path::new(&format!("{golden}/stamped.rs")).exists());
    let source = include_str!("../golden/kinds/src/types/labelled.rs");
    assert!(source.contains("Members and traits from two mixins, then its own."));
    assert!(!source.contains("Only the mixin's own documentation."));
    assert!(!source.contains("Replaced by the shape's own."));
}

#[test]
#[allow(deprecated, reason = "these types, variants and operation are @deprecated in the model; they must still work")]
fn deprecated_types_variants_and_operations_still_work() {
    use golden_kinds::operation::get_legacy_data::{GetLegacyData, GetLegacyDataInput};
    use golden_kinds::types::{Legacy, OldShape};
    let values = Values::builder()
        .legacy(Legacy::builder().value("v").build())
        .old_shape(OldShape::Side(3))
        .defaults(Defaults::builder().shade(Shade::Dim).build())
        .build();
    let body = request_body(values);
    assert_eq!(body["Values"]["legacy"], serde_json::json!({"value": "v"}));
    assert_eq!(body["Values"]["oldShape"], serde_json::json!({"side": 3}));
    assert_eq!(body["Values"]["defaults"]["shade"], "dim");

    let request = GetLegacyData::serialize_request(&GetLegacyDataInput::builder().build()).expect("request");
    assert_eq!(request.uri().path(), "/legacy");
    // A blob payload with a default: empty when the body is; the header's default likewise.
    let empty = GetLegacyData::parse_response(&response("")).expect("parse");
    assert_eq!(empty.data(), &Blob::default());
    assert_eq!(empty.level(), Level::Low);
    let full = http::Response::builder().status(200).header("x-level", "10").body(b"xyz".to_vec()).expect("response");
    let full = GetLegacyData::parse_response(&full).expect("parse");
    assert_eq!(full.data().as_bytes(), b"xyz");
    assert_eq!(full.level(), Level::High);

    // Each carries the model's note.
    let golden = |file: &str| std::fs::read_to_string(format!("{}/golden/kinds/src/{file}", env!("CARGO_MANIFEST_DIR"))).expect(file);
    assert!(golden("types/legacy.rs").contains(r#"#[deprecated(note = "Use Labelled. (deprecated since 2024-06-01)")]"#));
    assert!(golden("types/old_shape.rs").contains(r#"#[deprecated(note = "deprecated in the model")]"#));
    assert!(golden("types/shade.rs").contains(r#"#[deprecated(note = "Use DARK.")]"#));
    assert!(golden("operation/get_legacy_data/mod.rs").contains(r#"#[deprecated(note = "Read the values instead.")]"#));
}
