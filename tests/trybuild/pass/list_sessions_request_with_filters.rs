// Promise: a ListSessions input with filters serializes to the restJson1 request the model
// describes: `POST` to the percent-encoded team ARN's `sessions/?List` path, with a JSON body
// holding the optional members and the filters in the order they were added (the URI label
// stays out of the body). An empty URI label is refused when serializing, naming the member.
#![deny(warnings)]

use mpa::Operation;
use mpa::operation::list_sessions::{ListSessions, ListSessionsInput};
use mpa::types::{Filter, FilterField, Operator};
use serde_json::json;

const TEAM_ARN: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

fn main() {
    let input = ListSessionsInput::builder()
        .approval_team_arn(TEAM_ARN)
        .max_results(10)
        .next_token("page-2")
        .filters(
            Filter::builder()
                .field_name(FilterField::ActionName)
                .operator(Operator::Contains)
                .value("Backup")
                .build(),
        )
        .filters(
            Filter::builder()
                .field_name(FilterField::SessionStatus)
                .operator(Operator::Equals)
                .value("PENDING")
                .build(),
        )
        .build();

    let request = ListSessions::serialize_request(&input).expect("a valid input serializes");
    assert_eq!(request.method(), mpa::http::Method::POST);
    assert_eq!(
        request.uri(),
        "/approval-teams/arn%3Aaws%3Ampa%3Aus-east-1%3A123456789012%3Aapproval-team%2Fteam-1/sessions/?List",
    );
    assert_eq!(
        request
            .headers()
            .get(mpa::http::header::CONTENT_TYPE)
            .map(|v| v.as_bytes()),
        Some(&b"application/json"[..]),
    );

    let body: serde_json::Value =
        serde_json::from_slice(request.body()).expect("the request body is JSON");
    assert_eq!(
        body,
        json!({
            "MaxResults": 10,
            "NextToken": "page-2",
            "Filters": [
                { "FieldName": "ActionName", "Operator": "CONTAINS", "Value": "Backup" },
                { "FieldName": "SessionStatus", "Operator": "EQ", "Value": "PENDING" },
            ],
        }),
    );
    let filters = body["Filters"].as_array().expect("Filters is an array");
    assert_eq!(filters.len(), 2);
    assert_eq!(filters[0]["FieldName"], "ActionName");
    assert_eq!(filters[1]["Operator"], "EQ");
    assert!(
        body.get("ApprovalTeamArn").is_none(),
        "the URI label is not repeated in the body"
    );

    // Only what was set is sent.
    let minimal = ListSessionsInput::builder()
        .approval_team_arn(TEAM_ARN)
        .build();
    let request = ListSessions::serialize_request(&minimal).expect("a valid input serializes");
    assert_eq!(request.body().as_slice(), b"{}");

    // An empty label would address another path: it is refused when serializing, and the
    // error names the member.
    let empty = ListSessionsInput::builder().approval_team_arn("").build();
    let error = ListSessions::serialize_request(&empty).expect_err("an empty label is refused");
    assert_eq!(error.member(), Some("ApprovalTeamArn"));
    assert!(error.to_string().contains("`ApprovalTeamArn`"), "{error}");
}
