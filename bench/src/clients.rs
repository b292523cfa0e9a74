//! The three ways of making a `ListSessions` call that the benchmarks compare, and a check
//! that all three read the same page into the same values.

use bytes::Bytes;
use mpa::Operation as _;
use mpa::operation::list_sessions::{ListSessions, ListSessionsInput, ListSessionsOutput};
use std::hint::black_box;

use crate::page::{REQUEST_ID, TEAM_ARN};
use crate::plain;

/// The reply the in-memory transport gives, built per call for every client alike.
pub fn reply(body: Bytes) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", REQUEST_ID)
        .body(body)
        .expect("a valid response")
}

/// The generated crate: build the input, serialize the request, (transport), parse the reply.
pub fn ours_call(body: &Bytes) -> ListSessionsOutput {
    let input = ListSessionsInput::builder().approval_team_arn(TEAM_ARN).build();
    let request = ListSessions::serialize_request(&input).expect("request");
    black_box(&request);
    let response = reply(body.clone());
    ListSessions::parse_response(&response).expect("response")
}

/// The generated crate, request only.
pub fn ours_serialize() -> http::Request<Vec<u8>> {
    let input = ListSessionsInput::builder().approval_team_arn(TEAM_ARN).build();
    ListSessions::serialize_request(&input).expect("request")
}

/// The generated crate, response only (the response is already built).
pub fn ours_parse(response: &http::Response<Bytes>) -> ListSessionsOutput {
    ListSessions::parse_response(response).expect("response")
}

/// The generated crate's blocking client (feature `blocking`) with an in-memory transport
/// that returns the page: build the input, serialize, resolve the endpoint, sign (SigV4, with
/// static credentials), send, parse. The same work as the SDK's call below.
pub struct OursSigned {
    client: mpa::blocking::Client,
}

/// Returns the page for every request, like the SDK's in-memory HTTP client.
#[derive(Debug)]
struct InMemory(Bytes);

impl mpa::client::BlockingTransport for InMemory {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, mpa::client::TransportError> {
        black_box(&request);
        Ok(reply(self.0.clone()).map(|body| body.to_vec()))
    }
}

impl OursSigned {
    pub fn new(body: Bytes) -> Self {
        let client = mpa::blocking::Client::builder()
            .env(mpa::client::Env::from_pairs::<&str, &str>([]))
            .region("us-east-1")
            .credentials(mpa::client::Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
            .endpoint_url("https://mpa.us-east-1.api.aws")
            .transport(InMemory(body))
            .build()
            .expect("client");
        OursSigned { client }
    }

    pub fn call(&self) -> ListSessionsOutput {
        self.client.list_sessions().approval_team_arn(TEAM_ARN).send().expect("signed call")
    }
}

/// aws-sdk-mpa with an in-memory HTTP client that always returns the page, static
/// credentials and region, on a current-thread tokio runtime.
pub struct Sdk {
    runtime: tokio::runtime::Runtime,
    client: aws_sdk_mpa::Client,
}

impl Sdk {
    pub fn new(body: Bytes) -> Self {
        use aws_sdk_mpa::config::{BehaviorVersion, Credentials, Region};
        let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| reply(body.clone()));
        let config = aws_sdk_mpa::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "bench"))
            .http_client(http)
            .build();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
        Sdk { runtime, client: aws_sdk_mpa::Client::from_conf(config) }
    }

    pub fn call(&self) -> aws_sdk_mpa::operation::list_sessions::ListSessionsOutput {
        self.runtime
            .block_on(self.client.list_sessions().approval_team_arn(TEAM_ARN).send())
            .expect("aws-sdk-mpa call")
    }
}

/// One line per session with every member, so the three readers can be compared.
fn session_line(fields: [Option<String>; 18]) -> String {
    fields.map(|f| f.unwrap_or_else(|| "-".into())).join("|")
}

fn ours_lines(output: &ListSessionsOutput) -> Vec<String> {
    let ts = |t: Option<time::OffsetDateTime>| t.map(|t| format!("{}.{:09}", t.unix_timestamp(), t.nanosecond()));
    let mut lines = vec![format!("next={:?} request_id={:?}", output.next_token(), output.request_id())];
    lines.extend(output.sessions().iter().map(|s| {
        session_line([
            s.session_arn().map(Into::into),
            s.approval_team_name().map(Into::into),
            s.approval_team_arn().map(Into::into),
            ts(s.initiation_time()),
            ts(s.expiration_time()),
            ts(s.completion_time()),
            s.description().map(Into::into),
            s.action_name().map(Into::into),
            s.protected_resource_arn().map(Into::into),
            s.requester_service_principal().map(Into::into),
            s.requester_principal_arn().map(Into::into),
            s.requester_region().map(Into::into),
            s.requester_account_id().map(Into::into),
            s.status().map(|v| v.as_str().into()),
            s.status_code().map(|v| v.as_str().into()),
            s.status_message().map(Into::into),
            s.action_completion_strategy().map(|v| v.as_str().into()),
            Some(s.additional_security_requirements().iter().map(|v| v.as_str()).collect::<Vec<_>>().join(",")),
        ])
    }));
    lines
}

