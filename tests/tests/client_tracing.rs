//! Tracing (feature `tracing`): both clients report a span per call and per attempt and
//! events for retries and credential refreshes, and never a secret. A subscriber written
//! here records every field of every span and event as text; the calls carry planted
//! secrets (secret access key, session token, a `@sensitive` input member) that must not
//! appear anywhere in it.

use mpa::client::credentials::CachingProvider;
use mpa::client::{Credentials, CredentialsError, Env, ProvideCredentials};
use mpa::operation::list_sessions::{ListSessions, ListSessionsInput};
use mpa::operation::tag_resource::{TagResource, TagResourceInput};
use mpa_tests::loopback::{Keys, Reply, Server};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";
const SECRET_KEY: &str = "PLANTEDsecretKEY";
const SESSION_TOKEN: &str = "PLANTEDsessionTOKEN";
const SENSITIVE_TAG: &str = "PLANTEDsensitiveTAG";

/// A span or an event as the subscriber saw it: every field as text.
#[derive(Debug, Clone)]
struct Seen {
    name: String,
    fields: BTreeMap<String, String>,
    /// The span it was opened in (for events: the span current when it happened).
    parent: Option<u64>,
}

#[derive(Default)]
struct Log {
    spans: Vec<Seen>,
    events: Vec<Seen>,
}

/// Records everything: spans (with later `record`s) and events, in order.
#[derive(Clone, Default)]
struct Recorder {
    log: Arc<Mutex<Log>>,
}

thread_local! {
    /// The spans entered on this thread, innermost last.
    static STACK: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Recorder {
    fn log(&self) -> std::sync::MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn current() -> Option<u64> {
        STACK.with(|stack| stack.borrow().last().copied())
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let parent = span.parent().map(Id::into_u64).or_else(|| if span.is_contextual() { Recorder::current() } else { None });
        let mut log = self.log();
        log.spans.push(Seen { name: span.metadata().name().to_owned(), fields, parent });
        Id::from_u64(log.spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut log = self.log();
        if let Some(seen) = log.spans.get_mut(span.into_u64() as usize - 1) {
            values.record(&mut Fields(&mut seen.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let parent = event.parent().map(Id::into_u64).or_else(Recorder::current);
        self.log().events.push(Seen { name: event.metadata().name().to_owned(), fields, parent });
    }

    fn enter(&self, span: &Id) {
        STACK.with(|stack| stack.borrow_mut().push(span.into_u64()));
    }

    fn exit(&self, span: &Id) {
        STACK.with(|stack| {
            let mut stack = stack.borrow_mut();
            if let Some(at) = stack.iter().rposition(|id| *id == span.into_u64()) {
                stack.remove(at);
            }
        });
    }
}

/// Temporary credentials with the planted secrets, expiring in an hour: the cache in front
/// refreshes them once, which it reports.
#[derive(Debug)]
struct PlantedCredentials;

impl ProvideCredentials for PlantedCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let credentials = Credentials::new("AKIDLOOPBACK", SECRET_KEY, Some(SESSION_TOKEN.to_owned()));
        Ok(credentials.expiring(SystemTime::now() + Duration::from_secs(3600)))
    }
}

fn keys() -> Keys {
    Keys { secret_access_key: SECRET_KEY.into(), session_token: Some(SESSION_TOKEN.into()), ..Keys::test() }
}

/// A server failing the first attempt (500), then answering ListSessions, then TagResource.
fn server() -> Server {
    let replies = vec![
        Reply::error(500, "InternalServerException", "try again"),
        Reply::json(200, r#"{"Sessions":[]}"#),
        Reply::json(200, "{}"),
    ];
    Server::start(replies, keys())
}

fn list_input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn(TEAM).build()
}

fn tag_input() -> TagResourceInput {
    TagResourceInput::builder().resource_arn(TEAM).tags("owner", SENSITIVE_TAG.to_owned()).build()
}

macro_rules! settings {
    ($builder:expr, $server:expr) => {
        $builder
            .env(Env::from_pairs::<&str, &str>([]))
            .region("us-east-1")
            .credentials_provider(CachingProvider::new(Box::new(PlantedCredentials)))
            .endpoint_url($server.url())
            .initial_backoff(Duration::from_millis(1))
    };
}

/// The planted secrets did travel (so their absence from the trace means something): the
/// token in every request, the sensitive tag in TagResource's body.
fn assert_planted_sent(server: &Server) {
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.header("x-amz-security-token") == Some(SESSION_TOKEN) && r.signature.is_ok()));
    assert!(String::from_utf8_lossy(&requests[2].body).contains(SENSITIVE_TAG));
}

fn field<'a>(seen: &'a Seen, name: &str) -> Option<&'a str> {
    seen.fields.get(name).map(String::as_str)
}

