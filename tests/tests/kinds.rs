//! Every shape kind through the generated wire code and through serde (the `golden-kinds`
//! crate, generated from `tests/fixtures/models/kinds.json`): blobs, documents, big
//! numbers, intEnums, sparse collections, float specials, every timestamp format,
//! `@jsonName`, unit union members.

use golden_kinds::Operation;
use golden_kinds::{http, time};
use golden_kinds::operation::put_ml_values::{PutMlValues, PutMlValuesInput};
use golden_kinds::primitives::{BigDecimal, BigInteger, Blob, Document, Number};
use golden_kinds::types::{Choice, Level, Moment, Times, Values};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn response(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(200).body(body.as_bytes().to_vec()).expect("response")
}

/// The request body the input is sent as, and the values the service's echo reads back as.
fn round_trip(values: Values) -> (serde_json::Value, Values) {
    let input = PutMlValuesInput::builder().values(values).build();
    let request = PutMlValues::serialize_request(&input).expect("serialize");
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
    let echoed = String::from_utf8(request.body().clone()).expect("utf-8");
    let output = PutMlValues::parse_response(&response(&echoed)).expect("parse");
    (body, output.values().expect("values echoed").clone())
}

fn every_kind() -> Values {
    let mut object = BTreeMap::new();
    object.insert("n".to_owned(), Document::Number(Number::NegInt(-3)));
    object.insert("list".to_owned(), Document::Array(vec![Document::Null, Document::from("x"), Document::from(1.5)]));
    Values::builder()
        .data(Blob::from("bytes \u{0}\u{ff}"))
        .doc(Document::Object(object))
        .big_int("123456789012345678901234567890".parse::<BigInteger>().expect("integer"))
        .big_dec("0.1000000000000000055511151231257827".parse::<BigDecimal>().expect("decimal"))
        .level(Level::High)
        .set_levels(Some(vec![Level::Low, Level::from(7)]))
        .set_sparse_list(Some(vec![Some("a".to_owned()), None, Some("c".to_owned())]))
        .set_sparse_map(Some(std::collections::BTreeMap::from([("one".to_owned(), Some(1)), ("none".to_owned(), None)])))
        .ratio(f32::INFINITY)
        .precise(f64::NAN)
        .when(time::OffsetDateTime::from_unix_timestamp_nanos(1_515_531_081_123_000_000).expect("time"))
        .when_date(time::OffsetDateTime::from_unix_timestamp(1_515_531_081).expect("time"))
        .when_http(time::OffsetDateTime::from_unix_timestamp(1_398_796_238).expect("time"))
        .renamed("r")
        .count(9_007_199_254_740_991)
        .choice(Choice::Nothing)
        .build()
}

