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
    // @if streaming

    /// Sends a request whose body streams, and returns the response as soon as its head has
    /// come, its body to be taken chunk by chunk as it arrives. This default, for transports
    /// that cannot stream, reads the request body whole and holds the response body in
    /// memory.
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> BoxFuture<'_, Result<http::Response<super::body::AsyncResponseBody>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let bytes = body.read_all_async().await.map_err(TransportError::from_io)?;
            let response = self.send(http::Request::from_parts(parts, bytes)).await?;
            Ok(response.map(super::body::AsyncResponseBody::from_bytes))
        })
    }
    // @end
}

type HyperClient = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    http_body_util::Full<bytes::Bytes>,
>;
// @if streaming

/// The client of streaming requests: their bodies are read as they are sent.
type StreamingClient = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, std::io::Error>,
>;
// @end

/// The default async transport, on hyper and tokio. It needs a tokio runtime (with the
/// `time` driver) to run on.
#[derive(Clone)]
pub struct HyperTransport {
    client: HyperClient,
    read_timeout: Duration,
    // @if streaming
    streaming: StreamingClient,
    // @end
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
        // @if streaming
        let streaming = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(https.clone());
        // @end
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(https);
        // @if streaming
        let read_timeout = settings.read_timeout.unwrap_or(super::config::READ_TIMEOUT);
        Ok(HyperTransport { client, read_timeout, streaming })
        // @else
        Ok(HyperTransport { client, read_timeout: settings.read_timeout.unwrap_or(super::config::READ_TIMEOUT) })
        // @end
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
    // @if streaming

    /// Streams both ways: the request body is read as the connection takes it (with
    /// `Content-Length` when the request has it, else chunked), the response body as the
    /// caller takes its chunks. The read timeout bounds the wait for the response head (the
    /// request body included) and then each wait for a chunk.
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> BoxFuture<'_, Result<http::Response<super::body::AsyncResponseBody>, TransportError>> {
        Box::pin(async move {
            let request = request.map(super::body::Body::into_http_body);
            let response = match tokio::time::timeout(self.read_timeout, self.streaming.request(request)).await {
                Ok(result) => result.map_err(from_hyper)?,
                Err(_) => return Err(TransportError::timeout(format!("no response within {:?}", self.read_timeout))),
            };
            let read_timeout = Some(self.read_timeout);
            Ok(response.map(|body| super::body::AsyncResponseBody::from_http_body(body, read_timeout)))
        })
    }
    // @end
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
