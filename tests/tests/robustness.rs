//! Robustness of the wire code against hostile or broken input.
//!
//! Reading: for every operation, `parse_response` never panics on any bytes, any JSON, or
//! a mutated copy of a body built from the model; what is not valid JSON, or not the JSON
//! the model describes (a wrong type, an integer out of range, invalid UTF-8, nesting
//! beyond the limit), is an `InvalidResponse` error, never an output. Duplicate keys: the
//! last one wins (see `duplicate_keys_last_one_wins`).
//!
//! Writing: any input the builders accept serializes without panicking when validation is
//! off, and its JSON body reads back, with serde_json, to the same strings.
//!
//! Each property runs [`CASES`] cases (`PROPTEST_CASES=n` for more).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use mpa::Operation;
use mpa::SerializeOptions;
use mpa::http::Request;
use mpa_tests::model_values::{
    AnyOperation, Binding, Instance, Kind, OperationShape, Options, Parsed, Site, StringSite,
    conforming, model, operation, response,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

/// Cases per property; `PROPTEST_CASES` in the environment sets another number.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    ProptestConfig {
        cases: cases.unwrap_or(CASES),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// An operation with bodies built from the model (one and two items per list and map), as
/// a service would send them.
struct Case {
    op: &'static dyn AnyOperation,
    shape: OperationShape,
    bodies: [Instance; 2],
    errors: Vec<(String, u16, Instance)>,
}

fn plain_value(site: &StringSite<'_>) -> String {
    let text = format!(
        "{}{}",
        if site.map_key { "key" } else { "value" },
        site.index
    );
    conforming(site, &text)
}

fn wire_instance(shape: &str, items: usize) -> Instance {
    let mut hook = plain_value;
    let mut options = Options {
        items,
        ..Options::wire(&mut hook)
    };
    model().instance(shape, &mut options)
}

static CASES_BY_OP: LazyLock<Vec<Case>> = LazyLock::new(|| {
    model()
        .operations()
        .into_iter()
        .map(|shape| Case {
            op: operation(&shape.name),
            bodies: [
                wire_instance(&shape.output, 1),
                wire_instance(&shape.output, 2),
            ],
            errors: shape
                .errors
                .iter()
                .map(|e| {
                    let name = mpa_tests::model_values::local_name(e).to_owned();
                    (name, model().error_status(e), wire_instance(e, 1))
                })
                .collect(),
            shape,
        })
        .collect()
});

fn cases() -> &'static [Case] {
    &CASES_BY_OP
}

/// Whether the output has a required structure or union member, so that an empty body
/// (read as `{}`) is invalid. Other required members read as their zero value.
fn needs_body(case: &Case) -> bool {
    case.bodies[0].sites.iter().any(|s| {
        s.required
            && s.pointer.matches('/').count() == 1
            && matches!(s.kind, Kind::Structure | Kind::Union)
    })
}

fn to_bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("JSON")
}

