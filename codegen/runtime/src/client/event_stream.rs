//! Output event streams over the clients' response bodies: the events are read as the bytes
//! arrive, a chunk at a time, so nothing holds more of the stream than the chunk in hand and
//! the one frame not yet complete; the connection is read only when the caller asks for the
//! next event (back-pressure).

use crate::eventstream::{Receiver, StreamError, Unmarshal};

/// The events of a streaming response, for the blocking client: an [`Iterator`] that reads
/// the connection only when asked for the next event. It ends after the last event, or
/// after the first error (a modeled error of the stream, a malformed frame, a failed
/// connection).
pub struct EventIter<U> {
    body: super::ResponseBody,
    receiver: Receiver<U>,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    done: bool,
}

/// How much of the body is read at a time.
const CHUNK: usize = 64 * 1024;

impl<U> EventIter<U> {
    /// The events of `body`.
    pub fn new(body: super::ResponseBody) -> Self {
        EventIter { body, receiver: Receiver::new(), buffer: vec![0; CHUNK], start: 0, end: 0, done: false }
    }
}

impl<U> std::fmt::Debug for EventIter<U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventIter").field("receiver", &self.receiver).field("done", &self.done).finish_non_exhaustive()
    }
}

impl<U: Unmarshal> Iterator for EventIter<U> {
    type Item = Result<U::Event, U::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        use std::io::Read;
        while !self.done {
            if self.start < self.end {
                let mut input = &self.buffer[self.start..self.end];
                let read = self.receiver.read(&mut input);
                self.start = self.end - input.len();
                match read {
                    Ok(Some(event)) => return Some(Ok(event)),
                    Ok(None) => {}
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                }
                continue;
            }
            match self.body.read(&mut self.buffer) {
                Ok(0) => {
                    self.done = true;
                    return self.receiver.finish().err().map(Err);
                }
                Ok(n) => (self.start, self.end) = (0, n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.receiver.fail(StreamError::Transport(Box::new(e)))));
                }
            }
        }
        None
    }
}

impl<U: Unmarshal> std::iter::FusedIterator for EventIter<U> {}

/// The events of a streaming response, for the async client: [`recv`](EventReceiver::recv)
/// them one by one, or use it as a `futures_core::Stream`. The connection is read only when
/// the next event is asked for.
#[cfg(feature = "client")]
pub struct EventReceiver<U> {
    body: super::AsyncResponseBody,
    receiver: Receiver<U>,
    chunk: bytes::Bytes,
    done: bool,
}

#[cfg(feature = "client")]
impl<U> std::fmt::Debug for EventReceiver<U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventReceiver").field("receiver", &self.receiver).field("done", &self.done).finish_non_exhaustive()
    }
}

#[cfg(feature = "client")]
impl<U: Unmarshal> EventReceiver<U> {
    /// The events of `body`.
    pub fn new(body: super::AsyncResponseBody) -> Self {
        EventReceiver { body, receiver: Receiver::new(), chunk: bytes::Bytes::new(), done: false }
    }

    /// The next event; `Ok(None)` once the stream has ended (after its last event, or after
    /// an error was given).
    pub async fn recv(&mut self) -> Result<Option<U::Event>, U::Error> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    fn poll_recv(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<Option<U::Event>, U::Error>> {
        use std::task::Poll;
        while !self.done {
            if !self.chunk.is_empty() {
                let mut input: &[u8] = &self.chunk;
                let read = self.receiver.read(&mut input);
                let used = self.chunk.len() - input.len();
                let _ = self.chunk.split_to(used);
                match read {
                    Ok(Some(event)) => return Poll::Ready(Ok(Some(event))),
                    Ok(None) => {}
                    Err(e) => {
                        self.done = true;
                        return Poll::Ready(Err(e));
                    }
                }
                continue;
            }
            match self.body.poll_chunk(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => self.chunk = chunk,
                Poll::Ready(Some(Err(e))) => {
                    self.done = true;
                    return Poll::Ready(Err(self.receiver.fail(StreamError::Transport(Box::new(e)))));
                }
                Poll::Ready(None) => {
                    self.done = true;
                    return Poll::Ready(self.receiver.finish().map(|()| None));
                }
            }
        }
        Poll::Ready(Ok(None))
    }
}

#[cfg(feature = "client")]
impl<U: Unmarshal> futures_core::Stream for EventReceiver<U> {
    type Item = Result<U::Event, U::Error>;

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        // Nothing in it is pinned: the body's stream is boxed.
        self.get_mut().poll_recv(cx).map(Result::transpose)
    }
}
