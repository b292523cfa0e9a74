//! The paginators of both clients behave alike against the loopback server: the same pages
//! and items, the same errors at the same places (a repeated token yields the page that
//! carried it, then the error, then nothing), and both build their requests with the client's
//! configured `SerializeOptions`. The blocking client pages through `ListSessions::paginate`
//! (the client as the transport) and `Client::paginate`; the async one through
//! `Client::paginate`. (The fluent calls' `into_paginator()`: `client_fluent.rs`.) Configuration is explicit (an empty environment).

use mpa::SerializeOptions;
use mpa::client::{Credentials, Env, Error};
use mpa::operation::list_sessions::{ListSessions, ListSessionsInput};
use mpa::paginate::PaginationError;
use mpa_tests::loopback::{Keys, Reply, Server};
use std::fmt::Debug;
use std::time::Duration;

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn(TEAM).build()
}

fn page(arns: &[&str], next: Option<&str>) -> Reply {
    let sessions: Vec<String> = arns.iter().map(|a| format!(r#"{{"SessionArn":"{a}"}}"#)).collect();
    let next = next.map_or(String::new(), |t| format!(r#","NextToken":"{t}""#));
    Reply::json(200, &format!(r#"{{"Sessions":[{}]{next}}}"#, sessions.join(",")))
}

fn blocking(server: &Server, options: Option<SerializeOptions>) -> mpa::blocking::Client {
    let keys = Keys::test();
    let mut builder = mpa::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1));
    if let Some(options) = options {
        builder = builder.serialize_options(options);
    }
    builder.build().expect("blocking client")
}

fn async_client(server: &Server, options: Option<SerializeOptions>) -> mpa::Client {
    let keys = Keys::test();
    let mut builder = mpa::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1));
    if let Some(options) = options {
        builder = builder.serialize_options(options);
    }
    builder.build().expect("async client")
}

/// One step of a listing, the same for both clients whatever their error types.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// A page's session ARNs, or one item's.
    Ok(Vec<String>),
    RepeatedToken(String),
    /// An input the paginator refused to send: the member named.
    Invalid(Option<String>),
    Other(String),
}

fn arns(output: &mpa::operation::list_sessions::ListSessionsOutput) -> Vec<String> {
    output.sessions().iter().map(|s| s.session_arn().unwrap_or_default().to_owned()).collect()
}

fn blocking_step<E: Debug>(error: PaginationError<E, Error<std::convert::Infallible>>) -> Step {
    match error {
        PaginationError::RepeatedToken(token) => Step::RepeatedToken(token),
        PaginationError::Serialize(e) => Step::Invalid(e.member().map(str::to_owned)),
        other => Step::Other(format!("{other:?}")),
    }
}

fn async_step<E: Debug>(error: Error<PaginationError<E, std::convert::Infallible>>) -> Step {
    match error {
        Error::Service(PaginationError::RepeatedToken(token)) => Step::RepeatedToken(token),
        Error::Serialize(e) => Step::Invalid(e.member().map(str::to_owned)),
        other => Step::Other(format!("{other:?}")),
    }
}

/// At most this many steps: a paginator that loops fails the test instead of hanging it.
const BOUND: usize = 10;

fn blocking_pages(server: &Server, options: Option<SerializeOptions>, size: Option<i32>) -> Vec<Step> {
    let client = blocking(server, options);
    let mut pages = ListSessions::paginate(input(), &client);
    if let Some(size) = size {
        pages = pages.page_size(size);
    }
    pages.take(BOUND).map(|page| page.map_or_else(blocking_step, |p| Step::Ok(arns(&p)))).collect()
}

fn blocking_client_pages(server: &Server, options: Option<SerializeOptions>, size: Option<i32>) -> Vec<Step> {
    let client = blocking(server, options);
    let mut pages = client.paginate::<ListSessions>(input());
    if let Some(size) = size {
        pages = pages.page_size(size);
    }
    // The client's own paginator: typed calls, errors as the async client's.
    pages.take(BOUND).map(|page| page.map_or_else(async_step, |p| Step::Ok(arns(&p)))).collect()
}

/// A listing of pages through one client: the client's options, the page size.
type Listing = fn(&Server, Option<SerializeOptions>, Option<i32>) -> Vec<Step>;

/// Every way to list pages: the blocking client as a transport and its own `paginate`, and
/// the async client.
fn listings() -> [(&'static str, Listing); 3] {
    [("blocking, client as transport", blocking_pages), ("blocking, Client::paginate", blocking_client_pages), ("async", async_pages)]
}

fn blocking_items(server: &Server) -> Vec<Step> {
    let client = blocking(server, None);
    let items = ListSessions::paginate(input(), &client).items();
    items.take(BOUND).map(|item| item.map_or_else(blocking_step, |s| Step::Ok(vec![s.session_arn().unwrap_or_default().to_owned()]))).collect()
}

fn async_pages(server: &Server, options: Option<SerializeOptions>, size: Option<i32>) -> Vec<Step> {
    let client = async_client(server, options);
    runtime().block_on(async {
        let mut pages = client.paginate::<ListSessions>(input());
        if let Some(size) = size {
            pages = pages.page_size(size);
        }
        let mut steps = Vec::new();
        while let Some(page) = pages.next_page().await {
            steps.push(page.map_or_else(async_step, |p| Step::Ok(arns(&p))));
            if steps.len() == BOUND {
                break;
            }
        }
        steps
    })
}

fn async_items(server: &Server) -> Vec<Step> {
    let client = async_client(server, None);
    runtime().block_on(async {
        let mut items = client.paginate::<ListSessions>(input()).items();
        let mut steps = Vec::new();
        while let Some(item) = items.next().await {
            steps.push(item.map_or_else(async_step, |s| Step::Ok(vec![s.session_arn().unwrap_or_default().to_owned()])));
            if steps.len() == BOUND {
                break;
            }
        }
        steps
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn ok(arns: &[&str]) -> Step {
    Step::Ok(arns.iter().map(|a| (*a).to_owned()).collect())
}

/// A fresh server per listing, each with the same script.
fn serve(script: &[Reply]) -> Server {
    Server::start(script.to_vec(), Keys::test())
}

fn bodies(server: &Server) -> Vec<String> {
    server.requests().iter().map(|r| String::from_utf8(r.body.clone()).unwrap()).collect()
}

#[test]
fn a_repeated_token_yields_its_page_then_the_error_in_both_clients() {
    // The third page, fetched with the new token `t2`, carries `t1` again.
    let script = [page(&["s-1"], Some("t1")), page(&["s-2"], Some("t2")), page(&["s-3"], Some("t1")), page(&["never"], None)];
    let expected = vec![ok(&["s-1"]), ok(&["s-2"]), ok(&["s-3"]), Step::RepeatedToken("t1".into())];
    let listings = listings();
    for (name, listing) in listings {
        let server = serve(&script);
        assert_eq!(listing(&server, None, None), expected, "{name}");
        assert_eq!(server.requests().len(), 3, "{name}: no request follows the repeated token");
        assert!(bodies(&server)[2].contains(r#""NextToken":"t2""#), "{name}: {:?}", bodies(&server));
    }

    // Items: the repeated page's items, then the error.
    let expected = vec![ok(&["s-1"]), ok(&["s-2"]), ok(&["s-3"]), Step::RepeatedToken("t1".into())];
    let server = serve(&script);
    assert_eq!(blocking_items(&server), expected, "blocking items");
    let server = serve(&script);
    assert_eq!(async_items(&server), expected, "async items");
}

#[test]
fn a_page_that_returns_the_token_it_was_fetched_with_is_yielded_once_in_both_clients() {
    let script = [page(&["s-1", "s-2"], Some("same")), page(&["s-3"], Some("same")), page(&["never"], None)];
    let expected = vec![ok(&["s-1", "s-2"]), ok(&["s-3"]), Step::RepeatedToken("same".into())];
    let server = serve(&script);
    assert_eq!(blocking_pages(&server, None, None), expected, "blocking");
    assert_eq!(server.requests().len(), 2);
    let server = serve(&script);
    assert_eq!(async_pages(&server, None, None), expected, "async");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn the_clients_serialize_options_reach_the_paginators() {
    // MaxResults is 1 to 20 in the model; a client told not to validate sends 50 anyway, as
    // a direct call does.
    let script = [page(&["s-1"], Some("t1")), page(&["s-2"], None)];
    let lenient = Some(SerializeOptions::default().validate(false));
    let expected = vec![ok(&["s-1"]), ok(&["s-2"])];
    let listings = listings();
    for (name, listing) in listings {
        let server = serve(&script);
        assert_eq!(listing(&server, lenient, Some(50)), expected, "{name}");
        let bodies = bodies(&server);
        assert_eq!(bodies.len(), 2, "{name}");
        assert!(bodies.iter().all(|b| b.contains(r#""MaxResults":50"#)), "{name}: {bodies:?}");

        // The default options validate: the same listing is refused before anything is sent.
        let server = serve(&script);
        assert_eq!(listing(&server, None, Some(50)), [Step::Invalid(Some("MaxResults".into()))], "{name}");
        assert_eq!(server.connections(), 0, "{name}");
    }
}

#[test]
fn options_given_to_a_paginator_win_over_the_clients() {
    let script = [page(&["s-1"], None)];
    let client_options = Some(SerializeOptions::default().validate(false));
    let strict = SerializeOptions::default();

    let server = serve(&script);
    let client = blocking(&server, client_options);
    let steps: Vec<Step> =
        ListSessions::paginate(input(), &client).page_size(50).options(strict).map(|p| p.map_or_else(blocking_step, |p| Step::Ok(arns(&p)))).collect();
    assert_eq!(steps, [Step::Invalid(Some("MaxResults".into()))]);

    let client = async_client(&server, client_options);
    let steps = runtime().block_on(async {
        let mut pages = client.paginate::<ListSessions>(input()).page_size(50).options(strict);
        let mut steps = Vec::new();
        while let Some(page) = pages.next_page().await {
            steps.push(page.map_or_else(async_step, |p| Step::Ok(arns(&p))));
        }
        steps
    });
    assert_eq!(steps, [Step::Invalid(Some("MaxResults".into()))]);
    assert!(server.requests().is_empty());
}