fn sdk_lines(output: &aws_sdk_mpa::operation::list_sessions::ListSessionsOutput) -> Vec<String> {
    use aws_sdk_mpa::operation::RequestId as _;
    let ts = |t: Option<&aws_sdk_mpa::primitives::DateTime>| t.map(|t| format!("{}.{:09}", t.secs(), t.subsec_nanos()));
    let mut lines = vec![format!("next={:?} request_id={:?}", output.next_token(), output.request_id())];
    lines.extend(output.sessions().iter().map(|s| {
        session_line([
            s.session_arn().map(Into::into),
            s.approval_team_name().map(Into::into),
            s.approval_team_arn().map(Into::into),
            ts(s.initiation_time()),
            ts(s.expiration_time()),
            ts(s.completion_time()),
            s.description().map(Into::into),
            s.action_name().map(Into::into),
            s.protected_resource_arn().map(Into::into),
            s.requester_service_principal().map(Into::into),
            s.requester_principal_arn().map(Into::into),
            s.requester_region().map(Into::into),
            s.requester_account_id().map(Into::into),
            s.status().map(|v| v.as_str().into()),
            s.status_code().map(|v| v.as_str().into()),
            s.status_message().map(Into::into),
            s.action_completion_strategy().map(|v| v.as_str().into()),
            Some(s.additional_security_requirements().iter().map(|v| v.as_str()).collect::<Vec<_>>().join(",")),
        ])
    }));
    lines
}

fn plain_lines(page: &plain::Page) -> Vec<String> {
    let ts = |t: Option<time::OffsetDateTime>| t.map(|t| format!("{}.{:09}", t.unix_timestamp(), t.nanosecond()));
    let mut lines = vec![format!("next={:?} request_id={:?}", page.next_token.as_deref(), Some(REQUEST_ID))];
    lines.extend(page.sessions.iter().flatten().map(|s| {
        session_line([
            s.session_arn.clone(),
            s.approval_team_name.clone(),
            s.approval_team_arn.clone(),
            ts(s.initiation_time),
            ts(s.expiration_time),
            ts(s.completion_time),
            s.description.clone(),
            s.action_name.clone(),
            s.protected_resource_arn.clone(),
            s.requester_service_principal.clone(),
            s.requester_principal_arn.clone(),
            s.requester_region.clone(),
            s.requester_account_id.clone(),
            s.status.clone(),
            s.status_code.clone(),
            s.status_message.clone(),
            s.action_completion_strategy.clone(),
            Some(s.additional_security_requirements.iter().flatten().cloned().collect::<Vec<_>>().join(",")),
        ])
    }));
    lines
}

/// Reads `body` with all three and fails unless they agree on every member of every session
/// (and every member is set), so that each benchmark does the same, complete work.
pub fn cross_check(body: &Bytes, sessions: usize) -> Result<(), String> {
    let ours = ours_lines(&ours_call(body));
    let sdk = sdk_lines(&Sdk::new(body.clone()).call());
    let plain = plain_lines(&plain::parse(body).map_err(|e| format!("serde-derive: {e}"))?);
    if ours.len() != sessions + 1 {
        return Err(format!("the generated crate read {} sessions, not {sessions}", ours.len() - 1));
    }
    if let Some(line) = ours.iter().skip(1).find(|l| l.split('|').any(|f| f == "-" || f.is_empty())) {
        return Err(format!("a member is not set: {line}"));
    }
    for (name, other) in [("aws-sdk-mpa", &sdk), ("serde-derive", &plain)] {
        if let Some((a, b)) = ours.iter().zip(other.iter()).find(|(a, b)| a != b) {
            return Err(format!("the generated crate and {name} disagree:\n  {a}\n  {b}"));
        }
        if ours.len() != other.len() {
            return Err(format!("the generated crate and {name} read different numbers of sessions"));
        }
    }
    Ok(())
}
