//! One `client::Config`, loaded once, builds the clients of several services (here `mpa` and
//! the `kinds` golden crate, both on the one runtime): they share its credentials provider,
//! so the default chain's cache fetches the credentials once for all of them, and each
//! finds its own endpoint (`AWS_ENDPOINT_URL_<SERVICE>`) in the same settings.

use mpa::client::{Config, Env};
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::loopback::{Keys, Reply, Server};

const PAGE: &str = r#"{"Sessions":[]}"#;

fn keys() -> Keys {
    Keys { access_key_id: "AKIDSHARED".into(), session_token: Some("shared-token".into()), ..Keys::test() }
}

/// A container credentials endpoint that answers once: a second fetch gets a 500.
fn credentials_endpoint(keys: &Keys) -> Server {
    let document = format!(
        r#"{{"AccessKeyId":"{}","SecretAccessKey":"{}","Token":"shared-token","Expiration":"2999-01-01T00:00:00Z"}}"#,
        keys.access_key_id, keys.secret_access_key
    );
    Server::start(vec![Reply::json(200, &document)], keys.clone())
}

/// The environment: credentials from the container endpoint, each service's own endpoint.
fn env(metadata: &Server, mpa: &Server, kinds: &Server) -> Env {
    let none = std::env::temp_dir().join(format!("mpa-shared-config-{}-none", std::process::id()));
    let none = none.to_str().unwrap().to_owned();
    Env::from_pairs([
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("{}/v2/credentials/shared", metadata.url())),
        ("AWS_CONFIG_FILE", none.clone()),
        ("AWS_SHARED_CREDENTIALS_FILE", none),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ENDPOINT_URL_MPA", mpa.url()),
        ("AWS_ENDPOINT_URL_KINDS", kinds.url()),
    ])
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

fn assert_signed(server: &Server, requests: usize) {
    let recorded = server.requests();
    assert_eq!(recorded.len(), requests);
    for request in &recorded {
        assert_eq!(request.signature, Ok(()));
        assert_eq!(request.header("x-amz-security-token"), Some("shared-token"));
    }
}

#[test]
fn blocking_clients_of_two_services_share_one_configuration_and_its_credentials() {
    let keys = keys();
    let metadata = credentials_endpoint(&keys);
    let mpa_server = Server::start(vec![Reply::json(200, PAGE), Reply::json(200, PAGE)], keys.clone());
    let kinds_server = Server::start(vec![Reply::json(200, "{}")], Keys { service: "kinds".into(), ..keys.clone() });
    let config = Config::builder().env(env(&metadata, &mpa_server, &kinds_server)).build().expect("config");

    let mpa = mpa::blocking::Client::from_config(&config).expect("mpa client");
    let other_mpa = mpa::blocking::Client::from_config(&config).expect("a second mpa client");
    let kinds = golden_kinds::blocking::Client::from_config(&config).expect("kinds client");
    mpa.list_sessions().from_input(input()).send().expect("mpa call");
    #[allow(deprecated, reason = "the kinds model's one operation without members is deprecated")]
    kinds.get_legacy_data().send().expect("kinds call");
    other_mpa.list_sessions().from_input(input()).send().expect("second mpa call");

    // One fetch for the three clients, and each service at its own endpoint, signed for it.
    assert_eq!(metadata.requests().len(), 1, "the credentials were fetched more than once");
    assert_signed(&mpa_server, 2);
    assert_signed(&kinds_server, 1);
}

#[test]
fn clients_built_on_their_own_each_fetch_the_credentials() {
    // The contrast: without a shared configuration, each client has its own cache.
    let keys = keys();
    let metadata = credentials_endpoint(&keys);
    let mpa_server = Server::start(vec![Reply::json(200, PAGE), Reply::json(200, PAGE)], keys.clone());
    let kinds_server = Server::start(vec![], keys.clone());
    let env = env(&metadata, &mpa_server, &kinds_server);
    let first = mpa::blocking::Client::builder().env(env.clone()).build().expect("first client");
    let second = mpa::blocking::Client::builder().env(env).build().expect("second client");
    first.list_sessions().from_input(input()).send().expect("first call");
    let error = second.list_sessions().from_input(input()).send().expect_err("the endpoint answers once");
    assert!(error.to_string().contains("container"), "{error}");
    assert_eq!(metadata.requests().len(), 2);
}

#[tokio::test]
async fn an_async_client_fills_the_cache_of_the_configuration_it_was_built_from() {
    let keys = keys();
    let metadata = credentials_endpoint(&keys);
    let mpa_server = Server::start(vec![Reply::json(200, PAGE)], keys.clone());
    let kinds_server = Server::start(vec![], keys.clone());
    let config = Config::builder().env(env(&metadata, &mpa_server, &kinds_server)).build().expect("config");
    assert!(config.credentials_provider().cached().is_none(), "nothing fetched before a call");
    let client = mpa::Client::from_config(&config).expect("async client");
    client.list_sessions().from_input(input()).send().await.expect("async call");
    assert_signed(&mpa_server, 1);
    // The configuration's provider now holds what the client fetched: any other client
    // built from it signs with the same credentials without fetching them.
    let cached = config.credentials_provider().cached().expect("cached credentials");
    assert_eq!(cached.access_key_id(), "AKIDSHARED");
    assert_eq!(metadata.requests().len(), 1);
}

#[test]
fn each_service_finds_its_own_endpoint_in_the_configuration() {
    let mpa_server = Server::start(vec![], keys());
    let vars = [
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ACCESS_KEY_ID", "AKID".to_owned()),
        ("AWS_SECRET_ACCESS_KEY", "secret".to_owned()),
        ("AWS_CONFIG_FILE", "/nonexistent/config".to_owned()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials".to_owned()),
        ("AWS_ENDPOINT_URL_MPA", mpa_server.url()),
    ];
    let config = Config::builder().env(Env::from_pairs(vars)).build().expect("config");
    // mpa's URL is configured; the kinds model has no endpoint rules and no URL here.
    assert!(mpa::blocking::Client::from_config(&config).is_ok());
    let error = golden_kinds::blocking::Client::from_config(&config).expect_err("no endpoint for kinds");
    assert!(error.to_string().contains("no endpoint URL"), "{error}");
}

#[test]
fn a_configuration_shows_no_secret_of_the_shared_files() {
    let dir = std::env::temp_dir().join(format!("mpa-shared-config-debug-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("credentials"), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file/secret/value\n").unwrap();
    std::fs::write(dir.join("config"), "[default]\nregion = eu-west-1\n").unwrap();
    let vars = [
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials").to_str().unwrap().to_owned()),
        ("AWS_CONFIG_FILE", dir.join("config").to_str().unwrap().to_owned()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
    ];
    let config = Config::builder().env(Env::from_pairs(vars)).build().expect("config");
    let client = mpa::blocking::Client::from_config(&config).expect("client");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(config.region(), "eu-west-1");
    for shown in [format!("{config:?}"), format!("{client:?}")] {
        assert!(!shown.contains("file/secret/value"), "a secret in Debug: {shown}");
        assert!(shown.contains("aws_secret_access_key"), "the keys are still named: {shown}");
    }
}