fn is_blank(body: &[u8]) -> bool {
    body.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Whether the body is not JSON at all, as serde_json sees it. Numbers too large for an
/// `f64` are valid JSON that serde_json's `Value` cannot hold; they do not count.
fn is_not_json(body: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(body) {
        Ok(_) => false,
        Err(e) => !e.to_string().contains("number out of range"),
    }
}

fn describe(parsed: &Parsed) -> String {
    match parsed {
        Parsed::Output { debug } => format!("output {debug}"),
        Parsed::Error { display, .. } => format!("error {display}"),
    }
}

/// A success response must be `InvalidResponse`.
fn assert_invalid(parsed: &Parsed, what: &str) {
    assert_eq!(
        parsed.variant(),
        Some("InvalidResponse"),
        "{what}: expected InvalidResponse, got {}",
        describe(parsed)
    );
}

/// Strings with what breaks naive JSON writers: quotes, backslashes, control characters,
/// separators U+2028/U+2029, non-ASCII, astral characters, and any other char.
fn weird_string() -> impl Strategy<Value = String> {
    let special = select(vec![
        '"',
        '\\',
        '/',
        '\u{0}',
        '\u{1}',
        '\u{8}',
        '\u{c}',
        '\n',
        '\r',
        '\t',
        '\u{1f}',
        '\u{7f}',
        '\u{80}',
        '\u{2028}',
        '\u{2029}',
        '\u{feff}',
        'é',
        'ß',
        '中',
        '😀',
        '\u{10ffff}',
        ' ',
        '%',
        '?',
        '&',
        '#',
        '=',
        '+',
        'a',
        'Z',
        '0',
    ]);
    prop::collection::vec(prop_oneof![3 => special, 1 => any::<char>()], 0..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Member names and enum values of the model, so that random objects hit known members.
static WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = cases()
        .iter()
        .flat_map(|c| c.bodies[1].sites.iter())
        .map(|s| s.pointer.rsplit('/').next().unwrap_or_default().to_owned())
        .filter(|w| w.parse::<usize>().is_err())
        .collect();
    words.extend(
        [
            "message", "Message", "code", "__type", "MofN", "ACTIVE", "PENDING",
        ]
        .map(String::from),
    );
    words.push(mpa_tests::model_values::TIMESTAMP_RFC3339.to_owned());
    words.sort();
    words.dedup();
    words
});

fn word() -> impl Strategy<Value = String> {
    select(WORDS.clone())
}

/// Any JSON value, at most four levels deep.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        weird_string().prop_map(Value::String),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop_oneof![3 => word(), 1 => weird_string()], inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Bytes that are often almost JSON.
fn json_ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let token = select(vec![
        &b"{"[..],
        b"}",
        b"[",
        b"]",
        b"\"",
        b":",
        b",",
        b" ",
        b"\\",
        b"\\u",
        b"d800",
        b"00e9",
        b"null",
        b"true",
        b"fals",
        b"0",
        b"-",
        b"1e",
        b".5",
        b"12345678901234567890",
        b"\"NextToken\"",
        b"\"Sessions\"",
        b"\"MofN\"",
        b"\"Tags\"",
        b"\"message\"",
        b"\"__type\"",
        b"\xff",
        b"\xc3",
        b"\x01",
        b"\n",
    ]);
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

/// Status codes: successes and errors.
fn status() -> impl Strategy<Value = u16> {
    select(vec![
        200u16, 201, 204, 299, 400, 403, 404, 409, 429, 500, 502, 503,
    ])
}

/// The `x-amzn-errortype` header: none, a modeled code of the operation, or another one.
fn error_code(case: &Case, pick: usize) -> Option<String> {
    let mut codes: Vec<Option<String>> = vec![None, Some("SomethingElse".to_owned())];
    codes.extend(case.errors.iter().map(|(name, _, _)| Some(name.clone())));
    codes.swap_remove(pick % codes.len())
}

fn check_any_body(
    case: &Case,
    status: u16,
    code: Option<&str>,
    body: &[u8],
) -> Result<(), TestCaseError> {
    let parsed = case.op.parse(&response(status, code, body.to_vec()));
    let what = format!(
        "{} status {status} code {code:?} body {:?}",
        case.shape.name,
        String::from_utf8_lossy(body)
    );
    if (200..300).contains(&status) {
        if !is_blank(body) && is_not_json(body) {
            prop_assert_eq!(
                parsed.variant(),
                Some("InvalidResponse"),
                "{}: {}",
                what,
                describe(&parsed)
            );
        }
        if serde_json::from_slice::<Value>(body).is_ok_and(|value| !value.is_object()) {
            prop_assert_eq!(
                parsed.variant(),
                Some("InvalidResponse"),
                "{}: {}",
                what,
                describe(&parsed)
            );
        }
    } else {
        prop_assert!(
            parsed.variant().is_some(),
            "{}: an error status gave an output",
            what
        );
        let modeled = code.is_some_and(|c| case.errors.iter().any(|(name, _, _)| name == c));
        if modeled && !is_blank(body) && is_not_json(body) {
            prop_assert_eq!(
                parsed.variant(),
                Some("InvalidResponse"),
                "{}: {}",
                what,
                describe(&parsed)
            );
        }
        if code == Some("SomethingElse") {
            prop_assert_eq!(parsed.variant(), Some("Unhandled"), "{}", what);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Any bytes, with any status: no panic; not JSON is `InvalidResponse` for a success
    /// (and for a modeled error), and an error status is never an output.
    #[test]
    fn any_bytes_never_panic(
        op in 0..22usize,
        status in status(),
        pick in any::<usize>(),
        body in prop_oneof![prop::collection::vec(any::<u8>(), 0..256), json_ish_bytes()],
    ) {
        let case = &cases()[op];
        let code = error_code(case, pick);
        check_any_body(case, status, code.as_deref(), &body)?;
    }

    /// Any JSON value as the body: no panic; anything but an object is `InvalidResponse`.
    #[test]
    fn any_json_never_panics(
        op in 0..22usize,
        status in status(),
        pick in any::<usize>(),
        body in arb_json(),
    ) {
        let case = &cases()[op];
        let code = error_code(case, pick);
        check_any_body(case, status, code.as_deref(), &to_bytes(&body))?;
    }

    /// A body built from the model with one value replaced by any JSON: no panic; a value
    /// of the wrong JSON type is `InvalidResponse`; a string, boolean or in-range integer
    /// where one is expected is read.
    #[test]
    fn any_json_in_any_member_never_panics(
        op in select(with_members()),
        items in 0..2usize,
        at in any::<usize>(),
        value in prop_oneof![
            3 => arb_json(),
            1 => weird_string().prop_map(Value::String),
            1 => any::<i32>().prop_map(Value::from),
            1 => any::<i64>().prop_map(Value::from),
            1 => any::<bool>().prop_map(Value::Bool),
        ],
    ) {
        let case = &cases()[op];
        let instance = &case.bodies[items];
        let site = &instance.sites[at % instance.sites.len()];
        let mut body = instance.value.clone();
        *body.pointer_mut(&site.pointer).expect("site") = value.clone();
        let parsed = case.op.parse(&response(200, None, to_bytes(&body)));
        let what = format!("{} with {} = {}", case.shape.name, site.pointer, value);
        match fits(site, &value) {
            Fit::Wrong => prop_assert_eq!(parsed.variant(), Some("InvalidResponse"), "{}: {}", what, describe(&parsed)),
            Fit::Right => prop_assert_eq!(parsed.variant(), None, "{}: {}", what, describe(&parsed)),
            Fit::Maybe => {}
        }
    }

    /// A model-built body (output or error) with bytes flipped, cut, inserted, removed or
    /// repeated: no panic; what is no longer JSON is `InvalidResponse`.
    #[test]
    fn mutated_bodies_never_panic(
        op in 0..22usize,
        items in 0..2usize,
        error in prop::option::of(any::<usize>()),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let case = &cases()[op];
        let (status, code, instance) = match error {
            None => (200, None, &case.bodies[items]),
            Some(pick) => {
                let (name, status, instance) = &case.errors[pick % case.errors.len()];
                (*status, Some(name.as_str()), instance)
            }
        };
        let mut body = to_bytes(&instance.value);
        for m in &mutations {
            m.apply(&mut body);
        }
        check_any_body(case, status, code, &body)?;
    }

    /// Integers out of their type's range, or not integers, are `InvalidResponse`; in
    /// range, they are read.
    #[test]
    fn integers_out_of_range_are_invalid_responses(
        at in any::<usize>(),
        big in prop_oneof![
            (i64::from(i32::MAX) + 1..=i64::MAX).prop_map(|n| n.to_string()),
            (i64::MIN..i64::from(i32::MIN)).prop_map(|n| n.to_string()),
            "[1-9][0-9]{19,40}",
            "-[1-9][0-9]{19,40}",
            (-1000i32..1000).prop_map(|n| format!("{n}.5")),
            (1u32..20).prop_map(|n| format!("1e{n}")),
            (1u32..20).prop_map(|n| format!("-0.{n}E2")),
        ],
        fine in any::<i32>(),
    ) {
        let sites = integer_sites();
        let (case, site) = &sites[at % sites.len()];
        let Kind::Integer { bits } = site.kind else { unreachable!() };
        prop_assert_eq!(bits, 32);
        let parsed = case.op.parse(&response(200, None, with_raw(&case.bodies[1], site, &big)));
        assert_invalid(&parsed, &format!("{} {} = {big}", case.shape.name, site.pointer));
        let parsed = case.op.parse(&response(200, None, with_raw(&case.bodies[1], site, &fine.to_string())));
        prop_assert_eq!(parsed.variant(), None, "{} = {}: {}", site.pointer, fine, describe(&parsed));
    }

    /// Any strings in every string member of ListSessions, TagResource and
    /// CreateApprovalTeam inputs, validation off: no panic, the labels are percent-encoded
    /// and decode back, and the body reads back to the same strings.
    #[test]
    fn any_strings_serialize_and_read_back(
        arn in weird_string(),
        token in weird_string(),
        filters in prop::collection::vec(weird_string(), 0..3),
        max_results in any::<i32>(),
        tags in prop::collection::btree_map(weird_string(), weird_string(), 0..4),
        approvers in prop::collection::vec((weird_string(), weird_string()), 1..3),
        policies in prop::collection::vec(weird_string(), 1..3),
        description in weird_string(),
        name in weird_string(),
        min_approvals in any::<i32>(),
    ) {
        use mpa::operation::create_approval_team::{CreateApprovalTeam, CreateApprovalTeamInput};
        use mpa::operation::list_sessions::{ListSessions, ListSessionsInput};
        use mpa::operation::tag_resource::{TagResource, TagResourceInput};
        use mpa::types::{
            ApprovalStrategy, ApprovalTeamRequestApprover, Filter, FilterField, MofNApprovalStrategy,
            Operator, PolicyReference,
        };
        let off = SerializeOptions::default().validate(false);

        let input = ListSessionsInput::builder()
            .approval_team_arn(arn.clone())
            .max_results(max_results)
            .next_token(token.clone())
            .set_filters(Some(
                filters
                    .iter()
                    .map(|v| {
                        Filter::builder()
                            .field_name(FilterField::ActionName)
                            .operator(Operator::Contains)
                            .value(v.clone())
                            .build()
                    })
                    .collect(),
            ))
            .build();
        let request = ListSessions::serialize_request_with(&input, off);
        let _ = ListSessions::serialize_request(&input);
        if let Some(request) = label_checked(request, &arn, "ApprovalTeamArn")? {
            let path = request.uri().path();
            let label = path.strip_prefix("/approval-teams/").and_then(|p| p.strip_suffix("/sessions/"));
            prop_assert_eq!(percent_decode(label.unwrap_or_default()), arn.as_bytes());
            prop_assert_eq!(request.uri().query(), Some("List"));
            let body = read_back(request.body())?;
            let values: Vec<Value> = filters.iter().map(|v| json!({
                "FieldName": "ActionName", "Operator": "CONTAINS", "Value": v,
            })).collect();
            prop_assert_eq!(body, json!({"MaxResults": max_results, "NextToken": token, "Filters": values}));
        }

        let input = TagResourceInput::builder().resource_arn(arn.clone()).set_tags(tags.clone()).build();
        let request = TagResource::serialize_request_with(&input, off);
        let _ = TagResource::serialize_request(&input);
        if let Some(request) = label_checked(request, &arn, "ResourceArn")? {
            let label = request.uri().path().strip_prefix("/tags/").unwrap_or_default();
            prop_assert_eq!(percent_decode(label), arn.as_bytes());
            prop_assert_eq!(read_back(request.body())?, json!({"Tags": tags}));
        }

        let strategy = ApprovalStrategy::MofN(
            MofNApprovalStrategy::builder().min_approvals_required(min_approvals).build(),
        );
        let input = CreateApprovalTeamInput::builder()
            .client_token(token.clone())
            .approval_strategy(strategy)
            .set_approvers(approvers.iter().map(|(id, source)| {
                ApprovalTeamRequestApprover::builder()
                    .primary_identity_id(id.clone())
                    .primary_identity_source_arn(source.clone())
                    .build()
            }))
            .description(description.clone())
            .set_policies(policies.iter().map(|p| PolicyReference::builder().policy_arn(p.clone()).build()))
            .name(name.clone())
            .set_tags(Some(tags.clone()))
            .build();
        let _ = CreateApprovalTeam::serialize_request(&input);
        let request = CreateApprovalTeam::serialize_request_with(&input, off);
        let request = request.map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
        prop_assert_eq!(request.uri().path(), "/approval-teams");
        let approvers: Vec<Value> = approvers.iter().map(|(id, source)| json!({
            "PrimaryIdentityId": id, "PrimaryIdentitySourceArn": source,
        })).collect();
        let policies: Vec<Value> = policies.iter().map(|p| json!({"PolicyArn": p})).collect();
        prop_assert_eq!(read_back(request.body())?, json!({
            "ClientToken": token,
            "ApprovalStrategy": {"MofN": {"MinApprovalsRequired": min_approvals}},
            "Approvers": approvers,
            "Description": description,
            "Policies": policies,
            "Name": name,
            "Tags": tags,
        }));
    }

    /// Every operation's input built from the model with any strings, validation off: no
    /// panic, and the body is exactly the model's wire form of the input's body members.
    #[test]
    fn any_strings_in_any_input_serialize_as_the_model_says(
        op in 0..22usize,
        items in 1..3usize,
        pool in prop::collection::vec(weird_string(), 1..6),
        validate in any::<bool>(),
    ) {
        let shape = &cases()[op].shape;
        let op = cases()[op].op;
        // The same string for the same place in both forms.
        let pick = |site: &StringSite<'_>| {
            let key = format!("{}{}{}", site.pointer, site.map_key, site.index);
            let hash = key.bytes().fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(usize::from(b)));
            pool[hash % pool.len()].clone()
        };
        let (mut serde_hook, mut wire_hook) = (pick, pick);
        let input = model().instance(&shape.input, &mut Options { items, ..Options::serde(&mut serde_hook) });
        let body = model().instance(&shape.input, &mut Options { items, ..Options::wire(&mut wire_hook) });
        let options = SerializeOptions::default().validate(validate);
        let serialized = op.serialize_json(input.value.clone(), options).map_err(TestCaseError::fail)?;
        match serialized.request {
            Ok(request) => {
                check_uri(shape, &input.value, &request)?;
                let expected = body.value;
                if request.body().is_empty() {
                    prop_assert_eq!(&expected, &json!({}), "{}: no body", shape.name);
                } else {
                    prop_assert_eq!(read_back(request.body())?, expected, "{}", shape.name);
                }
            }
            Err(e) if validate => prop_assert!(e.validation().is_some() || e.member().is_some(), "{}", e),
            Err(e) => {
                // Only an empty URI label refuses an input when validation is off.
                let member = e.member().unwrap_or_default().to_owned();
                prop_assert_eq!(input.value.get(&member), Some(&json!("")), "{}: {}", shape.name, e);
            }
        }
    }

    /// Error codes in the header or the body, decorated or not, and request ids of any
    /// bytes: no panic, an error for any status but 2xx, and a modeled error only when its
    /// name was sent.
    #[test]
    fn error_codes_and_request_ids_from_anywhere_never_panic(
        op in 0..22usize,
        status in 100u16..1000,
        pick in any::<usize>(),
        prefix in select(vec!["", "aws.protocols#", "com.amazonaws.mpa#", " ", "#"]),
        suffix in select(vec!["", ":http://internal.amazon.com/coral/", " ", ":", "#x"]),
        header_code in prop::option::of("[ -~]{0,30}"),
        in_header in any::<bool>(),
        request_id in prop::collection::vec(any::<u8>(), 0..24),
        body_code in prop::option::of(prop_oneof![word(), weird_string()]),
        message in prop_oneof![Just(Value::Null), weird_string().prop_map(Value::String), arb_json()],
    ) {
        let case = &cases()[op];
        let modeled = error_code(case, pick).filter(|c| c != "SomethingElse");
        let decorated = modeled.as_ref().map(|c| format!("{prefix}{c}{suffix}"));
        let header = if in_header { decorated.clone().or(header_code) } else { header_code };
        let mut body = json!({ "message": message, "Message": message });
        match (&decorated, in_header, &body_code) {
            (Some(code), false, _) => body["__type"] = json!(code),
            (_, _, Some(code)) => body["code"] = json!(code),
            _ => {}
        }
        let mut builder = mpa::http::Response::builder().status(status);
        if let Some(header) = &header {
            builder = builder.header("x-amzn-errortype", header.as_str());
        }
        if let Ok(id) = mpa::http::HeaderValue::from_bytes(&request_id) {
            builder = builder.header("x-amzn-requestid", id);
        }
        let response = builder.body(to_bytes(&body)).expect("response");
        let parsed = case.op.parse(&response);
        let sent = format!("{header:?} {body}");
        match parsed.variant() {
            None => prop_assert!((200..300).contains(&status), "status {} gave an output", status),
            Some("Unhandled" | "InvalidResponse") => {}
            Some(name) => prop_assert!(sent.contains(name), "{} read from {}", name, sent),
        }
        // A modeled code decorated as services do (`namespace#`, `:url`, spaces) selects its
        // error when it is the code that counts (the header's, else the body's), provided
        // the body is readable (`Message` a string, or absent).
        let counts = (in_header || header.is_none()) && !(200..300).contains(&status);
        let readable = message.is_string() || message.is_null();
        if let (Some(name), true, true) = (&modeled, counts && suffix != "#x", readable) {
            prop_assert_eq!(parsed.variant(), Some(name.as_str()), "{}", sent);
        }
    }

    /// RFC 3339 timestamps with any date, time, fraction and offset are read as the same
    /// instant, in UTC where UTC can hold it (not past the end of year 9999).
    #[test]
    fn timestamps_are_read_as_the_same_instant(
        date in (0i32..=9999, 1u8..=12, 1u8..=28),
        time in (0u8..24, 0u8..60, 0u8..60),
        fraction in "[0-9]{0,12}",
        offset in prop::option::of((any::<bool>(), 0u8..24, 0u8..60)),
        lowercase in any::<bool>(),
    ) {
        use mpa::operation::create_approval_team::CreateApprovalTeam;
        use mpa::time::format_description::well_known::Rfc3339;
        use mpa::time::{OffsetDateTime, UtcOffset};
        let (year, month, day) = date;
        let (hour, minute, second) = time;
        let fraction = if fraction.is_empty() { fraction } else { format!(".{fraction}") };
        let zone = match offset {
            None => "Z".to_owned(),
            Some((negative, h, m)) => format!("{}{h:02}:{m:02}", if negative { '-' } else { '+' }),
        };
        let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{zone}");
        let expected = OffsetDateTime::parse(&text, &Rfc3339).expect("valid RFC 3339");
        if lowercase {
            text = text.to_lowercase();
        }
        let body = json!({ "CreationTime": text });
        let output = CreateApprovalTeam::parse_response(&response(200, None, to_bytes(&body)))
            .map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let read = output.creation_time().expect("CreationTime");
        prop_assert_eq!(read, expected, "{}", text);
        if expected.checked_to_offset(UtcOffset::UTC).is_some() {
            prop_assert_eq!(read.offset(), UtcOffset::UTC, "{}", text);
        }
    }
}

/// The operations whose output has members.
fn with_members() -> Vec<usize> {
    (0..cases().len())
        .filter(|&i| !cases()[i].bodies[0].sites.is_empty())
        .collect()
}

/// Whether a value has the JSON type a site expects.
enum Fit {
    Wrong,
    Right,
    Maybe,
}

fn fits(site: &Site, value: &Value) -> Fit {
    let ok = |right: bool| if right { Fit::Maybe } else { Fit::Wrong };
    match (site.kind, value) {
        // null reads as an absent member (or is skipped in a list or map).
        (_, Value::Null) => Fit::Maybe,
        (Kind::String | Kind::Enum, Value::String(_)) | (Kind::Boolean, Value::Bool(_)) => {
            Fit::Right
        }
        (Kind::String | Kind::Enum | Kind::TimestampString, v) => ok(v.is_string()),
        (Kind::Boolean, _) => Fit::Wrong,
        (Kind::Integer { bits }, Value::Number(n)) => {
            let half = 1i128 << (bits - 1);
            let fits_bits = n
                .as_i64()
                .is_some_and(|i| (-half..half).contains(&i128::from(i)));
            if fits_bits { Fit::Right } else { Fit::Wrong }
        }
        (Kind::Integer { .. }, _) => Fit::Wrong,
        (Kind::Float | Kind::TimestampNumber, v) => ok(v.is_number()),
        (Kind::Structure | Kind::Union | Kind::Map, v) => ok(v.is_object()),
        (Kind::List, v) => ok(v.is_array()),
    }
}

/// Every 32-bit integer value of every output built from the model.
fn integer_sites() -> Vec<(&'static Case, &'static Site)> {
    let sites: Vec<_> = cases()
        .iter()
        .flat_map(|c| c.bodies[1].sites.iter().map(move |s| (c, s)))
        .filter(|(_, s)| matches!(s.kind, Kind::Integer { .. }))
        .collect();
    assert!(sites.len() >= 5, "{} integer members", sites.len());
    sites
}

/// The body with the value at `site` replaced by raw JSON text.
fn with_raw(instance: &Instance, site: &Site, raw: &str) -> Vec<u8> {
    let mut body = instance.value.clone();
    *body.pointer_mut(&site.pointer).expect("site") = json!("@@RAW@@");
    serde_json::to_string(&body)
        .expect("JSON")
        .replacen("\"@@RAW@@\"", raw, 1)
        .into_bytes()
}

/// A change to a body.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Truncate { at: usize },
    Insert { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Repeat { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        select(b"\"\\{}[],: -.0123456789eEtfnul\x00\x1f\x7f\x80\xbf\xc3\xed\xf0\xff".to_vec()),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), 0..8u8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), byte).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        (any::<usize>(), 1..16usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1..32usize).prop_map(|(at, len)| Mutation::Repeat { at, len }),
    ]
}

