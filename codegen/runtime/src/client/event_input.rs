//! Input event streams over the clients' request bodies.
//!
//! Each event the caller gives becomes its message ([`Marshal`]), wrapped in a signed
//! envelope when the request was signed with SigV4 (the chain seeded by the request's own
//! signature, see [`EventSigner`]), and goes out as one frame as soon as it is given. The
//! end of the events ends the stream, with the signed empty envelope when signing. The next
//! event is asked for only once the connection has taken the last frame, so nothing holds
//! more than the frame in hand (back-pressure), and the body is sent once: never retried.

use crate::eventstream::{EventSigner, Marshal, MarshalError, Message};
use std::io::{self, Read};

type Marshalled = Result<Message, MarshalError>;

/// Where the events come from: an iterator (pulled on the thread that sends, or on tokio's
/// blocking threads), or with the async client a `Stream`.
enum Source {
    Iter(Box<dyn Iterator<Item = Marshalled> + Send>),
    #[cfg(feature = "client")]
    Stream(std::pin::Pin<Box<dyn futures_core::Stream<Item = Marshalled> + Send>>),
}

/// The events of an input stream, and how their frames are signed.
pub(crate) struct Events {
    source: Source,
    framer: Framer,
}

impl Events {
    pub(crate) fn from_iter<U, I>(events: I) -> Events
    where
        U: Marshal,
        I: IntoIterator<Item = U>,
        I::IntoIter: Send + 'static,
    {
        let source = Source::Iter(Box::new(events.into_iter().map(|event| event.marshal())));
        Events { source, framer: Framer::default() }
    }

    #[cfg(feature = "client")]
    pub(crate) fn from_stream<U, S>(events: S) -> Events
    where
        U: Marshal,
        S: futures_core::Stream<Item = U> + Send + 'static,
    {
        let source = Source::Stream(Box::pin(Marshalling { events: Box::pin(events) }));
        Events { source, framer: Framer::default() }
    }

    /// Wraps each frame from now on in an envelope signed by `signer`.
    pub(crate) fn sign_with(&mut self, signer: EventSigner) {
        self.framer.signer = Some(signer);
    }

    pub(crate) fn kind(&self) -> &'static str {
        match self.source {
            Source::Iter(_) => "event iterator",
            #[cfg(feature = "client")]
            Source::Stream(_) => "event stream",
        }
    }

    /// The frames as a reader, for a transport that pulls a body (the blocking client's).
    pub(crate) fn into_reader(self) -> Box<dyn Read + Send> {
        match self.source {
            Source::Iter(events) => Box::new(EventReader { events, framer: self.framer, frame: Vec::new(), sent: 0, done: false }),
            #[cfg(feature = "client")]
            Source::Stream(_) => Box::new(Refused),
        }
    }

    /// The frames as an HTTP body for hyper: a `Stream`'s as it gives its events, an
    /// iterator's pulled on tokio's blocking threads (it may block, a channel's receiver
    /// say). `finished`, when given, is told when the last frame has gone to the connection.
    #[cfg(feature = "client")]
    pub(crate) fn into_http_body(
        self,
        finished: Option<tokio::sync::oneshot::Sender<()>>,
    ) -> http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, io::Error> {
        use http_body_util::BodyExt;
        match self.source {
            Source::Stream(events) => StreamBody { events: Some(events), framer: self.framer, finished }.boxed_unsync(),
            source @ Source::Iter(_) => {
                let reader = Events { source, framer: self.framer }.into_reader();
                super::async_body::reader_body(Box::new(Finishing { reader, finished }))
            }
        }
    }
}

/// Frames the messages, each in its signed envelope once a signer is given.
#[derive(Default)]
struct Framer {
    signer: Option<EventSigner>,
}

impl Framer {
    fn frame(&mut self, message: Marshalled) -> io::Result<Vec<u8>> {
        let message = message.map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let message = match &mut self.signer {
            Some(signer) => signer.sign(&message, time::OffsetDateTime::now_utc()).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?,
            None => message,
        };
        message.to_frame().map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    }

    /// The frame that ends a signed stream: the signed envelope of nothing. An unsigned
    /// stream just ends.
    fn end(&mut self) -> io::Result<Option<Vec<u8>>> {
        let Some(signer) = &mut self.signer else { return Ok(None) };
        let envelope = signer.sign_end(time::OffsetDateTime::now_utc());
        envelope.to_frame().map(Some).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    }
}

/// The frames of an iterator's events, one event pulled each time the last frame is sent.
struct EventReader {
    events: Box<dyn Iterator<Item = Marshalled> + Send>,
    framer: Framer,
    frame: Vec<u8>,
    sent: usize,
    done: bool,
}

impl Read for EventReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.sent < self.frame.len() {
                let n = buf.len().min(self.frame.len() - self.sent);
                buf[..n].copy_from_slice(&self.frame[self.sent..self.sent + n]);
                self.sent += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let next = match self.events.next() {
                Some(event) => self.framer.frame(event),
                None => {
                    self.done = true;
                    self.framer.end().map(Option::unwrap_or_default)
                }
            };
            // After an error the stream is over: the transport fails the request.
            self.frame = next.inspect_err(|_| self.done = true)?;
            self.sent = 0;
        }
    }
}

