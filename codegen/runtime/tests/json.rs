//! Tests of `rt::json`: the JSON reader and writer.

use smithy_rt::rt::json::*;
use std::borrow::Cow;
use time::{OffsetDateTime, UtcOffset};
use time::format_description::well_known::Rfc3339;

fn read<'a, T>(json: &'a str, f: impl FnOnce(&mut Reader<'a>) -> Result<T>) -> Result<T> {
    let mut r = Reader::new(json.as_bytes());
    let value = f(&mut r)?;
    r.finish().map(|()| value)
}

/// The error, as "offset: message".
fn fails<'a, T>(json: &'a str, f: impl FnOnce(&mut Reader<'a>) -> Result<T>) -> String {
    let e = read(json, f).err().expect(json);
    format!("{}: {}", e.offset(), e.message)
}

fn date(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).unwrap()
}

#[test]
fn strings() {
    let plain = read(r#" "plain é" "#, Reader::string).unwrap();
    assert!(matches!(plain, Cow::Borrowed("plain é")));
    let escaped = r#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \u2028""#;
    let expected = "q\" b\\ s/ \u{8}\u{c}\n\r\t é 😀 \u{2028}";
    assert_eq!(read(escaped, Reader::string).unwrap(), expected);
    let e = Reader::new(b"\"ab\xff\"").string().unwrap_err();
    assert_eq!((e.offset(), &*e.message), (3, "invalid UTF-8 in string"));
    // The eight-bytes-at-a-time scan agrees with a plain one wherever the match lies.
    let naive = |b: &[u8]| b.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
    for (len, filler, special) in (0..20)
        .flat_map(|len| {
            [b'a', 0x20, 0x7F, 0x80, 0xFF]
                .map(|f| [b'"', b'\\', 0, 0x1F].map(move |s| (len, f, s)))
        })
        .flatten()
    {
        for at in 0..=len {
            let mut bytes = vec![filler; len];
            bytes.insert(at, special);
            assert_eq!(find_special(&bytes), naive(&bytes), "{bytes:?}");
        }
        assert_eq!(find_special(&vec![filler; len]), None);
    }
}

#[test]
fn syntax_errors() {
    let cases = [
        (r#""ab\ud800""#, "3: unpaired surrogate in \\u escape"),
        (r#""\ud800\u0041""#, "1: unpaired surrogate in \\u escape"),
        (r#""\udc00""#, "1: unpaired surrogate in \\u escape"),
        (r#""\u12x4""#, "1: expected four hex digits after \\u"),
        (r#""\u12"#, "1: expected four hex digits after \\u"),
        (r#""\q""#, "1: invalid escape"),
        ("\"a\nb\"", "2: control character in string"),
        ("\"a\\n\tb\"", "4: control character in string"),
        ("\"abc", "4: unterminated string"),
        ("\"abc\\", "4: unterminated string"),
        ("012", "0: leading zero in number"),
        ("-", "0: expected a number"),
        ("1.", "2: expected a digit after `.`"),
        ("1e+", "3: expected a digit in the exponent"),
        ("tru", "0: expected `true` or `false`"),
        ("nul", "0: expected a value"),
        ("", "0: expected a value"),
        ("{", "1: expected a member name"),
        (r#"{"a" 1}"#, "5: expected `:`"),
        (r#"{"a":1,}"#, "7: expected a member name"),
        (r#"{"a":1 "b":2}"#, "7: expected `,` or `}`"),
        ("[1}", "2: expected `,` or `]`"),
        ("[1,]", "3: expected a value"),
        ("[] x", "3: unexpected data after the JSON value"),
    ];
    for (json, error) in cases {
        assert_eq!(fails(json, Reader::skip_value), error, "{json}");
    }
    assert_eq!(fails("12", Reader::string), "0: expected a string");
    assert_eq!(fails("[", Reader::begin_object), "0: expected `{`");
    assert_eq!(fails("{", Reader::begin_array), "0: expected `[`");
    let e = JsonError::custom(17, "missing required member `Foo`");
    assert_eq!(
        e.to_string(),
        "invalid JSON at byte 17: missing required member `Foo`"
    );
    // Every prefix of a valid document fails cleanly instead of panicking.
    let doc = r#"{"a":[1,-2.5e3,"\u00e9\ud83d\ude00",true,false,null,{"b":{}}]}"#;
    assert_eq!(read(doc, Reader::skip_value), Ok(()));
    for end in 0..doc.len() {
        assert!(read(&doc[..end], Reader::skip_value).is_err(), "{end}");
    }
}

#[test]
fn numbers() {
    assert_eq!(read(" -128 ", Reader::i8), Ok(-128));
    assert_eq!(read("-32768", Reader::i16), Ok(i16::MIN));
    assert_eq!(read("-9223372036854775808", Reader::i64), Ok(i64::MIN));
    assert_eq!(
        fails("128", Reader::i8),
        "0: integer out of range for i8 (-128..=127)"
    );
    assert!(fails("-32769", Reader::i16).ends_with("for i16 (-32768..=32767)"));
    assert!(fails("2147483648", Reader::i32).ends_with("i32 (-2147483648..=2147483647)"));
    let i64_range = "i64 (-9223372036854775808..=9223372036854775807)";
    assert!(fails("9223372036854775808", Reader::i64).ends_with(i64_range));
    assert!(fails("99999999999999999999999", Reader::i64).ends_with(i64_range));
    assert_eq!(fails("1.5", Reader::i32), "0: expected an integer");
    assert_eq!(fails("1e3", Reader::i64), "0: expected an integer");
    assert_eq!(read("-0.5e-3", Reader::f64), Ok(-0.0005));
    assert_eq!(read("0.1", Reader::f32), Ok(0.1f32));
    assert_eq!(read(r#""-Infinity""#, Reader::f64), Ok(f64::NEG_INFINITY));
    assert_eq!(read(r#""Infinity""#, Reader::f32), Ok(f32::INFINITY));
    assert!(read(r#""NaN""#, Reader::f64).unwrap().is_nan());
    assert!(fails(r#""inf""#, Reader::f64).starts_with("0: expected a number, \"NaN\""));
    assert_eq!(fails("1e39", Reader::f32), "0: number out of range");
    assert_eq!(fails("-1e400", Reader::f64), "0: number out of range");
    assert_eq!(fails("true", Reader::f64), "0: expected a number");
}

#[test]
fn containers_and_depth() {
    let json = r#" { "a" : [1, {"x": null}, [], "s"], "b": {}, "c\n": true } "#;
    let mut r = Reader::new(json.as_bytes());
    let mut keys = Vec::new();
    r.begin_object().unwrap();
    while let Some(key) = r.next_key().unwrap() {
        keys.push(key.into_owned());
        r.skip_value().unwrap();
    }
    assert_eq!(keys, ["a", "b", "c\n"]);
    assert_eq!(r.finish(), Ok(()));
    let list = |r: &mut Reader<'_>| {
        let mut out = Vec::new();
        r.begin_array()?;
        while r.next_element()? {
            out.push(if r.take_null()? {
                None
            } else {
                Some(r.bool()?)
            });
        }
        Ok(out)
    };
    assert_eq!(
        read("[true, null ,false]", list),
        Ok(vec![Some(true), None, Some(false)])
    );
    assert_eq!(read("[]", list), Ok(vec![]));
    assert!(Reader::new(b" \n").at_end());

    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(read(&ok, Reader::skip_value), Ok(()));
    let too_deep = "128: nesting deeper than 128 levels";
    assert_eq!(fails(&"[".repeat(100_000), Reader::skip_value), too_deep);
    assert!(fails(&"{\"a\":".repeat(100_000), Reader::skip_value).contains("nesting"));
    let deep = "[".repeat(100_000);
    let mut r = Reader::new(deep.as_bytes());
    assert!((0..MAX_DEPTH).all(|_| r.begin_array().is_ok()));
    assert_eq!(r.begin_array().map_err(|e| e.offset()), Err(MAX_DEPTH));
}

#[test]
fn timestamps() {
    let dt = |s| read(s, Reader::timestamp_date_time);
    let t = dt(r#""2024-01-02T03:04:05.123+05:30""#).unwrap();
    assert_eq!(
        (t, t.offset()),
        (date("2024-01-01T21:34:05.123Z"), UtcOffset::UTC)
    );
    assert_eq!(
        dt(r#""2024-01-02T03:04:05-08:00""#),
        Ok(date("2024-01-02T11:04:05Z"))
    );
    let error = fails(r#""2024-01-02""#, Reader::timestamp_date_time);
    assert_eq!(error, "0: invalid RFC 3339 date-time");
    let epoch = |s| read(s, Reader::timestamp_epoch_seconds);
    assert_eq!(
        epoch("1515531081.123"),
        Ok(date("2018-01-09T20:51:21.123Z"))
    );
    assert_eq!(epoch("1515531081"), Ok(date("2018-01-09T20:51:21Z")));
    assert_eq!(epoch("-1.5"), Ok(date("1969-12-31T23:59:58.5Z")));
    assert_eq!(epoch("1.515531081e9"), Ok(date("2018-01-09T20:51:21Z")));
    for bad in ["1e300", "99999999999999999999999"] {
        let error = fails(bad, Reader::timestamp_epoch_seconds);
        assert_eq!(error, "0: epoch seconds out of range");
    }
    let http = |s| read(s, Reader::timestamp_http_date);
    let expected = date("2014-04-29T18:30:38Z");
    assert_eq!(http(r#""Tue, 29 Apr 2014 18:30:38 GMT""#), Ok(expected));
    let expected = date("2014-04-29T18:30:38.25Z");
    assert_eq!(http(r#""Tue, 29 Apr 2014 18:30:38.25 GMT""#), Ok(expected));
    assert_eq!(
        fails(r#""Tue""#, Reader::timestamp_http_date),
        "0: invalid HTTP date"
    );
    for bad in [
        "Tue, 29 Apr 2014 18:30:38",
        "Tue, 31 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apr 2014 18:30:38. GMT",
        "Tue, 29 Apr 2014 18:30:+8 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
}

#[test]
fn writer_round_trips() {
    let (when, neg) = (
        date("2018-01-09T20:51:21.120Z"),
        date("1969-12-31T23:59:58.5Z"),
    );
    let local = date("2024-01-02T03:04:05+05:30");
    let text = "q\" \\ \n\r\t\u{8}\u{c}\u{1} é 😀";
    let floats = [
        0.1,
        -0.0,
        1e300,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    let mut w = Writer::default();
    w.begin_object();
    w.key("s");
    w.string(text);
    w.key("list");
    w.begin_array();
    floats.iter().for_each(|&v| w.f64(v));
    w.f32(0.1);
    w.begin_object();
    w.end_object();
    w.end_array();
    w.key("n");
    w.i64(i64::MIN);
    w.key("b");
    w.bool(false);
    w.key("e");
    w.timestamp_epoch_seconds(&when);
    w.key("neg");
    w.timestamp_epoch_seconds(&neg);
    w.key("d");
    w.timestamp_date_time(&local);
    w.key("h");
    w.timestamp_http_date(&when);
    w.end_object();
    let json = String::from_utf8(w.finish()).unwrap();
    let expected = concat!(
        r#"{"s":"q\" \\ \n\r\t\b\f\u0001 é 😀","list":[0.1,-0.0,1e300,5e-324,"NaN","#,
        r#""Infinity","-Infinity",0.1,{}],"n":-9223372036854775808,"b":false,"#,
        r#""e":1515531081.12,"neg":-1.5,"d":"2024-01-01T21:34:05Z","#,
        r#""h":"Tue, 09 Jan 2018 20:51:21 GMT"}"#
    );
    assert_eq!(json, expected);

    let mut r = Reader::new(json.as_bytes());
    let key = |r: &mut Reader<'_>| r.next_key().unwrap().unwrap().into_owned();
    r.begin_object().unwrap();
    assert_eq!(
        (key(&mut r), r.string().unwrap()),
        ("s".into(), text.into())
    );
    key(&mut r);
    r.begin_array().unwrap();
    for v in floats {
        assert!(r.next_element().unwrap());
        assert_eq!(r.f64().unwrap().to_bits(), v.to_bits());
    }
    assert!(r.next_element().unwrap() && r.f32() == Ok(0.1));
    assert!(r.next_element().unwrap() && r.skip_value().is_ok());
    assert!(!r.next_element().unwrap());
    assert_eq!((key(&mut r), r.i64()), ("n".into(), Ok(i64::MIN)));
    assert_eq!((key(&mut r), r.bool()), ("b".into(), Ok(false)));
    assert_eq!(
        (key(&mut r), r.timestamp_epoch_seconds()),
        ("e".into(), Ok(when))
    );
    assert_eq!(
        (key(&mut r), r.timestamp_epoch_seconds()),
        ("neg".into(), Ok(neg))
    );
    assert_eq!(
        (key(&mut r), r.timestamp_date_time()),
        ("d".into(), Ok(local))
    );
    let h = date("2018-01-09T20:51:21Z");
    assert_eq!((key(&mut r), r.timestamp_http_date()), ("h".into(), Ok(h)));
    assert_eq!((r.next_key(), r.finish()), (Ok(None), Ok(())));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    /// The direct reading of the common form agrees with the `time` crate's RFC 3339 parser
    /// on near-miss text too: impossible dates and times, leap seconds, other separators,
    /// offsets, fractions of every length.
    #[test]
    fn date_times_read_as_the_full_parser_reads_them(
        year in 0u32..10_000, month in 0u32..14, day in 0u32..33,
        hour in 0u32..26, minute in 0u32..61, second in 0u32..62,
        t in proptest::sample::select(vec!["T", "T", "T", "t", " ", "X"]),
        fraction in proptest::option::of("[0-9]{0,12}"),
        zone in proptest::sample::select(vec!["Z", "Z", "Z", "Z", "z", "+00:00", "-08:00", "+05:30", "", "ZZ"]),
    ) {
        let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
        let text = format!("{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{zone}");
        let full = OffsetDateTime::parse(&text, &Rfc3339).ok().map(|t| t.checked_to_offset(UtcOffset::UTC).unwrap_or(t));
        proptest::prop_assert_eq!(parse_date_time(&text), full, "{}", text);
    }
}

#[test]
fn the_common_date_time_form_is_read_directly() {
    // Each of these takes the direct path; they must still mean what RFC 3339 says.
    for (text, unix_nanos) in [
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T23:59:59.5Z", 1_709_251_199_500_000_000),
        ("2024-02-29T23:59:59.123456789Z", 1_709_251_199_123_456_789),
    ] {
        let t = parse_date_time(text).unwrap();
        assert_eq!((t.unix_timestamp_nanos(), t.offset()), (unix_nanos, UtcOffset::UTC), "{text}");
    }
    assert_eq!(parse_date_time("2023-02-29T00:00:00Z"), None, "not a leap year");
}

#[test]
fn any_character_in_any_place_of_a_date_time_is_read_as_the_full_parser_reads_it() {
    // Letters where digits belong once overflowed the digit arithmetic (a panic in debug
    // builds): every printable ASCII character in every position, against `time`'s parser.
    let valid = "2024-02-29T23:59:59.5Z";
    for at in 0..valid.len() {
        for c in (0x20u8..0x7f).map(char::from) {
            let mut text = valid.to_owned();
            text.replace_range(at..at + 1, &c.to_string());
            let full = OffsetDateTime::parse(&text, &Rfc3339).ok().map(|t| t.checked_to_offset(UtcOffset::UTC).unwrap_or(t));
            assert_eq!(parse_date_time(&text), full, "{text}");
        }
    }
}
