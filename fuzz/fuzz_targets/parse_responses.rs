//! `parse_response` of several operations on any bytes.
//!
//! The first input byte selects the HTTP status (low 3 bits) and the `x-amzn-errortype`
//! header (the rest); the remaining bytes are the body. Every operation must return an
//! output or a typed error, never panic, and format both without panicking.

#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use mpa::Operation;
use mpa::http;
use mpa::operation::{
    create_approval_team::CreateApprovalTeam, get_approval_team::GetApprovalTeam,
    get_identity_source::GetIdentitySource, get_policy_version::GetPolicyVersion,
    get_resource_policy::GetResourcePolicy, get_session::GetSession,
    list_policy_versions::ListPolicyVersions, list_sessions::ListSessions,
    list_tags_for_resource::ListTagsForResource, tag_resource::TagResource,
};

const STATUSES: [u16; 8] = [200, 204, 400, 403, 404, 409, 500, 503];

const CODES: [Option<&str>; 12] = [
    None,
    Some("AccessDeniedException"),
    Some("ConflictException"),
    Some("InternalServerException"),
    Some("InvalidParameterException"),
    Some("ResourceNotFoundException"),
    Some("ServiceQuotaExceededException"),
    Some("ThrottlingException"),
    Some("TooManyTagsException"),
    Some("ValidationException"),
    Some("aws.protocols#restJson1#ValidationException:http://internal.amazon.com/"),
    Some("SomethingElse"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(selector & 7)];
    let code = CODES[usize::from(selector >> 3) % CODES.len()];
    let mut builder = http::Response::builder()
        .status(status)
        .header("x-amzn-requestid", "fuzz-request");
    if let Some(code) = code {
        builder = builder.header("x-amzn-errortype", code);
    }
    let Ok(response) = builder.body(body) else {
        return;
    };
    read::<ListSessions>(&response);
    read::<GetSession>(&response);
    read::<GetApprovalTeam>(&response);
    read::<GetPolicyVersion>(&response);
    read::<GetResourcePolicy>(&response);
    read::<GetIdentitySource>(&response);
    read::<ListPolicyVersions>(&response);
    read::<ListTagsForResource>(&response);
    read::<CreateApprovalTeam>(&response);
    read::<TagResource>(&response);
});

fn read<O: Operation>(response: &http::Response<&[u8]>)
where
    O::Output: Debug,
    O::Error: Debug,
{
    match O::parse_response(response) {
        Ok(output) => {
            assert!(
                response.status().is_success(),
                "{}: an error status gave an output",
                O::NAME
            );
            std::hint::black_box(format!("{output:?}"));
        }
        Err(error) => {
            std::hint::black_box(format!("{error} {error:?}"));
        }
    }
}
