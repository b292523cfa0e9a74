//! Reading messages from the bytes of a body as they arrive.

use super::message::{Header, HeaderValue, Message};
use super::{MAX_MESSAGE_LEN, MIN_MESSAGE_LEN, PRELUDE_LEN, crc32};

/// What is wrong with the bytes of an event stream. Once the decoder has given one, the
/// stream cannot be trusted past it (the specification has the stream end there), so the
/// decoder gives the same error again for any bytes that follow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The prelude's CRC does not match its lengths.
    PreludeChecksum {
        /// The CRC the frame carries.
        expected: u32,
        /// The CRC of the lengths as received.
        computed: u32,
    },
    /// The message's CRC does not match its bytes.
    MessageChecksum {
        /// The CRC the frame carries.
        expected: u32,
        /// The CRC of the frame as received.
        computed: u32,
    },
    /// The total length is shorter than the 16 bytes of an empty frame.
    MessageTooShort {
        /// The total length.
        total_len: u32,
    },
    /// The headers length leaves no room for the rest of the frame.
    HeadersLongerThanMessage {
        /// The headers length.
        headers_len: u32,
        /// The total length.
        total_len: u32,
    },
    /// The frame is longer than the decoder takes.
    MessageTooLong {
        /// The total length.
        total_len: u32,
        /// The decoder's limit.
        max: usize,
    },
    /// A header runs past the end of the headers section.
    TruncatedHeader {
        /// Where the header starts, in bytes from the start of the headers section.
        offset: usize,
    },
    /// A header's name is empty.
    EmptyHeaderName {
        /// Where the header starts, in bytes from the start of the headers section.
        offset: usize,
    },
    /// A header's name is not UTF-8.
    InvalidHeaderName {
        /// Where the header starts, in bytes from the start of the headers section.
        offset: usize,
    },
    /// A header's type code is none of the ten the format has.
    UnknownHeaderType {
        /// The header's name.
        name: String,
        /// The type code.
        code: u8,
    },
    /// A `string` header's value is not UTF-8.
    InvalidUtf8 {
        /// The header's name.
        name: String,
    },
    /// The stream ended in the middle of a frame.
    Truncated {
        /// The bytes of the frame received.
        received: usize,
        /// The frame's total length, when its prelude was in.
        total_len: Option<u32>,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("malformed event stream: ")?;
        match self {
            DecodeError::PreludeChecksum { expected, computed } => {
                write!(f, "the prelude's CRC is {expected:#010x}, its bytes give {computed:#010x}")
            }
            DecodeError::MessageChecksum { expected, computed } => {
                write!(f, "the message's CRC is {expected:#010x}, its bytes give {computed:#010x}")
            }
            DecodeError::MessageTooShort { total_len } => {
                write!(f, "a message's total length is {total_len}, less than the {MIN_MESSAGE_LEN} of an empty one")
            }
            DecodeError::HeadersLongerThanMessage { headers_len, total_len } => write!(
                f,
                "a message's headers length {headers_len} does not fit in its total length {total_len}"
            ),
            DecodeError::MessageTooLong { total_len, max } => {
                write!(f, "a message's total length is {total_len}, more than the {max} taken")
            }
            DecodeError::TruncatedHeader { offset } => {
                write!(f, "the header at offset {offset} runs past the end of the headers")
            }
            DecodeError::EmptyHeaderName { offset } => write!(f, "the header at offset {offset} has an empty name"),
            DecodeError::InvalidHeaderName { offset } => {
                write!(f, "the header at offset {offset} has a name that is not UTF-8")
            }
            DecodeError::UnknownHeaderType { name, code } => {
                write!(f, "the header `{name}` has the unknown type code {code}")
            }
            DecodeError::InvalidUtf8 { name } => write!(f, "the string header `{name}` is not UTF-8"),
            DecodeError::Truncated { received, total_len: Some(total) } => {
                write!(f, "the stream ended {received} bytes into a message of {total}")
            }
            DecodeError::Truncated { received, total_len: None } => {
                write!(f, "the stream ended {received} bytes into a message's prelude")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Frames larger than this are read into a buffer that is let go once they are decoded,
/// rather than kept for the next frame.
const RETAINED_BUFFER: usize = 64 * 1024;

/// Reads messages out of the bytes of an event stream as they arrive.
///
/// Give it each chunk read from the body with [`decode`](Decoder::decode) (or
/// [`messages`](Decoder::messages)): a frame may be split across chunks anywhere and a
/// chunk may hold several frames. It copies only the frame that straddles chunks, never
/// holding more than that one frame; a frame wholly inside a chunk is decoded from the
/// chunk. When the body ends, [`finish`](Decoder::finish) says whether it ended between
/// frames.
///
/// ```
/// # use smithy_rt::eventstream::{Decoder, HeaderValue, Message};
/// let frame = Message::new(*b"{}")
///     .with_header(":event-type", HeaderValue::String("chunk".into()))
///     .to_frame()?;
/// let mut decoder = Decoder::new();
/// let (first, second) = frame.split_at(5);
/// assert_eq!(decoder.messages(first).count(), 0);
/// let messages: Vec<Message> = decoder.messages(second).collect::<Result<_, _>>()?;
/// assert_eq!(messages[0].payload, b"{}");
/// decoder.finish()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Decoder {
    /// The start of a frame that the chunks so far have not finished.
    partial: Vec<u8>,
    max_message_len: usize,
    failure: Option<DecodeError>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder taking frames up to [`MAX_MESSAGE_LEN`], the largest the specification
    /// allows.
    pub fn new() -> Self {
        Decoder::with_max_message_len(MAX_MESSAGE_LEN)
    }

    /// A decoder taking frames of at most `max` bytes: a frame announcing more is a
    /// [`DecodeError::MessageTooLong`] before any of it is buffered.
    pub fn with_max_message_len(max: usize) -> Self {
        Decoder { partial: Vec::new(), max_message_len: max, failure: None }
    }

    /// Takes bytes from the front of `input` up to the end of the next message, and gives
    /// that message once its last byte is in. `Ok(None)` means `input` is used up and the
    /// message not finished yet; call again while `input` is not empty.
    pub fn decode(&mut self, input: &mut &[u8]) -> Result<Option<Message>, DecodeError> {
        if let Some(failure) = &self.failure {
            return Err(failure.clone());
        }
        let decoded = self.decode_next(input);
        if let Err(failure) = &decoded {
            self.failure = Some(failure.clone());
            self.partial = Vec::new();
        }
        decoded
    }

    /// The messages finished by `chunk`, the next chunk of the stream: each message, or
    /// the error that ends the stream.
    pub fn messages<'a>(&'a mut self, chunk: &'a [u8]) -> Messages<'a> {
        Messages { decoder: self, input: chunk, done: false }
    }

    /// Whether the stream may end here: `Ok` between frames, [`DecodeError::Truncated`]
    /// inside one, or the error already given.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if let Some(failure) = &self.failure {
            return Err(failure.clone());
        }
        if self.partial.is_empty() {
            return Ok(());
        }
        // The total length only once the prelude (its CRC checked) is in.
        let total_len = (self.partial.len() >= PRELUDE_LEN).then(|| read_u32(&self.partial, 0));
        Err(DecodeError::Truncated { received: self.partial.len(), total_len })
    }

    /// The bytes of an unfinished frame held.
    pub fn buffered_len(&self) -> usize {
        self.partial.len()
    }

    fn decode_next(&mut self, input: &mut &[u8]) -> Result<Option<Message>, DecodeError> {
        if self.partial.is_empty() && input.len() >= PRELUDE_LEN {
            let total_len = check_prelude(&input[..PRELUDE_LEN], self.max_message_len)?;
            if let Some((frame, rest)) = input.split_at_checked(total_len) {
                let message = parse_frame(frame)?;
                *input = rest;
                return Ok(Some(message));
            }
        }
        if self.partial.len() < PRELUDE_LEN {
            take(&mut self.partial, input, PRELUDE_LEN);
            if self.partial.len() < PRELUDE_LEN {
                return Ok(None);
            }
        }
        let total_len = check_prelude(&self.partial[..PRELUDE_LEN], self.max_message_len)?;
        take(&mut self.partial, input, total_len);
        if self.partial.len() < total_len {
            return Ok(None);
        }
        let message = parse_frame(&self.partial)?;
        if self.partial.capacity() > RETAINED_BUFFER {
            self.partial = Vec::new();
        } else {
            self.partial.clear();
        }
        Ok(Some(message))
    }
}

