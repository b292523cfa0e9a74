//! Auth schemes, for both clients against the loopback server: what each scheme sends
//! (bearer, an API key in a header with its scheme and in the query string, basic, nothing),
//! the order schemes are tried in and the fallback to the next whose identity is at hand,
//! the typed error when none is, Bedrock's `AWS_BEARER_TOKEN_BEDROCK`, services that are not
//! AWS's (their endpoint variable, no region), and no secret in `Debug`.
//!
//! `golden-auth` (tests/fixtures/models/auth.json): not AWS's; bearer, then an API key in
//! `X-Api-Key` with the scheme `ApiKey`, then basic; `GetItem` basic only; `Ping`
//! `@optionalAuth`, `Health` `@auth([])`; `Mixed` SigV4a then the API key; `SignedA` SigV4a
//! only (not generated). `golden-auth-query`: not AWS's, SigV4 then an API key in the query
//! parameter `api_key`. `golden-bedrock`: bedrock-runtime's `GetAsyncInvoke`, SigV4 then bearer.
//!
//! Configuration is explicit: each client reads an environment of exactly the variables the
//! case sets (`Env::from_pairs`); the `from_env` cases run in a child process with a cleared
//! environment.

use golden_auth::client::{Credentials, CredentialsError, Env, Error, ProvideCredentials, ProvideToken, Token, TokenError};
use mpa_tests::loopback::{Keys, Recorded, Reply, Server};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// Nothing configured but what the case says: no credentials anywhere (no files, no instance
/// metadata), no endpoint.
const EMPTY: [(&str, &str); 1] = [("AWS_EC2_METADATA_DISABLED", "true")];

/// The identities a case gives the builder.
#[derive(Debug, Clone, Copy, Default)]
struct Ids {
    bearer: Option<&'static str>,
    api_key: Option<&'static str>,
    basic: Option<(&'static str, &'static str)>,
    credentials: bool,
}

const BEARER: &str = "bearer-s3cret";
const KEY: &str = "key/s3cret+1";
const USER: (&str, &str) = ("Aladdin", "open s3same");

fn keys(service: &str) -> Keys {
    Keys { service: service.into(), ..Keys::test() }
}

/// Gives `$builder` the identities of `$ids` (the builders of both clients have the same
/// setters, not a common trait).
macro_rules! with_ids {
    ($builder:expr, $ids:expr, $keys:expr) => {{
        let ids: Ids = $ids;
        let keys: &Keys = $keys;
        let mut builder = $builder.initial_backoff(Duration::from_millis(1)).max_attempts(1);
        if let Some(token) = ids.bearer {
            builder = builder.bearer_token(token);
        }
        if let Some(key) = ids.api_key {
            builder = builder.api_key(key);
        }
        if let Some((user, password)) = ids.basic {
            builder = builder.basic_auth(user, password);
        }
        if ids.credentials {
            builder = builder.credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None)).region(&keys.region);
        }
        builder
    }};
}

/// Calls `$call` (a fluent call, before `send`) with the blocking client of `$krate` and then
/// with its async client, each against a server of its own answering `$reply`: each call's
/// result (as `Ok(())` or the error) with the requests its server received.
macro_rules! both {
    ($krate:ident, $ids:expr, $env:expr, $reply:expr, |$c:ident| $call:expr) => {{
        let keys = keys(signing_name(stringify!($krate)));
        let env: Vec<(&str, String)> = $env;
        let blocking = {
            let server = Server::start(vec![$reply], keys.clone());
            let $c = with_ids!($krate::blocking::Client::builder().env(Env::from_pairs(env.clone())).endpoint_url(server.url()), $ids, &keys)
                .build()
                .expect("blocking client");
            let result = $call.send().map(|_| ());
            (result, server.requests())
        };
        let asynchronous = {
            let server = Server::start(vec![$reply], keys.clone());
            let $c = with_ids!($krate::Client::builder().env(Env::from_pairs(env.clone())).endpoint_url(server.url()), $ids, &keys)
                .build()
                .expect("async client");
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let result = runtime.block_on(async { $call.send().await.map(|_| ()) });
            (result, server.requests())
        };
        [blocking, asynchronous]
    }};
}

/// The signing name of each golden crate's service.
fn signing_name(krate: &str) -> &'static str {
    match krate {
        "golden_auth" => "locker",
        "golden_auth_query" => "finder",
        _ => "bedrock",
    }
}

