//! HTTPS on loopback: a test certificate authority made here (rcgen) with a certificate for
//! 127.0.0.1, and the loopback server behind rustls, recording the key exchange each
//! connection negotiated.

use crate::loopback::{Keys, ReadWrite, Reply, Server, Wrap};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A CA, a certificate for 127.0.0.1 signed by it, and the CA's PEM in a temporary file.
pub struct Pki {
    pub ca_pem_file: PathBuf,
    pub server: Arc<rustls::ServerConfig>,
}

/// The key exchange groups the server's connections negotiated, recorded as each closes.
pub type Groups = Arc<Mutex<Vec<rustls::NamedGroup>>>;

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

pub fn pki(name: &str) -> Pki {
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

pub fn https_server(pki: &Pki, replies: Vec<Reply>) -> (Server, String, Groups) {
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
pub fn negotiated(groups: &Groups) -> Vec<rustls::NamedGroup> {
    for _ in 0..200 {
        let seen = groups.lock().unwrap().clone();
        if !seen.is_empty() {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Vec::new()
}
