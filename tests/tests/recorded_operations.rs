//! Recorded cases of every operation but `ListSessions` (which has its own file): the
//! requests each must build (`tests/recorded/<operation>/requests/`) and the responses it
//! must read (`tests/recorded/<operation>/responses/`).
//!
//! What a case file cannot say is checked by the tests at the end: fresh idempotency
//! tokens, union members this crate does not know (they have no serde form), and that such
//! a member cannot be sent back.

use mpa::Operation;
use mpa::http;
use mpa::operation::cancel_session::{CancelSession, CancelSessionError};
use mpa::operation::create_approval_team::{
    CreateApprovalTeam, CreateApprovalTeamError, CreateApprovalTeamInput,
};
use mpa::operation::create_identity_source::{
    CreateIdentitySource, CreateIdentitySourceError, CreateIdentitySourceInput,
};
use mpa::operation::delete_identity_source::{DeleteIdentitySource, DeleteIdentitySourceError};
use mpa::operation::delete_inactive_approval_team_version::{
    DeleteInactiveApprovalTeamVersion, DeleteInactiveApprovalTeamVersionError,
};
use mpa::operation::get_approval_team::{GetApprovalTeam, GetApprovalTeamError};
use mpa::operation::get_identity_source::{GetIdentitySource, GetIdentitySourceError};
use mpa::operation::get_policy_version::{GetPolicyVersion, GetPolicyVersionError};
use mpa::operation::get_resource_policy::{GetResourcePolicy, GetResourcePolicyError};
use mpa::operation::get_session::{GetSession, GetSessionError};
use mpa::operation::list_approval_teams::{ListApprovalTeams, ListApprovalTeamsError};
use mpa::operation::list_identity_sources::{ListIdentitySources, ListIdentitySourcesError};
use mpa::operation::list_policies::{ListPolicies, ListPoliciesError};
use mpa::operation::list_policy_versions::{ListPolicyVersions, ListPolicyVersionsError};
use mpa::operation::list_resource_policies::{ListResourcePolicies, ListResourcePoliciesError};
use mpa::operation::list_tags_for_resource::{ListTagsForResource, ListTagsForResourceError};
use mpa::operation::start_active_approval_team_deletion::{
    StartActiveApprovalTeamDeletion, StartActiveApprovalTeamDeletionError,
};
use mpa::operation::start_approval_team_baseline::{
    StartApprovalTeamBaseline, StartApprovalTeamBaselineError,
};
use mpa::operation::tag_resource::{TagResource, TagResourceError};
use mpa::operation::untag_resource::{UntagResource, UntagResourceError};
use mpa::operation::update_approval_team::{
    UpdateApprovalTeam, UpdateApprovalTeamError, UpdateApprovalTeamInput,
};
use mpa::types::{
    ApprovalStrategy, ApprovalStrategyResponse, ApprovalTeamRequestApprover, IamIdentityCenter,
    IdentitySourceParameters, IdentitySourceParametersForGet, IdentitySourceParametersForList,
    MofNApprovalStrategy, PolicyReference,
};
use mpa_tests::recorded;
use serde_json::Value;

/// Declares an operation for the runners and its two tests: every request case and every
/// response case in its directories (at least `min` of each).
macro_rules! recorded_tests {
    (
        $cases:ident => $op:ty, $error:ty { $($variant:ident),+ $(,)? },
        $dir:literal, $requests:ident, $responses:ident, min $min:literal $(,)?
    ) => {
        mpa_tests::recorded_operation! {
            #[doc = concat!("`", stringify!($op), "`, as the recorded-case runners drive it.")]
            struct $cases => $op, $error { $($variant),+ }
        }

        #[test]
        fn $requests() {
            recorded::run_request_cases::<$cases>(concat!($dir, "/requests"), $min);
        }

        #[test]
        fn $responses() {
            recorded::run_response_cases::<$cases>(concat!($dir, "/responses"), $min);
        }
    };
}