fn env(pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    EMPTY.iter().chain(pairs).map(|(k, v)| (leak(k), (*v).to_owned())).collect()
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn ok() -> Reply {
    Reply::json(200, "{}")
}

/// The one request a call sent.
fn sent<E: std::fmt::Debug>(calls: [(Result<(), E>, Vec<Recorded>); 2]) -> [Recorded; 2] {
    calls.map(|(result, requests)| {
        result.expect("the call succeeds");
        assert_eq!(requests.len(), 1, "{requests:?}");
        requests.into_iter().next().unwrap()
    })
}

fn assert_not_signed(request: &Recorded) {
    assert!(request.header("x-amz-date").is_none() && request.header("x-amz-content-sha256").is_none(), "{request:?}");
    assert!(!request.header("authorization").unwrap_or_default().starts_with("AWS4-HMAC-SHA256"), "{request:?}");
}

#[test]
fn bearer_goes_first_with_the_builders_token() {
    let ids = Ids { bearer: Some(BEARER), api_key: Some(KEY), basic: Some(USER), credentials: false };
    for request in sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.list_items().prefix("a"))) {
        assert_eq!(request.header("authorization"), Some("Bearer bearer-s3cret"));
        assert_eq!(request.header("x-api-key"), None);
        assert_eq!(request.target, "/items?prefix=a");
        assert_not_signed(&request);
    }
}

#[test]
fn without_a_token_the_api_key_goes_in_its_header_after_its_scheme() {
    let ids = Ids { api_key: Some(KEY), basic: Some(USER), ..Ids::default() };
    for request in sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.list_items())) {
        assert_eq!(request.header("x-api-key"), Some("ApiKey key/s3cret+1"));
        assert_eq!(request.header("authorization"), None);
        assert_not_signed(&request);
    }
}

#[test]
fn with_neither_basic_auth_is_used() {
    let ids = Ids { basic: Some(USER), ..Ids::default() };
    for request in sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.list_items())) {
        // base64("Aladdin:open s3same")
        assert_eq!(request.header("authorization"), Some("Basic QWxhZGRpbjpvcGVuIHMzc2FtZQ=="));
        assert_eq!(request.header("x-api-key"), None);
    }
}

#[test]
fn with_no_identity_the_call_fails_unsent_naming_every_scheme_tried() {
    let calls = both!(golden_auth, Ids { credentials: true, ..Ids::default() }, env(&[]), ok(), |c| c.list_items());
    for (result, requests) in calls {
        assert!(requests.is_empty(), "nothing is sent: {requests:?}");
        let Err(Error::Auth(error)) = result else { panic!("an auth error: {result:?}") };
        let tried: Vec<&str> = error.tried().map(|(scheme, _)| scheme).collect();
        // SigV4 credentials are at hand, but no operation of this service offers SigV4.
        assert_eq!(tried, ["smithy.api#httpBearerAuth", "smithy.api#httpApiKeyAuth", "smithy.api#httpBasicAuth"]);
        let text = error.to_string();
        assert!(text.contains("bearer_token") && text.contains("api_key") && text.contains("basic_auth"), "{text}");
        assert!(!error.is_failure());
    }
}

#[test]
fn an_operation_with_its_own_auth_uses_only_its_schemes() {
    // GetItem: basic only; a token does not do.
    let calls = both!(golden_auth, Ids { bearer: Some(BEARER), api_key: Some(KEY), ..Ids::default() }, env(&[]), ok(), |c| c.get_item().name("n"));
    for (result, requests) in calls {
        assert!(requests.is_empty());
        let Err(Error::Auth(error)) = result else { panic!("an auth error: {result:?}") };
        assert_eq!(error.tried().map(|(scheme, _)| scheme).collect::<Vec<_>>(), ["smithy.api#httpBasicAuth"]);
    }
    let ids = Ids { bearer: Some(BEARER), basic: Some(USER), ..Ids::default() };
    for request in sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.get_item().name("n"))) {
        assert!(request.header("authorization").unwrap().starts_with("Basic "), "{request:?}");
    }
}

#[test]
fn sigv4a_is_passed_over_for_the_next_scheme() {
    let ids = Ids { bearer: Some(BEARER), api_key: Some(KEY), basic: Some(USER), credentials: true };
    for request in sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.mixed())) {
        assert_eq!(request.header("x-api-key"), Some("ApiKey key/s3cret+1"));
        assert_eq!(request.header("authorization"), None);
    }
}

