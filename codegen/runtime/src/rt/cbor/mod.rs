//! CBOR (RFC 8949) for the Smithy RPC v2 CBOR protocol: a pull [`Decoder`] and an
//! [`Encoder`], with the protocol's mappings of timestamps (tag 1, epoch seconds) and big
//! numbers (tags 2, 3 and 4, feature `big-numbers`).
//!
//! # Why a codec of our own
//!
//! Generated code needs a small part of CBOR: read the next item as the type the model
//! expects, skip what it does not know, write shortest-form heads. That is a few hundred lines
//! with no dependency. Measured against minicbor 2.3, the low-level codec aws-smithy-cbor
//! builds on (clean debug builds, CPU time user + sys, one machine, one sitting):
//!
//! | | Clean build |
//! |---|---|
//! | this module (the runtime with `cbor` less the runtime without) | 0.25 s |
//! | minicbor with `alloc` | 1.3 s |
//! | minicbor with `alloc` and `half` (half-precision floats, which the protocol needs; `half` pulls zerocopy and syn) | 12.0 s |
//!
//! Speed is measured by `cargo xtask bench` (section "CBOR against JSON" of
//! `BENCHMARKS.md`): the same page of 100 items written and read by this codec, by minicbor
//! and by the runtime's JSON codec, side by side in one run.
//!
//! # What the decoder accepts
//!
//! Everything well-formed that the protocol allows a service to send: definite and
//! indefinite lengths for strings, arrays and maps; half, single and double floats for any
//! float; integers of any width for the integer types (range-checked); `null` and
//! `undefined` for absent values; tag 1 over an integer or a float for timestamps. Malformed
//! input (a reserved head, a length beyond the input, a chunk of the wrong type in an
//! indefinite string, invalid UTF-8, nesting deeper than [`MAX_DEPTH`]) gives a
//! [`CborError`] naming the problem and the byte offset where it was found; nothing is
//! allocated beyond what the input itself holds, whatever a length claims.

#[cfg(feature = "big-numbers")]
mod big;
mod decode;
mod encode;

use std::fmt;

#[cfg(feature = "big-numbers")]
pub use big::MAX_BIGNUM_BYTES;
pub use decode::{Decoder, Kind};
pub use encode::Encoder;

/// Most arrays, maps and tags that may be open at once. Deeper input is refused, so hostile
/// input cannot exhaust the stack of the (recursive) generated deserializers or of
/// [`Decoder::skip`].
pub const MAX_DEPTH: usize = 128;

/// The tag of an epoch-based date/time (seconds since 1970, integer or float).
pub const TAG_EPOCH: u64 = 1;
/// The tag of an unsigned bignum (a big-endian byte string).
pub const TAG_POSITIVE_BIGNUM: u64 = 2;
/// The tag of a negative bignum (-1 minus the big-endian byte string's value).
pub const TAG_NEGATIVE_BIGNUM: u64 = 3;
/// The tag of a decimal fraction: `[exponent, mantissa]`, value `mantissa * 10^exponent`.
pub const TAG_DECIMAL_FRACTION: u64 = 4;

/// Why a CBOR item could not be read: what was wrong, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CborError {
    offset: usize,
    kind: ErrorKind,
}

/// What was wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ends inside an item (or before one was expected).
    UnexpectedEnd,
    /// The bytes are not well-formed CBOR; says which rule they break.
    Malformed(&'static str),
    /// A well-formed item of another type than the one asked for.
    UnexpectedType {
        /// What the caller asked for.
        expected: &'static str,
        /// What the input holds.
        found: Kind,
    },
    /// A number that does not fit the type asked for.
    OutOfRange(&'static str),
    /// A text string (or one of its chunks) that is not UTF-8.
    InvalidUtf8,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Bytes after the one top-level item.
    TrailingBytes,
    /// An error found by generated code, e.g. "missing required member `Foo`".
    Custom(String),
}

impl CborError {
    pub(crate) fn new(offset: usize, kind: ErrorKind) -> Self {
        Self { offset, kind }
    }

    /// An error found by generated code at `offset`.
    pub fn custom(offset: usize, message: impl Into<String>) -> Self {
        Self::new(offset, ErrorKind::Custom(message.into()))
    }

    /// Byte offset into the input at which the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What was wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid CBOR at byte {}: ", self.offset)?;
        match &self.kind {
            ErrorKind::UnexpectedEnd => f.write_str("unexpected end of input"),
            ErrorKind::Malformed(what) => write!(f, "malformed: {what}"),
            ErrorKind::UnexpectedType { expected, found } => {
                write!(f, "expected {expected}, found {}", found.name())
            }
            ErrorKind::OutOfRange(what) => write!(f, "number out of range for {what}"),
            ErrorKind::InvalidUtf8 => f.write_str("text string is not UTF-8"),
            ErrorKind::TooDeep => write!(f, "nested deeper than {MAX_DEPTH} levels"),
            ErrorKind::TrailingBytes => f.write_str("bytes after the end of the value"),
            ErrorKind::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for CborError {}

/// Result of reading CBOR.
pub type Result<T> = std::result::Result<T, CborError>;
