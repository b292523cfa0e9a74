//! The [`Encoder`] of request bodies: every head in its shortest form (RFC 8949's preferred
//! serialization), definite lengths unless the caller asks for indefinite ones.

use time::OffsetDateTime;

use super::TAG_EPOCH;

/// Writes CBOR items into a growing buffer.
#[derive(Debug, Default, Clone)]
pub struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    /// An empty encoder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty encoder with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { out: Vec::with_capacity(capacity) }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// The bytes written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// A head: major type and argument, the argument in the fewest bytes that hold it.
    fn head(&mut self, major: u8, n: u64) -> &mut Self {
        let major = major << 5;
        // Each `as` below is exact: the branch has checked that `n` fits.
        if n < 24 {
            self.out.push(major | n as u8);
        } else if n <= u64::from(u8::MAX) {
            self.out.extend_from_slice(&[major | 24, n as u8]);
        } else if n <= u64::from(u16::MAX) {
            self.out.push(major | 25);
            self.out.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= u64::from(u32::MAX) {
            self.out.push(major | 26);
            self.out.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            self.out.push(major | 27);
            self.out.extend_from_slice(&n.to_be_bytes());
        }
        self
    }

    /// An unsigned integer.
    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.head(0, n)
    }

    /// A signed integer (any of Smithy's `byte`, `short`, `integer`, `long`).
    pub fn i64(&mut self, n: i64) -> &mut Self {
        if n >= 0 {
            self.head(0, n as u64)
        } else {
            // Major type 1 holds -1 - n, which is !n in two's complement.
            self.head(1, !n as u64)
        }
    }

    /// The negative integer -1 - `n` (major type 1).
    #[cfg(feature = "big-numbers")]
    pub(super) fn negative(&mut self, n: u64) -> &mut Self {
        self.head(1, n)
    }

    /// A single-precision float (a Smithy `float`), always in 5 bytes.
    pub fn f32(&mut self, x: f32) -> &mut Self {
        self.out.push(0xfa);
        self.out.extend_from_slice(&x.to_bits().to_be_bytes());
        self
    }

    /// A double-precision float (a Smithy `double`), always in 9 bytes.
    pub fn f64(&mut self, x: f64) -> &mut Self {
        self.out.push(0xfb);
        self.out.extend_from_slice(&x.to_bits().to_be_bytes());
        self
    }

    /// `false` or `true`.
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.out.push(if b { 0xf5 } else { 0xf4 });
        self
    }

    /// `null`.
    pub fn null(&mut self) -> &mut Self {
        self.out.push(0xf6);
        self
    }

    /// A text string.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.head(3, s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
        self
    }

    /// A byte string (a Smithy blob).
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.head(2, b.len() as u64);
        self.out.extend_from_slice(b);
        self
    }

    /// The head of an array of `len` elements, which the caller writes next.
    pub fn array(&mut self, len: u64) -> &mut Self {
        self.head(4, len)
    }

    /// The head of a map of `len` entries, whose keys and values the caller writes next.
    pub fn map(&mut self, len: u64) -> &mut Self {
        self.head(5, len)
    }

    /// Opens an indefinite-length array, for when the count is not known up front; closed by
    /// [`end`](Self::end).
    pub fn begin_array(&mut self) -> &mut Self {
        self.out.push(0x9f);
        self
    }

    /// Opens an indefinite-length map; closed by [`end`](Self::end).
    pub fn begin_map(&mut self) -> &mut Self {
        self.out.push(0xbf);
        self
    }

    /// The break that closes an indefinite-length array or map.
    pub fn end(&mut self) -> &mut Self {
        self.out.push(0xff);
        self
    }

    /// A tag's head; the caller writes the tagged item next.
    pub fn tag(&mut self, tag: u64) -> &mut Self {
        self.head(6, tag)
    }

    /// A timestamp as the protocol sends it: tag 1 over the epoch seconds as a double (which
    /// every implementation reads, and which keeps the sub-second part to the microsecond).
    pub fn timestamp(&mut self, t: &OffsetDateTime) -> &mut Self {
        // The whole seconds convert exactly; adding the fraction then rounds once.
        let seconds = t.unix_timestamp() as f64 + f64::from(t.nanosecond()) / 1e9;
        self.tag(TAG_EPOCH).f64(seconds)
    }
}
