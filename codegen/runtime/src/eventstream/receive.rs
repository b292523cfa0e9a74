//! From decoded messages to the typed events of an output stream, sans-IO.
//!
//! A message says what it carries in its `:message-type` header: `event` (its
//! `:event-type` names the member of the stream's union), `exception` (its
//! `:exception-type` names a modeled error of the union) or `error` (`:error-code` and
//! `:error-message`, an error the model does not describe). A generated crate implements
//! [`Unmarshal`] for each stream's union; [`Receiver`] drives the [`Decoder`] and hands
//! each message to it.

use super::decode::{DecodeError, Decoder};
use super::message::{HeaderValue, Message};

/// What a message carries, read from its `:message-type` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'m> {
    /// An event: the member of the union named by `:event-type`.
    Event(&'m str),
    /// A modeled error, named by `:exception-type`.
    Exception(&'m str),
    /// An error the model does not describe (`:message-type: error`).
    Error,
}

impl<'m> Kind<'m> {
    /// Reads the kind of `message`; a missing or malformed `:message-type`, or an event or
    /// exception without its type, is an [`StreamError::InvalidMessage`].
    pub fn of(message: &'m Message) -> Result<Self, StreamError> {
        match string_header(message, ":message-type")? {
            Some("event") => match string_header(message, ":event-type")? {
                Some(event) => Ok(Kind::Event(event)),
                None => Err(StreamError::invalid("an event message has no `:event-type` header")),
            },
            Some("exception") => match string_header(message, ":exception-type")? {
                Some(exception) => Ok(Kind::Exception(exception)),
                None => Err(StreamError::invalid("an exception message has no `:exception-type` header")),
            },
            Some("error") => Ok(Kind::Error),
            Some(other) => Err(StreamError::invalid(format!("the message type `{other}` is none of event, exception, error"))),
            None => Err(StreamError::invalid("a message has no `:message-type` header")),
        }
    }
}

/// The value of a `string` header; a header of another type is an error.
fn string_header<'m>(message: &'m Message, name: &str) -> Result<Option<&'m str>, StreamError> {
    match message.header(name) {
        None => Ok(None),
        Some(HeaderValue::String(text)) => Ok(Some(text)),
        Some(other) => Err(StreamError::invalid(format!(
            "the header `{name}` is of type {}, not a string",
            other.type_code()
        ))),
    }
}

/// Why an output stream stopped, apart from the modeled errors of its union.
#[derive(Debug)]
#[non_exhaustive]
pub enum StreamError {
    /// The bytes are not a valid event stream (a bad CRC, a truncated frame, ...).
    Decode(DecodeError),
    /// A well-formed message that does not fit the stream: a missing or malformed
    /// `:message-type`, a header of the wrong type, a body that is not the event's JSON.
    InvalidMessage(String),
    /// The service sent an error the model does not describe: `:message-type: error`, or
    /// an exception whose type is not a modeled error of the stream.
    Unmodeled {
        /// `:error-code`, or the `:exception-type`.
        code: String,
        /// `:error-message`, or the exception's `message`.
        message: Option<String>,
    },
    /// The connection failed before the stream ended.
    Transport(Box<dyn std::error::Error + Send + Sync>),
}

impl StreamError {
    /// An [`StreamError::InvalidMessage`] saying `why`.
    pub fn invalid(why: impl Into<String>) -> Self {
        StreamError::InvalidMessage(why.into())
    }

    /// The error of a `:message-type: error` message.
    pub fn from_error_message(message: &Message) -> Self {
        let text = |name| message.header(name).and_then(HeaderValue::as_str).map(str::to_owned);
        StreamError::Unmodeled {
            code: text(":error-code").unwrap_or_default(),
            message: text(":error-message"),
        }
    }

    /// The error of an exception whose `:exception-type` the model does not know; its
    /// message is the JSON body's `message` (or `Message`), when it has one.
    pub fn unknown_exception(exception_type: &str, payload: &[u8]) -> Self {
        StreamError::Unmodeled { code: exception_type.to_owned(), message: json_message(payload) }
    }
}