/// Moves bytes from the front of `input` to `partial` until it holds `upto` bytes or
/// `input` is used up. The buffer grows with the bytes that came, never with what a
/// prelude announces.
fn take(partial: &mut Vec<u8>, input: &mut &[u8], upto: usize) {
    let wanted = upto.saturating_sub(partial.len()).min(input.len());
    let (taken, rest) = input.split_at(wanted);
    partial.extend_from_slice(taken);
    *input = rest;
}

/// The iterator of [`Decoder::messages`]: it ends when the chunk is used up, or after the
/// first error.
#[derive(Debug)]
pub struct Messages<'a> {
    decoder: &'a mut Decoder,
    input: &'a [u8],
    done: bool,
}

impl Iterator for Messages<'_> {
    type Item = Result<Message, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Each call either finishes a message or uses up the chunk, so this ends.
        match self.decoder.decode(&mut self.input) {
            Ok(Some(message)) => Some(Ok(message)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(failure) => {
                self.done = true;
                Some(Err(failure))
            }
        }
    }
}

impl std::iter::FusedIterator for Messages<'_> {}

/// Checks a prelude (its CRC, then its lengths) and gives the frame's total length.
fn check_prelude(prelude: &[u8], max_message_len: usize) -> Result<usize, DecodeError> {
    let total_len = read_u32(prelude, 0);
    let headers_len = read_u32(prelude, 4);
    let expected = read_u32(prelude, 8);
    let computed = crc32(&prelude[..8]);
    if expected != computed {
        return Err(DecodeError::PreludeChecksum { expected, computed });
    }
    let total = total_len as usize;
    if total < MIN_MESSAGE_LEN {
        return Err(DecodeError::MessageTooShort { total_len });
    }
    if headers_len as usize > total - MIN_MESSAGE_LEN {
        return Err(DecodeError::HeadersLongerThanMessage { headers_len, total_len });
    }
    if total > max_message_len {
        return Err(DecodeError::MessageTooLong { total_len, max: max_message_len });
    }
    Ok(total)
}

