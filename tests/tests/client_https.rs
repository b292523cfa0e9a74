//! HTTPS on loopback: a test certificate authority made here (rcgen), a rustls server, and
//! clients that trust the authority through `AWS_CA_BUNDLE` (and only through it). The server
//! records the key exchange each connection negotiated: the clients offer the hybrid
//! post-quantum one first.

use mpa::client::{Credentials, Env, Error, TransportErrorKind};
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::loopback::{Keys, Reply};
use mpa_tests::tls::{https_server, negotiated, pki};
use std::path::PathBuf;
use std::time::Duration;

fn env(ca_bundle: Option<&PathBuf>) -> Env {
    let vars: Vec<(String, String)> =
        ca_bundle.map(|p| ("AWS_CA_BUNDLE".to_owned(), p.to_str().unwrap().to_owned())).into_iter().collect();
    Env::from_pairs(vars)
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

fn credentials() -> Credentials {
    let keys = Keys::test();
    Credentials::new(keys.access_key_id, keys.secret_access_key, None)
}

#[test]
fn blocking_client_trusts_the_ca_bundle() {
    let pki = pki("blocking");
    let (server, url, groups) = https_server(&pki, vec![Reply::json(200, r#"{"Sessions":[]}"#)]);
    let client = mpa::blocking::Client::builder()
        .env(env(Some(&pki.ca_pem_file)))
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(&url)
        .build()
        .unwrap();
    client.list_sessions().from_input(input()).send().expect("a call over TLS");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].signature, Ok(()));
    drop(client);
    assert_eq!(negotiated(&groups), [rustls::NamedGroup::X25519MLKEM768], "post-quantum key exchange");
}

#[test]
fn without_the_ca_bundle_the_certificate_is_refused_once() {
    let pki = pki("refused");
    let (server, url, _) = https_server(&pki, vec![]);
    let client = mpa::blocking::Client::builder()
        .env(env(None))
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(&url)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    match client.list_sessions().from_input(input()).send().unwrap_err() {
        Error::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Other, "{e}"),
        other => panic!("expected a TLS failure, got {other:?}"),
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn async_client_trusts_the_ca_bundle() {
    let pki = pki("async");
    let (server, url, groups) = https_server(&pki, vec![Reply::json(200, r#"{"Sessions":[]}"#)]);
    let client = mpa::Client::builder()
        .env(env(Some(&pki.ca_pem_file)))
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(&url)
        .build()
        .unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a call over TLS");
    assert_eq!(server.requests().len(), 1);
    drop(client);
    // The connection closes once this runtime has run its task: wait here, not on a thread.
    for _ in 0..200 {
        if !groups.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(negotiated(&groups), [rustls::NamedGroup::X25519MLKEM768], "post-quantum key exchange");
}