/// The `message` (or `Message`) string of a JSON object, when it is one and has it.
fn json_message(payload: &[u8]) -> Option<String> {
    use crate::rt::json::Reader;
    let mut r = Reader::new(payload);
    let mut found = None;
    r.begin_object().ok()?;
    while let Some(key) = r.next_key().ok()? {
        if (key == "message" || (key == "Message" && found.is_none())) && !r.take_null().ok()? {
            found = Some(r.string().ok()?.into_owned());
        } else {
            r.skip_value().ok()?;
        }
    }
    found
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Decode(e) => e.fmt(f),
            StreamError::InvalidMessage(why) => write!(f, "invalid event stream message: {why}"),
            StreamError::Unmodeled { code, message: Some(message) } => write!(f, "{code}: {message}"),
            StreamError::Unmodeled { code, message: None } => f.write_str(code),
            StreamError::Transport(e) => write!(f, "the event stream's connection failed: {e}"),
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StreamError::Decode(e) => Some(e),
            StreamError::Transport(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

impl From<DecodeError> for StreamError {
    fn from(e: DecodeError) -> Self {
        StreamError::Decode(e)
    }
}

/// The events of an output stream, as a generated crate reads them from messages.
pub trait Unmarshal {
    /// The stream's event (the union, with an `Unknown` variant for events this version of
    /// the crate does not know).
    type Event;
    /// The stream's error: its modeled errors and [`StreamError`].
    type Error: From<StreamError>;

    /// The event or error `message` carries.
    fn unmarshal(message: Message) -> Result<Self::Event, Self::Error>;
}

/// Turns the bytes of an output stream into typed events as they arrive.
///
/// It holds at most the one frame that is not yet complete. After an error, the stream is
/// over: every later call gives no more events.
pub struct Receiver<U> {
    decoder: Decoder,
    failed: bool,
    _events: std::marker::PhantomData<fn() -> U>,
}

impl<U> std::fmt::Debug for Receiver<U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver").field("buffered", &self.decoder.buffered_len()).field("failed", &self.failed).finish()
    }
}

impl<U> Default for Receiver<U> {
    fn default() -> Self {
        Self::new()
    }
}

impl<U> Receiver<U> {
    /// A receiver for a stream that has not started.
    pub fn new() -> Self {
        Receiver { decoder: Decoder::new(), failed: false, _events: std::marker::PhantomData }
    }

    /// Whether an error ended the stream.
    pub fn failed(&self) -> bool {
        self.failed
    }
}

impl<U: Unmarshal> Receiver<U> {
    /// The next event whose last byte is in `input`, advancing `input` past the bytes used;
    /// `Ok(None)` once `input` is used up without completing a frame (give it the next
    /// chunk). Events of types unknown to the crate come as the union's `Unknown`.
    pub fn read(&mut self, input: &mut &[u8]) -> Result<Option<U::Event>, U::Error> {
        if self.failed {
            *input = &[];
            return Ok(None);
        }
        let message = match self.decoder.decode(input) {
            Ok(Some(message)) => message,
            Ok(None) => return Ok(None),
            Err(e) => return Err(self.fail(e.into())),
        };
        let event = U::unmarshal(message);
        self.failed = event.is_err();
        event.map(Some)
    }

    /// Checks that the stream ended between frames (call it when the body ends).
    pub fn finish(&mut self) -> Result<(), U::Error> {
        if self.failed {
            return Ok(());
        }
        self.decoder.finish().map_err(|e| self.fail(e.into()))
    }

    /// Ends the stream with `error` (a transport's failure, say).
    pub fn fail(&mut self, error: StreamError) -> U::Error {
        self.failed = true;
        error.into()
    }
}

/// Readers of `@eventHeader` members, each giving an [`StreamError::InvalidMessage`] for a
/// header of another type than the member's.
pub mod headers {
    use super::{HeaderValue, Message, StreamError};