/// What both clients must have reported for the two calls.
fn check(log: &Log) {
    let everything = format!("{:?}{:?}", log.spans, log.events);
    for secret in [SECRET_KEY, SESSION_TOKEN, SENSITIVE_TAG] {
        assert!(!everything.contains(secret), "`{secret}` was traced: {everything}");
    }

    let operations: Vec<(usize, &Seen)> = log.spans.iter().enumerate().filter(|(_, s)| s.name == "operation").collect();
    let names: Vec<_> = operations.iter().map(|(_, s)| field(s, "operation")).collect();
    assert_eq!(names, [Some("ListSessions"), Some("TagResource")]);
    for (_, span) in &operations {
        assert_eq!((field(span, "service"), field(span, "region")), (Some("mpa"), Some("us-east-1")));
    }

    let attempts: Vec<&Seen> = log.spans.iter().filter(|s| s.name == "attempt").collect();
    let summary: Vec<_> = attempts
        .iter()
        .map(|s| (field(s, "attempt"), field(s, "status"), field(s, "request_id"), field(s, "retry"), field(s, "reason")))
        .collect();
    assert_eq!(
        summary,
        [
            (Some("1"), Some("500"), Some("req-500"), Some("retry"), Some("500 InternalServerException")),
            (Some("2"), Some("200"), Some("req-200"), Some("done"), None),
            (Some("1"), Some("200"), Some("req-200"), Some("done"), None),
        ]
    );
    // Each attempt is inside its call's span.
    let list_id = operations[0].0 as u64 + 1;
    let tag_id = operations[1].0 as u64 + 1;
    let parents: Vec<_> = attempts.iter().map(|s| s.parent).collect();
    assert_eq!(parents, [Some(list_id), Some(list_id), Some(tag_id)]);

    let retries: Vec<&Seen> = log.events.iter().filter(|e| field(e, "message") == Some("retrying")).collect();
    assert_eq!(retries.len(), 1, "{:?}", log.events);
    assert_eq!(field(retries[0], "reason"), Some("500 InternalServerException"));
    assert!(field(retries[0], "delay_ms").is_some_and(|d| d.parse::<u64>().is_ok()));

    let refreshes: Vec<&Seen> = log.events.iter().filter(|e| field(e, "message") == Some("credentials refreshed")).collect();
    assert_eq!(refreshes.len(), 1, "the cache refreshes once: {:?}", log.events);
    assert_eq!(field(refreshes[0], "source"), Some("explicit"));
    assert!(field(refreshes[0], "expires").is_some_and(|e| e.ends_with('Z') && e.contains('T')), "{:?}", refreshes[0]);
}

#[test]
fn the_blocking_client_traces_calls_attempts_retries_and_refreshes_without_secrets() {
    let server = server();
    let client = settings!(mpa::blocking::Client::builder(), server).build().expect("client");
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        client.call::<ListSessions>(&list_input()).expect("sessions");
        client.call::<TagResource>(&tag_input()).expect("tagged");
    });
    assert_planted_sent(&server);
    check(&recorder.log());
}

#[test]
fn the_async_client_traces_calls_attempts_retries_and_refreshes_without_secrets() {
    let server = server();
    let client = settings!(mpa::Client::builder(), server).build().expect("client");
    let recorder = Recorder::default();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    tracing::subscriber::with_default(recorder.clone(), || {
        runtime.block_on(async {
            client.call::<ListSessions>(&list_input()).await.expect("sessions");
            client.call::<TagResource>(&tag_input()).await.expect("tagged");
        });
    });
    assert_planted_sent(&server);
    check(&recorder.log());
}

#[test]
fn a_mocked_call_has_its_operation_span() {
    use mpa::client::mock::{Mock, Rule};
    let mock = Mock::new().rule(Rule::<TagResource>::new().output(|| mpa::operation::tag_resource::TagResourceOutput::builder().build()));
    let client = mpa::blocking::Client::from_mock(mock).expect("mock client");
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || client.call::<TagResource>(&tag_input()).expect("answered"));
    let log = recorder.log();
    let names: Vec<_> = log.spans.iter().map(|s| (s.name.as_str(), field(s, "operation"))).collect();
    assert_eq!(names, [("operation", Some("TagResource"))]);
    assert!(!format!("{:?}{:?}", log.spans, log.events).contains(SENSITIVE_TAG));
}

/// A provider that always fails, with the planted secret in hand (it must not leak into the
/// error it reports either).
#[derive(Debug)]
struct FailingCredentials;

impl ProvideCredentials for FailingCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let _held = Credentials::new("AKIDLOOPBACK", SECRET_KEY, Some(SESSION_TOKEN.to_owned()));
        Err(CredentialsError::failed("test provider", "the identity provider is down"))
    }
}

#[test]
fn a_failed_refresh_is_an_event_without_secrets() {
    let client = mpa::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region("us-east-1")
        .credentials_provider(CachingProvider::new(Box::new(FailingCredentials)))
        .endpoint_url(format!("http://127.0.0.1:{}", mpa_tests::loopback::closed_port()))
        .build()
        .expect("client");
    let recorder = Recorder::default();
    let result = tracing::subscriber::with_default(recorder.clone(), || client.call::<TagResource>(&tag_input()));
    assert!(matches!(result, Err(mpa::client::Error::Credentials(_))), "{result:?}");
    let log = recorder.log();
    let failures: Vec<&Seen> = log.events.iter().filter(|e| field(e, "message") == Some("credentials refresh failed")).collect();
    assert_eq!(failures.len(), 1, "{:?}", log.events);
    assert_eq!(field(failures[0], "kept_previous"), Some("false"));
    assert!(field(failures[0], "error").is_some_and(|e| e.contains("the identity provider is down")), "{:?}", failures[0]);
    let everything = format!("{:?}{:?}", log.spans, log.events);
    for secret in [SECRET_KEY, SESSION_TOKEN, SENSITIVE_TAG] {
        assert!(!everything.contains(secret), "`{secret}` was traced: {everything}");
    }
}
