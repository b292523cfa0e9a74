//! Each credentials source, end to end: the client finds the credentials, signs with them,
//! and the loopback server checks the signature with the matching secret. Every test passes
//! its own environment (`Env::from_pairs`), with instance metadata turned off or pointed at
//! 127.0.0.1, and files in a fresh temporary directory.

use mpa::client::{Env, Error};
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::loopback::{Keys, Reply, Server};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

fn temp_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("mpa-credentials-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

const PAGE: &str = r#"{"Sessions":[]}"#;

/// Calls ListSessions with a client configured only from `vars`, against a server expecting
/// `keys`; returns the server's requests.
fn call_with(vars: Vec<(String, String)>, keys: &Keys) -> Result<Server, Error<mpa::operation::list_sessions::ListSessionsError>> {
    let server = Server::start(vec![Reply::json(200, PAGE)], keys.clone());
    let mut vars = vars;
    vars.push(("AWS_REGION".into(), "us-east-1".into()));
    vars.push(("AWS_ENDPOINT_URL".into(), server.url()));
    let client = mpa::blocking::Client::builder().env(Env::from_pairs(vars)).build().expect("client");
    client.list_sessions().from_input(input()).send()?;
    Ok(server)
}

fn assert_signed_by(server: &Server, keys: &Keys) {
    let request = &server.requests()[0];
    assert_eq!(request.signature, Ok(()));
    let authorization = request.header("authorization").unwrap();
    assert!(authorization.contains(&format!("Credential={}/", keys.access_key_id)), "{authorization}");
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn environment() {
    let keys = Keys { access_key_id: "AKIDENV".into(), session_token: Some("envtoken".into()), ..Keys::test() };
    let vars = pairs(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", &keys.secret_access_key),
        ("AWS_SESSION_TOKEN", "envtoken"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let server = call_with(vars, &keys).expect("call");
    assert_signed_by(&server, &keys);
}

#[test]
fn shared_credentials_file_with_profiles() {
    let dir = temp_dir();
    std::fs::write(
        dir.join("credentials"),
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = nope\n\n\
         # a comment\n[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = work/secret\naws_session_token = worktoken\n",
    )
    .unwrap();
    std::fs::write(dir.join("config"), "[profile work]\nregion = eu-west-1 ; inline comment\n").unwrap();
    let keys = Keys {
        access_key_id: "AKIDWORK".into(),
        secret_access_key: "work/secret".into(),
        session_token: Some("worktoken".into()),
        ..Keys::test()
    };
    let vars = pairs(&[
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials").to_str().unwrap()),
        ("AWS_CONFIG_FILE", dir.join("config").to_str().unwrap()),
        ("AWS_PROFILE", "work"),
        // Keys in the environment lose to an explicitly chosen profile.
        ("AWS_ACCESS_KEY_ID", "AKIDIGNORED"),
        ("AWS_SECRET_ACCESS_KEY", "ignored"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let server = call_with(vars, &keys).expect("call");
    assert_signed_by(&server, &keys);
}

#[test]
fn config_file_region_and_services_endpoint() {
    let dir = temp_dir();
    let server = Server::start(vec![Reply::json(200, PAGE)], Keys { region: "eu-west-1".into(), ..Keys::test() });
    let keys = Keys::test();
    std::fs::write(
        dir.join("config"),
        format!(
            "[default]\nregion = eu-west-1\nservices = local\naws_access_key_id = {}\naws_secret_access_key = {}\n\n\
             [services local]\nmpa =\n  endpoint_url = {}\n",
            keys.access_key_id,
            keys.secret_access_key,
            server.url()
        ),
    )
    .unwrap();
    let env = Env::from_pairs(pairs(&[
        ("AWS_CONFIG_FILE", dir.join("config").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("missing").to_str().unwrap()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]));
    let client = mpa::blocking::Client::builder().env(env).build().expect("client");
    client.list_sessions().from_input(input()).send().expect("call");
    let request = &server.requests()[0];
    assert_eq!(request.signature, Ok(()), "signed for eu-west-1");
    assert!(request.header("authorization").unwrap().contains("/eu-west-1/mpa/"));
}

#[test]
fn credential_process_with_expiration() {
    let dir = temp_dir();
    let keys = Keys { access_key_id: "AKIDPROCESS".into(), session_token: Some("proctoken".into()), ..Keys::test() };
    let script = dir.join("creds.sh");
    std::fs::write(
        &script,
        format!(
            "printf '%s' '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"{}\", \"SessionToken\": \"proctoken\", \"Expiration\": \"2999-01-01T00:00:00Z\"}}'\n",
            keys.secret_access_key
        ),
    )
    .unwrap();
    std::fs::write(dir.join("config"), format!("[profile proc]\ncredential_process = sh {}\n", script.display())).unwrap();
    let vars = pairs(&[
        ("AWS_CONFIG_FILE", dir.join("config").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_PROFILE", "proc"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let server = call_with(vars, &keys).expect("call");
    assert_signed_by(&server, &keys);
}

#[test]
fn a_failing_credential_process_is_reported_without_secrets() {
    let dir = temp_dir();
    std::fs::write(dir.join("config"), "[default]\ncredential_process = sh -c 'exit 3'\n").unwrap();
    let vars = pairs(&[
        ("AWS_CONFIG_FILE", dir.join("config").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let error = call_with(vars, &Keys::test()).err().expect("an error");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(error.to_string().contains("credential_process"), "{error}");
}

#[test]
fn container_credentials_with_an_authorization_token_file() {
    let keys = Keys { access_key_id: "AKIDCONTAINER".into(), session_token: Some("ctoken".into()), ..Keys::test() };
    let document = format!(
        r#"{{"AccessKeyId":"AKIDCONTAINER","SecretAccessKey":"{}","Token":"ctoken","Expiration":"2999-01-01T00:00:00Z"}}"#,
        keys.secret_access_key
    );
    let metadata = Server::start(vec![Reply::json(200, &document)], keys.clone());
    let dir = temp_dir();
    std::fs::write(dir.join("token"), "container-auth\n").unwrap();
    let vars = pairs(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &format!("{}/v2/credentials/abc", metadata.url())),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", dir.join("token").to_str().unwrap()),
        ("AWS_CONFIG_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let server = call_with(vars, &keys).expect("call");
    assert_signed_by(&server, &keys);
    let fetched = &metadata.requests()[0];
    assert_eq!(fetched.target, "/v2/credentials/abc");
    assert_eq!(fetched.header("authorization"), Some("container-auth"));
}

#[test]
fn instance_metadata_with_a_session_token() {
    let keys = Keys { access_key_id: "AKIDIMDS".into(), session_token: Some("itoken".into()), ..Keys::test() };
    let document = format!(
        r#"{{"Code":"Success","AccessKeyId":"AKIDIMDS","SecretAccessKey":"{}","Token":"itoken","Expiration":"2999-01-01T00:00:00Z"}}"#,
        keys.secret_access_key
    );
    let imds = Server::start(
        vec![Reply::json(200, "IMDS-SESSION"), Reply::json(200, "my-role\n"), Reply::json(200, &document)],
        keys.clone(),
    );
    let dir = temp_dir();
    let vars = pairs(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url()),
        ("AWS_CONFIG_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
    ]);
    let server = call_with(vars, &keys).expect("call");
    assert_signed_by(&server, &keys);
    let requests = imds.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!((requests[0].method.as_str(), requests[0].target.as_str()), ("PUT", "/latest/api/token"));
    assert_eq!(requests[0].header("x-aws-ec2-metadata-token-ttl-seconds"), Some("21600"));
    assert_eq!(requests[1].target, "/latest/meta-data/iam/security-credentials/");
    assert_eq!(requests[2].target, "/latest/meta-data/iam/security-credentials/my-role");
    assert!(requests[1..].iter().all(|r| r.header("x-aws-ec2-metadata-token") == Some("IMDS-SESSION")));
}

#[test]
fn nothing_found_lists_every_source() {
    let dir = temp_dir();
    let vars = pairs(&[
        ("AWS_CONFIG_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let error = call_with(vars, &Keys::test()).err().expect("an error");
    let text = error.to_string();
    for source in ["environment", "profile `default`", "container", "EC2 instance metadata"] {
        assert!(text.contains(source), "{source} missing from: {text}");
    }
}

#[test]
fn expiring_credentials_are_refreshed_and_fresh_ones_cached() {
    use mpa::client::{Credentials, CredentialsError, ProvideCredentials};
    use std::time::{Duration, SystemTime};

    #[derive(Debug)]
    struct Counting {
        calls: AtomicUsize,
        lifetime: Duration,
    }
    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let keys = Keys::test();
            Ok(Credentials::new(keys.access_key_id, keys.secret_access_key, None).expiring(SystemTime::now() + self.lifetime))
        }
    }

    for (lifetime, expected_calls) in [(Duration::from_secs(3600), 1), (Duration::from_secs(60), 3)] {
        let provider = std::sync::Arc::new(Counting { calls: AtomicUsize::new(0), lifetime });
        let cache = mpa::client::credentials::CachingProvider::new(Box::new(Shared(provider.clone())));
        for _ in 0..3 {
            cache.provide_credentials().unwrap();
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), expected_calls, "lifetime {lifetime:?}");
    }

    #[derive(Debug)]
    struct Shared(std::sync::Arc<Counting>);
    impl ProvideCredentials for Shared {
        fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
            self.0.provide_credentials()
        }
    }
}

/// The async client runs the (blocking) providers on tokio's blocking threads, and fetches
/// container credentials with its own transport: on a current-thread runtime too.
#[tokio::test]
async fn the_async_client_fetches_container_credentials() {
    let keys = Keys { access_key_id: "AKIDASYNC".into(), session_token: Some("atoken".into()), ..Keys::test() };
    let document = format!(
        r#"{{"AccessKeyId":"AKIDASYNC","SecretAccessKey":"{}","Token":"atoken","Expiration":"2999-01-01T00:00:00Z"}}"#,
        keys.secret_access_key
    );
    let metadata = Server::start(vec![Reply::json(200, &document)], keys.clone());
    let server = Server::start(vec![Reply::json(200, PAGE)], keys.clone());
    let dir = temp_dir();
    let vars = pairs(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &format!("{}/v2/credentials/async", metadata.url())),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "async-auth"),
        ("AWS_CONFIG_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", &server.url()),
    ]);
    let client = mpa::Client::builder().env(Env::from_pairs(vars)).build().expect("client");
    client.list_sessions().from_input(input()).send().await.expect("call");
    assert_signed_by(&server, &keys);
    let fetched = &metadata.requests()[0];
    assert_eq!(fetched.target, "/v2/credentials/async");
    assert_eq!(fetched.header("authorization"), Some("async-auth"));
}

#[test]
fn instance_metadata_settings_from_the_profile_with_retried_requests() {
    let keys = Keys { access_key_id: "AKIDIMDSPROFILE".into(), session_token: Some("ptoken".into()), ..Keys::test() };
    let document = format!(
        r#"{{"AccessKeyId":"AKIDIMDSPROFILE","SecretAccessKey":"{}","Token":"ptoken","Expiration":"2999-01-01T00:00:00Z"}}"#,
        keys.secret_access_key
    );
    // The token request fails once: two attempts per request, as configured.
    let imds = Server::start(
        vec![Reply::json(500, "{}"), Reply::json(200, "SESSION"), Reply::json(200, "role\n"), Reply::json(200, &document)],
        keys.clone(),
    );
    let dir = temp_dir();
    std::fs::write(
        dir.join("config"),
        format!("[default]\nec2_metadata_service_endpoint = {}\nmetadata_service_num_attempts = 2\nmetadata_service_timeout = 2\n", imds.url()),
    )
    .unwrap();
    let vars = pairs(&[
        ("AWS_CONFIG_FILE", dir.join("config").to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
    ]);
    let server = call_with(vars, &keys).expect("call");
    assert_signed_by(&server, &keys);
    let targets: Vec<String> = imds.requests().iter().map(|r| format!("{} {}", r.method, r.target)).collect();
    assert_eq!(
        targets,
        ["PUT /latest/api/token", "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/", "GET /latest/meta-data/iam/security-credentials/role"]
    );
}

#[test]
fn invalid_instance_metadata_settings_are_named() {
    let dir = temp_dir();
    let cases = [
        ("AWS_METADATA_SERVICE_TIMEOUT", "soon"),
        ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "not a url"),
    ];
    for (name, value) in cases {
        let env = Env::from_pairs(pairs(&[
            (name, value),
            ("AWS_REGION", "us-east-1"),
            ("AWS_CONFIG_FILE", dir.join("none").to_str().unwrap()),
            ("AWS_SHARED_CREDENTIALS_FILE", dir.join("none").to_str().unwrap()),
        ]));
        let error = mpa::blocking::Client::builder().env(env).build().expect_err("refused");
        assert!(error.to_string().contains(name), "{name}: {error}");
    }
}