#[test]
fn every_kind_on_the_wire() {
    let (body, back) = round_trip(every_kind());
    let v = &body["Values"];
    assert_eq!(v["data"], "Ynl0ZXMgAMO/");
    assert_eq!(v["doc"], serde_json::json!({"list": [null, "x", 1.5], "n": -3}));
    assert_eq!(v["level"], 10);
    assert_eq!(v["levels"], serde_json::json!([1, 7]));
    assert_eq!(v["sparseList"], serde_json::json!(["a", null, "c"]));
    assert_eq!(v["sparseMap"], serde_json::json!({"none": null, "one": 1}));
    assert_eq!(v["ratio"], "Infinity");
    assert_eq!(v["precise"], "NaN");
    assert_eq!(v["when"], 1515531081.123);
    assert_eq!(v["whenDate"], "2018-01-09T20:51:21Z");
    assert_eq!(v["whenHttp"], "Tue, 29 Apr 2014 18:30:38 GMT");
    assert_eq!(v["wire_name"], "r");
    assert_eq!(v["choice"], serde_json::json!({"nothing": {}}));
    // Big numbers are written digit for digit, not through a float.
    let text = String::from_utf8(PutMlValues::serialize_request(&PutMlValuesInput::builder().values(every_kind()).build()).expect("ok").into_body()).expect("utf-8");
    assert!(text.contains(r#""bigInt":123456789012345678901234567890"#), "{text}");
    assert!(text.contains(r#""bigDec":0.1000000000000000055511151231257827"#), "{text}");

    assert_eq!(back.level(), Some(Level::High));
    assert_eq!(back.levels(), [Level::Low, Level::Unknown(7)]);
    assert_eq!(back.sparse_list(), [Some("a".to_owned()), None, Some("c".to_owned())]);
    assert_eq!(back.sparse_map().and_then(|m| m.get("none")), Some(&None));
    assert!(back.precise().expect("precise").is_nan());
    assert_eq!(back.ratio(), Some(f32::INFINITY));
    assert_eq!(back.big_int().map(BigInteger::as_str), Some("123456789012345678901234567890"));
    assert_eq!(back.data().map(Blob::as_bytes), Some("bytes \u{0}\u{ff}".as_bytes()));
    assert_eq!(back.choice(), Some(&Choice::Nothing));
    // NaN is not equal to itself; everything else comes back as it was sent.
    let without_nan = |v: &Values| Values::builder().set_sparse_list(Some(v.sparse_list().to_vec())).build();
    assert_eq!(without_nan(&back), without_nan(&every_kind()));
}

#[test]
fn timestamps_in_lists_maps_and_unions_on_the_wire() {
    let t = time::OffsetDateTime::from_unix_timestamp(1_515_531_081).expect("time");
    let times = Times::builder()
        .at(t)
        .set_list(Some(vec![t]))
        .lists(vec![t])
        .map("a", t)
        .set_sparse_list(Some(vec![None, Some(t)]))
        .sparse_map("n", None)
        .moment(Moment::At(t))
        .moments(Moment::Named(BTreeMap::from([("k".to_owned(), t)])))
        .build();
    let (body, back) = round_trip(Values::builder().times(times.clone()).build());
    // Epoch seconds (the default format) everywhere but the `date-time` union member; the
    // nested structure's default is sent.
    let expected = serde_json::json!({
        "at": 1515531081, "since": 0, "list": [1515531081], "lists": [[1515531081]], "map": {"a": 1515531081},
        "sparseList": [null, 1515531081], "sparseMap": {"n": null}, "moment": {"at": "2018-01-09T20:51:21Z"},
        "moments": [{"named": {"k": 1515531081}}]
    });
    assert_eq!(body["Values"]["times"], expected);
    assert_eq!(back.times(), Some(&times));
}

#[test]
fn responses_with_wrong_kinds_are_errors_not_panics() {
    for (body, what) in [
        (r#"{"Values":{"data":"not base64!"}}"#, "base64"),
        (r#"{"Values":{"bigInt":1.5}}"#, "integer"),
        (r#"{"Values":{"level":"HIGH"}}"#, "number"),
        (r#"{"Values":{"doc":[1,}}"#, "value"),
    ] {
        let error = PutMlValues::parse_response(&response(body)).expect_err(body);
        assert!(error.to_string().contains(what), "{body}: {error}");
    }
}

#[test]
fn every_kind_through_serde() {
    let values = Values::builder()
        .data(Blob::from("hi"))
        .big_dec("1e400".parse::<BigDecimal>().expect("decimal"))
        .level(Level::from(42))
        .set_sparse_list(Some(vec![None, Some("b".to_owned())]))
        .choice(Choice::Bytes(Blob::from("x")))
        .build();
    let json = serde_json::to_value(&values).expect("serialize");
    assert_eq!(json["data"], "aGk=");
    assert_eq!(json["bigDec"], "1e400");
    assert_eq!(json["level"], 42);
    assert_eq!(json["sparseList"], serde_json::json!([null, "b"]));
    let back: Values = serde_json::from_value(json).expect("deserialize");
    assert_eq!(back, values);
}

fn document() -> impl Strategy<Value = Document> {
    let leaf = prop_oneof![
        Just(Document::Null),
        any::<bool>().prop_map(Document::Bool),
        any::<u64>().prop_map(Document::from),
        (i64::MIN..0).prop_map(Document::from),
        (any::<i32>(), 1..1024u16).prop_map(|(i, f)| Document::from(f64::from(i) + f64::from(f) / 1024.0)),
        ".{0,8}".prop_map(Document::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Document::Array),
            prop::collection::btree_map(".{0,4}", inner, 0..4).prop_map(Document::Object),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_values_round_trip(
        bytes in prop::collection::vec(any::<u8>(), 0..40),
        doc in document(),
        digits in "-?[1-9][0-9]{0,50}",
        level in any::<i32>(),
        sparse in prop::collection::vec(prop::option::of(".{0,6}"), 0..5),
    ) {
        let values = Values::builder()
            .data(Blob::new(bytes))
            .doc(doc)
            .big_int(digits.parse::<BigInteger>().expect("integer"))
            .level(Level::from(level))
            .set_sparse_list(Some(sparse))
            .build();
        let (_, back) = round_trip(values.clone());
        // On the wire a `null` document member is a document (JSON tells it from an absent
        // member), so everything comes back as it was sent.
        prop_assert_eq!(&back, &values);
        // Serde reads `null` into an `Option` as `None`: a `Null` document comes back as no
        // document at all.
        let expected = if values.doc().is_some_and(Document::is_null) {
            Values::builder()
                .data(values.data().cloned().expect("set"))
                .big_int(values.big_int().cloned().expect("set"))
                .level(values.level().expect("set"))
                .set_sparse_list(Some(values.sparse_list().to_vec()))
                .build()
        } else {
            values.clone()
        };
        let through_serde: Values = serde_json::from_value(serde_json::to_value(&values).expect("ser")).expect("de");
        prop_assert_eq!(through_serde, expected);
    }
}

#[test]
fn model_names_win_over_the_generators() {
    // The operation's name is the model's, not its Rust casing.
    assert_eq!(<PutMlValues as Operation>::NAME, "PutMLValues");
    // A modeled error named `ValidationError` is `crate::error::ValidationError`; the
    // generator's own stays in `crate::error::common`.
    let body = r#"{"message":"bad","fields":["a",null]}"#;
    let response = http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "ValidationError")
        .body(body.as_bytes().to_vec())
        .expect("response");
    match PutMlValues::parse_response(&response) {
        Err(golden_kinds::operation::put_ml_values::PutMlValuesError::ValidationError(e)) => {
            let e: golden_kinds::error::ValidationError = *e;
            assert_eq!(e.message(), Some("bad"));
            assert_eq!(e.fields(), [Some("a".to_owned()), None]);
        }
        other => panic!("expected the modeled ValidationError, got {other:?}"),
    }
    let invalid = Values::builder().count(0).build();
    let error = PutMlValues::serialize_request(&PutMlValuesInput::builder().values(invalid).build()).expect_err("count 0");
    let validation: &golden_kinds::error::common::ValidationError = error.validation().expect("a validation error");
    assert_eq!(validation.path(), "Values.count");
    // A model type named `Operation` lives beside the generator's `Operation` trait.
    let op = golden_kinds::types::Operation::builder().name("n").build();
    assert_eq!(op.name(), Some("n"));
}

#[test]
fn fractional_range_bounds() {
    let check = |values: Values| {
        PutMlValues::serialize_request(&PutMlValuesInput::builder().values(values).build())
            .err()
            .map(|e| e.validation().expect("validation").constraint().to_owned())
    };
    assert_eq!(check(Values::builder().weight(0.5).build()), None);
    assert_eq!(check(Values::builder().weight(1.5).build()), None);
    assert_eq!(check(Values::builder().weight(0.49).build()).as_deref(), Some("@range: 0.49 must be between 0.5 and 1.5"));
    assert!(check(Values::builder().weight(f64::NAN).build()).is_some());
    // On an integer, `min: 0.5` is `min: 1` and `max: 3.9` is `max: 3`.
    assert_eq!(check(Values::builder().steps(1).build()), None);
    assert_eq!(check(Values::builder().steps(3).build()), None);
    assert!(check(Values::builder().steps(0).build()).is_some());
    assert!(check(Values::builder().steps(4).build()).is_some());
}

#[test]
fn ecma_patterns_with_look_ahead() {
    let check = |values: Values| {
        PutMlValues::serialize_request(&PutMlValuesInput::builder().values(values).build())
            .err()
            .map(|e| e.validation().expect("validation").constraint().to_owned())
    };
    assert_eq!(check(Values::builder().tag_key("team:a").build()), None);
    assert_eq!(
        check(Values::builder().tag_key("aws:reserved").build()).as_deref(),
        Some("@pattern: does not match `^(?!aws:)[a-zA-Z+-=._:/]+$`")
    );
    // `[\w- ]`: in ECMA-262 the `-` after `\w` is a plain character, not a range.
    assert_eq!(check(Values::builder().path("a-b c_d").build()), None);
    assert!(check(Values::builder().path("a.b").build()).is_some());
}

/// Amazon Connect's tag keys: a look-ahead (so the ECMA-262 engine) and `\p{..}` classes,
/// which are Unicode properties (letters, separators, digits), not the letters `p{L}`.
#[test]
fn ecma_patterns_read_unicode_property_classes() {
    let check = |key: &str| {
        let values = Values::builder().tags(key, "v".to_owned()).build();
        PutMlValues::serialize_request(&PutMlValuesInput::builder().values(values).build())
            .err()
            .map(|e| e.validation().expect("validation").constraint().to_owned())
    };
    for valid in ["stage", "department:x", "Kostenstelle 7", "équipe", "部門", "x٣", "a\u{3000}b", "k=v+@/._-"] {
        assert_eq!(check(valid), None, "{valid:?} is a valid tag key");
    }
    let refused = Some(r"@pattern: does not match `^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`");
    for invalid in ["aws:foo", "stage!", "tab\tkey", "p{L}#", "🦀"] {
        assert_eq!(check(invalid).as_deref(), refused, "{invalid:?} is not a tag key");
    }
}

#[test]
fn recursive_structures_and_unions() {
    use golden_kinds::types::{Expr, Sum, Tree};
    let leaf = |label: &str| Tree::builder().label(label).build();
    let tree = Tree::builder().label("r").left(Tree::builder().label("l").left(leaf("ll")).build()).children(leaf("c")).build();
    // -(1 + -2)
    let expr = Expr::Neg(Box::new(Expr::Sum(Box::new(
        Sum::builder().a(Expr::Lit(1)).b(Expr::Neg(Box::new(Expr::Lit(2)))).build(),
    ))));
    let (body, back) = round_trip(Values::builder().tree(tree.clone()).expr(expr.clone()).build());
    assert_eq!(body["Values"]["tree"], serde_json::json!({"label": "r", "left": {"label": "l", "left": {"label": "ll"}}, "children": [{"label": "c"}]}));
    assert_eq!(body["Values"]["expr"], serde_json::json!({"neg": {"sum": {"a": {"lit": 1}, "b": {"neg": {"lit": 2}}}}}));
    assert_eq!(back.tree(), Some(&tree));
    assert_eq!(back.tree().and_then(Tree::left).and_then(Tree::left).and_then(Tree::label), Some("ll"));
    assert_eq!(back.expr(), Some(&expr));
    // Constraints are checked all the way down.
    let deep = Tree::builder().left(Tree::builder().left(leaf("long")).build()).build();
    let error = PutMlValues::serialize_request(&PutMlValuesInput::builder().values(Values::builder().tree(deep).build()).build())
        .expect_err("label too long");
    assert_eq!(error.validation().expect("validation").path(), "Values.tree.left.left.label");
    // A response nested beyond the reader's depth limit is an error, not a stack overflow.
    let nested = format!(r#"{{"Values":{{"tree":{}{}}}}}"#, r#"{"left":"#.repeat(10_000), "}".repeat(10_000));
    assert!(PutMlValues::parse_response(&response(&nested)).is_err());
}

#[test]
#[allow(deprecated, reason = "the member is @deprecated in the model; it must still work")]
fn deprecated_members_carry_the_models_note() {
    let values = Values::builder().old_name("x").build();
    assert_eq!(values.old_name(), Some("x"));
    let source = include_str!("../golden/kinds/src/types/values.rs");
    let note = r#"#[deprecated(note = "Use renamed. (deprecated since 2024-06-01)")]"#;
    assert_eq!(source.matches(note).count(), 3, "on the accessor and both setters (`old_name`, `set_old_name`)");
}
