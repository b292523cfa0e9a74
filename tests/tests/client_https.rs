//! HTTPS on loopback: a test certificate authority made here (rcgen), a rustls server, and
//! clients that trust the authority through `AWS_CA_BUNDLE` (and only through it). The server
//! records the key exchange each connection negotiated: the clients offer the hybrid
//! post-quantum one first.

use mpa::client::{Credentials, Env, Error, TransportErrorKind};
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::loopback::{Keys, ReadWrite, Reply, Server, Wrap};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A CA, a certificate for 127.0.0.1 signed by it, and the CA's PEM in a temporary file.
struct Pki {
    ca_pem_file: PathBuf,
    server: Arc<rustls::ServerConfig>,
}

/// The key exchange groups the server's connections negotiated, recorded as each closes.
type Groups = Arc<Mutex<Vec<rustls::NamedGroup>>>;

/// A server-side TLS connection that records its key exchange group when it closes.
struct Recording {
    stream: rustls::StreamOwned<rustls::ServerConnection, std::net::TcpStream>,
    groups: Groups,
}

impl std::io::Read for Recording {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.stream.read(buf)
    }
}

impl std::io::Write for Recording {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.stream.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        if let Some(group) = self.stream.conn.negotiated_key_exchange_group() {
            self.groups.lock().unwrap().push(group.name());
        }
    }
}

fn pki(name: &str) -> Pki {
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "mpa test CA");
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();

    let dir = std::env::temp_dir().join(format!("mpa-https-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_pem_file = dir.join("ca.pem");
    std::fs::write(&ca_pem_file, ca.pem()).unwrap();

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let chain = vec![CertificateDer::from(leaf.der().to_vec()), CertificateDer::from(ca.der().to_vec())];
    // The server supports every group of its provider, the hybrid one among them: which one a
    // connection uses is the client's choice.
    let server = rustls::ServerConfig::builder_with_provider(Arc::new(rustls_graviola::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    Pki { ca_pem_file, server: Arc::new(server) }
}

fn https_server(pki: &Pki, replies: Vec<Reply>) -> (Server, String, Groups) {
    let config = pki.server.clone();
    let groups = Groups::default();
    let recorded = groups.clone();
    let wrap: Wrap = Arc::new(move |tcp| {
        let connection = rustls::ServerConnection::new(config.clone()).ok()?;
        let stream = rustls::StreamOwned::new(connection, tcp);
        Some(Box::new(Recording { stream, groups: recorded.clone() }) as Box<dyn ReadWrite>)
    });
    let server = Server::serve(TcpListener::bind("127.0.0.1:0").unwrap(), replies, Keys::test(), Some(wrap));
    let url = format!("https://127.0.0.1:{}", server.addr().port());
    (server, url, groups)
}

/// Waits (boundedly) for the server to close the connection and record its group.
fn negotiated(groups: &Groups) -> Vec<rustls::NamedGroup> {
    for _ in 0..200 {
        let seen = groups.lock().unwrap().clone();
        if !seen.is_empty() {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Vec::new()
}

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
    client.list_sessions(&input()).expect("a call over TLS");
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
    match client.list_sessions(&input()).unwrap_err() {
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
    client.list_sessions(&input()).await.expect("a call over TLS");
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