recorded_tests! {
    CancelSessionCases => CancelSession, CancelSessionError {
        AccessDeniedException, ConflictException, InternalServerException,
        ResourceNotFoundException, ThrottlingException, ValidationException,
    },
    "cancel_session", cancel_session_requests, cancel_session_responses, min 1,
}

recorded_tests! {
    CreateApprovalTeamCases => CreateApprovalTeam, CreateApprovalTeamError {
        AccessDeniedException, ConflictException, InternalServerException,
        ServiceQuotaExceededException, ThrottlingException, ValidationException,
    },
    "create_approval_team", create_approval_team_requests, create_approval_team_responses, min 1,
}

recorded_tests! {
    CreateIdentitySourceCases => CreateIdentitySource, CreateIdentitySourceError {
        AccessDeniedException, InternalServerException, ServiceQuotaExceededException,
        ThrottlingException, ValidationException,
    },
    "create_identity_source", create_identity_source_requests, create_identity_source_responses,
    min 1,
}

recorded_tests! {
    DeleteIdentitySourceCases => DeleteIdentitySource, DeleteIdentitySourceError {
        AccessDeniedException, ConflictException, InternalServerException,
        ThrottlingException, ValidationException,
    },
    "delete_identity_source", delete_identity_source_requests, delete_identity_source_responses,
    min 1,
}

recorded_tests! {
    DeleteInactiveApprovalTeamVersionCases => DeleteInactiveApprovalTeamVersion,
        DeleteInactiveApprovalTeamVersionError {
            AccessDeniedException, ConflictException, InternalServerException,
            ResourceNotFoundException, ThrottlingException, ValidationException,
        },
    "delete_inactive_approval_team_version", delete_inactive_approval_team_version_requests,
    delete_inactive_approval_team_version_responses, min 1,
}

recorded_tests! {
    GetApprovalTeamCases => GetApprovalTeam, GetApprovalTeamError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "get_approval_team", get_approval_team_requests, get_approval_team_responses, min 1,
}

recorded_tests! {
    GetIdentitySourceCases => GetIdentitySource, GetIdentitySourceError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "get_identity_source", get_identity_source_requests, get_identity_source_responses, min 1,
}

recorded_tests! {
    GetPolicyVersionCases => GetPolicyVersion, GetPolicyVersionError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "get_policy_version", get_policy_version_requests, get_policy_version_responses, min 1,
}

recorded_tests! {
    GetResourcePolicyCases => GetResourcePolicy, GetResourcePolicyError {
        AccessDeniedException, InvalidParameterException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "get_resource_policy", get_resource_policy_requests, get_resource_policy_responses, min 1,
}

recorded_tests! {
    GetSessionCases => GetSession, GetSessionError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "get_session", get_session_requests, get_session_responses, min 1,
}

recorded_tests! {
    ListApprovalTeamsCases => ListApprovalTeams, ListApprovalTeamsError {
        AccessDeniedException, InternalServerException, ThrottlingException, ValidationException,
    },
    "list_approval_teams", list_approval_teams_requests, list_approval_teams_responses, min 1,
}

recorded_tests! {
    ListIdentitySourcesCases => ListIdentitySources, ListIdentitySourcesError {
        AccessDeniedException, InternalServerException, ThrottlingException, ValidationException,
    },
    "list_identity_sources", list_identity_sources_requests, list_identity_sources_responses,
    min 1,
}

recorded_tests! {
    ListPoliciesCases => ListPolicies, ListPoliciesError {
        AccessDeniedException, InternalServerException, ThrottlingException, ValidationException,
    },
    "list_policies", list_policies_requests, list_policies_responses, min 1,
}

recorded_tests! {
    ListPolicyVersionsCases => ListPolicyVersions, ListPolicyVersionsError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "list_policy_versions", list_policy_versions_requests, list_policy_versions_responses, min 1,
}

recorded_tests! {
    ListResourcePoliciesCases => ListResourcePolicies, ListResourcePoliciesError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "list_resource_policies", list_resource_policies_requests, list_resource_policies_responses,
    min 1,
}

recorded_tests! {
    ListTagsForResourceCases => ListTagsForResource, ListTagsForResourceError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "list_tags_for_resource", list_tags_for_resource_requests, list_tags_for_resource_responses,
    min 1,
}

recorded_tests! {
    StartActiveApprovalTeamDeletionCases => StartActiveApprovalTeamDeletion,
        StartActiveApprovalTeamDeletionError {
            AccessDeniedException, ConflictException, InternalServerException,
            ResourceNotFoundException, ThrottlingException, ValidationException,
        },
    "start_active_approval_team_deletion", start_active_approval_team_deletion_requests,
    start_active_approval_team_deletion_responses, min 1,
}

recorded_tests! {
    StartApprovalTeamBaselineCases => StartApprovalTeamBaseline, StartApprovalTeamBaselineError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "start_approval_team_baseline", start_approval_team_baseline_requests,
    start_approval_team_baseline_responses, min 1,
}

recorded_tests! {
    TagResourceCases => TagResource, TagResourceError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, TooManyTagsException, ValidationException,
    },
    "tag_resource", tag_resource_requests, tag_resource_responses, min 1,
}

