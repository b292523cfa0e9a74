//! Input validation at the edges of the model's constraints: `@length` counts Unicode
//! scalar values for strings and entries for lists and maps, `@range` bounds integers,
//! `@pattern` is the model's pattern; errors name the member path, never a sensitive value.

use mpa::Operation;
use mpa::operation::list_sessions::{ListSessions, ListSessionsInput};
use mpa::operation::tag_resource::{TagResource, TagResourceInput};
use mpa::types::Filter;

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

fn list_sessions(filters: Vec<Filter>, max_results: Option<i32>) -> ListSessionsInput {
    let mut builder = ListSessionsInput::builder().approval_team_arn(TEAM);
    // An empty list that is set is sent as `[]`; leave it unset when there are none.
    if !filters.is_empty() {
        builder = builder.set_filters(Some(filters));
    }
    match max_results {
        Some(n) => builder.max_results(n).build(),
        None => builder.build(),
    }
}

fn filter_with_value(value: String) -> Filter {
    Filter::builder().value(value).build()
}

/// The validation error of a request, as (path, constraint), or `None` when it is valid.
fn violation<O: Operation>(input: &O::Input) -> Option<(String, String)> {
    match O::serialize_request(input) {
        Ok(_) => None,
        Err(e) => {
            let v = e.validation().unwrap_or_else(|| panic!("not a validation error: {e}"));
            Some((v.path().to_owned(), v.constraint().to_owned()))
        }
    }
}

#[test]
fn string_length_counts_characters_not_bytes() {
    // Filter.Value targets a string of at most 1000 characters.
    let cases = [
        ("a".repeat(1000), true),
        ("a".repeat(1001), false),
        ("é".repeat(1000), true), // 2000 bytes, 1000 characters
        ("é".repeat(1001), false),
        ("🦀".repeat(1000), true), // 4000 bytes
        ("🦀".repeat(1001), false),
        (String::new(), true),
    ];
    for (value, valid) in cases {
        let chars = value.chars().count();
        let input = list_sessions(vec![filter_with_value(value)], None);
        match violation::<ListSessions>(&input) {
            None => assert!(valid, "{chars} characters must be refused"),
            Some((path, constraint)) => {
                assert!(!valid, "{chars} characters must be accepted, got {constraint}");
                assert_eq!(path, "Filters[0].Value");
                assert_eq!(constraint, format!("@length: {chars} characters, must be at most 1000"));
            }
        }
    }
}

#[test]
fn list_length_and_nested_paths() {
    let ok = |n: usize| (0..n).map(|_| Filter::builder().value("x").build()).collect::<Vec<_>>();
    assert_eq!(violation::<ListSessions>(&list_sessions(ok(10), None)), None);
    assert_eq!(
        violation::<ListSessions>(&list_sessions(ok(11), None)),
        Some(("Filters".to_owned(), "@length: 11 entries, must be between 0 and 10".to_owned()))
    );
    let mut filters = ok(5);
    filters[3] = filter_with_value("x".repeat(1001));
    let (path, _) = violation::<ListSessions>(&list_sessions(filters, None)).expect("refused");
    assert_eq!(path, "Filters[3].Value");
}

#[test]
fn integer_range_edges() {
    // MaxResults is @range(min: 1, max: 20).
    for (n, valid) in [(0, false), (1, true), (20, true), (21, false), (i32::MIN, false), (i32::MAX, false)] {
        let result = violation::<ListSessions>(&list_sessions(Vec::new(), Some(n)));
        match result {
            None => assert!(valid, "MaxResults {n} must be refused"),
            Some((path, constraint)) => {
                assert!(!valid, "MaxResults {n} must be accepted");
                assert_eq!(path, "MaxResults");
                assert_eq!(constraint, format!("@range: {n} must be between 1 and 20"));
            }
        }
    }
}

