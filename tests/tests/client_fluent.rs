//! Fluent calls on both clients against the loopback server: the members set on the
//! builder reach the request (`set_` clears or sets an optional member, `from_input` starts
//! from a whole input), `customize` changes one call's settings (an extra header the server
//! sees, one attempt where the client would retry), async calls and paginators are `Send`
//! and `'static` (spawned on a multi-threaded runtime), the async paginator is a
//! `futures_core::Stream`, and outputs and errors come apart without cloning. A required
//! member left unset does not compile: `trybuild/compile_fail/fluent_call_missing_required_member.rs`.

use futures_core::Stream;
use mpa::client::{Credentials, Env, Error};
use mpa::error::ValidationException;
use mpa::operation::list_sessions::{ListSessions, ListSessionsError, ListSessionsInput, ListSessionsOutput};
use mpa::paginate::PaginationError;
use mpa::types::ListSessionsResponseSession;
use mpa_tests::loopback::{Keys, Reply, Server};
use std::pin::Pin;
use std::time::Duration;

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

fn blocking(server: &Server) -> mpa::blocking::Client {
    let keys = Keys::test();
    mpa::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("blocking client")
}

fn async_client(server: &Server) -> mpa::Client {
    let keys = Keys::test();
    mpa::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("async client")
}

fn page(arns: &[&str], next: Option<&str>) -> Reply {
    let sessions: Vec<String> = arns.iter().map(|a| format!(r#"{{"SessionArn":"{a}"}}"#)).collect();
    let next = next.map_or(String::new(), |t| format!(r#","NextToken":"{t}""#));
    Reply::json(200, &format!(r#"{{"Sessions":[{}]{next}}}"#, sessions.join(",")))
}

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

fn bodies(server: &Server) -> Vec<String> {
    server.requests().iter().map(|r| String::from_utf8(r.body.clone()).unwrap()).collect()
}

fn arns(output: &ListSessionsOutput) -> Vec<&str> {
    output.sessions().iter().map(|s| s.session_arn().unwrap_or_default()).collect()
}

#[test]
fn the_blocking_fluent_call_sends_the_members_set_on_it() {
    let server = Server::start(vec![page(&["s-1"], None), page(&[], None), page(&[], None)], Keys::test());
    let client = blocking(&server);
    let output = client.list_sessions().approval_team_arn(TEAM).max_results(10).send().expect("output");
    assert_eq!(arns(&output), ["s-1"]);
    // `set_` clears what was set, and sets from an `Option`.
    client.list_sessions().approval_team_arn(TEAM).max_results(10).set_max_results(None).set_next_token(Some("t-1".into())).send().expect("output");
    // A whole input, then a member changed on top of it.
    let input = ListSessionsInput::builder().approval_team_arn(TEAM).max_results(3).build();
    client.list_sessions().from_input(input).max_results(4).send().expect("output");

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.signature.is_ok()), "{requests:?}");
    assert!(requests[0].target.starts_with("/approval-teams/arn%3Aaws%3Ampa"), "{}", requests[0].target);
    let bodies = bodies(&server);
    assert!(bodies[0].contains(r#""MaxResults":10"#), "{}", bodies[0]);
    assert!(!bodies[1].contains("MaxResults") && bodies[1].contains(r#""NextToken":"t-1""#), "{}", bodies[1]);
    assert!(bodies[2].contains(r#""MaxResults":4"#), "{}", bodies[2]);
}

#[test]
fn the_async_fluent_call_is_send_and_static_and_sends_the_members_set_on_it() {
    let server = Server::start(vec![page(&["s-1", "s-2"], None)], Keys::test());
    let client = async_client(&server);
    let call = client.list_sessions().approval_team_arn(TEAM).max_results(10).send();
    // Spawned on a multi-threaded runtime: the future is `Send` and `'static`.
    let output = multi_thread().block_on(async { tokio::spawn(call).await.expect("task") }).expect("output");
    assert_eq!(arns(&output), ["s-1", "s-2"]);
    assert!(bodies(&server)[0].contains(r#""MaxResults":10"#));
}

#[test]
fn customize_adds_a_header_that_is_signed_and_seen_by_the_server() {
    let server = Server::start(vec![page(&[], None), page(&[], None), page(&[], None)], Keys::test());
    blocking(&server).list_sessions().approval_team_arn(TEAM).customize(|c| c.header("x-trace", "blocking-7")).send().expect("blocking");
    let client = async_client(&server);
    multi_thread().block_on(client.list_sessions().approval_team_arn(TEAM).customize(|c| c.header("x-trace", "async-8")).send()).expect("async");
    // Settings belong to the one call: the next has no extra header.
    blocking(&server).list_sessions().approval_team_arn(TEAM).send().expect("plain");
    let requests = server.requests();
    assert_eq!(requests.iter().map(|r| r.header("x-trace")).collect::<Vec<_>>(), [Some("blocking-7"), Some("async-8"), None]);
    assert!(requests.iter().all(|r| r.signature.is_ok()), "{requests:?}");
}

#[test]
fn a_header_that_http_cannot_carry_fails_the_call_before_sending() {
    let server = Server::start(vec![], Keys::test());
    let error = blocking(&server).list_sessions().approval_team_arn(TEAM).customize(|c| c.header("bad name", "v")).send().unwrap_err();
    assert!(matches!(error, Error::Serialize(_)), "{error:?}");
    assert!(server.requests().is_empty());
}

#[test]
fn customize_max_attempts_1_stops_the_retry_the_client_would_make() {
    let busy = || Reply::error(503, "ServiceUnavailable", "busy");
    // The client's own setting (3 attempts) retries the 503.
    let server = Server::start(vec![busy(), page(&["s-1"], None)], Keys::test());
    blocking(&server).list_sessions().approval_team_arn(TEAM).send().expect("retried");
    assert_eq!(server.requests().len(), 2);

    let server = Server::start(vec![busy(), page(&["s-1"], None)], Keys::test());
    let error = blocking(&server).list_sessions().approval_team_arn(TEAM).customize(|c| c.max_attempts(1)).send().unwrap_err();
    assert!(matches!(&error, Error::Service(e) if e.code() == "ServiceUnavailable"), "{error:?}");
    assert_eq!(server.requests().len(), 1);

    let server = Server::start(vec![busy(), page(&["s-1"], None)], Keys::test());
    let client = async_client(&server);
    let error = multi_thread().block_on(client.list_sessions().approval_team_arn(TEAM).customize(|c| c.max_attempts(1)).send()).unwrap_err();
    assert!(matches!(&error, Error::Service(e) if e.code() == "ServiceUnavailable"), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

/// The pages' script: a repeated token (`t1` again on the third page).
fn repeating_script() -> Vec<Reply> {
    vec![page(&["s-1", "s-2"], Some("t1")), page(&["s-3"], Some("t2")), page(&["s-4"], Some("t1")), page(&["never"], None)]
}

/// What a listing gave, one entry per page or item: the ARNs, or the repeated token.
fn step<T, E: std::fmt::Debug>(result: Result<T, Error<PaginationError<E, std::convert::Infallible>>>, arns: impl Fn(T) -> Vec<String>) -> String {
    match result {
        Ok(value) => arns(value).join(","),
        Err(Error::Service(PaginationError::RepeatedToken(token))) => format!("repeated {token}"),
        Err(other) => format!("error {other:?}"),
    }
}

fn page_arns(output: ListSessionsOutput) -> Vec<String> {
    // Taken apart, not cloned: the page's sessions move out of it.
    output.sessions.unwrap_or_default().into_iter().map(item_arn).collect()
}

fn item_arn(session: ListSessionsResponseSession) -> String {
    session.session_arn.unwrap_or_default()
}

/// At most this many steps: a paginator that loops fails the test instead of hanging it.
const BOUND: usize = 10;

#[test]
fn the_blocking_fluent_paginator_gives_pages_and_items_and_stops_on_a_repeated_token() {
    let server = Server::start(repeating_script(), Keys::test());
    let pages = blocking(&server).list_sessions().approval_team_arn(TEAM).into_paginator().page_size(2).pages();
    let steps: Vec<String> = pages.take(BOUND).map(|p| step(p, page_arns)).collect();
    assert_eq!(steps, ["s-1,s-2", "s-3", "s-4", "repeated t1"]);
    assert_eq!(server.requests().len(), 3, "nothing follows the repeated token");
    let bodies = bodies(&server);
    assert!(bodies.iter().all(|b| b.contains(r#""MaxResults":2"#)), "{bodies:?}");
    assert!(bodies[2].contains(r#""NextToken":"t2""#), "{bodies:?}");

    let server = Server::start(repeating_script(), Keys::test());
    let items = blocking(&server).list_sessions().approval_team_arn(TEAM).into_paginator().items();
    let steps: Vec<String> = items.into_iter().take(BOUND).map(|i| step(i, |s| vec![item_arn(s)])).collect();
    assert_eq!(steps, ["s-1", "s-2", "s-3", "s-4", "repeated t1"]);
}

#[test]
fn the_fluent_paginator_carries_the_calls_settings_to_every_page() {
    let server = Server::start(vec![page(&["s-1"], Some("t1")), page(&["s-2"], None)], Keys::test());
    let pages = blocking(&server).list_sessions().approval_team_arn(TEAM).customize(|c| c.header("x-trace", "pages")).into_paginator();
    assert_eq!(pages.take(BOUND).filter(Result::is_ok).count(), 2);
    assert_eq!(server.requests().iter().map(|r| r.header("x-trace")).collect::<Vec<_>>(), [Some("pages"), Some("pages")]);
}

/// Polls a stream by hand to its end (at most `BOUND` items), with the runtime's waker.
async fn collect<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut out = Vec::new();
    while out.len() < BOUND {
        match std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            Some(item) => out.push(item),
            None => break,
        }
    }
    out
}

#[test]
fn the_async_fluent_paginator_is_a_stream_of_pages_and_items_spawned_on_a_multi_threaded_runtime() {
    let server = Server::start(repeating_script(), Keys::test());
    let client = async_client(&server);
    let pages = client.list_sessions().approval_team_arn(TEAM).into_paginator().page_size(2).pages();
    let steps = multi_thread().block_on(async { tokio::spawn(collect(pages)).await.expect("task") });
    let steps: Vec<String> = steps.into_iter().map(|p| step(p, page_arns)).collect();
    assert_eq!(steps, ["s-1,s-2", "s-3", "s-4", "repeated t1"]);
    assert_eq!(server.requests().len(), 3, "nothing follows the repeated token");
    assert!(bodies(&server).iter().all(|b| b.contains(r#""MaxResults":2"#)));

    let server = Server::start(repeating_script(), Keys::test());
    let client = async_client(&server);
    let items = client.list_sessions().approval_team_arn(TEAM).into_paginator().items();
    let steps = multi_thread().block_on(async { tokio::spawn(collect(items)).await.expect("task") });
    let steps: Vec<String> = steps.into_iter().map(|i| step(i, |s| vec![item_arn(s)])).collect();
    assert_eq!(steps, ["s-1", "s-2", "s-3", "s-4", "repeated t1"]);
}

#[test]
fn clients_fluent_builders_and_paginators_are_send_and_static() {
    fn send_static<T: Send + 'static>(_: &T) {}
    let server = Server::start(vec![], Keys::test());
    let client = async_client(&server);
    send_static(&client);
    send_static(&client.list_sessions().approval_team_arn(TEAM));
    send_static(&client.list_sessions().approval_team_arn(TEAM).send());
    send_static(&client.list_sessions().approval_team_arn(TEAM).into_paginator());
    send_static(&client.list_sessions().approval_team_arn(TEAM).into_paginator().items());
    send_static(&client.paginate::<ListSessions>(ListSessionsInput::builder().approval_team_arn(TEAM).build()));
    let blocking = blocking(&server);
    send_static(&blocking);
    send_static(&blocking.list_sessions().approval_team_arn(TEAM).into_paginator().items());
    assert!(server.requests().is_empty(), "nothing is sent until asked");
}

#[test]
fn outputs_and_errors_come_apart_without_cloning() {
    let server = Server::start(
        vec![page(&["s-1"], Some("t-9")), Reply::error(400, "ValidationException", "no such team")],
        Keys::test(),
    );
    let client = blocking(&server);
    let output = client.list_sessions().approval_team_arn(TEAM).send().expect("output");
    let ListSessionsOutput { sessions, next_token, .. } = output;
    assert_eq!(next_token.as_deref(), Some("t-9"));
    let first: ListSessionsResponseSession = sessions.unwrap_or_default().remove(0);
    assert_eq!(first.session_arn, Some("s-1".to_owned()));

    let error = client.list_sessions().approval_team_arn(TEAM).customize(|c| c.max_attempts(1)).send().unwrap_err();
    let Some(ListSessionsError::ValidationException(exception)) = error.into_service_error() else {
        panic!("a validation error");
    };
    // The request id stays readable through the accessor after the member moved out.
    assert_eq!(exception.request_id(), Some("req-400"));
    let ValidationException { message, .. } = exception;
    assert_eq!(message, "no such team");
}
