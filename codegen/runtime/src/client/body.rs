//! Bodies of `@streaming` payloads: what a request sends and what a response hands over,
//! without the client holding the payload in memory.

use super::transport::TransportError;
use std::fmt;
use std::io::{self, Read};

/// What the canonical request of SigV4 puts for a body that is not hashed.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// What the canonical request of SigV4 puts for an input event stream, whose messages are
/// each signed in turn.
pub(crate) const STREAMING_EVENTS_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

/// The body of a request whose payload streams: bytes in memory, or a reader the transport
/// pulls from as it sends.
///
/// Bytes are signed with their SHA-256 and sent again when a call is retried. A reader is
/// read once, as it is sent: the call is not retried, and the signature leaves the body
/// out (`UNSIGNED-PAYLOAD`, announced in `x-amz-content-sha256`) unless the body's SHA-256
/// is given with [`Body::with_sha256`]. Give the length when it is known: the request then
/// carries `Content-Length`, else the body goes with chunked transfer encoding.
pub struct Body {
    inner: Inner,
    sha256: Option<String>,
}

enum Inner {
    Bytes(Vec<u8>),
    Reader { reader: Box<dyn Read + Send>, length: Option<u64> },
    /// An input event stream's events, framed (and signed) as they are sent.
    #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
    Events(Box<super::event_input::Events>),
}

impl Body {
    /// A body read from `reader` as it is sent; `length` is its length in bytes, when known.
    pub fn from_reader(reader: impl Read + Send + 'static, length: Option<u64>) -> Body {
        Body { inner: Inner::Reader { reader: Box::new(reader), length }, sha256: None }
    }

    /// Signs a reader's body with its SHA-256 (lower-case hex), computed beforehand by the
    /// caller, instead of `UNSIGNED-PAYLOAD`. Bytes are hashed anyway.
    pub fn with_sha256(mut self, sha256_hex: impl Into<String>) -> Body {
        self.sha256 = Some(sha256_hex.into());
        self
    }

    /// The length in bytes, when known.
    pub fn len(&self) -> Option<u64> {
        match &self.inner {
            Inner::Bytes(bytes) => u64::try_from(bytes.len()).ok(),
            Inner::Reader { length, .. } => *length,
            #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
            Inner::Events(_) => None,
        }
    }

    /// Whether the body is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The bytes, when the body is in memory; else the body itself back.
    pub(crate) fn into_bytes_or_self(self) -> Result<Vec<u8>, Body> {
        match self.inner {
            Inner::Bytes(bytes) => Ok(bytes),
            inner => Err(Body { inner, sha256: self.sha256 }),
        }
    }

    /// The hash the signature covers: the given SHA-256, or `UNSIGNED-PAYLOAD`, or for an
    /// event stream `STREAMING-AWS4-HMAC-SHA256-EVENTS`.
    pub(crate) fn payload_hash(&self) -> &str {
        #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
        if let Inner::Events(_) = self.inner {
            return STREAMING_EVENTS_PAYLOAD;
        }
        self.sha256.as_deref().unwrap_or(UNSIGNED_PAYLOAD)
    }