recorded_tests! {
    UntagResourceCases => UntagResource, UntagResourceError {
        AccessDeniedException, InternalServerException, ResourceNotFoundException,
        ThrottlingException, ValidationException,
    },
    "untag_resource", untag_resource_requests, untag_resource_responses, min 1,
}

recorded_tests! {
    UpdateApprovalTeamCases => UpdateApprovalTeam, UpdateApprovalTeamError {
        AccessDeniedException, ConflictException, InternalServerException,
        ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException,
        ValidationException,
    },
    "update_approval_team", update_approval_team_requests, update_approval_team_responses, min 1,
}

// ---------------------------------------------------------------------------------------
// Idempotency tokens: a random value, so no case file can pin it.

const TEAM_ARN: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/BackupApprovers";
const IDENTITY_SOURCE_ARN: &str =
    "arn:aws:mpa:us-east-1:123456789012:identity-source/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

/// Whether `token` is a UUID version 4 in its canonical text form:
/// `xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`, lowercase hex, `Y` one of `8`, `9`, `a`, `b`.
fn is_uuid_v4(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

#[test]
fn uuid_v4_form() {
    assert!(is_uuid_v4("f3b2c1d0-6a7b-4c8d-9e0f-112233445566"));
    for bad in [
        "f3b2c1d0-6a7b-3c8d-9e0f-112233445566", // version 3
        "f3b2c1d0-6a7b-4c8d-7e0f-112233445566", // variant not RFC 4122
        "F3B2C1D0-6A7B-4C8D-9E0F-112233445566", // uppercase
        "f3b2c1d06a7b4c8d9e0f112233445566",     // no hyphens
        "f3b2c1d0-6a7b-4c8d-9e0f-11223344556",  // short
        "",
    ] {
        assert!(!is_uuid_v4(bad), "{bad}");
    }
}

/// The `ClientToken` member of a JSON request body.
fn client_token<B: AsRef<[u8]>>(request: &http::Request<B>) -> Option<String> {
    let body: Value = serde_json::from_slice(request.body().as_ref()).expect("a JSON body");
    body.get("ClientToken")?.as_str().map(str::to_owned)
}

fn create_approval_team_input(token: Option<&str>) -> CreateApprovalTeamInput {
    let builder = CreateApprovalTeamInput::builder()
        .approval_strategy(ApprovalStrategy::MofN(
            MofNApprovalStrategy::builder()
                .min_approvals_required(2)
                .build(),
        ))
        .approvers(
            ApprovalTeamRequestApprover::builder()
                .primary_identity_id("94a8b4f8-1011-70aa-3c1d-2f8e6a9b0c11")
                .primary_identity_source_arn(IDENTITY_SOURCE_ARN)
                .build(),
        )
        .description("Approvers for restoring production backup vaults")
        .policies(
            PolicyReference::builder()
                .policy_arn(
                    "arn:aws:mpa:::aws:policy/backup.amazonaws.com/CreateRestoreAccessBackupVault/1",
                )
                .build(),
        )
        .name("BackupApprovers");
    match token {
        Some(token) => builder.client_token(token).build(),
        None => builder.build(),
    }
}

fn create_identity_source_input(token: Option<&str>) -> CreateIdentitySourceInput {
    let builder = CreateIdentitySourceInput::builder().identity_source_parameters(
        IdentitySourceParameters::builder()
            .iam_identity_center(
                IamIdentityCenter::builder()
                    .instance_arn("arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6")
                    .region("us-east-1")
                    .build(),
            )
            .build(),
    );
    match token {
        Some(token) => builder.client_token(token).build(),
        None => builder.build(),
    }
}

/// Checks the `@idempotencyToken` rule on one operation: left unset, every request carries a
/// fresh UUID v4 (two requests, two tokens); set, it is sent as given.
fn check_idempotency_token<O: Operation>(input: impl Fn(Option<&str>) -> O::Input) {
    let name = O::NAME;
    let unset = input(None);
    let first = O::serialize_request(&unset).expect("the request builds");
    let second = O::serialize_request(&unset).expect("the request builds");
    let (first, second) = (client_token(&first), client_token(&second));
    for token in [&first, &second] {
        let token = token.as_deref();
        assert!(
            token.is_some_and(is_uuid_v4),
            "{name}: an unset ClientToken must be sent as a fresh UUID v4, got {token:?}",
        );
    }
    assert_ne!(
        first, second,
        "{name}: each request built without a ClientToken needs its own token",
    );
    // The token was made for the request only: the input is left as it was.
    let again = O::serialize_request(&unset).expect("the request builds");
    assert_ne!(client_token(&again), first, "{name}: a third request reused a token");

    let given = "retry-of-request-7f3e";
    let request = O::serialize_request(&input(Some(given))).expect("the request builds");
    assert_eq!(
        client_token(&request).as_deref(),
        Some(given),
        "{name}: a ClientToken the caller set must be sent as given",
    );
}

#[test]
fn create_approval_team_idempotency_token() {
    check_idempotency_token::<CreateApprovalTeam>(create_approval_team_input);
    assert_eq!(create_approval_team_input(None).client_token(), None);
}

#[test]
fn create_identity_source_idempotency_token() {
    check_idempotency_token::<CreateIdentitySource>(create_identity_source_input);
    assert_eq!(create_identity_source_input(None).client_token(), None);
}

// ---------------------------------------------------------------------------------------
// Union members this crate does not know: kept as `Unknown` with their name. They have no
// serde form (so no case file can state the output), and cannot be sent back.

/// A 200 response with `body` and a request id.
fn ok_response(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", "unknown-union-member")
        .body(body.as_bytes().to_vec())
        .expect("a valid response")
}

/// The name of the member an `ApprovalStrategyResponse` holds when it is `Unknown`.
fn unknown_strategy(strategy: Option<&ApprovalStrategyResponse>) -> Option<&str> {
    match strategy? {
        ApprovalStrategyResponse::Unknown(name) => Some(name.as_str()),
        _ => None,
    }
}

#[test]
fn get_approval_team_unknown_union_members() {
    let body = r#"{
        "Name": "BackupApprovers",
        "ApprovalStrategy": {"Threshold": {"Percent": 60}},
        "NumberOfApprovers": 3,
        "PendingUpdate": {"VersionId": "3", "ApprovalStrategy": {"Weighted": [1, 2, 3]}}
    }"#;
    let output = GetApprovalTeam::parse_response(&ok_response(body)).expect("an output");
    let strategy = output.approval_strategy();
    assert!(strategy.is_some_and(ApprovalStrategyResponse::is_unknown));
    assert_eq!(unknown_strategy(strategy), Some("Threshold"));
    assert!(strategy.and_then(ApprovalStrategyResponse::as_mof_n).is_none());
    let pending = output.pending_update().expect("PendingUpdate");
    assert_eq!(unknown_strategy(pending.approval_strategy()), Some("Weighted"));
    assert_eq!(pending.version_id(), Some("3"));
    // The rest of the output is read as usual.
    assert_eq!(output.name(), Some("BackupApprovers"));
    assert_eq!(output.number_of_approvers(), Some(3));
    assert_eq!(output.request_id(), Some("unknown-union-member"));
    // The serde form cannot hold an unknown member: serializing says so instead of
    // dropping it.
    assert!(serde_json::to_string(&output).is_err());
}

