//! Writing a message's frame.

use super::message::{Header, HeaderValue, Message};
use super::{MAX_HEADER_NAME_LEN, MAX_HEADER_VALUE_LEN, MAX_HEADERS_LEN, MAX_PAYLOAD_LEN, MIN_MESSAGE_LEN, crc32};

/// Why a message cannot be encoded: it breaks one of the format's rules, which a service
/// would refuse it for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A header's name is empty.
    EmptyHeaderName,
    /// A header's name is longer than 255 bytes.
    HeaderNameTooLong {
        /// The name's length in bytes.
        len: usize,
    },
    /// Two headers have the same name.
    DuplicateHeader {
        /// The name.
        name: String,
    },
    /// A `bytes` or `string` header is longer than 32,767 bytes.
    HeaderValueTooLong {
        /// The header's name.
        name: String,
        /// The value's length in bytes.
        len: usize,
    },
    /// The encoded headers are longer than 128 KiB.
    HeadersTooLong {
        /// Their length in bytes.
        len: usize,
    },
    /// The payload is longer than 24 MiB.
    PayloadTooLong {
        /// Its length in bytes.
        len: usize,
    },
}

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EncodeError::EmptyHeaderName => f.write_str("an event stream header has an empty name"),
            EncodeError::HeaderNameTooLong { len } => {
                write!(f, "an event stream header's name is {len} bytes long, more than {MAX_HEADER_NAME_LEN}")
            }
            EncodeError::DuplicateHeader { name } => write!(f, "the event stream header `{name}` appears twice"),
            EncodeError::HeaderValueTooLong { name, len } => write!(
                f,
                "the event stream header `{name}` has a value of {len} bytes, more than {MAX_HEADER_VALUE_LEN}"
            ),
            EncodeError::HeadersTooLong { len } => {
                write!(f, "an event stream message's headers take {len} bytes, more than {MAX_HEADERS_LEN}")
            }
            EncodeError::PayloadTooLong { len } => {
                write!(f, "an event stream message's payload is {len} bytes, more than {MAX_PAYLOAD_LEN}")
            }
        }
    }
}

impl std::error::Error for EncodeError {}

impl Message {
    /// Appends the message's frame to `out`. Checks the format's rules first, and on an
    /// error leaves `out` as it was.
    pub fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let headers_len = encoded_headers_len(&self.headers)?;
        if self.payload.len() > MAX_PAYLOAD_LEN {
            return Err(EncodeError::PayloadTooLong { len: self.payload.len() });
        }
        let total_len = MIN_MESSAGE_LEN + headers_len + self.payload.len();
        // Both lengths are bounded above (128 KiB, 24 MiB), far below u32::MAX.
        let as_u32 = |n: usize| u32::try_from(n).expect("lengths checked against the limits");
        let start = out.len();
        out.reserve(total_len);
        out.extend_from_slice(&as_u32(total_len).to_be_bytes());
        out.extend_from_slice(&as_u32(headers_len).to_be_bytes());
        let prelude_crc = crc32(&out[start..]);
        out.extend_from_slice(&prelude_crc.to_be_bytes());
        write_headers(&self.headers, out);
        out.extend_from_slice(&self.payload);
        let message_crc = crc32(&out[start..]);
        out.extend_from_slice(&message_crc.to_be_bytes());
        debug_assert_eq!(out.len() - start, total_len);
        Ok(())
    }

    /// The message's frame.
    pub fn to_frame(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode(&mut out)?;
        Ok(out)
    }
}

/// The length of `headers` encoded, once each is checked against the format's rules.
fn encoded_headers_len(headers: &[Header]) -> Result<usize, EncodeError> {
    let mut len = 0;
    for (i, header) in headers.iter().enumerate() {
        let name_len = header.name.len();
        if name_len == 0 {
            return Err(EncodeError::EmptyHeaderName);
        }
        if name_len > MAX_HEADER_NAME_LEN {
            return Err(EncodeError::HeaderNameTooLong { len: name_len });
        }
        // Messages carry a handful of headers: a quadratic look is cheaper than a set.
        if headers[..i].iter().any(|earlier| earlier.name == header.name) {
            return Err(EncodeError::DuplicateHeader { name: header.name.clone() });
        }
        let value_len = match &header.value {
            HeaderValue::Bytes(bytes) => bytes.len(),
            HeaderValue::String(text) => text.len(),
            _ => 0,
        };
        if value_len > MAX_HEADER_VALUE_LEN {
            return Err(EncodeError::HeaderValueTooLong { name: header.name.clone(), len: value_len });
        }
        len += 1 + name_len + 1 + value_size(&header.value);
    }
    if len > MAX_HEADERS_LEN {
        return Err(EncodeError::HeadersTooLong { len });
    }
    Ok(len)
}

/// The bytes a value takes after its type code.
fn value_size(value: &HeaderValue) -> usize {
    match value {
        HeaderValue::Bool(_) => 0,
        HeaderValue::Byte(_) => 1,
        HeaderValue::Short(_) => 2,
        HeaderValue::Int(_) => 4,
        HeaderValue::Long(_) | HeaderValue::Timestamp(_) => 8,
        HeaderValue::Bytes(bytes) => 2 + bytes.len(),
        HeaderValue::String(text) => 2 + text.len(),
        HeaderValue::Uuid(_) => 16,
    }
}

/// Writes headers already checked by [`encoded_headers_len`].
pub(crate) fn write_headers(headers: &[Header], out: &mut Vec<u8>) {
    for header in headers {
        out.push(header.name.len() as u8);
        out.extend_from_slice(header.name.as_bytes());
        out.push(header.value.type_code());
        match &header.value {
            HeaderValue::Bool(_) => {}
            HeaderValue::Byte(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Short(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Int(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Long(v) | HeaderValue::Timestamp(v) => out.extend_from_slice(&v.to_be_bytes()),
            HeaderValue::Bytes(bytes) => write_sized(bytes, out),
            HeaderValue::String(text) => write_sized(text.as_bytes(), out),
            HeaderValue::Uuid(bytes) => out.extend_from_slice(bytes),
        }
    }
}

fn write_sized(bytes: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&(bytes.len() as u16).to_be_bytes());
    out.extend_from_slice(bytes);
}