/// Decodes a whole frame whose prelude [`check_prelude`] accepted.
fn parse_frame(frame: &[u8]) -> Result<Message, DecodeError> {
    let crc_at = frame.len() - 4;
    let expected = read_u32(frame, crc_at);
    let computed = crc32(&frame[..crc_at]);
    if expected != computed {
        return Err(DecodeError::MessageChecksum { expected, computed });
    }
    let headers_end = PRELUDE_LEN + read_u32(frame, 4) as usize;
    let headers = parse_headers(&frame[PRELUDE_LEN..headers_end])?;
    Ok(Message { headers, payload: frame[headers_end..crc_at].to_vec() })
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

/// The headers section, header by header.
fn parse_headers(section: &[u8]) -> Result<Vec<Header>, DecodeError> {
    let mut headers = Vec::new();
    let mut cursor = Cursor { bytes: section, at: 0 };
    while cursor.at < section.len() {
        let offset = cursor.at;
        let truncated = DecodeError::TruncatedHeader { offset };
        let name_len = usize::from(cursor.u8().ok_or(truncated.clone())?);
        if name_len == 0 {
            return Err(DecodeError::EmptyHeaderName { offset });
        }
        let name = cursor.bytes(name_len).ok_or(truncated.clone())?;
        let name = std::str::from_utf8(name).map_err(|_| DecodeError::InvalidHeaderName { offset })?.to_owned();
        let code = cursor.u8().ok_or(truncated.clone())?;
        let value = match code {
            0 => Some(HeaderValue::Bool(true)),
            1 => Some(HeaderValue::Bool(false)),
            2 => cursor.array().map(|b| HeaderValue::Byte(i8::from_be_bytes(b))),
            3 => cursor.array().map(|b| HeaderValue::Short(i16::from_be_bytes(b))),
            4 => cursor.array().map(|b| HeaderValue::Int(i32::from_be_bytes(b))),
            5 => cursor.array().map(|b| HeaderValue::Long(i64::from_be_bytes(b))),
            6 => cursor.sized().map(|b| HeaderValue::Bytes(b.to_vec())),
            7 => match cursor.sized() {
                Some(text) => match std::str::from_utf8(text) {
                    Ok(text) => Some(HeaderValue::String(text.to_owned())),
                    Err(_) => return Err(DecodeError::InvalidUtf8 { name }),
                },
                None => None,
            },
            8 => cursor.array().map(|b| HeaderValue::Timestamp(i64::from_be_bytes(b))),
            9 => cursor.array().map(HeaderValue::Uuid),
            code => return Err(DecodeError::UnknownHeaderType { name, code }),
        };
        headers.push(Header { name, value: value.ok_or(truncated)? });
    }
    Ok(headers)
}

/// Reads from the headers section, never past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(taken)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N).map(|b| b.try_into().expect("N bytes"))
    }

    fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    /// A value after its u16 length.
    fn sized(&mut self) -> Option<&'a [u8]> {
        let len = u16::from_be_bytes(self.array()?);
        self.bytes(usize::from(len))
    }
}