#[test]
fn an_operation_offering_only_sigv4a_is_not_generated_and_says_why() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/models/auth.json");
    let options = codegen::Options {
        package: "golden-auth".into(),
        crate_version: "0.1.0".into(),
        model_display_name: "auth.json".into(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Version("0.1.0".into()),
    };
    let generated = codegen::generate(&std::fs::read_to_string(root).unwrap(), &options).expect("generates");
    let (name, why) = generated.unsupported.iter().find(|(name, _)| name == "SignedA").expect("SignedA left out");
    assert_eq!(why.unsupported, Some(codegen::error::Unsupported::AuthScheme), "{name}: {why}");
    assert!(why.message.contains("`aws.auth#sigv4a`"), "{why}");
    assert!(!generated.operations.iter().any(|op| op == "SignedA"));
    // Asked for by name, it is an error naming it.
    let only = codegen::Options { selection: codegen::Selection { operations: vec!["SignedA".into()], ..Default::default() }, ..options };
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/models/auth.json")).unwrap();
    let error = codegen::generate(&text, &only).expect_err("SignedA alone").to_string();
    assert!(error.contains("aws.auth#sigv4a"), "{error}");
}

/// Credentials that count how often they are asked for.
#[derive(Debug, Default)]
struct CountedCredentials(AtomicUsize);

impl ProvideCredentials for CountedCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(Credentials::new("AKIDCOUNTED", "counted-s3cret", None))
    }
}

#[test]
fn optional_auth_and_an_empty_auth_list_send_nothing_and_look_nothing_up() {
    let ids = Ids { bearer: Some(BEARER), api_key: Some(KEY), basic: Some(USER), credentials: false };
    let counted = Arc::new(CountedCredentials::default());
    let unauthenticated = [
        (sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.ping())), "/ping"),
        (sent(both!(golden_auth, ids, env(&[]), ok(), |c| c.health())), "/health"),
        (sent(both!(golden_auth, Ids::default(), env(&[]), ok(), |c| c.ping())), "/ping"),
        (sent(both!(golden_auth, Ids::default(), env(&[]), ok(), |c| c.health())), "/health"),
    ];
    for (requests, path) in unauthenticated {
        for request in requests {
            assert_eq!(request.target, path);
            for header in ["authorization", "x-api-key", "x-amz-date", "x-amz-security-token"] {
                assert_eq!(request.header(header), None, "{request:?}");
            }
        }
    }
    // A credentials provider is never asked, by either client.
    let server = Server::start(vec![ok()], Keys::test());
    let blocking = golden_auth::blocking::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url(server.url())
        .credentials_provider(CountedArc(counted.clone()))
        .build()
        .unwrap();
    blocking.ping().send().expect("ping");
    let server = Server::start(vec![ok()], Keys::test());
    let asynchronous = golden_auth::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url(server.url())
        .credentials_provider(CountedArc(counted.clone()))
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(asynchronous.health().send()).expect("health");
    assert_eq!(counted.0.load(Ordering::SeqCst), 0);
}

#[derive(Debug)]
struct CountedArc(Arc<CountedCredentials>);

impl ProvideCredentials for CountedArc {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.0.provide_credentials()
    }
}

/// Tokens that expire within the refresh window, so each attempt asks for a new one.
#[derive(Debug, Default)]
struct Rotating(AtomicUsize);

impl ProvideToken for Rotating {
    fn provide_token(&self) -> Result<Token, TokenError> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        Ok(Token::new(format!("rotated-{n}")).expiring(SystemTime::now() + Duration::from_secs(60)))
    }
}

#[derive(Debug)]
struct Failing;

impl ProvideToken for Failing {
    fn provide_token(&self) -> Result<Token, TokenError> {
        Err(TokenError::new("the vault is sealed"))
    }
}

