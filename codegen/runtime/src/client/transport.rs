//! Sending requests: a small trait for blocking transports (the default one, on `ureq`, is in
//! `transport_ureq.rs`), and the errors of all transports.
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

use std::fmt;

/// Sends one request (with an absolute URI) and returns the whole response, whatever its
/// status. Errors are for requests that got no response.
///
/// When the client has an attempt or operation timeout, each request carries its deadline
/// in its extensions ([`AttemptDeadline`](super::AttemptDeadline)), which a transport
/// should honour: the client cannot interrupt it.
pub trait BlockingTransport: Send + Sync + fmt::Debug {
    /// Sends `request`.
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>;

    /// Sends a request whose body streams, and returns the response as soon as its head has
    /// come, its body to be read as it arrives. This default, for transports that cannot
    /// stream, reads the request body whole and holds the response body in memory.
    #[cfg(feature = "streaming")]
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> Result<http::Response<super::body::ResponseBody>, TransportError> {
        let (parts, body) = request.into_parts();
        let bytes = body.read_all().map_err(TransportError::from_io)?;
        let response = self.send(http::Request::from_parts(parts, bytes))?;
        Ok(response.map(super::body::ResponseBody::from_bytes))
    }
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
    /// The client timeout this error reports, if it is one.
    expired: Option<super::timeout::ExpiredTimeout>,
}

impl TransportError {
    /// A failure of this kind.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), source: None, expired: None }
    }

    pub(crate) fn with_expired(mut self, timeout: super::timeout::ExpiredTimeout) -> Self {
        self.expired = Some(timeout);
        self
    }

    /// Which of the client's attempt and operation timeouts expired, when that is what
    /// ended the request (kind [`TransportErrorKind::Timeout`]); `None` for the transport's
    /// own timeouts and any other failure.
    pub fn expired_timeout(&self) -> Option<super::timeout::ExpiredTimeout> {
        self.expired
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

    /// The same failure, with `context` after its message (the proxy it came through).
    #[cfg(feature = "blocking")]
    pub(crate) fn context(mut self, context: impl fmt::Display) -> Self {
        self.message = format!("{} ({context})", self.message);
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the same request may get an answer if sent again (not when the operation
    /// timeout expired: the call is over).
    pub fn is_retryable(&self) -> bool {
        let operation_over = matches!(self.expired, Some(super::timeout::ExpiredTimeout::Operation(_)));
        !matches!(self.kind, TransportErrorKind::Other) && !operation_over
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
