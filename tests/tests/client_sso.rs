//! IAM Identity Center, end to end with both clients: the token the AWS CLI cached in
//! `~/.aws/sso/cache/` (under a temporary `HOME`), a loopback portal that checks the bearer
//! token and the account and role asked for, and a loopback OIDC service that refreshes an
//! expired token, which is then found written back to the cache file.

use mpa_tests::credentials::{BOTH, Kind, assert_signed_with, call, rfc3339_in, temp_dir, temporary_keys, vars};
use mpa_tests::loopback::{Keys, Reply, Server};
use std::path::{Path, PathBuf};

const SESSION_CONFIG: &str = "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\nregion = us-east-1\n\
     [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n";

/// The cache file of the session `corp`: SHA-1 of its name, as `sha1sum` prints it.
fn cache_file(home: &Path) -> PathBuf {
    home.join(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
}

fn write_cache(home: &Path, token: &str) {
    std::fs::create_dir_all(home.join(".aws/sso/cache")).unwrap();
    std::fs::write(cache_file(home), token).unwrap();
}

/// The portal's answer with the credentials of `keys`, expiring in an hour.
fn role_credentials(keys: &Keys) -> Reply {
    let expiration = (time::OffsetDateTime::now_utc() + time::Duration::hours(1)).unix_timestamp() * 1000;
    Reply::json(
        200,
        &format!(
            r#"{{"roleCredentials":{{"accessKeyId":"{}","secretAccessKey":"{}","sessionToken":"{}","expiration":{expiration}}}}}"#,
            keys.access_key_id,
            keys.secret_access_key,
            keys.session_token.as_deref().unwrap()
        ),
    )
}

fn assert_portal_request(portal: &Server, bearer: &str) {
    let requests = portal.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "GET");
    assert!(request.target.starts_with("/federation/credentials?"), "{}", request.target);
    assert!(request.target.contains("account_id=111122223333") && request.target.contains("role_name=Developer"), "{}", request.target);
    assert_eq!(request.header("x-amz-sso_bearer_token"), Some(bearer));
    assert_eq!(request.header("authorization"), None, "the portal is called unsigned");
}

