//! A message of an event stream: its headers and its payload.

/// One message (frame) of an event stream.
///
/// Headers keep their order, so a message encodes to the same bytes every time; the
/// specification gives the order no meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// The headers, in the order they are written.
    pub headers: Vec<Header>,
    /// The payload, opaque to the format (JSON, text or bytes, as `:content-type` says).
    pub payload: Vec<u8>,
}

/// A header of a [`Message`]: a name and a typed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The name, 1 to 255 bytes of UTF-8 (`:event-type`).
    pub name: String,
    /// The value.
    pub value: HeaderValue,
}

/// The value of a header, one of the format's ten types (the boolean's two values are two
/// type codes on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HeaderValue {
    /// `true` (type 0) or `false` (type 1).
    Bool(bool),
    /// A signed byte (type 2).
    Byte(i8),
    /// A 16-bit integer (type 3).
    Short(i16),
    /// A 32-bit integer (type 4).
    Int(i32),
    /// A 64-bit integer (type 5).
    Long(i64),
    /// Bytes (type 6), at most 32,767 of them.
    Bytes(Vec<u8>),
    /// UTF-8 text (type 7), at most 32,767 bytes.
    String(String),
    /// Milliseconds since 1970-01-01T00:00:00Z (type 8).
    Timestamp(i64),
    /// A UUID's 16 bytes (type 9).
    Uuid([u8; 16]),
}

impl HeaderValue {
    /// The value's type code on the wire.
    pub fn type_code(&self) -> u8 {
        match self {
            HeaderValue::Bool(true) => 0,
            HeaderValue::Bool(false) => 1,
            HeaderValue::Byte(_) => 2,
            HeaderValue::Short(_) => 3,
            HeaderValue::Int(_) => 4,
            HeaderValue::Long(_) => 5,
            HeaderValue::Bytes(_) => 6,
            HeaderValue::String(_) => 7,
            HeaderValue::Timestamp(_) => 8,
            HeaderValue::Uuid(_) => 9,
        }
    }

    /// The text of a `string` value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            HeaderValue::String(text) => Some(text),
            _ => None,
        }
    }

    /// A `timestamp` value for `time`, to the millisecond (rounded toward the past).
    pub fn timestamp(time: time::OffsetDateTime) -> Self {
        let millis = time.unix_timestamp_nanos().div_euclid(1_000_000);
        // Every `OffsetDateTime` is within ±10,000 years, far inside i64 milliseconds.
        HeaderValue::Timestamp(i64::try_from(millis).unwrap_or(if millis < 0 { i64::MIN } else { i64::MAX }))
    }
}

impl Message {
    /// A message with this payload and no headers.
    pub fn new(payload: impl Into<Vec<u8>>) -> Self {
        Message { headers: Vec::new(), payload: payload.into() }
    }

    /// The message with one more header, written after the others.
    pub fn with_header(mut self, name: impl Into<String>, value: HeaderValue) -> Self {
        self.headers.push(Header { name: name.into(), value });
        self
    }

    /// The value of the first header named `name`.
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers.iter().find(|h| h.name == name).map(|h| &h.value)
    }
}
