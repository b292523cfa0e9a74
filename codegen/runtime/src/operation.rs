//! What every generated operation implements, and the options of building its request.

use crate::error::SerializeError;

/// One operation of a service: how to turn its input into an HTTP request, and an HTTP
/// response into its output or error.
///
/// Operations and their types own their data (`'static`): a mock client
/// (`client::mock`, feature `test-util`) tells them apart by type.
pub trait Operation: 'static {
    /// The operation's name in the model.
    const NAME: &'static str;
    /// What the caller provides.
    type Input: 'static;
    /// What a successful response holds.
    type Output: 'static;
    /// What a failed (or unreadable) response holds.
    type Error: std::error::Error + 'static;

    /// Whether the clients send its requests over HTTP/2: only an operation whose event
    /// stream the service takes over it says so (from its protocol's `eventStreamHttp`).
    /// `serialize_request` leaves the version alone; a caller that sends the request itself
    /// applies this with [`Http2::mark`].
    const HTTP2: Http2 = Http2::No;

    /// Builds the request: method, origin-form URI (path and query; the endpoint is the
    /// caller's), headers and body. The input is validated first.
    fn serialize_request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, SerializeError> {
        Self::serialize_request_with(input, SerializeOptions::default())
    }

    /// [`serialize_request`](Operation::serialize_request), with options.
    fn serialize_request_with(input: &Self::Input, options: SerializeOptions) -> Result<http::Request<Vec<u8>>, SerializeError>;

    /// Reads the service's response.
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, Self::Error>;
}

/// An operation whose input has a `@streaming` blob payload: besides
/// [`Operation::serialize_request`] (the whole body in memory), the request head can be
/// built alone, and the caller sends the body itself, from a file or a socket, as it comes.
#[cfg(feature = "streaming")]
pub trait StreamingInput: Operation {
    /// Builds the request without its body: method, origin-form URI, headers, the payload's
    /// `Content-Type`, and `Content-Length` when `content_length` is given (else send the body
    /// with chunked transfer encoding). The input's payload member is not read: the body is
    /// the caller's to send. The input is validated first.
    fn serialize_request_head(input: &Self::Input, content_length: Option<u64>) -> Result<http::Request<()>, SerializeError> {
        Self::serialize_request_head_with(input, content_length, SerializeOptions::default())
    }

    /// [`serialize_request_head`](StreamingInput::serialize_request_head), with options.
    fn serialize_request_head_with(
        input: &Self::Input,
        content_length: Option<u64>,
        options: SerializeOptions,
    ) -> Result<http::Request<()>, SerializeError>;
}

/// An operation whose output has a `@streaming` blob payload: besides
/// [`Operation::parse_response`] (the whole body in memory), the output can be read from
/// the response's status and headers alone, leaving the body, the payload, to the caller to
/// read as it arrives.
#[cfg(feature = "streaming")]
pub trait StreamingOutput: Operation {
    /// Reads every member but the payload (left unset) from the status and headers; the
    /// body is not touched, whatever its type, so it can still be streamed from the
    /// transport. An error status gives the error as far as the headers tell (code, request
    /// id): for its message and members, read the (small) error body whole and call
    /// [`Operation::parse_response`].
    fn parse_response_head<B>(response: &http::Response<B>) -> Result<Self::Output, Self::Error>;
}

/// The default `requestMinCompressionSizeBytes` of the Smithy specification (10 KiB), and
/// the largest value it allows (10 MiB).
#[cfg(feature = "gzip")]
const MIN_COMPRESSION_SIZE: u32 = 10_240;
#[cfg(feature = "gzip")]
const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// How [`Operation::serialize_request_with`] builds a request.
///
/// Its knobs follow what models use: validation always, idempotency-token generation with
/// the feature `idempotency-token`, request compression with `gzip`.
#[derive(Debug, Clone, Copy)]
pub struct SerializeOptions {
    validate: bool,
    #[cfg(feature = "idempotency-token")]
    idempotency_token: fn() -> String,
    #[cfg(feature = "gzip")]
    compress: bool,
    #[cfg(feature = "gzip")]
    min_compression_size: u32,
}

impl SerializeOptions {
    /// Whether the input is checked against the model's constraints (`@length`, `@range`,
    /// `@pattern`) first. On by default; turn it off to talk to a service whose rules are
    /// newer than the crate's model.
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// Whether inputs are validated.
    pub fn validates(&self) -> bool {
        self.validate
    }

    /// How the idempotency tokens the caller leaves unset are made: by default a fresh
    /// random UUID (version 4) each time. A fixed generator makes requests reproducible,
    /// e.g. in tests; a service takes two calls with the same token for one call sent twice,
    /// so real calls need a fresh token each.
    #[cfg(feature = "idempotency-token")]
    pub fn idempotency_token(mut self, generate: fn() -> String) -> Self {
        self.idempotency_token = generate;
        self
    }

    /// A token for an idempotency token member the caller left unset.
    #[cfg(feature = "idempotency-token")]
    #[doc(hidden)]
    pub fn new_idempotency_token(&self) -> String {
        (self.idempotency_token)()
    }

    /// Whether the request bodies of operations that allow it (`@requestCompression`) are
    /// gzipped. On by default.
    #[cfg(feature = "gzip")]
    pub fn request_compression(mut self, enabled: bool) -> Self {
        self.compress = enabled;
        self
    }