    /// The whole body, read into memory (for transports that cannot stream).
    pub fn read_all(self) -> io::Result<Vec<u8>> {
        match self.inner {
            Inner::Bytes(bytes) => Ok(bytes),
            Inner::Reader { mut reader, length } => {
                let mut bytes = Vec::with_capacity(length.and_then(|l| usize::try_from(l).ok()).unwrap_or(0).min(1 << 20));
                reader.read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
            Inner::Events(events) => {
                let mut bytes = Vec::new();
                (*events).into_reader().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
        }
    }

    /// The body as a reader.
    pub fn into_reader(self) -> Box<dyn Read + Send> {
        match self.inner {
            Inner::Bytes(bytes) => Box::new(io::Cursor::new(bytes)),
            Inner::Reader { reader, .. } => reader,
            #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
            Inner::Events(events) => (*events).into_reader(),
        }
    }
}

#[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
impl Body {
    /// An input event stream: the events of `events`, each marshalled, signed (when the
    /// request is signed with SigV4) and sent as its frame once the connection has taken
    /// the one before; the stream ends when the iterator does. The iterator may block
    /// (a `std::sync::mpsc::Receiver`, say): it is pulled on the thread that sends, or with
    /// the async client on tokio's blocking threads. An event that cannot be marshalled
    /// (one this crate does not know, or one breaking the model's constraints) ends the
    /// stream and fails the call. The body is sent once, never retried.
    pub fn from_events<U, I>(events: I) -> Body
    where
        U: crate::eventstream::Marshal,
        I: IntoIterator<Item = U>,
        I::IntoIter: Send + 'static,
    {
        Body { inner: Inner::Events(Box::new(super::event_input::Events::from_iter(events))), sha256: None }
    }

    /// An input event stream for the async client: the events of the `Stream` `events`
    /// (such as [`event_channel`](super::event_channel)'s), each sent as it comes, as
    /// [`from_events`](Body::from_events) says. The blocking client cannot send it.
    #[cfg(feature = "client")]
    pub fn from_event_stream<U, S>(events: S) -> Body
    where
        U: crate::eventstream::Marshal,
        S: futures_core::Stream<Item = U> + Send + 'static,
    {
        Body { inner: Inner::Events(Box::new(super::event_input::Events::from_stream(events))), sha256: None }
    }

    /// Signs each event's message from now on with `signer`, seeded by the request's
    /// signature. Other bodies are left as they are.
    pub(crate) fn sign_events(&mut self, signer: crate::eventstream::EventSigner) {
        if let Inner::Events(events) = &mut self.inner {
            events.sign_with(signer);
        }
    }

    /// Whether the body is an input event stream.
    pub(crate) fn is_events(&self) -> bool {
        matches!(self.inner, Inner::Events(_))
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body { inner: Inner::Bytes(bytes), sha256: None }
    }
}

impl From<&[u8]> for Body {
    fn from(bytes: &[u8]) -> Body {
        Body::from(bytes.to_vec())
    }
}

impl From<crate::primitives::Blob> for Body {
    fn from(blob: crate::primitives::Blob) -> Body {
        Body::from(blob.into_inner())
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.inner {
            Inner::Bytes(_) => "bytes",
            Inner::Reader { .. } => "reader",
            #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
            Inner::Events(events) => events.kind(),
        };
        f.debug_struct("Body").field("kind", &kind).field("len", &self.len()).finish()
    }
}

/// The body of a response whose payload streams, for the blocking client: read it (it is a
/// [`Read`]) as it arrives from the connection.
pub struct ResponseBody {
    reader: Box<dyn Read + Send>,
}

impl ResponseBody {
    /// A body already in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> ResponseBody {
        ResponseBody { reader: Box::new(io::Cursor::new(bytes)) }
    }

    /// A body read from `reader` (a transport's connection).
    pub fn from_reader(reader: impl Read + Send + 'static) -> ResponseBody {
        ResponseBody { reader: Box::new(reader) }
    }

    /// The rest of the body, read into memory.
    pub fn read_all(mut self) -> Result<Vec<u8>, TransportError> {
        let mut bytes = Vec::new();
        self.reader.read_to_end(&mut bytes).map_err(TransportError::from_io)?;
        Ok(bytes)
    }
}

impl Read for ResponseBody {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reader.read(buf)
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseBody").finish_non_exhaustive()
    }
}

/// The request of an operation whose input streams: its head, with `body`.
pub(crate) fn streaming_request<O: crate::StreamingInput>(
    input: &O::Input,
    body: Body,
    options: crate::SerializeOptions,
) -> Result<http::Request<Body>, crate::error::SerializeError> {
    let mut head = O::serialize_request_head_with(input, body.len(), options)?;
    O::HTTP2.mark(&mut head);
    Ok(head.map(|()| body))
}

/// The whole-body request of an operation, as a streaming request.
pub(crate) fn whole_request<O: crate::Operation>(
    input: &O::Input,
    options: crate::SerializeOptions,
) -> Result<http::Request<Body>, crate::error::SerializeError> {
    let mut request = O::serialize_request_with(input, options)?;
    O::HTTP2.mark(&mut request);
    Ok(request.map(Body::from))
}

#[cfg(feature = "client")]
impl Body {
    /// The body as an HTTP body for hyper: a reader is read on tokio's blocking threads, a
    /// chunk at a time, as the connection takes them.
    pub(crate) fn into_http_body(self) -> http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, io::Error> {
        use http_body_util::BodyExt;
        match self.inner {
            Inner::Bytes(bytes) => http_body_util::Full::new(bytes::Bytes::from(bytes)).map_err(|never| match never {}).boxed_unsync(),
            Inner::Reader { reader, .. } => super::async_body::reader_body(reader),
            #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
            Inner::Events(events) => (*events).into_http_body(None),
        }
    }

    /// [`into_http_body`](Self::into_http_body), and for an event stream what tells when its
    /// last frame has gone (the response to an input stream may only come then). Other
    /// bodies are whole as soon as the request is sent: they give no such signal.
    #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
    pub(crate) fn into_http_body_watched(
        self,
    ) -> (http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, io::Error>, Option<tokio::sync::oneshot::Receiver<()>>) {
        match self.inner {
            Inner::Events(events) => {
                let (finished, watch) = tokio::sync::oneshot::channel();
                ((*events).into_http_body(Some(finished)), Some(watch))
            }
            inner => (Body { inner, sha256: self.sha256 }.into_http_body(), None),
        }
    }

    /// The whole body, read into memory without blocking the runtime.
    pub(crate) async fn read_all_async(self) -> io::Result<Vec<u8>> {
        match self.inner {
            Inner::Bytes(bytes) => Ok(bytes),
            inner => tokio::task::spawn_blocking(move || Body { inner, sha256: None }.read_all())
                .await
                .map_err(|e| io::Error::other(e.to_string()))?,
        }
    }
}