#[test]
fn pattern_is_checked_on_labels() {
    let input = ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:not-a-team/x").build();
    let (path, constraint) = violation::<ListSessions>(&input).expect("refused");
    assert_eq!(path, "ApprovalTeamArn");
    assert!(constraint.starts_with("@pattern: does not match `^arn:aws(-[^:]+)?:mpa:"), "{constraint}");
    for partition in ["aws", "aws-cn", "aws-us-gov"] {
        let arn = format!("arn:{partition}:mpa:us-east-1:123456789012:approval-team/team-1");
        let input = ListSessionsInput::builder().approval_team_arn(arn).build();
        assert_eq!(violation::<ListSessions>(&input), None, "{partition}");
    }
}

#[test]
fn sensitive_values_never_appear_in_errors() {
    // Tag keys are @sensitive strings of 1 to 128 characters.
    let secret_key = format!("SECRET-{}", "k".repeat(200));
    let input = TagResourceInput::builder()
        .resource_arn(TEAM)
        .tags(secret_key.clone(), "SECRET-VALUE".to_owned())
        .build();
    let error = TagResource::serialize_request(&input).expect_err("the key is too long");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    let v = error.validation().expect("a validation error");
    assert_eq!(v.path(), "Tags[*]");
    assert_eq!(v.constraint(), "@length: 207 characters, must be between 1 and 128");
}

#[test]
fn validation_can_be_turned_off_per_call() {
    let input = list_sessions(Vec::new(), Some(500));
    assert!(ListSessions::serialize_request(&input).is_err());
    let options = mpa::SerializeOptions::default().validate(false);
    let request = ListSessions::serialize_request_with(&input, options).expect("sent as it is");
    assert_eq!(std::str::from_utf8(request.body()).expect("utf-8"), r#"{"MaxResults":500}"#);
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 128, failure_persistence: None, ..Default::default() })]

    /// Around the `@length` edge of `Filter.Value` (at most 1000), with any characters:
    /// a value is refused exactly when it has more than 1000 Unicode scalar values, whatever
    /// its size in bytes.
    #[test]
    fn string_length_edge_with_any_characters(
        chars in proptest::collection::vec(proptest::char::any(), 998..=1002),
    ) {
        let value: String = chars.iter().collect();
        let count = chars.len();
        let input = list_sessions(vec![filter_with_value(value)], None);
        let refused = violation::<ListSessions>(&input);
        proptest::prop_assert_eq!(refused.is_some(), count > 1000, "{} characters", count);
        if let Some((path, constraint)) = refused {
            proptest::prop_assert_eq!(path, "Filters[0].Value");
            proptest::prop_assert_eq!(constraint, format!("@length: {count} characters, must be at most 1000"));
        }
    }

    /// `@range` of `MaxResults` (1 to 20) over all of `i32`.
    #[test]
    fn integer_range_with_any_value(n in proptest::num::i32::ANY) {
        let refused = violation::<ListSessions>(&list_sessions(Vec::new(), Some(n))).is_some();
        proptest::prop_assert_eq!(refused, !(1..=20).contains(&n));
    }
}

/// The team ARN's `@pattern`, as the model writes it.
const TEAM_ARN_PATTERN: &str = r"^arn:aws(-[^:]+)?:mpa:[a-z0-9-]{1,20}:[0-9]{12}:approval-team/[a-zA-Z0-9._-]+$";

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    /// The crate checks `@pattern` with an automaton the generator built; on values near the
    /// team ARN's pattern (most of them just inside or just outside it) it decides as
    /// `regex-lite` does, and `@length` (20 to 2048 characters) as counted in characters.
    #[test]
    fn team_arn_patterns_decide_as_regex_lite(
        arn in "arn:aws(-[a-z:é]{0,3})?:mpa:[a-z0-9:-]{0,22}:[0-9]{11,13}:approval-team/[a-zA-Z0-9._é!/-]{0,5}\n?",
    ) {
        let input = ListSessionsInput::builder().approval_team_arn(arn.as_str()).build();
        let chars = arn.chars().count();
        let expected = regex_lite::Regex::new(TEAM_ARN_PATTERN).unwrap().is_match(&arn) && (20..=2048).contains(&chars);
        let refused = violation::<ListSessions>(&input);
        proptest::prop_assert_eq!(refused.is_none(), expected, "{:?}: {:?}", arn, refused);
    }
}
