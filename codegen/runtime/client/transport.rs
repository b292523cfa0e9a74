//! Sending requests: a small trait for blocking transports, and the default one on `ureq`
//! (rustls; webpki roots, or the authorities in `AWS_CA_BUNDLE`).
//!
//! Plugging in another client takes a few lines:
//!
//! ```rust,ignore
//! #[derive(Debug)]
//! struct MyTransport(my_http::Client);
//!
//! impl mpa::client::BlockingTransport for MyTransport {
//!     fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, mpa::client::TransportError> {
//!         self.0.execute(request).map_err(|e| mpa::client::TransportError::io(e.to_string()))
//!     }
//! }
//!
//! let client = mpa::blocking::Client::builder().transport(MyTransport(my_http::Client::new())).build()?;
//! ```

use super::config::TransportSettings;
use super::error::ConfigError;
use std::fmt;
use std::sync::Arc;

/// Sends one request (with an absolute URI) and returns the whole response, whatever its
/// status. Errors are for requests that got no response.
pub trait BlockingTransport: Send + Sync + fmt::Debug {
    /// Sends `request`.
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>;
    // @if streaming

    /// Sends a request whose body streams, and returns the response as soon as its head has
    /// come, its body to be read as it arrives. This default, for transports that cannot
    /// stream, reads the request body whole and holds the response body in memory.
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> Result<http::Response<super::body::ResponseBody>, TransportError> {
        let (parts, body) = request.into_parts();
        let bytes = body.read_all().map_err(TransportError::from_io)?;
        let response = self.send(http::Request::from_parts(parts, bytes))?;
        Ok(response.map(super::body::ResponseBody::from_bytes))
    }
    // @end
}

/// What kind of failure a transport had: it decides whether the call is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, unreachable, name not found): retried.
    Connect,
    /// No answer in time: retried.
    Timeout,
    /// The connection broke (reset, closed early): retried.
    Io,
    /// Anything else (TLS, invalid request): not retried.
    Other,
}

/// A request that got no response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// A failure of this kind.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), source: None }
    }

    /// The connection could not be made.
    pub fn connect(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Connect, message)
    }

    /// No answer in time.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Timeout, message)
    }

    /// The connection broke.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Io, message)
    }

    /// Keeps the underlying error.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the same request may get an answer if sent again.
    pub fn is_retryable(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Other)
    }

    /// Classifies an I/O error.
    pub fn from_io(error: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let kind = match error.kind() {
            K::ConnectionRefused | K::NotFound | K::AddrNotAvailable | K::HostUnreachable | K::NetworkUnreachable => {
                TransportErrorKind::Connect
            }
            K::TimedOut | K::WouldBlock => TransportErrorKind::Timeout,
            // TLS failures (an untrusted certificate) come as invalid data: retrying cannot help.
            K::InvalidData | K::InvalidInput => TransportErrorKind::Other,
            _ => TransportErrorKind::Io,
        };
        TransportError::new(kind, error.to_string()).with_source(error)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "connection broken",
            TransportErrorKind::Other => "request failed",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The default blocking transport, on `ureq`: HTTP/1.1, rustls, no redirects.
#[derive(Debug, Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl UreqTransport {
    /// A transport with these timeouts and certificate authorities.
    pub fn new(settings: &TransportSettings) -> Result<Self, ConfigError> {
        let roots = match &settings.ca_bundle {
            Some(path) => ureq::tls::RootCerts::Specific(Arc::new(load_ca_bundle(path)?)),
            None => ureq::tls::RootCerts::WebPki,
        };
        let tls = ureq::tls::TlsConfig::builder().root_certs(roots).build();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(settings.connect_timeout)
            .timeout_recv_response(settings.read_timeout)
            .timeout_recv_body(settings.read_timeout)
            .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build();
        Ok(UreqTransport { agent: config.new_agent() })
    }
}

/// The certificates of a PEM file (`AWS_CA_BUNDLE`), as DER.
#[cfg(feature = "client")]
pub(crate) fn load_ca_bundle_der(path: &std::path::Path) -> Result<Vec<Vec<u8>>, ConfigError> {
    Ok(load_ca_bundle(path)?.iter().map(|c| c.der().to_vec()).collect())
}

/// The certificates of a PEM file (`AWS_CA_BUNDLE`).
fn load_ca_bundle(path: &std::path::Path) -> Result<Vec<ureq::tls::Certificate<'static>>, ConfigError> {
    let pem = std::fs::read(path).map_err(|e| ConfigError::new(format!("cannot read the CA bundle {}: {e}", path.display())))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certificates.push(c.to_owned()),
            Ok(_) => {}
            Err(e) => return Err(ConfigError::new(format!("the CA bundle {} is not PEM: {e}", path.display()))),
        }
    }
    if certificates.is_empty() {
        return Err(ConfigError::new(format!("the CA bundle {} holds no certificate", path.display())));
    }
    Ok(certificates)
}

impl BlockingTransport for UreqTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self.agent.run(request).map_err(from_ureq)?;
        let (parts, mut body) = response.into_parts();
        let bytes = body.with_config().limit(u64::MAX).read_to_vec().map_err(from_ureq)?;
        Ok(http::Response::from_parts(parts, bytes))
    }
    // @if streaming

    /// Streams both ways: the request body is read as it is sent (with `Content-Length` when
    /// the request has it, else chunked), the response body as the caller reads it. The read
    /// timeout bounds the whole response body, as for `send`.
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> Result<http::Response<super::body::ResponseBody>, TransportError> {
        let (parts, body) = request.into_parts();
        let response = match body.into_bytes_or_self() {
            Ok(bytes) => self.agent.run(http::Request::from_parts(parts, bytes)),
            Err(body) => {
                let body = ureq::SendBody::from_owned_reader(body.into_reader());
                self.agent.run(http::Request::from_parts(parts, body))
            }
        }
        .map_err(from_ureq)?;
        let (parts, body) = response.into_parts();
        let reader = body.into_with_config().limit(u64::MAX).reader();
        Ok(http::Response::from_parts(parts, super::body::ResponseBody::from_reader(reader)))
    }
    // @end
}

fn from_ureq(error: ureq::Error) -> TransportError {
    match error {
        ureq::Error::Io(e) => TransportError::from_io(e),
        ureq::Error::Timeout(t) => TransportError::timeout(format!("{t}")),
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportError::connect(error.to_string()),
        ureq::Error::Protocol(_) | ureq::Error::BodyStalled => TransportError::io(error.to_string()).with_source(error),
        other => TransportError::new(TransportErrorKind::Other, other.to_string()).with_source(other),
    }
}
