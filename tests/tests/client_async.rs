//! The async client against the loopback server (signatures checked independently), on a
//! tokio runtime. Configuration is explicit (an empty environment).

use mpa::client::{Credentials, Env, Error, TransportErrorKind};
use mpa::operation::list_sessions::{ListSessions, ListSessionsError, ListSessionsInput};
use mpa_tests::loopback::{Keys, Reply, Server, closed_port};
use std::time::{Duration, Instant};

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

fn builder(url: &str, keys: &Keys) -> mpa::client::ClientBuilder {
    mpa::Client::builder()
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
    let sessions: Vec<String> = arns.iter().map(|a| format!(r#"{{"SessionArn":"{a}"}}"#)).collect();
    let next = next.map_or(String::new(), |t| format!(r#","NextToken":"{t}""#));
    Reply::json(200, &format!(r#"{{"Sessions":[{}]{next}}}"#, sessions.join(",")))
}

#[tokio::test]
async fn one_call() {
    let keys = Keys::test();
    let server = Server::start(vec![page(&["s-1"], None)], keys.clone());
    let client = builder(&server.url(), &keys).build().unwrap();
    let output = client.list_sessions().from_input(input()).send().await.expect("output");
    assert_eq!(output.sessions().len(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].signature, Ok(()));
    assert!(requests[0].target.contains("arn%3Aaws%3Ampa"), "{}", requests[0].target);
}

#[tokio::test]
async fn three_pages_as_pages_and_items() {
    let keys = Keys::test();
    let replies = vec![page(&["s-1", "s-2"], Some("t1")), page(&["s-3"], Some("t2")), page(&["s-4"], None)];
    let server = Server::start(replies, keys.clone());
    let client = builder(&server.url(), &keys).build().unwrap();
    let mut items = client.paginate::<ListSessions>(input()).items();
    let mut arns = Vec::new();
    while let Some(item) = items.next().await {
        arns.push(item.expect("item").session_arn().unwrap().to_owned());
        assert!(arns.len() <= 4, "bounded");
    }
    assert_eq!(arns, ["s-1", "s-2", "s-3", "s-4"]);
    assert_eq!(server.requests().len(), 3);
    assert!(server.requests().iter().all(|r| r.signature == Ok(())));
    // One connection, kept alive from page to page.
    assert!(server.requests().iter().all(|r| r.connection == 0), "{:?}", server.requests());
}

#[tokio::test]
async fn a_connection_the_server_dropped_is_not_reused() {
    let keys = Keys::test();
    let replies = vec![Reply::Closing(Box::new(page(&["s-1"], None))), page(&["s-2"], None)];
    let server = Server::start(replies, keys.clone());
    // One attempt only: the second call must not need a retry to find a live connection.
    let client = builder(&server.url(), &keys).max_attempts(1).build().unwrap();
    client.list_sessions().from_input(input()).send().await.expect("first call");
    // Time for the connection's task to see the server's close, as an idle connection has.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let output = client.list_sessions().from_input(input()).send().await.expect("second call, on a new connection");
    assert_eq!(output.sessions()[0].session_arn(), Some("s-2"));
    let connections: Vec<usize> = server.requests().iter().map(|r| r.connection).collect();
    assert_eq!(connections, [0, 1]);
}

#[tokio::test]
async fn server_errors_then_success_with_identical_bodies() {
    let keys = Keys::test();
    let replies = vec![
        Reply::error(503, "ServiceUnavailable", "busy"),
        Reply::error(500, "InternalServerException", "oops"),
        page(&["s-1"], None),
    ];
    let server = Server::start(replies, keys.clone());
    let client = builder(&server.url(), &keys).build().unwrap();
    client.list_sessions().from_input(input()).send().await.expect("third attempt succeeds");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.body == requests[0].body && r.signature == Ok(())));
}

#[tokio::test]
async fn throttling_then_success() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::error(429, "ThrottlingException", "slow"), page(&[], None)], keys.clone());
    builder(&server.url(), &keys).build().unwrap().list_sessions().from_input(input()).send().await.expect("retried");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn validation_error_once_and_typed() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::error(400, "ValidationException", "bad")], keys.clone());
    let error = builder(&server.url(), &keys).build().unwrap().list_sessions().from_input(input()).send().await.unwrap_err();
    assert_eq!(server.requests().len(), 1);
    assert!(error.to_string().starts_with("ValidationException"), "{error}");
    assert!(matches!(error, Error::Service(ListSessionsError::ValidationException(_))));
}

#[tokio::test]
async fn session_token_is_signed() {
    let keys = Keys { session_token: Some("session/token+1".into()), ..Keys::test() };
    let server = Server::start(vec![page(&[], None)], keys.clone());
    builder(&server.url(), &keys).build().unwrap().list_sessions().from_input(input()).send().await.expect("output");
    let request = &server.requests()[0];
    assert_eq!(request.header("x-amz-security-token"), Some("session/token+1"));
    assert_eq!(request.signature, Ok(()));
}

#[tokio::test]
async fn silence_times_out() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::Silence(Duration::from_secs(3))], keys.clone());
    let client = builder(&server.url(), &keys).read_timeout(Duration::from_millis(200)).max_attempts(1).build().unwrap();
    let started = Instant::now();
    let error = client.list_sessions().from_input(input()).send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    match error {
        Error::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Timeout, "{e}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let keys = Keys::test();
    let url = format!("http://127.0.0.1:{}", closed_port());
    let error = builder(&url, &keys).build().unwrap().list_sessions().from_input(input()).send().await.unwrap_err();
    match error {
        Error::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Connect, "{e}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
}