    fn wrong(name: &str, want: &str, got: &HeaderValue) -> StreamError {
        StreamError::invalid(format!("the header `{name}` is of type {}, not {want}", got.type_code()))
    }

    macro_rules! reader {
        ($(#[$doc:meta])* $fn:ident, $ty:ty, $want:literal, $pat:pat => $value:expr) => {
            $(#[$doc])*
            pub fn $fn(message: &Message, name: &str) -> Result<Option<$ty>, StreamError> {
                match message.header(name) {
                    None => Ok(None),
                    Some($pat) => Ok(Some($value)),
                    Some(other) => Err(wrong(name, $want, other)),
                }
            }
        };
    }

    reader!(
        /// A `bool` header.
        boolean, bool, "a boolean", HeaderValue::Bool(v) => *v);
    reader!(
        /// A `byte` header.
        byte, i8, "a byte", HeaderValue::Byte(v) => *v);
    reader!(
        /// A `short` header.
        short, i16, "a short", HeaderValue::Short(v) => *v);
    reader!(
        /// An `int` header.
        int, i32, "an int", HeaderValue::Int(v) => *v);
    reader!(
        /// A `long` header.
        long, i64, "a long", HeaderValue::Long(v) => *v);
    reader!(
        /// A `bytes` header.
        bytes, Vec<u8>, "bytes", HeaderValue::Bytes(v) => v.clone());
    reader!(
        /// A `string` header.
        string, String, "a string", HeaderValue::String(v) => v.clone());

    /// A `timestamp` header.
    pub fn timestamp(message: &Message, name: &str) -> Result<Option<time::OffsetDateTime>, StreamError> {
        match message.header(name) {
            None => Ok(None),
            Some(HeaderValue::Timestamp(millis)) => {
                let nanos = i128::from(*millis) * 1_000_000;
                time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
                    .map(Some)
                    .map_err(|_| StreamError::invalid(format!("the timestamp header `{name}` is out of range")))
            }
            Some(other) => Err(wrong(name, "a timestamp", other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Event {
        Chunk(String),
        Unknown(String),
    }

    #[derive(Debug)]
    enum Error {
        Throttled(String),
        Stream(StreamError),
    }

    impl From<StreamError> for Error {
        fn from(e: StreamError) -> Self {
            Error::Stream(e)
        }
    }

    struct Chunks;

    impl Unmarshal for Chunks {
        type Event = Event;
        type Error = Error;
        fn unmarshal(message: Message) -> Result<Event, Error> {
            match Kind::of(&message)? {
                Kind::Event("chunk") => Ok(Event::Chunk(String::from_utf8_lossy(&message.payload).into_owned())),
                Kind::Event(other) => Ok(Event::Unknown(other.to_owned())),
                Kind::Exception("throttled") => Ok(Err(Error::Throttled(String::from_utf8_lossy(&message.payload).into_owned()))?),
                Kind::Exception(other) => Err(StreamError::unknown_exception(other, &message.payload).into()),
                Kind::Error => Err(StreamError::from_error_message(&message).into()),
            }
        }
    }

    fn frame(kind: &str, name_header: Option<(&str, &str)>, payload: &str) -> Vec<u8> {
        let mut m = Message::new(payload.as_bytes()).with_header(":message-type", HeaderValue::String(kind.into()));
        if let Some((name, value)) = name_header {
            m = m.with_header(name, HeaderValue::String(value.into()));
        }
        m.to_frame().expect("encodes")
    }

    #[test]
    fn events_come_as_their_last_byte_arrives_and_unknown_types_are_kept() {
        let mut bytes = frame("event", Some((":event-type", "chunk")), "one");
        bytes.extend(frame("event", Some((":event-type", "newer")), "{}"));
        let mut receiver = Receiver::<Chunks>::new();
        let mut events = Vec::new();
        for byte in bytes.chunks(1) {
            let mut input = byte;
            while let Some(event) = receiver.read(&mut input).expect("valid") {
                events.push(event);
            }
        }
        receiver.finish().expect("ends between frames");
        assert_eq!(events, [Event::Chunk("one".into()), Event::Unknown("newer".into())]);
    }

    #[test]
    fn exceptions_and_errors_end_the_stream_typed() {
        let mut receiver = Receiver::<Chunks>::new();
        let bytes = frame("exception", Some((":exception-type", "throttled")), "slow down");
        let err = receiver.read(&mut bytes.as_slice()).expect_err("an exception");
        assert!(matches!(err, Error::Throttled(ref m) if m == "slow down"), "{err:?}");

        let bytes = Message::new(Vec::new())
            .with_header(":message-type", HeaderValue::String("error".into()))
            .with_header(":error-code", HeaderValue::String("InternalError".into()))
            .with_header(":error-message", HeaderValue::String("try again".into()))
            .to_frame()
            .expect("encodes");
        let err = Receiver::<Chunks>::new().read(&mut bytes.as_slice()).expect_err("an error");
        assert_eq!(err.to_string_lossy(), "InternalError: try again");

        let bytes = frame("exception", Some((":exception-type", "other")), r#"{"message":"m"}"#);
        let err = Receiver::<Chunks>::new().read(&mut bytes.as_slice()).expect_err("an unknown exception");
        assert_eq!(err.to_string_lossy(), "other: m");
    }

    #[test]
    fn malformed_messages_and_frames_are_typed_errors() {
        let no_type = Message::new(Vec::new()).to_frame().expect("encodes");
        let err = Receiver::<Chunks>::new().read(&mut no_type.as_slice()).expect_err("no :message-type");
        assert!(matches!(err, Error::Stream(StreamError::InvalidMessage(_))), "{err:?}");

        let blob_type = Message::new(Vec::new())
            .with_header(":message-type", HeaderValue::Bytes(b"event".to_vec()))
            .to_frame()
            .expect("encodes");
        let err = Receiver::<Chunks>::new().read(&mut blob_type.as_slice()).expect_err("a bytes :message-type");
        assert!(matches!(err, Error::Stream(StreamError::InvalidMessage(_))), "{err:?}");

        let mut bad_crc = frame("event", Some((":event-type", "chunk")), "x");
        let last = bad_crc.len() - 1;
        bad_crc[last] ^= 1;
        let mut receiver = Receiver::<Chunks>::new();
        let err = receiver.read(&mut bad_crc.as_slice()).expect_err("a bad CRC");
        assert!(matches!(err, Error::Stream(StreamError::Decode(DecodeError::MessageChecksum { .. }))), "{err:?}");
        let good = frame("event", Some((":event-type", "chunk")), "y");
        assert!(receiver.read(&mut good.as_slice()).expect("nothing after a failure").is_none());

        let whole = frame("event", Some((":event-type", "chunk")), "z");
        let mut receiver = Receiver::<Chunks>::new();
        assert!(receiver.read(&mut &whole[..10]).expect("a prefix").is_none());
        let err = receiver.finish().expect_err("ends mid-frame");
        assert!(matches!(err, Error::Stream(StreamError::Decode(DecodeError::Truncated { .. }))), "{err:?}");
    }

    #[test]
    fn header_readers_check_the_type() {
        let m = Message::new(Vec::new())
            .with_header("n", HeaderValue::Int(3))
            .with_header("t", HeaderValue::Timestamp(1_730_384_114_000));
        assert_eq!(headers::int(&m, "n").expect("an int"), Some(3));
        assert_eq!(headers::int(&m, "absent").expect("absent"), None);
        assert!(matches!(headers::string(&m, "n"), Err(StreamError::InvalidMessage(_))));
        let t = headers::timestamp(&m, "t").expect("a timestamp").expect("present");
        assert_eq!(t.unix_timestamp(), 1_730_384_114);
    }

    impl Error {
        fn to_string_lossy(&self) -> String {
            match self {
                Error::Throttled(m) => m.clone(),
                Error::Stream(e) => e.to_string(),
            }
        }
    }
}