    /// The smallest body, in bytes, that is compressed: 10,240 by default. At most
    /// 10,485,760 (10 MiB); larger values are taken as 10 MiB.
    #[cfg(feature = "gzip")]
    pub fn min_compression_size(mut self, bytes: u32) -> Self {
        self.min_compression_size = bytes.min(MAX_MIN_COMPRESSION_SIZE);
        self
    }

    /// Whether a body of `len` bytes is compressed.
    #[cfg(feature = "gzip")]
    pub(crate) fn compresses(&self, len: usize) -> bool {
        self.compress && u64::try_from(len).unwrap_or(u64::MAX) >= u64::from(self.min_compression_size)
    }
}

impl Default for SerializeOptions {
    fn default() -> Self {
        SerializeOptions {
            validate: true,
            #[cfg(feature = "idempotency-token")]
            idempotency_token: crate::rt::token::idempotency_token,
            #[cfg(feature = "gzip")]
            compress: true,
            #[cfg(feature = "gzip")]
            min_compression_size: MIN_COMPRESSION_SIZE,
        }
    }
}

/// A function pointer has no meaningful `==`: two options are equal when their other
/// settings are, and their token generators are the same function.
impl PartialEq for SerializeOptions {
    fn eq(&self, other: &Self) -> bool {
        let same = self.validate == other.validate;
        #[cfg(feature = "idempotency-token")]
        let same = same && std::ptr::fn_addr_eq(self.idempotency_token, other.idempotency_token);
        #[cfg(feature = "gzip")]
        let same = same && self.compress == other.compress && self.min_compression_size == other.min_compression_size;
        same
    }
}

impl Eq for SerializeOptions {}

/// What an operation with a host prefix (`@endpoint(hostPrefix)`) puts before the
/// endpoint's host, carried in the request's extensions: the transport sends the request
/// to `{prefix}{host}` (the clients do so, and sign for that host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix(String);

impl HostPrefix {
    /// A prefix such as `foo.bar.`, whose labels the caller has checked as host labels.
    pub fn new(prefix: String) -> Self {
        HostPrefix(prefix)
    }

    /// The prefix, e.g. `foo.bar.`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which HTTP version an operation's requests take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Http2 {
    /// HTTP/1.1, as every other request.
    #[default]
    No,
    /// HTTP/2 where the client speaks it, else HTTP/1.1, which the service also takes.
    Preferred,
    /// HTTP/2 only: the service takes nothing else.
    Required,
}

impl Http2 {
    /// Marks `request` for its transport: `Version::HTTP_2`, and [`RequiresHttp2`] in its
    /// extensions when HTTP/1.1 will not do.
    pub fn mark<B>(self, request: &mut http::Request<B>) {
        if self == Http2::No {
            return;
        }
        *request.version_mut() = http::Version::HTTP_2;
        if self == Http2::Required {
            request.extensions_mut().insert(RequiresHttp2);
        }
    }
}

/// Carried in a request's extensions by an operation whose event stream the service takes
/// over HTTP/2 only (its protocol's `eventStreamHttp` names no other version); the request
/// is also marked `Version::HTTP_2` ([`Http2::mark`]). A transport that cannot speak HTTP/2
/// refuses it, saying so, rather than send what the service would refuse. (A request marked `HTTP_2` without
/// it prefers HTTP/2 and may go over HTTP/1.1.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequiresHttp2;

impl RequiresHttp2 {
    /// Whether the request needs HTTP/2; else it goes over HTTP/1.1 when the transport takes
    /// it there (marked `HTTP_11`, as HTTP/1.1 transports expect).
    pub fn check<B>(request: &mut http::Request<B>, transport: &str) -> Result<(), String> {
        if request.version() == http::Version::HTTP_2 && request.extensions().get::<RequiresHttp2>().is_some() {
            return Err(format!("the service takes this operation over HTTP/2 only, which {transport} does not speak"));
        }
        *request.version_mut() = http::Version::HTTP_11;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Http2, RequiresHttp2};

    fn request(version: http::Version, required: bool) -> http::Request<()> {
        let mut request = http::Request::builder().version(version).body(()).expect("a request");
        if required {
            Http2::Required.mark(&mut request);
        }
        request
    }

    #[test]
    fn marking_sets_the_version_and_says_when_http1_will_not_do() {
        for (http2, version, required) in
            [(Http2::No, http::Version::HTTP_11, false), (Http2::Preferred, http::Version::HTTP_2, false), (Http2::Required, http::Version::HTTP_2, true)]
        {
            let mut request = http::Request::new(());
            http2.mark(&mut request);
            assert_eq!(request.version(), version, "{http2:?}");
            assert_eq!(request.extensions().get::<RequiresHttp2>().is_some(), required, "{http2:?}");
        }
    }

    #[test]
    fn a_request_that_needs_http2_is_refused_by_an_http1_transport_saying_why() {
        let error = RequiresHttp2::check(&mut request(http::Version::HTTP_2, true), "this transport").expect_err("refused");
        assert!(error.contains("HTTP/2 only") && error.contains("this transport"), "{error}");
    }

    #[test]
    fn a_request_that_prefers_http2_goes_over_http1() {
        for version in [http::Version::HTTP_2, http::Version::HTTP_11] {
            let mut request = request(version, false);
            RequiresHttp2::check(&mut request, "this transport").expect("taken");
            assert_eq!(request.version(), http::Version::HTTP_11);
        }
    }
}