#[test]
fn token_providers_are_asked_again_as_their_tokens_expire_and_their_failure_ends_the_call() {
    let server = Server::start(vec![ok(), ok()], Keys::test());
    let blocking = golden_auth::blocking::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url(server.url())
        .bearer_token_provider(Rotating::default())
        .build()
        .unwrap();
    blocking.list_items().send().unwrap();
    blocking.list_items().send().unwrap();
    let tokens: Vec<String> = server.requests().iter().map(|r| r.header("authorization").unwrap().to_owned()).collect();
    assert_eq!(tokens, ["Bearer rotated-0", "Bearer rotated-1"]);

    let server = Server::start(vec![ok(), ok()], Keys::test());
    let asynchronous = golden_auth::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url(server.url())
        .api_key_provider(Rotating::default())
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        asynchronous.list_items().send().await.unwrap();
        asynchronous.list_items().send().await.unwrap();
    });
    let keys: Vec<String> = server.requests().iter().map(|r| r.header("x-api-key").unwrap().to_owned()).collect();
    assert_eq!(keys, ["ApiKey rotated-0", "ApiKey rotated-1"]);

    // A provider that fails ends the call: the next scheme is not tried.
    let server = Server::start(vec![ok()], Keys::test());
    let failing = golden_auth::blocking::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url(server.url())
        .bearer_token_provider(Failing)
        .basic_auth(USER.0, USER.1)
        .build()
        .unwrap();
    let Err(Error::Auth(error)) = failing.list_items().send() else { panic!("a failure") };
    assert!(error.is_failure() && error.to_string().contains("the vault is sealed"), "{error}");
    assert!(server.requests().is_empty());
}