#[test]
fn a_valid_cached_token() {
    for kind in BOTH {
        let home = temp_dir("sso-valid");
        std::fs::write(home.join("config"), SESSION_CONFIG).unwrap();
        write_cache(&home, &format!(r#"{{"accessToken":"cached-token","expiresAt":"{}","region":"eu-west-1"}}"#, rfc3339_in(3600)));
        let keys = temporary_keys("ASIASSO");
        let portal = Server::start(vec![role_credentials(&keys)], Keys::test());
        let vars = vars(&home, &[("AWS_PROFILE", "dev"), ("AWS_ENDPOINT_URL_SSO", &portal.url())]);
        let server = call(kind, &vars, &keys, None).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_signed_with(&server, &keys);
        assert_portal_request(&portal, "cached-token");
    }
}

#[test]
fn an_expired_token_is_refreshed_and_written_back() {
    for kind in BOTH {
        let home = temp_dir("sso-refresh");
        std::fs::write(home.join("config"), SESSION_CONFIG).unwrap();
        let cached = format!(
            r#"{{"startUrl":"https://corp.awsapps.com/start","region":"eu-west-1","accessToken":"old-token","expiresAt":"{}","clientId":"client-1","clientSecret":"client-secret","registrationExpiresAt":"{}","refreshToken":"refresh-1","scopes":["sso:account:access"]}}"#,
            rfc3339_in(-60),
            rfc3339_in(86_400)
        );
        write_cache(&home, &cached);
        let oidc = Server::start(
            vec![Reply::json(200, r#"{"accessToken":"new-token","tokenType":"Bearer","expiresIn":28800,"refreshToken":"refresh-2"}"#)],
            Keys::test(),
        );
        let keys = temporary_keys("ASIAREFRESHED");
        let portal = Server::start(vec![role_credentials(&keys)], Keys::test());
        let vars = vars(
            &home,
            &[("AWS_PROFILE", "dev"), ("AWS_ENDPOINT_URL_SSO", &portal.url()), ("AWS_ENDPOINT_URL_SSO_OIDC", &oidc.url())],
        );
        let server = call(kind, &vars, &keys, None).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_signed_with(&server, &keys);
        assert_portal_request(&portal, "new-token");

        let requests = oidc.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!((requests[0].method.as_str(), requests[0].target.as_str()), ("POST", "/token"));
        let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
        let expected = serde_json::json!({"clientId": "client-1", "clientSecret": "client-secret", "grantType": "refresh_token", "refreshToken": "refresh-1"});
        assert_eq!(body, expected);

        let written: serde_json::Value = serde_json::from_slice(&std::fs::read(cache_file(&home)).unwrap()).unwrap();
        assert_eq!(written["accessToken"], "new-token");
        assert_eq!(written["refreshToken"], "refresh-2");
        assert_eq!(written["clientId"], "client-1", "other fields kept");
        assert_eq!(written["scopes"], serde_json::json!(["sso:account:access"]));
        assert_eq!(written["startUrl"], "https://corp.awsapps.com/start");
        let expires = time::OffsetDateTime::parse(written["expiresAt"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
        assert!(expires > time::OffsetDateTime::now_utc() + time::Duration::hours(7), "eight hours from the refresh: {expires}");
        let leftovers: Vec<_> = std::fs::read_dir(home.join(".aws/sso/cache")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }
}

#[test]
fn an_expired_token_without_a_refresh_token_says_which_login_to_run() {
    for kind in BOTH {
        let home = temp_dir("sso-expired");
        std::fs::write(home.join("config"), SESSION_CONFIG).unwrap();
        write_cache(&home, &format!(r#"{{"accessToken":"old-token","expiresAt":"{}"}}"#, rfc3339_in(-60)));
        let portal = Server::start(vec![], Keys::test());
        let vars = vars(&home, &[("AWS_PROFILE", "dev"), ("AWS_ENDPOINT_URL_SSO", &portal.url())]);
        let error = call(kind, &vars, &Keys::test(), None).err().expect("expired");
        assert!(error.contains("aws sso login --sso-session corp") && error.contains("expired"), "{kind:?}: {error}");
        assert!(!error.contains("old-token"), "no token in the message: {error}");
        assert!(portal.requests().is_empty());
    }
}

#[test]
fn a_legacy_profile_reads_the_cache_of_its_start_url() {
    let home = temp_dir("sso-legacy");
    std::fs::write(
        home.join("config"),
        "[default]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Developer\n",
    )
    .unwrap();
    // `printf https://legacy.awsapps.com/start | sha1sum`
    let file = home.join(".aws/sso/cache/79e435d7a515078e81c9dffc35f38d5687ebd3a7.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, format!(r#"{{"accessToken":"legacy-token","expiresAt":"{}"}}"#, rfc3339_in(3600))).unwrap();
    let keys = temporary_keys("ASIALEGACY");
    let portal = Server::start(vec![role_credentials(&keys)], Keys::test());
    let vars = vars(&home, &[("AWS_ENDPOINT_URL_SSO", &portal.url())]);
    let server = call(Kind::Blocking, &vars, &keys, None).expect("call");
    assert_signed_with(&server, &keys);
    assert_portal_request(&portal, "legacy-token");
}

#[test]
fn no_cached_token_says_which_login_to_run() {
    let home = temp_dir("sso-none");
    std::fs::write(home.join("config"), SESSION_CONFIG).unwrap();
    let vars = vars(&home, &[("AWS_PROFILE", "dev")]);
    let error = call(Kind::Blocking, &vars, &Keys::test(), None).err().expect("no token");
    assert!(error.contains("aws sso login --sso-session corp") && error.contains("profile `dev`"), "{error}");
}