#[test]
fn get_session_and_list_approval_teams_unknown_union_members() {
    let session = GetSession::parse_response(&ok_response(
        r#"{"ApprovalStrategy":{"Quorum":{"Of":5}},"Status":"PENDING"}"#,
    ))
    .expect("an output");
    assert_eq!(unknown_strategy(session.approval_strategy()), Some("Quorum"));
    assert_eq!(session.status().map(|s| s.as_str()), Some("PENDING"));

    let page = ListApprovalTeams::parse_response(&ok_response(
        r#"{"ApprovalTeams":[
            {"Name":"a","ApprovalStrategy":{"MofN":{"MinApprovalsRequired":2}}},
            {"Name":"b","ApprovalStrategy":{"Quorum":null,"Threshold":"sixty"}}
        ]}"#,
    ))
    .expect("an output");
    let teams = page.approval_teams();
    assert_eq!(teams.len(), 2);
    let first = teams[0].approval_strategy().and_then(ApprovalStrategyResponse::as_mof_n);
    assert_eq!(first.map(MofNApprovalStrategy::min_approvals_required), Some(2));
    // A null member is not set; the one non-null, unknown member is what the union holds.
    assert_eq!(unknown_strategy(teams[1].approval_strategy()), Some("Threshold"));
    assert!(serde_json::to_string(&page).is_err());
}