/// The body of an async event stream given to the blocking client, which cannot poll it.
#[cfg(feature = "client")]
struct Refused;

#[cfg(feature = "client")]
impl Read for Refused {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "an async event stream cannot be sent by the blocking client: give it an iterator"))
    }
}

/// A reader that tells `finished` once it has given its last byte (or failed).
#[cfg(feature = "client")]
struct Finishing {
    reader: Box<dyn Read + Send>,
    finished: Option<tokio::sync::oneshot::Sender<()>>,
}

#[cfg(feature = "client")]
impl Read for Finishing {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.reader.read(buf);
        if !matches!(read, Ok(n) if n > 0 || buf.is_empty()) {
            self.finished.take().map(|done| done.send(()));
        }
        read
    }
}

/// A stream of events, marshalled as they come.
#[cfg(feature = "client")]
struct Marshalling<S> {
    events: std::pin::Pin<Box<S>>,
}

#[cfg(feature = "client")]
impl<U: Marshal, S: futures_core::Stream<Item = U>> futures_core::Stream for Marshalling<S> {
    type Item = Marshalled;

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Marshalled>> {
        // The caller's stream is boxed, so `Marshalling` itself moves freely.
        self.get_mut().events.as_mut().poll_next(cx).map(|event| event.map(|event| event.marshal()))
    }
}

/// The frames of a `Stream`'s events, as an HTTP body.
#[cfg(feature = "client")]
struct StreamBody {
    events: Option<std::pin::Pin<Box<dyn futures_core::Stream<Item = Marshalled> + Send>>>,
    framer: Framer,
    finished: Option<tokio::sync::oneshot::Sender<()>>,
}

#[cfg(feature = "client")]
impl hyper::body::Body for StreamBody {
    type Data = bytes::Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, io::Error>>> {
        use std::task::Poll;
        let this = self.get_mut();
        let Some(events) = this.events.as_mut() else {
            this.finished.take().map(|done| done.send(()));
            return Poll::Ready(None);
        };
        let frame = match events.as_mut().poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Some(event)) => this.framer.frame(event).map(Some),
            Poll::Ready(None) => {
                this.events = None;
                this.framer.end()
            }
        };
        match frame {
            Ok(Some(frame)) => Poll::Ready(Some(Ok(hyper::body::Frame::data(bytes::Bytes::from(frame))))),
            Ok(None) => {
                this.finished.take().map(|done| done.send(()));
                Poll::Ready(None)
            }
            Err(e) => {
                this.events = None;
                this.finished.take().map(|done| done.send(()));
                Poll::Ready(Some(Err(e)))
            }
        }
    }
}

/// The sending half of [`event_channel`]: events sent here go out on the input stream of
/// the call that took the channel's [`EventChannel`], in order, each once the connection
/// has taken the one before (with up to the channel's buffer waiting). Dropping every sender
/// ends the stream.
#[cfg(feature = "client")]
#[derive(Debug)]
pub struct EventSender<U> {
    sender: tokio::sync::mpsc::Sender<U>,
}

#[cfg(feature = "client")]
impl<U> Clone for EventSender<U> {
    fn clone(&self) -> Self {
        EventSender { sender: self.sender.clone() }
    }
}

#[cfg(feature = "client")]
impl<U> EventSender<U> {
    /// Sends `event`, waiting while the channel's buffer is full. Gives the event back when
    /// the stream is over (its call ended, or failed).
    pub async fn send(&self, event: U) -> Result<(), U> {
        self.sender.send(event).await.map_err(|e| e.0)
    }

    /// Whether the stream is over: nothing sent now would go out.
    pub fn is_closed(&self) -> bool {
        self.sender.is_closed()
    }
}

/// The receiving half of [`event_channel`]: a `Stream` of the events sent, to give to an
/// operation with an input event stream.
#[cfg(feature = "client")]
#[derive(Debug)]
pub struct EventChannel<U> {
    receiver: tokio::sync::mpsc::Receiver<U>,
}

#[cfg(feature = "client")]
impl<U> futures_core::Stream for EventChannel<U> {
    type Item = U;

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<U>> {
        self.get_mut().receiver.poll_recv(cx)
    }
}

/// A channel for the events of an input stream, for the async client: give the
/// [`EventChannel`] to the operation, and send events with the [`EventSender`] as the
/// conversation goes (after reading the output stream's events, say). `buffer` events (at
/// least one) may wait to be sent.
#[cfg(feature = "client")]
pub fn event_channel<U>(buffer: usize) -> (EventSender<U>, EventChannel<U>) {
    let (sender, receiver) = tokio::sync::mpsc::channel(buffer.max(1));
    (EventSender { sender }, EventChannel { receiver })
}
