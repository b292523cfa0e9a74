// Promise: a ListSessions response is read into a `ListSessionsOutput` whose sessions are
// borrowed views: `&[ListSessionsResponseSession]`, and per session `Option<&str>` for
// strings, `Option<&Enum>` for enums, `&[T]` for lists (empty when absent) and
// `Option<OffsetDateTime>` in UTC for timestamps. Unknown enum values and unknown members are
// kept or skipped, not errors; the session's description is kept out of `Debug`.
#![deny(warnings)]

use mpa::Operation;
use mpa::http;
use mpa::operation::list_sessions::{ListSessions, ListSessionsOutput};
use mpa::time::{OffsetDateTime, UtcOffset};
use mpa::types::{
    ActionCompletionStrategy, AdditionalSecurityRequirement, ListSessionsResponseSession,
    SessionStatus, SessionStatusCode,
};

const BODY: &str = r#"{
  "NextToken": "page-3",
  "Sessions": [
    {
      "SessionArn": "arn:aws:mpa:us-east-1:123456789012:session/team-1/s-1",
      "ApprovalTeamName": "team-1",
      "ApprovalTeamArn": "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1",
      "InitiationTime": "2026-03-05T10:15:30.25Z",
      "ExpirationTime": "2026-03-12T11:15:30+01:00",
      "CompletionTime": "2026-03-06T08:00:00Z",
      "Description": "rotate the backup vault key",
      "ActionName": "StartBackupJob",
      "ProtectedResourceArn": "arn:aws:backup:us-east-1:123456789012:backup-vault:vault-1",
      "RequesterServicePrincipal": "backup.amazonaws.com",
      "RequesterPrincipalArn": "arn:aws:iam::123456789012:role/operator",
      "RequesterRegion": "us-east-1",
      "RequesterAccountId": "123456789012",
      "Status": "APPROVED",
      "StatusCode": "ALL_APPROVERS_IN_SESSION",
      "StatusMessage": "approved by 2 of 3",
      "ActionCompletionStrategy": "AUTO_COMPLETION_UPON_APPROVAL",
      "AdditionalSecurityRequirements": ["APPROVER_VERIFICATION_REQUIRED"],
      "SomeFutureMember": {"nested": [1, 2, 3]}
    },
    {
      "SessionArn": "arn:aws:mpa:us-east-1:123456789012:session/team-1/s-2",
      "Status": "FUTURE_STATUS",
      "Description": null
    }
  ]
}"#;

fn main() {
    let reply = http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", "req-list")
        .body(BODY)
        .expect("a valid response");
    let output: ListSessionsOutput = ListSessions::parse_response(&reply).expect("a success");
    assert_eq!(output.next_token(), Some("page-3"));
    assert_eq!(output.request_id(), Some("req-list"));

    let sessions: &[ListSessionsResponseSession] = output.sessions();
    assert_eq!(sessions.len(), 2);

    let mut seen = Vec::new();
    for session in sessions {
        let arn: Option<&str> = session.session_arn();
        seen.push(arn.expect("every session here has an ARN"));
    }
    assert_eq!(
        seen,
        [
            "arn:aws:mpa:us-east-1:123456789012:session/team-1/s-1",
            "arn:aws:mpa:us-east-1:123456789012:session/team-1/s-2",
        ],
    );

    let full = &sessions[0];
    let team_name: Option<&str> = full.approval_team_name();
    assert_eq!(team_name, Some("team-1"));
    assert_eq!(
        full.approval_team_arn(),
        Some("arn:aws:mpa:us-east-1:123456789012:approval-team/team-1"),
    );

    let initiated: Option<OffsetDateTime> = full.initiation_time();
    let initiated = initiated.expect("InitiationTime is set");
    assert_eq!(initiated.unix_timestamp(), 1_772_705_730);
    assert_eq!(initiated.millisecond(), 250);
    assert_eq!(initiated.offset(), UtcOffset::UTC);
    // An offset on the wire names the same instant, read back in UTC.
    let expires = full.expiration_time().expect("ExpirationTime is set");
    assert_eq!(expires.unix_timestamp(), 1_773_310_530);
    assert_eq!(expires.offset(), UtcOffset::UTC);
    assert_eq!(expires.hour(), 10);
    let completed = full.completion_time().expect("CompletionTime is set");
    assert_eq!(completed.unix_timestamp(), 1_772_784_000);
    assert!(initiated < completed && completed < expires);

    assert_eq!(full.description(), Some("rotate the backup vault key"));
    assert_eq!(full.action_name(), Some("StartBackupJob"));
    assert_eq!(
        full.protected_resource_arn(),
        Some("arn:aws:backup:us-east-1:123456789012:backup-vault:vault-1"),
    );
    assert_eq!(
        full.requester_service_principal(),
        Some("backup.amazonaws.com")
    );
    assert_eq!(
        full.requester_principal_arn(),
        Some("arn:aws:iam::123456789012:role/operator")
    );
    assert_eq!(full.requester_region(), Some("us-east-1"));
    assert_eq!(full.requester_account_id(), Some("123456789012"));

    let status: Option<&SessionStatus> = full.status();
    assert_eq!(status, Some(&SessionStatus::Approved));
    let status_code: Option<&SessionStatusCode> = full.status_code();
    assert_eq!(status_code, Some(&SessionStatusCode::AllApproversInSession));
    assert_eq!(full.status_message(), Some("approved by 2 of 3"));
    let strategy: Option<&ActionCompletionStrategy> = full.action_completion_strategy();
    assert_eq!(
        strategy,
        Some(&ActionCompletionStrategy::AutoCompletionUponApproval)
    );
    let requirements: &[AdditionalSecurityRequirement] = full.additional_security_requirements();
    assert_eq!(
        requirements,
        [AdditionalSecurityRequirement::ApproverVerificationRequired]
    );

    let debug = format!("{full:?}");
    assert!(debug.contains("StartBackupJob"), "{debug}");
    assert!(
        !debug.contains("rotate the backup vault key"),
        "the description is redacted: {debug}"
    );

    // Absent members read as `None` or an empty slice; an unknown status is kept as sent.
    let sparse = &sessions[1];
    assert_eq!(sparse.approval_team_name(), None);
    assert_eq!(sparse.approval_team_arn(), None);
    assert_eq!(sparse.initiation_time(), None);
    assert_eq!(sparse.expiration_time(), None);
    assert_eq!(sparse.completion_time(), None);
    assert_eq!(sparse.description(), None);
    assert_eq!(sparse.action_name(), None);
    assert_eq!(sparse.protected_resource_arn(), None);
    assert_eq!(sparse.requester_service_principal(), None);
    assert_eq!(sparse.requester_principal_arn(), None);
    assert_eq!(sparse.requester_region(), None);
    assert_eq!(sparse.requester_account_id(), None);
    assert_eq!(sparse.status_code(), None);
    assert_eq!(sparse.status_message(), None);
    assert_eq!(sparse.action_completion_strategy(), None);
    assert!(sparse.additional_security_requirements().is_empty());
    let unknown = sparse.status().expect("Status is set");
    assert_eq!(unknown.as_str(), "FUTURE_STATUS");
    assert!(matches!(unknown, SessionStatus::Unknown(value) if value.as_str() == "FUTURE_STATUS"));

    // An empty success body is an output with nothing in it.
    let empty = http::Response::builder()
        .status(200)
        .body("")
        .expect("a valid response");
    let output = ListSessions::parse_response(&empty).expect("an empty body is a success");
    assert!(output.sessions().is_empty());
    assert_eq!(output.next_token(), None);
    assert_eq!(output.request_id(), None);
}