#[test]
fn identity_source_unknown_union_members() {
    let source = GetIdentitySource::parse_response(&ok_response(
        r#"{"IdentitySourceParameters":{"ExternalSaml":{"MetadataUrl":"https://idp.example.com/md"}},
            "IdentitySourceType":"EXTERNAL_SAML"}"#,
    ))
    .expect("an output");
    let parameters = source.identity_source_parameters().expect("IdentitySourceParameters");
    assert!(parameters.is_unknown());
    assert!(parameters.as_iam_identity_center().is_none());
    match parameters {
        IdentitySourceParametersForGet::Unknown(name) => assert_eq!(name.as_str(), "ExternalSaml"),
        other => panic!("expected an unknown member, got {other:?}"),
    }
    assert_eq!(
        source.identity_source_type().map(|t| t.as_str()),
        Some("EXTERNAL_SAML")
    );
    assert!(serde_json::to_string(&source).is_err());

    let page = ListIdentitySources::parse_response(&ok_response(
        r#"{"IdentitySources":[{"IdentitySourceParameters":{"Okta":{}}}],"NextToken":"n"}"#,
    ))
    .expect("an output");
    match page.identity_sources()[0].identity_source_parameters() {
        Some(IdentitySourceParametersForList::Unknown(name)) => assert_eq!(name.as_str(), "Okta"),
        other => panic!("expected an unknown member, got {other:?}"),
    }
    assert_eq!(page.next_token(), Some("n"));
}

