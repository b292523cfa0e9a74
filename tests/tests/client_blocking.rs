//! The blocking client against a loopback server that checks every signature with an
//! independent signer. Configuration is explicit (an empty environment), so nothing of the
//! machine's AWS_* variables or files is read.

use mpa::client::{BlockingTransport, Credentials, Env, Error, TransportError, TransportErrorKind, TransportSettings, UreqTransport};
use mpa::http;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use mpa::operation::create_identity_source::CreateIdentitySourceInput;
use mpa::operation::list_sessions::{ListSessions, ListSessionsError, ListSessionsInput};
use mpa::types::{IamIdentityCenter, IdentitySourceParameters};
use mpa_tests::loopback::{Keys, Reply, Server, closed_port};
use std::time::{Duration, Instant};

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

fn client(url: &str, keys: &Keys) -> mpa::blocking::Client {
    builder(url, keys).build().expect("client")
}

fn builder(url: &str, keys: &Keys) -> mpa::blocking::ClientBuilder {
    mpa::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, keys.session_token.clone()))
        .endpoint_url(url)
        .initial_backoff(Duration::from_millis(1))
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn(TEAM).build()
}

fn page(arns: &[&str], next: Option<&str>) -> Reply {
    let sessions: Vec<String> = arns.iter().map(|a| format!(r#"{{"SessionArn":"{a}","Status":"PENDING"}}"#)).collect();
    let next = next.map_or(String::new(), |t| format!(r#","NextToken":"{t}""#));
    Reply::json(200, &format!(r#"{{"Sessions":[{}]{next}}}"#, sessions.join(",")))
}

fn assert_signed(server: &Server) {
    for request in server.requests() {
        assert_eq!(request.signature, Ok(()), "{} {}", request.method, request.target);
    }
}

#[test]
fn one_call_is_signed_with_the_double_encoded_path() {
    let keys = Keys::test();
    let server = Server::start(vec![page(&["s-1", "s-2"], None)], keys.clone());
    let output = client(&server.url(), &keys).list_sessions().from_input(input()).send().expect("output");
    assert_eq!(output.sessions().len(), 2);
    assert_eq!(output.request_id(), Some("req-200"));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    // The ARN's `:` and `/` are encoded in the path; the canonical path encodes them again,
    // which the independent signer does too.
    assert!(request.target.starts_with("/approval-teams/arn%3Aaws%3Ampa%3Aus-east-1"), "{}", request.target);
    assert_eq!(request.signature, Ok(()));
    let authorization = request.header("authorization").unwrap();
    assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDLOOPBACK/"), "{authorization}");
    assert!(authorization.contains("/us-east-1/mpa/aws4_request"), "{authorization}");
    assert!(authorization.contains("SignedHeaders=content-length;content-type;host;x-amz-date"), "{authorization}");
    assert_eq!(request.header("x-amz-security-token"), None);
}

#[test]
fn three_pages_through_the_paginator() {
    let keys = Keys::test();
    let replies = vec![page(&["s-1", "s-2"], Some("t1")), page(&["s-3"], Some("t2")), page(&["s-4"], None)];
    let server = Server::start(replies, keys.clone());
    let client = client(&server.url(), &keys);
    let arns: Vec<String> = ListSessions::paginate(input(), &client)
        .items()
        .map(|item| item.expect("item").session_arn().unwrap().to_owned())
        .collect();
    assert_eq!(arns, ["s-1", "s-2", "s-3", "s-4"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let bodies: Vec<String> = requests.iter().map(|r| String::from_utf8(r.body.clone()).unwrap()).collect();
    assert!(!bodies[0].contains("NextToken"), "{}", bodies[0]);
    assert!(bodies[1].contains(r#""NextToken":"t1""#), "{}", bodies[1]);
    assert!(bodies[2].contains(r#""NextToken":"t2""#), "{}", bodies[2]);
    assert_signed(&server);
}

#[test]
fn server_errors_are_retried_with_the_same_body_signed_again() {
    let keys = Keys::test();
    let replies = vec![
        Reply::error(503, "ServiceUnavailable", "busy"),
        Reply::error(500, "InternalServerException", "oops"),
        page(&["s-1"], None),
    ];
    let server = Server::start(replies, keys.clone());
    let output = client(&server.url(), &keys).list_sessions().from_input(input()).send().expect("third attempt succeeds");
    assert_eq!(output.sessions().len(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.body == requests[0].body && r.target == requests[0].target));
    assert_signed(&server);
}

#[test]
fn throttling_is_retried() {
    let keys = Keys::test();
    let replies = vec![Reply::error(429, "ThrottlingException", "slow down"), page(&["s-1"], None)];
    let server = Server::start(replies, keys.clone());
    client(&server.url(), &keys).list_sessions().from_input(input()).send().expect("second attempt succeeds");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn retries_stop_at_max_attempts() {
    let keys = Keys::test();
    let replies = vec![Reply::error(503, "ServiceUnavailable", "busy"); 3];
    let server = Server::start(replies, keys.clone());
    let error = builder(&server.url(), &keys).max_attempts(2).build().unwrap().list_sessions().from_input(input()).send().unwrap_err();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(error.service_error().map(|e| e.code()), Some("ServiceUnavailable"));
}

#[test]
fn a_validation_error_is_not_retried_and_stays_typed() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::error(400, "ValidationException", "bad arn")], keys.clone());
    let error = client(&server.url(), &keys).list_sessions().from_input(input()).send().unwrap_err();
    assert_eq!(server.requests().len(), 1);
    assert!(error.to_string().contains("ValidationException"), "{error}");
    assert!(matches!(error, Error::Service(ListSessionsError::ValidationException(_))), "{error:?}");
}

#[test]
fn the_idempotency_token_is_the_same_on_every_attempt() {
    let keys = Keys::test();
    let replies = vec![Reply::error(503, "ServiceUnavailable", "busy"), Reply::json(200, r#"{"IdentitySourceArn":"arn:x"}"#)];
    let server = Server::start(replies, keys.clone());
    let input = CreateIdentitySourceInput::builder()
        .identity_source_parameters(
            IdentitySourceParameters::builder()
                .iam_identity_center(IamIdentityCenter::builder().instance_arn("arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6").region("us-east-1").build())
                .build(),
        )
        .build();
    client(&server.url(), &keys).create_identity_source().from_input(input).send().expect("second attempt succeeds");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let body = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(body.contains(r#""ClientToken":""#), "{body}");
    assert_eq!(requests[0].body, requests[1].body);
    assert_signed(&server);
}

#[test]
fn a_session_token_is_sent_and_signed() {
    let keys = Keys { session_token: Some("FwoGZXIvYXdzE//session+token=".into()), ..Keys::test() };
    let server = Server::start(vec![page(&[], None)], keys.clone());
    client(&server.url(), &keys).list_sessions().from_input(input()).send().expect("output");
    let request = &server.requests()[0];
    assert_eq!(request.header("x-amz-security-token"), keys.session_token.as_deref());
    assert!(request.header("authorization").unwrap().contains("x-amz-security-token"));
    assert_eq!(request.signature, Ok(()));
}

#[test]
fn a_server_that_never_answers_times_out() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::Silence(Duration::from_secs(3)); 2], keys.clone());
    let started = Instant::now();
    let client = builder(&server.url(), &keys).read_timeout(Duration::from_millis(200)).max_attempts(2).build().unwrap();
    let error = client.list_sessions().from_input(input()).send().unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    match error {
        Error::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Timeout, "{e}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 2, "timeouts are retried");
}

/// A transport of the user's own: here the default one, counting attempts.
#[derive(Debug)]
struct Counting {
    inner: UreqTransport,
    sent: Arc<AtomicUsize>,
}

impl BlockingTransport for Counting {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.sent.fetch_add(1, Ordering::SeqCst);
        self.inner.send(request)
    }
}

#[test]
fn connection_refused_is_retried_then_reported() {
    let keys = Keys::test();
    let url = format!("http://127.0.0.1:{}", closed_port());
    let sent = Arc::new(AtomicUsize::new(0));
    let transport = Counting { inner: UreqTransport::new(&TransportSettings::default()).unwrap(), sent: sent.clone() };
    let error = builder(&url, &keys).transport(transport).build().unwrap().list_sessions().from_input(input()).send().unwrap_err();
    assert_eq!(sent.load(Ordering::SeqCst), 3, "three attempts");
    match &error {
        Error::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Connect, "{e}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert!(error.to_string().starts_with("no response: connection failed"), "{error}");
}

#[test]
fn an_invalid_region_is_refused_by_name() {
    let keys = Keys::test();
    for region in ["us-east-1.evil.com", "us east 1", ""] {
        let error = builder("http://127.0.0.1:1", &keys).region(region).build().unwrap_err();
        assert!(error.to_string().contains(&format!("invalid region {region:?}")), "{error}");
    }
}

/// A transport that records the URI of what it is given and answers an empty page.
#[derive(Debug, Default, Clone)]
struct Recording(Arc<std::sync::Mutex<Vec<(String, String)>>>);

impl BlockingTransport for Recording {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let authorization = request.headers()["authorization"].to_str().unwrap().to_owned();
        self.0.lock().unwrap().push((request.uri().to_string(), authorization));
        Ok(http::Response::builder().status(200).body(br#"{"Sessions":[]}"#.to_vec()).unwrap())
    }
}

#[test]
fn without_an_endpoint_url_the_model_rules_choose_the_endpoint() {
    let keys = Keys::test();
    let cases = [
        ("us-west-2", false, "https://mpa.us-west-2.api.aws/approval-teams/"),
        ("us-west-2", true, "https://mpa-fips.us-west-2.api.aws/approval-teams/"),
        ("cn-north-1", false, "https://mpa.cn-north-1.api.amazonwebservices.com.cn/approval-teams/"),
    ];
    for (region, fips, expected) in cases {
        let recording = Recording::default();
        let client = mpa::blocking::Client::builder()
            .env(Env::from_pairs::<&str, &str>([]))
            .region(region)
            .use_fips(fips)
            .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
            .transport(recording.clone())
            .build()
            .unwrap();
        client.list_sessions().from_input(input()).send().expect("output");
        let (uri, authorization) = recording.0.lock().unwrap()[0].clone();
        assert!(uri.starts_with(expected), "{uri}");
        assert!(authorization.contains(&format!("/{region}/mpa/aws4_request")), "{authorization}");
    }
}

#[test]
fn fips_with_a_custom_endpoint_is_refused_by_the_rules() {
    let keys = Keys::test();
    let error = builder("http://127.0.0.1:1", &keys).use_fips(true).build().unwrap_err();
    assert!(error.to_string().contains("FIPS"), "{error}");
}
