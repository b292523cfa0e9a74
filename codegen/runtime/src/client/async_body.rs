//! The async client's streaming bodies: the response body taken chunk by chunk as it
//! arrives, and a reader sent as a request body from tokio's blocking threads.

use super::transport::TransportError;
use std::fmt;
use std::io::{self, Read};

/// A boxed error, as bodies of other HTTP stacks report them.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The body of a response whose payload streams, for the async client: take it chunk by
/// chunk with [`chunk`](AsyncResponseBody::chunk) as it arrives from the connection.
pub struct AsyncResponseBody {
    inner: AsyncInner,
    read_timeout: Option<std::time::Duration>,
    /// The running wait for the next chunk of [`poll_chunk`](Self::poll_chunk), bounded by
    /// `read_timeout`.
    #[cfg(feature = "event-stream")]
    wait: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

enum AsyncInner {
    Bytes(Option<bytes::Bytes>),
    Stream(http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, BoxError>),
}

impl AsyncResponseBody {
    /// A body already in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> AsyncResponseBody {
        AsyncResponseBody {
            inner: AsyncInner::Bytes(Some(bytes::Bytes::from(bytes))),
            read_timeout: None,
            #[cfg(feature = "event-stream")]
            wait: None,
        }
    }

    /// A body that streams (a transport's response body); each wait for a chunk is bounded
    /// by `read_timeout`.
    pub fn from_http_body<B>(body: B, read_timeout: Option<std::time::Duration>) -> AsyncResponseBody
    where
        B: hyper::body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        use http_body_util::BodyExt;
        AsyncResponseBody {
            inner: AsyncInner::Stream(body.map_err(Into::into).boxed_unsync()),
            read_timeout,
            #[cfg(feature = "event-stream")]
            wait: None,
        }
    }

    /// The next chunk of the body as it arrives, `None` at its end.
    pub async fn chunk(&mut self) -> Option<Result<bytes::Bytes, TransportError>> {
        use http_body_util::BodyExt;
        let body = match &mut self.inner {
            AsyncInner::Bytes(bytes) => return bytes.take().filter(|b| !b.is_empty()).map(Ok),
            AsyncInner::Stream(body) => body,
        };
        loop {
            let frame = match self.read_timeout {
                Some(limit) => match tokio::time::timeout(limit, body.frame()).await {
                    Ok(frame) => frame,
                    Err(_) => return Some(Err(TransportError::timeout(format!("no part of the body within {limit:?}")))),
                },
                None => body.frame().await,
            };
            match frame? {
                Ok(frame) => match frame.into_data() {
                    Ok(data) if !data.is_empty() => return Some(Ok(data)),
                    // Empty chunks and trailers carry no payload.
                    _ => continue,
                },
                Err(e) => return Some(Err(TransportError::io(e.to_string()))),
            }
        }
    }

    /// [`chunk`](Self::chunk) as a poll, for the streams built on the body.
    #[cfg(all(feature = "event-stream", any(feature = "blocking", feature = "client")))]
    pub(crate) fn poll_chunk(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<bytes::Bytes, TransportError>>> {
        use hyper::body::Body as _;
        use std::future::Future as _;
        use std::task::Poll;
        let body = match &mut self.inner {
            AsyncInner::Bytes(bytes) => return Poll::Ready(bytes.take().filter(|b| !b.is_empty()).map(Ok)),
            AsyncInner::Stream(body) => body,
        };
        loop {
            match std::pin::Pin::new(&mut *body).poll_frame(cx) {
                Poll::Pending => {
                    let Some(limit) = self.read_timeout else { return Poll::Pending };
                    let wait = self.wait.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                    if wait.as_mut().poll(cx).is_ready() {
                        self.wait = None;
                        return Poll::Ready(Some(Err(TransportError::timeout(format!("no part of the body within {limit:?}")))));
                    }
                    return Poll::Pending;
                }
                Poll::Ready(frame) => {
                    self.wait = None;
                    match frame {
                        None => return Poll::Ready(None),
                        Some(Ok(frame)) => match frame.into_data() {
                            Ok(data) if !data.is_empty() => return Poll::Ready(Some(Ok(data))),
                            // Empty chunks and trailers carry no payload.
                            _ => continue,
                        },
                        Some(Err(e)) => return Poll::Ready(Some(Err(TransportError::io(e.to_string())))),
                    }
                }
            }
        }
    }

    /// The rest of the body, read into memory.
    pub async fn read_all(mut self) -> Result<Vec<u8>, TransportError> {
        let mut bytes = Vec::new();
        while let Some(chunk) = self.chunk().await {
            bytes.extend_from_slice(&chunk?);
        }
        Ok(bytes)
    }
}

impl fmt::Debug for AsyncResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncResponseBody").finish_non_exhaustive()
    }
}

/// How much of a reader the async client reads at a time.
const CHUNK: usize = 64 * 1024;

/// `reader` as an HTTP body, read on tokio's blocking threads.
pub(crate) fn reader_body(reader: Box<dyn Read + Send>) -> http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, io::Error> {
    use http_body_util::BodyExt;
    ReaderBody { reader: Some(reader), pending: None }.boxed_unsync()
}

/// A reader as an HTTP body: each chunk is read on tokio's blocking threads.
struct ReaderBody {
    reader: Option<Box<dyn Read + Send>>,
    pending: Option<tokio::task::JoinHandle<ChunkRead>>,
}

/// A read of one chunk: the reader back, and the chunk (empty at the end).
type ChunkRead = (Box<dyn Read + Send>, io::Result<Vec<u8>>);

impl hyper::body::Body for ReaderBody {
    type Data = bytes::Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, io::Error>>> {
        use std::future::Future;
        use std::task::Poll;
        let this = self.get_mut();
        if this.pending.is_none() {
            let Some(mut reader) = this.reader.take() else { return Poll::Ready(None) };
            this.pending = Some(tokio::task::spawn_blocking(move || {
                let mut chunk = vec![0; CHUNK];
                let result = loop {
                    match reader.read(&mut chunk) {
                        Ok(n) => {
                            chunk.truncate(n);
                            break Ok(chunk);
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => break Err(e),
                    }
                };
                (reader, result)
            }));
        }
        let Some(pending) = this.pending.as_mut() else { return Poll::Ready(None) };
        let (reader, result) = match std::pin::Pin::new(pending).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Ok(done)) => done,
            Poll::Ready(Err(e)) => {
                this.pending = None;
                return Poll::Ready(Some(Err(io::Error::other(e.to_string()))));
            }
        };
        this.pending = None;
        match result {
            // The end of the reader ends the body.
            Ok(chunk) if chunk.is_empty() => Poll::Ready(None),
            Ok(chunk) => {
                this.reader = Some(reader);
                Poll::Ready(Some(Ok(hyper::body::Frame::data(bytes::Bytes::from(chunk)))))
            }
            Err(e) => Poll::Ready(Some(Err(e))),
        }
    }
}
