//! The region is checked before anything is sent, in both clients and whatever configures it
//! or the endpoint: a region that is not a host label is refused when the client is built,
//! with a typed error naming the value (escaped, so a stray newline shows) and where it came
//! from, and the loopback server sees no connection. Regions that are unusual but valid still
//! sign and call. Every test passes its whole environment (`Env::from_pairs`), so nothing of
//! the machine's AWS_* variables or files is read.

use mpa::client::{ConfigError, ConfigErrorKind, Credentials, Env, SettingSource};
use mpa::endpoint::{Params, ResolveErrorKind};
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::loopback::{Keys, Reply, Server};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";
const PAGE: &str = r#"{"Sessions":[]}"#;

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn(TEAM).build()
}

fn temp_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("mpa-region-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Where a test puts the region and the endpoint URL.
#[derive(Debug, Clone, Copy)]
enum Via {
    Builder,
    Environment(&'static str),
    Profile,
    /// No endpoint URL at all: the model's endpoint rules would choose it.
    Rules,
}

/// A client configuration: the builder's settings and the whole environment. Credentials are
/// explicit, so no credentials source is looked for.
struct Setup {
    region_via: Via,
    endpoint_via: Via,
    region: String,
    url: String,
}

impl Setup {
    fn env(&self) -> Env {
        let dir = temp_dir();
        let mut vars: Vec<(String, String)> = vec![
            ("AWS_CONFIG_FILE".into(), dir.join("config").display().to_string()),
            ("AWS_SHARED_CREDENTIALS_FILE".into(), dir.join("credentials").display().to_string()),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ];
        let mut profile = String::from("[profile work]\n");
        if let Via::Environment(name) = self.region_via {
            vars.push((name.into(), self.region.clone()));
        }
        if let Via::Environment(name) = self.endpoint_via {
            vars.push((name.into(), self.url.clone()));
        }
        if let Via::Profile = self.region_via {
            profile.push_str(&format!("region = {}\n", self.region));
        }
        if let Via::Profile = self.endpoint_via {
            profile.push_str(&format!("endpoint_url = {}\n", self.url));
        }
        std::fs::write(dir.join("config"), profile).unwrap();
        Env::from_pairs(vars)
    }

    fn blocking(&self) -> mpa::blocking::ClientBuilder {
        let keys = Keys::test();
        let mut builder = mpa::blocking::Client::builder()
            .env(self.env())
            .profile("work")
            .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
            .max_attempts(1);
        if let Via::Builder = self.region_via {
            builder = builder.region(self.region.clone());
        }
        if let Via::Builder = self.endpoint_via {
            builder = builder.endpoint_url(self.url.clone());
        }
        builder
    }

    fn async_client(&self) -> mpa::client::ClientBuilder {
        let keys = Keys::test();
        let mut builder = mpa::Client::builder()
            .env(self.env())
            .profile("work")
            .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
            .max_attempts(1);
        if let Via::Builder = self.region_via {
            builder = builder.region(self.region.clone());
        }
        if let Via::Builder = self.endpoint_via {
            builder = builder.endpoint_url(self.url.clone());
        }
        builder
    }
}

/// The blocking client's refusal; a client that builds is called once, so that a check that
/// came too late would show as a connection.
fn refused_blocking(setup: &Setup) -> ConfigError {
    match setup.blocking().build() {
        Err(e) => e,
        Ok(client) => panic!("the client was built; its call gave {:?}", client.list_sessions().from_input(input()).send().map(|_| ())),
    }
}

fn refused_async(setup: &Setup, runtime: &tokio::runtime::Runtime) -> ConfigError {
    match setup.async_client().build() {
        Err(e) => e,
        Ok(client) => {
            let result = runtime.block_on(client.list_sessions().from_input(input()).send()).map(|_| ());
            panic!("the client was built; its call gave {result:?}")
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// The error is typed, names the region as Rust writes a string (`"us-east-1\n"`), and says
/// where it came from.
fn assert_names(error: &ConfigError, region: &str, source: &SettingSource, says: &str) {
    assert_eq!(error.kind(), &ConfigErrorKind::InvalidRegion { region: region.to_owned(), source: source.clone() }, "{error}");
    let text = error.to_string();
    assert!(text.contains(&format!("invalid region {region:?}")), "{text}");
    assert!(text.contains(says), "`{says}` in: {text}");
    assert!(!text.contains('\n'), "the value is escaped: {text}");
}

/// Nothing reached the server, not even a connection (the server polls for connections every
/// few milliseconds: this wait lets one that was opened show).
fn assert_untouched(server: &Server) {
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.connections(), 0, "no connection");
    assert!(server.requests().is_empty());
}

#[test]
fn a_region_with_a_newline_is_refused_before_any_connection_in_both_clients() {
    let server = Server::start(vec![Reply::json(200, PAGE)], Keys::test());
    let runtime = runtime();
    let endpoints = [Via::Builder, Via::Environment("AWS_ENDPOINT_URL"), Via::Environment("AWS_ENDPOINT_URL_MPA"), Via::Profile, Via::Rules];
    for endpoint_via in endpoints {
        for region in ["us-east-1\n", "us-east-1\r\n", "\nus-east-1", "us-east-1 "] {
            let regions = [
                (Via::Builder, SettingSource::Builder, "the client builder"),
                (Via::Environment("AWS_REGION"), SettingSource::Environment("AWS_REGION"), "AWS_REGION"),
                (Via::Environment("AWS_DEFAULT_REGION"), SettingSource::Environment("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"),
            ];
            for (region_via, source, says) in regions {
                let setup = Setup { region_via, endpoint_via, region: region.into(), url: server.url() };
                let context = format!("region {region:?} via {region_via:?}, endpoint via {endpoint_via:?}");
                let error = refused_blocking(&setup);
                assert_names(&error, region, &source, says);
                let error = refused_async(&setup, &runtime);
                assert_names(&error, region, &source, says);
                assert_eq!(server.connections(), 0, "{context}");
            }
        }
    }
    assert_untouched(&server);
}

#[test]
fn a_profile_region_that_is_not_a_host_label_is_refused_naming_the_profile_and_file() {
    let server = Server::start(vec![Reply::json(200, PAGE)], Keys::test());
    let runtime = runtime();
    for endpoint_via in [Via::Builder, Via::Environment("AWS_ENDPOINT_URL"), Via::Profile, Via::Rules] {
        for region in ["us-east-1.evil.com", "us east 1", "us-east-1/x", "-us-east-1", "région"] {
            let setup = Setup { region_via: Via::Profile, endpoint_via, region: region.into(), url: server.url() };
            let source = SettingSource::Profile("work".into());
            for error in [refused_blocking(&setup), refused_async(&setup, &runtime)] {
                assert_names(&error, region, &source, "`region` of the profile `work`");
                assert!(error.to_string().contains("config"), "the file: {error}");
            }
        }
    }
    assert_untouched(&server);
}

#[test]
fn an_over_long_or_empty_builder_region_is_refused() {
    let server = Server::start(vec![], Keys::test());
    let runtime = runtime();
    for region in ["a".repeat(64), String::new(), "us-east-1\u{0}".into()] {
        let setup = Setup { region_via: Via::Builder, endpoint_via: Via::Builder, region: region.clone(), url: server.url() };
        for error in [refused_blocking(&setup), refused_async(&setup, &runtime)] {
            assert_names(&error, &region, &SettingSource::Builder, "the client builder");
        }
    }
    assert_untouched(&server);
}

/// Regions of every partition, a local test region, and labels that are unusual but valid
/// host labels: each signs its requests for itself and reaches the server.
#[test]
fn valid_unusual_regions_still_call_with_both_clients() {
    let runtime = runtime();
    let regions = ["us-gov-west-1", "cn-north-1", "eu-isoe-west-1", "us-isob-east-1", "us-isof-south-1", "local", "123456", "US-EAST-1", "x"];
    for region in regions {
        let keys = Keys { region: region.into(), ..Keys::test() };
        let server = Server::start(vec![Reply::json(200, PAGE); 4], keys.clone());
        for region_via in [Via::Builder, Via::Environment("AWS_REGION"), Via::Profile] {
            let setup = Setup { region_via, endpoint_via: Via::Environment("AWS_ENDPOINT_URL"), region: region.into(), url: server.url() };
            let client = setup.blocking().build().unwrap_or_else(|e| panic!("{region} via {region_via:?}: {e}"));
            client.list_sessions().from_input(input()).send().unwrap_or_else(|e| panic!("{region}: {e}"));
        }
        let setup = Setup { region_via: Via::Builder, endpoint_via: Via::Builder, region: region.into(), url: server.url() };
        let client = setup.async_client().build().unwrap_or_else(|e| panic!("{region}: {e}"));
        runtime.block_on(client.list_sessions().from_input(input()).send()).unwrap_or_else(|e| panic!("{region}: {e}"));
        let requests = server.requests();
        assert_eq!(requests.len(), 4, "{region}");
        for request in requests {
            assert_eq!(request.signature, Ok(()), "{region}");
            let authorization = request.header("authorization").unwrap();
            assert!(authorization.contains(&format!("/{region}/mpa/aws4_request")), "{authorization}");
        }
    }
}

/// The clients accept a region exactly when the endpoint rules do (their `isValidHostLabel`
/// of the region): every ASCII character first, inside and last, and the length limits.
#[test]
fn the_clients_accept_exactly_the_regions_the_endpoint_rules_accept() {
    let mut candidates: Vec<String> = Vec::new();
    for byte in 0u8..128 {
        let c = char::from(byte);
        candidates.extend([format!("{c}"), format!("{c}us-east-1"), format!("us{c}east-1"), format!("us-east-1{c}")]);
    }
    candidates.extend(["a".repeat(62), "a".repeat(63), "a".repeat(64), "é".into(), "us-east-1\u{a0}".into()]);
    let mut accepted = 0;
    for region in &candidates {
        let resolved = mpa::endpoint::resolve(&Params::builder().region(region.clone()).build());
        let rules = !matches!(&resolved, Err(e) if e.kind() == ResolveErrorKind::InvalidParameter);
        let client = mpa::blocking::Client::builder()
            .env(Env::from_pairs::<&str, &str>([]))
            .region(region.clone())
            .credentials(Credentials::new("AKID", "secret", None))
            .endpoint_url("http://127.0.0.1:1")
            .build();
        let refused = matches!(&client, Err(e) if matches!(e.kind(), ConfigErrorKind::InvalidRegion { .. }));
        assert_eq!(!refused, rules, "{region:?}: the client {}, the rules {}", verdict(!refused), verdict(rules));
        accepted += usize::from(rules);
    }
    // Both verdicts occur: letters, digits and `-` (not first) pass, everything else fails.
    assert!(accepted > 100 && accepted < candidates.len() - 100, "{accepted} of {}", candidates.len());
}

fn verdict(accepts: bool) -> &'static str {
    if accepts { "accepts" } else { "refuses" }
}