/// The `ApprovalStrategy` to send back for one a response holds, as a caller copying a
/// team's settings would map it (the two unions have the same members).
fn strategy_to_send(strategy: &ApprovalStrategyResponse) -> ApprovalStrategy {
    match strategy {
        ApprovalStrategyResponse::MofN(m) => ApprovalStrategy::MofN(m.clone()),
        ApprovalStrategyResponse::Unknown(name) => ApprovalStrategy::Unknown(name.clone()),
        other => panic!("a member this test does not know: {other:?}"),
    }
}

#[test]
fn unknown_union_member_from_an_output_is_not_sent() {
    let team = GetApprovalTeam::parse_response(&ok_response(
        r#"{"Arn":"arn:aws:mpa:us-east-1:123456789012:approval-team/BackupApprovers",
            "ApprovalStrategy":{"Threshold":{"Percent":60}}}"#,
    ))
    .expect("an output");
    let strategy = strategy_to_send(team.approval_strategy().expect("ApprovalStrategy"));
    assert!(strategy.is_unknown());

    let update = UpdateApprovalTeamInput::builder()
        .arn(team.arn().expect("Arn"))
        .approval_strategy(strategy.clone())
        .build();
    let error = UpdateApprovalTeam::serialize_request(&update)
        .expect_err("an unknown union member cannot be sent");
    assert_eq!(error.member(), Some("ApprovalStrategy"));
    let validation = error.validation().expect("a validation error");
    assert_eq!(validation.path(), "ApprovalStrategy");
    let text = error.to_string();
    assert!(
        text.contains("`ApprovalStrategy`") && text.contains("unknown"),
        "the error names the path and why: {text}",
    );

    // The same through CreateApprovalTeam, where the union is a required member.
    let create = CreateApprovalTeamInput::builder()
        .client_token("copy-of-backup-approvers")
        .approval_strategy(strategy)
        .approvers(
            ApprovalTeamRequestApprover::builder()
                .primary_identity_id("94a8b4f8-1011-70aa-3c1d-2f8e6a9b0c11")
                .primary_identity_source_arn(IDENTITY_SOURCE_ARN)
                .build(),
        )
        .description("Copy of BackupApprovers")
        .policies(
            PolicyReference::builder()
                .policy_arn(
                    "arn:aws:mpa:::aws:policy/backup.amazonaws.com/CreateRestoreAccessBackupVault/1",
                )
                .build(),
        )
        .name("BackupApproversCopy")
        .build();
    let error = CreateApprovalTeam::serialize_request(&create)
        .expect_err("an unknown union member cannot be sent");
    assert_eq!(error.member(), Some("ApprovalStrategy"));

    // A known member read from an output is sent as usual.
    let known = GetApprovalTeam::parse_response(&ok_response(
        r#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":2}}}"#,
    ))
    .expect("an output");
    let update = UpdateApprovalTeamInput::builder()
        .arn(TEAM_ARN)
        .approval_strategy(strategy_to_send(known.approval_strategy().expect("set")))
        .build();
    let request = UpdateApprovalTeam::serialize_request(&update).expect("the request builds");
    assert_eq!(
        request.body().as_slice(),
        br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":2}}}"#
    );
}

/// With validation off, an unknown union member must still not go out: restJson1 has no way
/// to write it, and `{}` (what the wire code falls back to) is not a union value at all.
#[test]
fn unknown_union_member_is_not_sent_without_validation() {
    let team = GetApprovalTeam::parse_response(&ok_response(
        r#"{"ApprovalStrategy":{"Threshold":{"Percent":60}}}"#,
    ))
    .expect("an output");
    let update = UpdateApprovalTeamInput::builder()
        .arn(TEAM_ARN)
        .approval_strategy(strategy_to_send(team.approval_strategy().expect("set")))
        .build();
    let result = UpdateApprovalTeam::serialize_request_with(
        &update,
        mpa::SerializeOptions::default().validate(false),
    );
    match result {
        Err(error) => assert_eq!(error.member(), Some("ApprovalStrategy")),
        Ok(request) => panic!(
            "an unknown union member was sent: {}",
            String::from_utf8_lossy(request.body())
        ),
    }
}
