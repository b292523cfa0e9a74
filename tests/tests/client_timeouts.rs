//! The attempt and operation timeouts of both clients against the loopback server, whose
//! `Reply::Silence` holds a connection without answering. Assertions are on what the server
//! saw and on the error, never on elapsed time. Configuration is explicit (an empty
//! environment).

use mpa::client::{AttemptDeadline, BlockingTransport, Credentials, Env, Error, ExpiredTimeout, TransportError, TransportErrorKind};
use mpa::http;
use mpa::operation::list_sessions::{ListSessionsError, ListSessionsInput};
use mpa_tests::loopback::{Keys, Reply, Server};
use std::time::Duration;

const ATTEMPT: Duration = Duration::from_millis(200);
const OPERATION: Duration = Duration::from_millis(700);
/// An operation timeout that only a call waiting out the silence would reach.
const WATCHDOG: Duration = Duration::from_secs(3);
/// Longer than any call here: a silent server outlives the timeouts under test (when it
/// ends, the server closes the connection, which a client would take as a broken
/// connection, not a timeout).
const SILENCE: Duration = Duration::from_secs(5);

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

fn page() -> Reply {
    Reply::json(200, r#"{"Sessions":[{"SessionArn":"s-1"}]}"#)
}

fn credentials(keys: &Keys) -> Credentials {
    Credentials::new(&keys.access_key_id, &keys.secret_access_key, keys.session_token.clone())
}

/// Both clients' builders share the setters: one macro sets them the same way on each.
macro_rules! configured {
    ($builder:expr, $server:expr, $keys:expr) => {
        $builder
            .env(Env::from_pairs::<&str, &str>([]))
            .region($keys.region.clone())
            .credentials(credentials(&$keys))
            .endpoint_url($server.url())
            .initial_backoff(Duration::from_millis(1))
            // Far beyond the attempt timeout: only the client's own timeouts end an attempt.
            .read_timeout(Duration::from_secs(30))
    };
}

fn blocking(server: &Server, keys: &Keys) -> mpa::blocking::ClientBuilder {
    configured!(mpa::blocking::Client::builder(), server, keys)
}

fn async_builder(server: &Server, keys: &Keys) -> mpa::client::ClientBuilder {
    configured!(mpa::Client::builder(), server, keys)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// The call's error is the transport's, a timeout, reporting `expected`.
fn assert_expired(error: Error<ListSessionsError>, expected: ExpiredTimeout) {
    let Error::Transport(error) = error else { panic!("expected a timeout, got {error:?}") };
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert_eq!(error.expired_timeout(), Some(expected), "{error}");
    let (name, value) = match expected {
        ExpiredTimeout::Attempt(limit) => ("attempt", limit),
        ExpiredTimeout::Operation(limit) => ("operation", limit),
        other => panic!("unexpected {other:?}"),
    };
    assert!(error.to_string().contains(&format!("the {name} timeout of {value:?} expired")), "{error}");
}

#[test]
fn blocking_an_attempt_timeout_ends_a_silent_attempt_and_the_retry_succeeds() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::Silence(SILENCE), page()], keys.clone());
    // Without the attempt timeout, the first attempt would wait out the silence, and the
    // operation timeout would end the call first.
    let client = blocking(&server, &keys).attempt_timeout(ATTEMPT).operation_timeout(WATCHDOG).build().unwrap();
    let output = client.list_sessions().from_input(input()).send().expect("the second attempt answers");
    assert_eq!(output.sessions().len(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn async_an_attempt_timeout_ends_a_silent_attempt_and_the_retry_succeeds() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::Silence(SILENCE), page()], keys.clone());
    let client = async_builder(&server, &keys).attempt_timeout(ATTEMPT).operation_timeout(WATCHDOG).build().unwrap();
    let output = runtime().block_on(client.list_sessions().from_input(input()).send()).expect("the second attempt answers");
    assert_eq!(output.sessions().len(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn blocking_the_last_attempt_timing_out_reports_the_attempt_timeout() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::Silence(SILENCE)], keys.clone());
    let client = blocking(&server, &keys).attempt_timeout(ATTEMPT).max_attempts(1).build().unwrap();
    assert_expired(client.list_sessions().from_input(input()).send().unwrap_err(), ExpiredTimeout::Attempt(ATTEMPT));
}

#[test]
fn async_the_last_attempt_timing_out_reports_the_attempt_timeout() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::Silence(SILENCE)], keys.clone());
    let client = async_builder(&server, &keys).attempt_timeout(ATTEMPT).max_attempts(1).build().unwrap();
    let error = runtime().block_on(client.list_sessions().from_input(input()).send()).unwrap_err();
    assert_expired(error, ExpiredTimeout::Attempt(ATTEMPT));
}

/// Ten silent replies, ten attempts allowed, each cut at 200 ms: the 700 ms operation
/// timeout ends the call after a few of them.
fn silent_server(keys: &Keys) -> Server {
    Server::start(vec![Reply::Silence(SILENCE); 10], keys.clone())
}

fn assert_stopped_by_the_operation_timeout(server: &Server) {
    let sent = server.requests().len();
    assert!(sent >= 2, "attempt timeouts are retried within the operation timeout: {sent} attempts");
    assert!(sent < 10, "the operation timeout stops the retries: {sent} attempts");
}

