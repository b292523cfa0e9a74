//! Sending requests asynchronously: a small trait, and the default transport on hyper
//! (HTTP/1.1, rustls; webpki roots, or the authorities in `AWS_CA_BUNDLE`) over tokio.
//!
//! Plugging in another client:
//!
//! ```rust,ignore
//! #[derive(Debug)]
//! struct MyTransport(my_http::Client);
//!
//! impl mpa::client::AsyncTransport for MyTransport {
//!     fn send(&self, request: http::Request<Vec<u8>>) -> mpa::client::BoxFuture<'_, Result<http::Response<Vec<u8>>, mpa::client::TransportError>> {
//!         Box::pin(async move { self.0.execute(request).await.map_err(|e| mpa::client::TransportError::io(e.to_string())) })
//!     }
//! }
//! ```

use super::config::TransportSettings;
use super::error::ConfigError;
use super::transport::{TransportError, TransportErrorKind};
use http_body_util::BodyExt;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A boxed future that can move between threads.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request (with an absolute URI) and returns the whole response, whatever its
/// status. Errors are for requests that got no response.
pub trait AsyncTransport: Send + Sync + fmt::Debug {
    /// Sends `request`.
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

type HyperClient = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    http_body_util::Full<bytes::Bytes>,
>;

/// The default async transport, on hyper and tokio. It needs a tokio runtime (with the
/// `time` driver) to run on.
#[derive(Clone)]
pub struct HyperTransport {
    client: HyperClient,
    read_timeout: Duration,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport").field("read_timeout", &self.read_timeout).finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// A transport with these timeouts and certificate authorities.
    pub fn new(settings: &TransportSettings) -> Result<Self, ConfigError> {
        let mut roots = rustls::RootCertStore::empty();
        match &settings.ca_bundle {
            Some(path) => {
                for der in super::transport::load_ca_bundle_der(path)? {
                    roots
                        .add(rustls::pki_types::CertificateDer::from(der))
                        .map_err(|e| ConfigError::new(format!("a certificate of the CA bundle {} is invalid: {e}", path.display())))?;
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| ConfigError::new(format!("TLS: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(settings.connect_timeout);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(https);
        Ok(HyperTransport { client, read_timeout: settings.read_timeout.unwrap_or(super::config::READ_TIMEOUT) })
    }

    async fn round_trip(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = request.map(|body| http_body_util::Full::new(bytes::Bytes::from(body)));
        let response = self.client.request(request).await.map_err(from_hyper)?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|e| TransportError::io(e.to_string()).with_source(e))?;
        Ok(http::Response::from_parts(parts, body.to_bytes().to_vec()))
    }
}

impl AsyncTransport for HyperTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            match tokio::time::timeout(self.read_timeout, self.round_trip(request)).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::timeout(format!("no response within {:?}", self.read_timeout))),
            }
        })
    }
}

fn from_hyper(error: hyper_util::client::legacy::Error) -> TransportError {
    use std::error::Error as _;
    let mut source = error.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            let kind = TransportError::from_io(std::io::Error::new(io.kind(), io.to_string())).kind();
            return TransportError::new(kind, error.to_string()).with_source(error);
        }
        source = e.source();
    }
    let kind = if error.is_connect() { TransportErrorKind::Connect } else { TransportErrorKind::Io };
    TransportError::new(kind, error.to_string()).with_source(error)
}
