//! The `adaptive` retry mode: read from the builder, `AWS_RETRY_MODE` or the profile's
//! `retry_mode`, and in both clients a limiter that throttling responses turn on and lower
//! (watched through the clients' `send_rate_limit`). The limiter's arithmetic is tested in
//! the runtime (`client/retry/adaptive/tests.rs`); here, that the clients feed it.

use mpa::client::{Config, ConfigError, Credentials, Env, Error, RetryMode};
use mpa::operation::list_sessions::{ListSessionsError, ListSessionsInput};
use mpa_tests::loopback::{Keys, Reply, Server};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

fn credentials(keys: &Keys) -> Credentials {
    Credentials::new(&keys.access_key_id, &keys.secret_access_key, keys.session_token.clone())
}

fn throttling() -> Reply {
    Reply::error(400, "ThrottlingException", "slow down")
}

fn too_many_requests() -> Reply {
    Reply::json(429, r#"{"message":"too many requests"}"#)
}

/// The settings from these variables alone (with a region and credentials).
fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::builder().env(Env::from_pairs(vars.iter().copied())).region("us-east-1").credentials(credentials(&Keys::test())).build()
}

fn temp_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("mpa-adaptive-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A shared config file with this `[default]` profile.
fn config_file(profile: &str) -> PathBuf {
    let path = temp_dir().join("config");
    std::fs::write(&path, format!("[default]\n{profile}\n")).unwrap();
    path
}

#[test]
fn the_mode_comes_from_aws_retry_mode_in_any_case() {
    assert_eq!(config(&[]).unwrap().retry().mode, RetryMode::Standard);
    assert_eq!(config(&[("AWS_RETRY_MODE", "adaptive")]).unwrap().retry().mode, RetryMode::Adaptive);
    assert_eq!(config(&[("AWS_RETRY_MODE", "Adaptive")]).unwrap().retry().mode, RetryMode::Adaptive);
    assert_eq!(config(&[("AWS_RETRY_MODE", "STANDARD")]).unwrap().retry().mode, RetryMode::Standard);
    // The SDKs' former default is still valid input: read as standard.
    assert_eq!(config(&[("AWS_RETRY_MODE", "legacy")]).unwrap().retry().mode, RetryMode::Standard);
}

#[test]
fn the_mode_comes_from_the_profile_unless_the_environment_or_the_builder_says() {
    let file = config_file("retry_mode = adaptive");
    let file = file.to_str().unwrap();
    assert_eq!(config(&[("AWS_CONFIG_FILE", file)]).unwrap().retry().mode, RetryMode::Adaptive);
    let env_first = config(&[("AWS_CONFIG_FILE", file), ("AWS_RETRY_MODE", "standard")]).unwrap();
    assert_eq!(env_first.retry().mode, RetryMode::Standard);
    let builder = Config::builder()
        .env(Env::from_pairs([("AWS_CONFIG_FILE", file), ("AWS_RETRY_MODE", "adaptive")]))
        .region("us-east-1")
        .credentials(credentials(&Keys::test()))
        .retry_mode(RetryMode::Standard)
        .build()
        .unwrap();
    assert_eq!(builder.retry().mode, RetryMode::Standard);
}

#[test]
fn an_unknown_mode_is_refused_naming_where_it_came_from() {
    let error = config(&[("AWS_RETRY_MODE", "bogus")]).unwrap_err().to_string();
    assert!(error.contains("retry mode `bogus` (from the environment variable AWS_RETRY_MODE)"), "{error}");
    let file = config_file("retry_mode = sometimes");
    let error = config(&[("AWS_CONFIG_FILE", file.to_str().unwrap())]).unwrap_err().to_string();
    assert!(error.contains("retry mode `sometimes` (from `retry_mode` of the profile `default`)"), "{error}");
}

/// The environment of a client of `server` in the adaptive mode, with one attempt a call:
/// each throttling response comes back as the call's error.
fn adaptive_env(server: &Server) -> Env {
    let keys = Keys::test();
    Env::from_pairs([
        ("AWS_RETRY_MODE".to_owned(), "adaptive".to_owned()),
        ("AWS_MAX_ATTEMPTS".to_owned(), "1".to_owned()),
        ("AWS_REGION".to_owned(), keys.region),
        ("AWS_ENDPOINT_URL".to_owned(), server.url()),
        ("AWS_ACCESS_KEY_ID".to_owned(), keys.access_key_id),
        ("AWS_SECRET_ACCESS_KEY".to_owned(), keys.secret_access_key),
        ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
    ])
}

/// The call ended with the service's (throttling) error.
fn assert_throttled(result: Result<mpa::operation::list_sessions::ListSessionsOutput, Error<ListSessionsError>>) {
    match result {
        Err(Error::Service(_)) => {}
        other => panic!("expected the throttling error, got {other:?}"),
    }
}

/// The limit before any throttle, after a first and after a second (the second call waits
/// for its token, at most 2 s at the lowest rate, 0.5 a second).
fn assert_lowered(before: Option<f64>, first: Option<f64>, second: Option<f64>) {
    assert_eq!(before, None, "no limit until a throttling response");
    let first = first.expect("a throttling response turns the limit on");
    let second = second.expect("the limit stays on");
    assert!(first >= 0.5, "the limit never goes below 0.5 a second: {first}");
    assert!(second <= first, "a second throttle does not raise the limit: {first} then {second}");
}

#[test]
fn blocking_throttling_responses_turn_the_limiter_on_and_lower_it() {
    let server = Server::start(vec![throttling(), too_many_requests()], Keys::test());
    let client = mpa::blocking::Client::builder().env(adaptive_env(&server)).build().unwrap();
    let before = client.send_rate_limit();
    assert_throttled(client.list_sessions().from_input(input()).send());
    let first = client.send_rate_limit();
    // A clone shares the limiter.
    let clone = client.clone();
    assert_throttled(clone.list_sessions().from_input(input()).send());
    assert_lowered(before, first, client.send_rate_limit());
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn async_throttling_responses_turn_the_limiter_on_and_lower_it() {
    let server = Server::start(vec![throttling(), too_many_requests()], Keys::test());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = mpa::Client::builder().env(adaptive_env(&server)).build().unwrap();
    let before = client.send_rate_limit();
    assert_throttled(runtime.block_on(client.list_sessions().from_input(input()).send()));
    let first = client.send_rate_limit();
    assert_throttled(runtime.block_on(client.clone().list_sessions().from_input(input()).send()));
    assert_lowered(before, first, client.send_rate_limit());
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn the_standard_mode_has_no_limiter_and_a_throttle_is_retried_at_once() {
    let server = Server::start(vec![throttling(), Reply::json(200, r#"{"Sessions":[]}"#)], Keys::test());
    let client = mpa::blocking::Client::builder()
        .env(adaptive_env(&server))
        .retry_mode(RetryMode::Standard)
        .max_attempts(2)
        .initial_backoff(Duration::from_millis(1))
        .build()
        .unwrap();
    client.list_sessions().from_input(input()).send().expect("the retry succeeds");
    assert_eq!(client.send_rate_limit(), None);
    assert_eq!(server.requests().len(), 2);
}