#[test]
fn a_service_that_is_not_aws_reads_its_own_endpoint_variable_and_needs_no_region() {
    let server = Server::start(vec![ok(), ok()], Keys::test());
    let vars = env(&[("GOLDEN_AUTH_ENDPOINT_URL", &server.url())]);
    let blocking = golden_auth::blocking::Client::builder().env(Env::from_pairs(vars.clone())).build().expect("no region needed");
    blocking.ping().send().expect("ping");
    let asynchronous = golden_auth::Client::builder().env(Env::from_pairs(vars)).build().expect("no region needed");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(asynchronous.ping().send()).expect("ping");
    assert_eq!(server.requests().len(), 2);

    // AWS's variables are not its own.
    let aws = env(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:9"), ("AWS_ENDPOINT_URL_LOCKER", "http://127.0.0.1:9")]);
    let error = golden_auth::blocking::Client::builder().env(Env::from_pairs(aws)).build().expect_err("no endpoint");
    assert!(error.to_string().contains("set GOLDEN_AUTH_ENDPOINT_URL or the builder's endpoint_url"), "{error}");
    // FIPS and dual-stack are AWS's settings: they do not apply.
    let fips = env(&[("AWS_USE_FIPS_ENDPOINT", "true"), ("GOLDEN_AUTH_ENDPOINT_URL", "http://127.0.0.1:9")]);
    assert!(golden_auth::blocking::Client::builder().env(Env::from_pairs(fips)).build().is_ok());
}

#[test]
fn a_service_that_is_not_aws_but_offers_sigv4_signs_when_it_can_and_needs_a_region() {
    // Credentials at hand: SigV4, the first scheme by shape id, checked by an independent signer.
    let ids = Ids { api_key: Some(KEY), credentials: true, ..Ids::default() };
    for request in sent(both!(golden_auth_query, ids, env(&[]), ok(), |c| c.find().query("rust lang"))) {
        assert_eq!(request.signature, Ok(()), "{request:?}");
        assert_eq!(request.target, "/find?q=rust%20lang");
    }
    // None: the API key, in the query, after the operation's own parameters.
    let ids = Ids { api_key: Some(KEY), ..Ids::default() };
    for request in sent(both!(golden_auth_query, ids, env(&[("AWS_REGION", "us-east-1")]), ok(), |c| c.find().query("rust lang"))) {
        assert_eq!(request.target, "/find?q=rust%20lang&api_key=key%2Fs3cret%2B1");
        assert_not_signed(&request);
    }
    // Neither: both schemes named, the credentials chain's answer with SigV4's.
    let calls = both!(golden_auth_query, Ids::default(), env(&[("AWS_REGION", "us-east-1")]), ok(), |c| c.find());
    for (result, requests) in calls {
        assert!(requests.is_empty());
        let Err(Error::Auth(error)) = result else { panic!("an auth error: {result:?}") };
        let tried: Vec<(&str, &str)> = error.tried().collect();
        assert_eq!(tried.iter().map(|(s, _)| *s).collect::<Vec<_>>(), ["aws.auth#sigv4", "smithy.api#httpApiKeyAuth"]);
        assert!(tried[0].1.contains("no credentials found"), "{error}");
    }
    // SigV4 needs a region.
    let error = golden_auth_query::blocking::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url("http://127.0.0.1:9")
        .build()
        .expect_err("no region");
    assert!(error.to_string().contains("no region"), "{error}");
}

const INVOCATION: &str = "arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123def456";

fn invocation() -> Reply {
    Reply::json(
        200,
        r#"{"invocationArn":"a","modelArn":"m","status":"Completed","submitTime":"2025-01-01T00:00:00Z","outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://b/k"}}}"#,
    )
}

#[test]
fn bedrock_signs_with_sigv4_first_and_falls_back_to_its_bearer_token() {
    // Both at hand: the model's order, SigV4 first.
    let ids = Ids { bearer: Some(BEARER), credentials: true, ..Ids::default() };
    for request in sent(both!(golden_bedrock, ids, env(&[]), invocation(), |c| c.get_async_invoke().invocation_arn(INVOCATION))) {
        assert_eq!(request.signature, Ok(()), "{request:?}");
    }
    // No credentials: the builder's token.
    let ids = Ids { bearer: Some(BEARER), ..Ids::default() };
    let vars = env(&[("AWS_REGION", "us-east-1")]);
    for request in sent(both!(golden_bedrock, ids, vars, invocation(), |c| c.get_async_invoke().invocation_arn(INVOCATION))) {
        assert_eq!(request.header("authorization"), Some("Bearer bearer-s3cret"));
        assert_not_signed(&request);
    }
}

#[test]
fn bedrocks_token_variable_puts_bearer_first_and_the_builders_token_wins_over_it() {
    let vars = env(&[("AWS_BEARER_TOKEN_BEDROCK", "env-s3cret")]);
    // Credentials at hand too: the variable puts bearer first, as the AWS SDKs do.
    let ids = Ids { credentials: true, ..Ids::default() };
    for request in sent(both!(golden_bedrock, ids, vars.clone(), invocation(), |c| c.get_async_invoke().invocation_arn(INVOCATION))) {
        assert_eq!(request.header("authorization"), Some("Bearer env-s3cret"));
        assert_not_signed(&request);
    }
    let ids = Ids { bearer: Some(BEARER), credentials: true, ..Ids::default() };
    for request in sent(both!(golden_bedrock, ids, vars, invocation(), |c| c.get_async_invoke().invocation_arn(INVOCATION))) {
        assert_eq!(request.header("authorization"), Some("Bearer bearer-s3cret"));
    }
    // Empty is unset: SigV4 again.
    let ids = Ids { credentials: true, ..Ids::default() };
    let vars = env(&[("AWS_BEARER_TOKEN_BEDROCK", "")]);
    for request in sent(both!(golden_bedrock, ids, vars, invocation(), |c| c.get_async_invoke().invocation_arn(INVOCATION))) {
        assert_eq!(request.signature, Ok(()));
    }
}

#[test]
fn no_secret_shows_in_debug() {
    let secrets = [BEARER, KEY, USER.1, "env-s3cret", "counted-s3cret", "loopback/secret+key"];
    let keys = Keys::test();
    let blocking = with_ids!(
        golden_bedrock::blocking::Client::builder().env(Env::from_pairs(env(&[("AWS_BEARER_TOKEN_BEDROCK", "env-s3cret")]))).endpoint_url("http://127.0.0.1:9"),
        Ids { bearer: Some(BEARER), api_key: Some(KEY), basic: Some(USER), credentials: true },
        &keys
    );
    let shown_builder = format!("{blocking:?}");
    let blocking = blocking.build().unwrap();
    let asynchronous = with_ids!(
        golden_auth::Client::builder().env(Env::from_pairs(EMPTY)).endpoint_url("http://127.0.0.1:9"),
        Ids { bearer: Some(BEARER), api_key: Some(KEY), basic: Some(USER), credentials: true },
        &keys
    )
    .build()
    .unwrap();
    let config = with_ids!(
        golden_auth::client::Config::builder().env(Env::from_pairs(EMPTY)),
        Ids { bearer: Some(BEARER), api_key: Some(KEY), basic: Some(USER), credentials: true },
        &keys
    )
    .build()
    .unwrap();
    let token = Token::new(BEARER);
    let login = golden_auth::client::Login::new(USER.0, USER.1);
    let shown = format!("{shown_builder} {blocking:?} {asynchronous:?} {config:?} {token:?} {login:?}");
    for secret in secrets {
        assert!(!shown.contains(secret), "`{secret}` shows in {shown}");
    }
    assert!(shown.contains("Aladdin"), "the user name shows: {shown}");
    // Nor in the errors, whatever failed.
    let error = golden_auth::blocking::Client::builder()
        .env(Env::from_pairs(EMPTY))
        .endpoint_url("http://127.0.0.1:9")
        .bearer_token("bad\nbearer-s3cret")
        .build()
        .unwrap()
        .list_items()
        .send()
        .expect_err("a token HTTP cannot carry");
    let shown = format!("{error} {error:?}");
    assert!(matches!(error, Error::Auth(ref e) if e.is_failure()), "{shown}");
    assert!(!shown.contains("s3cret"), "{shown}");
}

// `from_env` reads the process environment: these run in a child process with exactly the
// variables they set (every other one cleared).

const CHILD: &str = "AUTH_FROM_ENV_CHILD";

fn run_child(name: &str, vars: &[(&str, String)]) -> std::process::Output {
    let home = std::env::temp_dir().join(format!("auth-from-env-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--exact", name, "--ignored", "--nocapture", "--test-threads=1"]).env_clear().env(CHILD, "1").env("HOME", &home);
    for (k, v) in vars {
        command.env(k, v);
    }
    let output = command.output().expect("run the child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("running 1 test"), "the child `{name}` did not run:\n{stdout}");
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    output
}

#[test]
fn from_env_reads_bedrocks_token_variable_and_a_foreign_services_endpoint() {
    let bedrock = Server::start(vec![invocation(), invocation()], keys("bedrock"));
    let locker = Server::start(vec![ok(), ok()], Keys::test());
    let vars = [
        ("AWS_BEARER_TOKEN_BEDROCK", "env-s3cret".to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ENDPOINT_URL", bedrock.url()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        ("GOLDEN_AUTH_ENDPOINT_URL", locker.url()),
    ];
    run_child("child_from_env", &vars);
    let requests = bedrock.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.header("authorization") == Some("Bearer env-s3cret")), "{requests:?}");
    assert_eq!(locker.requests().len(), 2);

    // Without the variable (nor credentials), the error names both schemes.
    let vars = [
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9".to_owned()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
    ];
    run_child("child_from_env_without_token", &vars);
}

#[test]
#[ignore = "run by from_env_reads_bedrocks_token_variable_and_a_foreign_services_endpoint"]
fn child_from_env() {
    assert_eq!(std::env::var(CHILD).as_deref(), Ok("1"));
    let client = golden_bedrock::blocking::Client::from_env().expect("bedrock client");
    client.get_async_invoke().invocation_arn(INVOCATION).send().expect("blocking call");
    let locker = golden_auth::blocking::Client::from_env().expect("a foreign service needs no region");
    locker.ping().send().expect("ping");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = golden_bedrock::Client::from_env().expect("bedrock client");
        client.get_async_invoke().invocation_arn(INVOCATION).send().await.expect("async call");
        let locker = golden_auth::Client::from_env().expect("a foreign service needs no region");
        locker.health().send().await.expect("health");
    });
}

#[test]
#[ignore = "run by from_env_reads_bedrocks_token_variable_and_a_foreign_services_endpoint"]
fn child_from_env_without_token() {
    assert_eq!(std::env::var(CHILD).as_deref(), Ok("1"));
    let client = golden_bedrock::blocking::Client::from_env().expect("bedrock client");
    let error = client.get_async_invoke().invocation_arn(INVOCATION).send().expect_err("no identity");
    let golden_bedrock::client::Error::Auth(error) = error else { panic!("an auth error: {error:?}") };
    let text = error.to_string();
    assert!(text.contains("aws.auth#sigv4") && text.contains("smithy.api#httpBearerAuth") && text.contains("AWS_BEARER_TOKEN_BEDROCK"), "{text}");
    // A foreign service without its endpoint variable: the error names it.
    let error = golden_auth::blocking::Client::from_env().expect_err("no endpoint");
    assert!(error.to_string().contains("GOLDEN_AUTH_ENDPOINT_URL"), "{error}");
}
