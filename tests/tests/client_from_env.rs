//! `Client::from_env()` reads the process environment, which is global: each case runs in a
//! child process (this test binary, re-run on one test) with exactly the variables it sets.

use mpa_tests::loopback::{Keys, Reply, Server};
use std::process::Command;

const CHILD: &str = "MPA_FROM_ENV_CHILD";

/// Runs the test `name` of this binary in a child process with only `vars` set.
fn run_child(name: &str, vars: &[(&str, String)]) -> std::process::Output {
    let home = std::env::temp_dir().join(format!("mpa-from-env-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", name, "--ignored", "--nocapture", "--test-threads=1"])
        .env_clear()
        .env(CHILD, "1")
        .env("HOME", &home);
    for (k, v) in vars {
        command.env(k, v);
    }
    let output = command.output().expect("run the child");
    // A child that matched no test would pass without checking anything.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("running 1 test"), "the child `{name}` did not run:\n{stdout}");
    output
}

fn env_of(server: &Server, keys: &Keys) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT_URL", server.url()),
        ("AWS_REGION", keys.region.clone()),
        ("AWS_ACCESS_KEY_ID", keys.access_key_id.clone()),
        ("AWS_SECRET_ACCESS_KEY", keys.secret_access_key.clone()),
        ("AWS_SESSION_TOKEN", keys.session_token.clone().unwrap_or_default()),
        ("AWS_MAX_ATTEMPTS", "2".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}

#[test]
fn blocking_from_env_calls_the_configured_endpoint() {
    let keys = Keys { session_token: Some("from-env-token".into()), ..Keys::test() };
    let replies = vec![Reply::error(503, "ServiceUnavailable", "busy"), Reply::error(503, "ServiceUnavailable", "busy")];
    let server = Server::start(replies, keys.clone());
    let output = run_child("child_blocking", &env_of(&server, &keys));
    assert!(output.status.success(), "{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    // AWS_MAX_ATTEMPTS=2: two attempts, both signed with the environment's keys and token.
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.signature == Ok(())));
}

#[test]
fn async_from_env_calls_the_configured_endpoint() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::json(200, r#"{"Sessions":[]}"#)], keys.clone());
    let output = run_child("child_async", &env_of(&server, &keys));
    assert!(output.status.success(), "{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn from_env_refuses_a_region_that_is_not_a_host_label() {
    let keys = Keys::test();
    let server = Server::start(vec![], keys.clone());
    let mut vars = env_of(&server, &keys);
    vars.push(("AWS_REGION", "us-east-1.evil.com".into()));
    let output = run_child("child_bad_region", &vars);
    assert!(output.status.success(), "{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(server.requests().is_empty());
}

#[test]
fn from_env_refuses_an_unknown_retry_mode() {
    let keys = Keys::test();
    let server = Server::start(vec![], keys.clone());
    let mut vars = env_of(&server, &keys);
    vars.push(("AWS_RETRY_MODE", "bogus".into()));
    let output = run_child("child_bogus_retry_mode", &vars);
    assert!(output.status.success(), "{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
}

/// The child tests run only in a child process that their parent test starts with the
/// environment it sets: run directly, they fail saying so.
fn require_child() {
    assert!(std::env::var_os(CHILD).is_some(), "run by its parent test in a child process, not directly");
}

fn input() -> mpa::operation::list_sessions::ListSessionsInput {
    mpa::operation::list_sessions::ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

#[test]
#[ignore = "run by its parent test in a child process, with the environment it sets"]
fn child_blocking() {
    require_child();
    let client = mpa::blocking::Client::from_env().expect("from_env");
    let error = client.list_sessions().from_input(input()).send().unwrap_err();
    assert!(error.to_string().contains("ServiceUnavailable"), "{error}");
}

#[test]
#[ignore = "run by its parent test in a child process, with the environment it sets"]
fn child_async() {
    require_child();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = mpa::Client::from_env().expect("from_env");
        client.list_sessions().from_input(input()).send().await.expect("output");
    });
}

#[test]
#[ignore = "run by its parent test in a child process, with the environment it sets"]
fn child_bad_region() {
    require_child();
    let error = mpa::blocking::Client::from_env().unwrap_err();
    assert!(error.to_string().contains(r#"invalid region "us-east-1.evil.com" (from the environment variable AWS_REGION)"#), "{error}");
}

#[test]
#[ignore = "run by its parent test in a child process, with the environment it sets"]
fn child_bogus_retry_mode() {
    require_child();
    let error = mpa::blocking::Client::from_env().unwrap_err();
    assert!(error.to_string().contains("retry mode `bogus` (from the environment variable AWS_RETRY_MODE)"), "{error}");
}