impl Mutation {
    fn apply(&self, body: &mut Vec<u8>) {
        let n = body.len();
        if n == 0 {
            return;
        }
        match *self {
            Mutation::Flip { at, bit } => body[at % n] ^= 1 << bit,
            Mutation::Truncate { at } => body.truncate(at % n),
            Mutation::Insert { at, byte } => body.insert(at % (n + 1), byte),
            Mutation::Delete { at, len } => {
                let at = at % n;
                body.drain(at..(at + len).min(n));
            }
            Mutation::Repeat { at, len } => {
                let at = at % n;
                let part = body[at..(at + len).min(n)].to_vec();
                body.splice(at..at, part);
            }
        }
    }
}

/// The request's method, path and query are what the model's `@http` says of the input:
/// each label decodes to its member's value, each query member to its value.
fn check_uri(
    shape: &OperationShape,
    input: &Value,
    request: &Request<Vec<u8>>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(request.method().as_str(), shape.method.as_str());
    let (path_pattern, literal_query) = shape.uri.split_once('?').unwrap_or((&shape.uri, ""));
    let pattern: Vec<&str> = path_pattern.split('/').collect();
    let path: Vec<&str> = request.uri().path().split('/').collect();
    prop_assert_eq!(
        path.len(),
        pattern.len(),
        "{} for {}",
        request.uri(),
        shape.uri
    );
    for (pattern, actual) in pattern.iter().zip(&path) {
        match pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(label) => {
                let value = input[label].as_str().unwrap_or_default();
                prop_assert_eq!(percent_decode(actual), value.as_bytes(), "label {}", label);
            }
            None => prop_assert_eq!(actual, pattern),
        }
    }
    let pair = |item: &str| match item.split_once('=') {
        Some((key, value)) => (percent_decode(key), Some(percent_decode(value))),
        None => (percent_decode(item), None),
    };
    let mut expected: Vec<_> = literal_query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(pair)
        .collect();
    for (member, binding) in model().http_bindings(&shape.input) {
        match (binding, input.get(&member)) {
            (Binding::Query(name), Some(Value::String(value))) => {
                expected.push((name.into_bytes(), Some(value.clone().into_bytes())));
            }
            (Binding::Query(name), Some(value)) => {
                expected.push((name.into_bytes(), Some(value.to_string().into_bytes())));
            }
            (Binding::Header(name), _) => prop_assert!(false, "header {} is not checked", name),
            _ => {}
        }
    }
    let mut actual: Vec<_> = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|q| !q.is_empty())
        .map(pair)
        .collect();
    expected.sort();
    actual.sort();
    prop_assert_eq!(actual, expected, "{}", request.uri());
    Ok(())
}

