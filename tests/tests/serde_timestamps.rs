//! Timestamps through serde (feature `serde` of the `golden-kinds` crate, generated from
//! `tests/fixtures/models/kinds.json`): one representation, RFC 3339 text, wherever a timestamp
//! stands: a required, defaulted or optional structure member, lists and maps of them (also
//! nested and `@sparse`), and union members, whatever the member's wire `@timestampFormat`.

use golden_kinds::time::OffsetDateTime;
use golden_kinds::types::{Moment, Times, Values};
use std::collections::BTreeMap;

/// 2018-01-09T20:51:21.25Z
fn first() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(1_515_531_081_250_000_000).expect("in range")
}

/// 2014-04-29T18:30:38Z
fn second() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_398_796_238).expect("in range")
}

fn every_position() -> Times {
    Times::builder()
        .at(first())
        .since(second())
        .maybe(first())
        .set_list(Some(vec![first(), second()]))
        .lists(vec![second()])
        .lists(Vec::new())
        .map("a", first())
        .set_sparse_list(Some(vec![Some(second()), None]))
        .sparse_map("none", None)
        .sparse_map("one", Some(first()))
        .moment(Moment::At(second()))
        .set_moments(Some(vec![
            Moment::Span(vec![first()]),
            Moment::Named(BTreeMap::from([("k".to_owned(), second())])),
            Moment::At(first()),
            Moment::Never,
        ]))
        .build()
}

const EVERY_POSITION: &str = concat!(
    r#"{"at":"2018-01-09T20:51:21.25Z","since":"2014-04-29T18:30:38Z","maybe":"2018-01-09T20:51:21.25Z","#,
    r#""list":["2018-01-09T20:51:21.25Z","2014-04-29T18:30:38Z"],"lists":[["2014-04-29T18:30:38Z"],[]],"#,
    r#""map":{"a":"2018-01-09T20:51:21.25Z"},"sparseList":["2014-04-29T18:30:38Z",null],"#,
    r#""sparseMap":{"none":null,"one":"2018-01-09T20:51:21.25Z"},"moment":{"at":"2014-04-29T18:30:38Z"},"#,
    r#""moments":[{"span":["2018-01-09T20:51:21.25Z"]},{"named":{"k":"2014-04-29T18:30:38Z"}},"#,
    r#"{"at":"2018-01-09T20:51:21.25Z"},"never"]}"#,
);

#[test]
fn every_position_is_rfc3339_text() {
    let times = every_position();
    assert_eq!(serde_json::to_string(&times).expect("serialize"), EVERY_POSITION);
    let back: Times = serde_json::from_str(EVERY_POSITION).expect("deserialize");
    assert_eq!(back, times);
}

#[test]
fn a_union_member_on_its_own_is_rfc3339_text() {
    let text = serde_json::to_string(&Moment::At(first())).expect("serialize");
    assert_eq!(text, r#"{"at":"2018-01-09T20:51:21.25Z"}"#);
    assert_eq!(serde_json::from_str::<Moment>(&text).expect("deserialize"), Moment::At(first()));
    let text = serde_json::to_string(&Moment::Span(vec![second(), first()])).expect("serialize");
    assert_eq!(text, r#"{"span":["2014-04-29T18:30:38Z","2018-01-09T20:51:21.25Z"]}"#);
    assert_eq!(serde_json::from_str::<Moment>(&text).expect("deserialize"), Moment::Span(vec![second(), first()]));
}

#[test]
fn absent_optional_members_are_left_out_and_read_back_as_absent() {
    let times = Times::builder().at(first()).build();
    let text = serde_json::to_string(&times).expect("serialize");
    assert_eq!(text, r#"{"at":"2018-01-09T20:51:21.25Z","since":"1970-01-01T00:00:00Z"}"#);
    let back: Times = serde_json::from_str(&text).expect("deserialize");
    assert_eq!(back, times);
    assert_eq!(back.maybe(), None);
    assert!(back.list().is_empty());
    // `null` reads as absent too.
    let back: Times = serde_json::from_str(r#"{"at":"2018-01-09T20:51:21.25Z","since":"1970-01-01T00:00:00Z","maybe":null,"map":null}"#)
        .expect("deserialize");
    assert_eq!(back, times);
}

#[test]
fn other_representations_are_refused() {
    // Epoch seconds (the default wire format) and `time`'s own serde form are not accepted.
    for text in [
        r#"{"at":1515531081,"since":"1970-01-01T00:00:00Z"}"#,
        r#"{"at":"2018-01-09T20:51:21.25Z","since":"1970-01-01T00:00:00Z","list":[[2018,9,20,51,21,250000000,0,0,0]]}"#,
        r#"{"at":"2018-01-09T20:51:21.25Z","since":"1970-01-01T00:00:00Z","moment":{"at":[2018,9,20,51,21,250000000,0,0,0]}}"#,
    ] {
        assert!(serde_json::from_str::<Times>(text).is_err(), "{text}");
    }
}

#[test]
fn nested_in_another_structure() {
    let values = Values::builder().times(every_position()).build();
    let json = serde_json::to_value(&values).expect("serialize");
    assert_eq!(json["times"], serde_json::from_str::<serde_json::Value>(EVERY_POSITION).expect("json"));
    assert_eq!(serde_json::from_value::<Values>(json).expect("deserialize"), values);
}