#[test]
fn blocking_an_operation_timeout_stops_the_call_across_retries() {
    let keys = Keys::test();
    let server = silent_server(&keys);
    let client = blocking(&server, &keys).attempt_timeout(ATTEMPT).operation_timeout(OPERATION).max_attempts(10).build().unwrap();
    assert_expired(client.list_sessions().from_input(input()).send().unwrap_err(), ExpiredTimeout::Operation(OPERATION));
    assert_stopped_by_the_operation_timeout(&server);
}

#[test]
fn async_an_operation_timeout_stops_the_call_across_retries() {
    let keys = Keys::test();
    let server = silent_server(&keys);
    let client = async_builder(&server, &keys).attempt_timeout(ATTEMPT).operation_timeout(OPERATION).max_attempts(10).build().unwrap();
    let error = runtime().block_on(client.list_sessions().from_input(input()).send()).unwrap_err();
    assert_expired(error, ExpiredTimeout::Operation(OPERATION));
    assert_stopped_by_the_operation_timeout(&server);
}

#[test]
fn blocking_an_operation_timeout_alone_bounds_a_silent_attempt() {
    // No attempt timeout: the operation's deadline is the attempt's, which the transport
    // honours (one attempt: were the deadline ignored, the call would end with the broken
    // connection when the silence ends).
    let keys = Keys::test();
    let server = silent_server(&keys);
    let client = blocking(&server, &keys).operation_timeout(ATTEMPT).max_attempts(1).build().unwrap();
    assert_expired(client.list_sessions().from_input(input()).send().unwrap_err(), ExpiredTimeout::Operation(ATTEMPT));
    assert_eq!(server.requests().len(), 1);
}

/// A blocking transport that answers at once, keeping each request's deadline.
#[derive(Debug, Default)]
struct Deadlines(std::sync::Mutex<Vec<Option<AttemptDeadline>>>);

impl BlockingTransport for &'static Deadlines {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.0.lock().unwrap().push(request.extensions().get::<AttemptDeadline>().copied());
        Ok(http::Response::new(br#"{"Sessions":[]}"#.to_vec()))
    }
}

#[test]
fn a_custom_blocking_transport_gets_the_sooner_deadline_in_the_extensions() {
    let keys = Keys::test();
    let server = Server::start(vec![], keys.clone());
    let deadlines: &'static Deadlines = Box::leak(Box::default());
    let call = |builder: mpa::blocking::ClientBuilder| builder.transport(deadlines).build().unwrap().list_sessions().from_input(input()).send().unwrap();
    call(blocking(&server, &keys));
    call(blocking(&server, &keys).attempt_timeout(ATTEMPT).operation_timeout(WATCHDOG));
    call(blocking(&server, &keys).attempt_timeout(WATCHDOG).operation_timeout(OPERATION));
    let seen: Vec<_> = deadlines.0.lock().unwrap().iter().map(|d| d.map(|d| (d.timeout(), d.remaining() <= d.timeout().duration()))).collect();
    assert_eq!(
        seen,
        [None, Some((ExpiredTimeout::Attempt(ATTEMPT), true)), Some((ExpiredTimeout::Operation(OPERATION), true))]
    );
    assert!(server.requests().is_empty(), "the custom transport sent everything");
}

#[test]
fn the_timeouts_are_none_by_default_and_set_on_the_shared_configuration() {
    let keys = Keys::test();
    let config = || mpa::client::Config::builder().env(Env::from_pairs::<&str, &str>([])).region("us-east-1").credentials(credentials(&keys));
    let defaults = config().build().unwrap();
    assert_eq!((defaults.attempt_timeout(), defaults.operation_timeout()), (None, None));
    let set = config().attempt_timeout(ATTEMPT).operation_timeout(OPERATION).build().unwrap();
    assert_eq!((set.attempt_timeout(), set.operation_timeout()), (Some(ATTEMPT), Some(OPERATION)));
}

#[test]
fn a_calls_own_timeouts_replace_the_clients_on_both_clients() {
    let keys = Keys::test();
    // The client waits out no silence of its own (WATCHDOG only); the call's operation
    // timeout ends it, and is the one the error reports.
    let server = Server::start(vec![Reply::Silence(SILENCE)], keys.clone());
    let client = blocking(&server, &keys).operation_timeout(WATCHDOG).build().unwrap();
    let error = client.list_sessions().from_input(input()).customize(|c| c.operation_timeout(OPERATION)).send().unwrap_err();
    assert_expired(error, ExpiredTimeout::Operation(OPERATION));

    // The call's attempt timeout, with one attempt: the attempt's timeout, not retried.
    let server = Server::start(vec![Reply::Silence(SILENCE), page()], keys.clone());
    let client = async_builder(&server, &keys).operation_timeout(WATCHDOG).build().unwrap();
    let call = client.list_sessions().from_input(input()).customize(|c| c.attempt_timeout(ATTEMPT).max_attempts(1)).send();
    assert_expired(runtime().block_on(call).unwrap_err(), ExpiredTimeout::Attempt(ATTEMPT));
    assert_eq!(server.requests().len(), 1, "one attempt: the call does not retry into the page that follows");
}