/// Checks an empty-label refusal; the request when there is one.
fn label_checked(
    request: Result<Request<Vec<u8>>, mpa::error::SerializeError>,
    label: &str,
    member: &str,
) -> Result<Option<Request<Vec<u8>>>, TestCaseError> {
    match request {
        Ok(request) => {
            prop_assert!(!label.is_empty(), "an empty {} label was sent", member);
            Ok(Some(request))
        }
        Err(e) => {
            prop_assert!(label.is_empty(), "refused: {}", e);
            prop_assert_eq!(e.member(), Some(member));
            Ok(None)
        }
    }
}

fn read_back(body: &[u8]) -> Result<Value, TestCaseError> {
    serde_json::from_slice(body).map_err(|e| {
        TestCaseError::fail(format!(
            "the body is not JSON ({e}): {}",
            String::from_utf8_lossy(body)
        ))
    })
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                assert!(
                    byte.is_ascii_alphanumeric() || b"-._~".contains(&byte),
                    "unencoded {byte:#x} in {text}"
                );
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn model_built_bodies_are_read() {
    for case in cases() {
        for instance in &case.bodies {
            let parsed = case
                .op
                .parse(&response(200, None, to_bytes(&instance.value)));
            assert_eq!(
                parsed.variant(),
                None,
                "{}: {}",
                case.shape.name,
                describe(&parsed)
            );
        }
        for (name, status, instance) in &case.errors {
            let parsed = case
                .op
                .parse(&response(*status, Some(name), to_bytes(&instance.value)));
            assert_eq!(
                parsed.variant(),
                Some(name.as_str()),
                "{}: {}",
                case.shape.name,
                describe(&parsed)
            );
        }
        // Empty and blank bodies read as `{}`.
        for body in [&b""[..], b" \r\n\t"] {
            let parsed = case.op.parse(&response(200, None, body.to_vec()));
            let required = needs_body(case);
            assert_eq!(
                parsed.variant().is_some(),
                required,
                "{}: {}",
                case.shape.name,
                describe(&parsed)
            );
        }
    }
}

#[test]
fn wrong_json_types_are_invalid_responses() {
    let mut checked = 0;
    for case in cases() {
        let instance = &case.bodies[0];
        for site in &instance.sites {
            let wrong: &[Value] = match site.kind {
                Kind::String | Kind::Enum | Kind::TimestampString => {
                    &[json!(7), json!(true), json!({}), json!([])]
                }
                Kind::Integer { .. } => {
                    &[json!("7"), json!(7.5), json!(true), json!({}), json!([1])]
                }
                Kind::Boolean => &[json!("true"), json!(1), json!([])],
                Kind::Float | Kind::TimestampNumber => &[json!("1"), json!(false), json!({})],
                Kind::Structure | Kind::Union | Kind::Map => {
                    &[json!([]), json!("x"), json!(1), json!(true)]
                }
                Kind::List => &[json!({}), json!("x"), json!(1), json!(false)],
            };
            for value in wrong {
                let mut body = instance.value.clone();
                *body.pointer_mut(&site.pointer).expect("site") = value.clone();
                let parsed = case.op.parse(&response(200, None, to_bytes(&body)));
                assert_invalid(
                    &parsed,
                    &format!("{}: {} = {value}", case.shape.name, site.pointer),
                );
                checked += 1;
            }
        }
        // The whole body of the wrong type.
        for body in ["[]", "\"x\"", "1", "true", "null"] {
            let parsed = case
                .op
                .parse(&response(200, None, body.as_bytes().to_vec()));
            assert_invalid(&parsed, &format!("{}: body {body}", case.shape.name));
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn get_approval_team_min_approvals_out_of_range_is_invalid_response() {
    use mpa::operation::get_approval_team::{GetApprovalTeam, GetApprovalTeamError};
    let body = |n: &str| {
        format!(
            r#"{{"ApprovalStrategy":{{"MofN":{{"MinApprovalsRequired":{n}}}}},"NumberOfApprovers":3}}"#
        )
    };
    let read =
        |n: &str| GetApprovalTeam::parse_response(&response(200, None, body(n).into_bytes()));
    for n in ["2147483647", "-2147483648", "0"] {
        let output = read(n).unwrap_or_else(|e| panic!("{n}: {e}"));
        let strategy = output
            .approval_strategy()
            .and_then(|s| s.as_mof_n())
            .expect("MofN");
        assert_eq!(strategy.min_approvals_required().to_string(), n);
    }
    for (n, message) in [
        ("2147483648", "integer out of range for i32"),
        ("-2147483649", "integer out of range for i32"),
        ("99999999999999999999999999", "integer out of range for i32"),
        ("1.0", "expected an integer"),
        ("1e2", "expected an integer"),
        ("\"3\"", "expected a number"),
    ] {
        match read(n) {
            Err(GetApprovalTeamError::InvalidResponse(e)) => {
                assert!(e.json_error().expect("a JSON body").to_string().contains(message), "{n}: {e}");
                assert_eq!(e.status(), 200);
                assert_eq!(e.request_id(), Some("req-0001"));
            }
            other => panic!("{n}: expected InvalidResponse, got {other:?}"),
        }
    }
}

#[test]
fn invalid_utf8_is_an_error() {
    let broken: [&[u8]; 6] = [
        b"ab\xffcd",
        b"\xc3",
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\x80",
    ];
    let mut checked = 0;
    for case in cases() {
        let instance = &case.bodies[0];
        let strings = instance
            .sites
            .iter()
            .filter(|s| matches!(s.kind, Kind::String | Kind::Enum | Kind::TimestampString));
        // In each string member, in an unknown member's value, and in its name.
        let mut bodies: Vec<Vec<u8>> = Vec::new();
        for site in strings {
            for bytes in broken {
                bodies.push(splice_string(&instance.value, &site.pointer, bytes));
            }
        }
        for bytes in broken {
            let mut object = instance.value.clone();
            object["Unknown"] = json!("@@RAW@@");
            bodies.push(splice_string(&object, "/Unknown", bytes));
            bodies.push([b"{\"".as_slice(), bytes, b"\":1}"].concat());
            bodies.push(bytes.to_vec());
        }
        for body in bodies {
            let parsed = case.op.parse(&response(200, None, body.clone()));
            assert_invalid(
                &parsed,
                &format!("{}: {:?}", case.shape.name, String::from_utf8_lossy(&body)),
            );
            checked += 1;
        }
        // A modeled error whose message is not UTF-8.
        for (name, status, _) in &case.errors {
            for bytes in broken {
                let body = [b"{\"Message\":\"".as_slice(), bytes, b"\"}"].concat();
                let parsed = case.op.parse(&response(*status, Some(name), body));
                assert_invalid(&parsed, &format!("{} error {name}", case.shape.name));
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

/// The JSON text of `value` with the string at `pointer` replaced by raw bytes.
fn splice_string(value: &Value, pointer: &str, bytes: &[u8]) -> Vec<u8> {
    let mut value = value.clone();
    *value.pointer_mut(pointer).expect("site") = json!("@@RAW@@");
    let text = serde_json::to_vec(&value).expect("JSON");
    let marker = b"@@RAW@@";
    let at = text
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("marker");
    [&text[..at], bytes, &text[at + marker.len()..]].concat()
}

/// Runs in the test's own thread, with its default stack.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let arrays = "[".repeat(DEPTH);
    let objects = "{\"a\":".repeat(DEPTH);
    for case in cases() {
        let mut bodies = vec![
            arrays.clone(),
            objects.clone(),
            format!("{arrays}{}", "]".repeat(DEPTH)),
        ];
        // In each top-level member, and in an unknown one.
        let members = case.bodies[0]
            .sites
            .iter()
            .filter(|s| s.pointer.matches('/').count() == 1);
        for name in members.map(|s| &s.pointer[1..]).chain(["Unknown"]) {
            bodies.push(format!("{{\"{name}\":{arrays}"));
            bodies.push(format!("{{\"{name}\":{arrays}{}}}", "]".repeat(DEPTH)));
            bodies.push(format!("{{\"{name}\":{objects}"));
        }
        for body in bodies {
            let parsed = case
                .op
                .parse(&response(200, None, body.clone().into_bytes()));
            assert_invalid(&parsed, &format!("{}: {}...", case.shape.name, &body[..20]));
            // Error responses read their body too.
            for (name, status, _) in case.errors.iter().take(1) {
                let parsed =
                    case.op
                        .parse(&response(*status, Some(name), body.clone().into_bytes()));
                assert_invalid(&parsed, &format!("{} error {name}", case.shape.name));
                let parsed = case
                    .op
                    .parse(&response(*status, None, body.clone().into_bytes()));
                assert_eq!(parsed.variant(), Some("Unhandled"), "{}", case.shape.name);
            }
        }
        // The limit: 128 levels in all, the body's own object included.
        let nested = |levels: usize| {
            format!(
                "{{\"Unknown\":{}{}}}",
                "[".repeat(levels),
                "]".repeat(levels)
            )
        };
        let parsed = case
            .op
            .parse(&response(200, None, nested(127).into_bytes()));
        let required = needs_body(case);
        assert_eq!(
            parsed.variant().is_some(),
            required,
            "{}: 128 levels: {}",
            case.shape.name,
            describe(&parsed)
        );
        assert_invalid(
            &case
                .op
                .parse(&response(200, None, nested(128).into_bytes())),
            "129 levels",
        );
    }
}

/// A key that appears twice in an object: the last one wins, as in serde_json, for
/// structure members, map entries and the members of an error body. A union is the
/// exception: a repeated member counts as a second member set, which a union cannot have,
/// so the response is invalid.
#[test]
fn duplicate_keys_last_one_wins() {
    use mpa::operation::get_approval_team::{GetApprovalTeam, GetApprovalTeamError};
    use mpa::operation::list_sessions::{ListSessions, ListSessionsError};
    use mpa::operation::list_tags_for_resource::ListTagsForResource;
    let ok = |body: &str| {
        ListSessions::parse_response(&response(200, None, body.as_bytes().to_vec()))
            .unwrap_or_else(|e| panic!("{body}: {e}"))
    };
    assert_eq!(
        ok(r#"{"NextToken":"first","NextToken":"second"}"#).next_token(),
        Some("second")
    );
    assert_eq!(
        ok(r#"{"NextToken":"first","NextToken":null}"#).next_token(),
        None
    );
    assert_eq!(
        ok(r#"{"NextToken":null,"NextToken":"second"}"#).next_token(),
        Some("second")
    );
    let sessions = ok(
        r#"{"Sessions":[{"SessionArn":"a"},{"SessionArn":"b"}],"Sessions":[{"SessionArn":"c"}]}"#,
    );
    let arns: Vec<_> = sessions
        .sessions()
        .iter()
        .map(|s| s.session_arn())
        .collect();
    assert_eq!(arns, [Some("c")]);
    let nested = ok(r#"{"Sessions":[{"SessionArn":"a","Status":"PENDING","SessionArn":"b"}]}"#);
    assert_eq!(nested.sessions()[0].session_arn(), Some("b"));

    let tags = ListTagsForResource::parse_response(&response(
        200,
        None,
        br#"{"Tags":{"k":"1","j":"0","k":"2"}}"#.to_vec(),
    ))
    .expect("tags");
    let tags: Vec<(&str, &str)> = tags
        .tags()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(tags, [("j", "0"), ("k", "2")]);

    // Error bodies: the modeled member, and the code read from the body.
    let denied = response(
        403,
        Some("AccessDeniedException"),
        br#"{"Message":"first","Message":"second"}"#.to_vec(),
    );
    match ListSessions::parse_response(&denied) {
        Err(ListSessionsError::AccessDeniedException(e)) => assert_eq!(e.message(), "second"),
        other => panic!("{other:?}"),
    }
    let coded = response(
        400,
        None,
        br#"{"__type":"ThrottlingException","__type":"ValidationException","message":"m"}"#
            .to_vec(),
    );
    match ListSessions::parse_response(&coded) {
        Err(ListSessionsError::ValidationException(_)) => {}
        other => panic!("{other:?}"),
    }

    // A union member given twice.
    let body = br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":1},"MofN":{"MinApprovalsRequired":2}}}"#;
    match GetApprovalTeam::parse_response(&response(200, None, body.to_vec())) {
        Err(GetApprovalTeamError::InvalidResponse(e)) => {
            assert!(
                e.json_error()
                    .expect("a JSON body")
                    .to_string()
                    .contains("more than one member set"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Inside the union's structure, the last one wins again.
    let body =
        br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":1,"MinApprovalsRequired":2}}}"#;
    let output =
        GetApprovalTeam::parse_response(&response(200, None, body.to_vec())).expect("read");
    let strategy = output
        .approval_strategy()
        .and_then(|s| s.as_mof_n())
        .expect("MofN");
    assert_eq!(strategy.min_approvals_required(), 2);
}

#[test]
fn error_bodies_never_decide_a_success() {
    // A 2xx whose body looks like an error is still read as the output.
    for case in cases() {
        let parsed = case.op.parse(&response(
            200,
            Some("ValidationException"),
            br#"{"message":"no"}"#.to_vec(),
        ));
        let required = needs_body(case);
        assert_eq!(
            parsed.variant().is_some(),
            required,
            "{}: {}",
            case.shape.name,
            describe(&parsed)
        );
    }
}

#[test]
fn map_keys_with_any_characters_serialize_and_read_back() {
    let keys = [
        "",
        "\"",
        "\\",
        "\u{0}",
        "\u{2028}",
        "😀",
        "a\"b\\c\nd",
        "\u{7f}\u{80}\u{ff}",
    ];
    let tags: BTreeMap<String, String> = keys
        .iter()
        .map(|k| ((*k).to_owned(), format!("v{k}")))
        .collect();
    let input = mpa::operation::tag_resource::TagResourceInput::builder()
        .resource_arn("arn")
        .set_tags(tags.clone())
        .build();
    let request = mpa::operation::tag_resource::TagResource::serialize_request_with(
        &input,
        SerializeOptions::default().validate(false),
    )
    .expect("request");
    let body: Value = serde_json::from_slice(request.body()).expect("JSON");
    assert_eq!(body, json!({ "Tags": tags }));
}
