//! The pull [`Decoder`]: generated deserializers ask for exactly the item the model expects
//! next, so no tree of values is built, and text and byte strings are borrowed from the input
//! unless they come in chunks (indefinite length).

use std::borrow::Cow;

use time::OffsetDateTime;

use super::{CborError, ErrorKind, MAX_DEPTH, Result, TAG_EPOCH};

/// The type of the next item, as [`Decoder::peek`] sees it from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Major type 0: an integer from 0 to 2^64 - 1.
    Unsigned,
    /// Major type 1: an integer from -2^64 to -1.
    Negative,
    /// Major type 2.
    Bytes,
    /// Major type 3.
    Text,
    /// Major type 4.
    Array,
    /// Major type 5.
    Map,
    /// Major type 6: a tag number, then the item it tags.
    Tag,
    /// `false` or `true`.
    Bool,
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
    /// A half, single or double precision float.
    Float,
    /// Another simple value.
    Simple,
    /// The "break" that ends an indefinite-length item.
    Break,
}

impl Kind {
    /// How error messages name this type.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Unsigned => "unsigned integer",
            Kind::Negative => "negative integer",
            Kind::Bytes => "byte string",
            Kind::Text => "text string",
            Kind::Array => "array",
            Kind::Map => "map",
            Kind::Tag => "tag",
            Kind::Bool => "boolean",
            Kind::Null => "null",
            Kind::Undefined => "undefined",
            Kind::Float => "float",
            Kind::Simple => "simple value",
            Kind::Break => "break",
        }
    }

    fn of(initial: u8) -> Kind {
        match (initial >> 5, initial & 0x1f) {
            (0, _) => Kind::Unsigned,
            (1, _) => Kind::Negative,
            (2, _) => Kind::Bytes,
            (3, _) => Kind::Text,
            (4, _) => Kind::Array,
            (5, _) => Kind::Map,
            (6, _) => Kind::Tag,
            (_, 20 | 21) => Kind::Bool,
            (_, 22) => Kind::Null,
            (_, 23) => Kind::Undefined,
            (_, 25..=27) => Kind::Float,
            (_, 31) => Kind::Break,
            _ => Kind::Simple,
        }
    }
}

/// The additional information that marks an indefinite length (or, in major type 7, a break).
const INDEFINITE: u8 = 31;
const BREAK: u8 = 0xff;

/// Pull decoder over a complete CBOR item.
pub struct Decoder<'a> {
    input: &'a [u8],
    pos: usize,
    /// For each array or map opened by [`begin_array`](Self::begin_array) or
    /// [`begin_map`](Self::begin_map) and not yet closed: how many elements (map entries) are
    /// left, or `None` when its length is indefinite and a break closes it.
    open: Vec<Option<u64>>,
}

impl<'a> Decoder<'a> {
    /// Starts decoding `input` at its first byte.
    pub fn new(input: &'a [u8]) -> Self {
        Self { input, pos: 0, open: Vec::new() }
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// True when the whole input has been read (an empty body is empty).
    pub fn at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    /// Checks that nothing follows the item that was read.
    pub fn finish(&self) -> Result<()> {
        if self.at_end() { Ok(()) } else { Err(self.error(ErrorKind::TrailingBytes)) }
    }

    /// The type of the next item, without consuming it.
    pub fn peek(&self) -> Result<Kind> {
        self.initial().map(Kind::of)
    }

    /// If the next item is `null` or `undefined` (what the protocol sends for an absent
    /// value), consumes it and returns true.
    pub fn take_null(&mut self) -> Result<bool> {
        let null = matches!(self.initial()?, 0xf6 | 0xf7);
        self.pos += usize::from(null);
        Ok(null)
    }

    /// Opens an array; its elements are read while [`has_next`](Self::has_next) is true.
    /// Returns its length, `None` when it is indefinite. The length is only what the input
    /// claims: reserve no more than the bytes left (each element takes at least one).
    pub fn begin_array(&mut self) -> Result<Option<u64>> {
        self.begin(4, "array")
    }

    /// Opens a map; its entries are read while [`next_key`](Self::next_key) (or
    /// [`has_next`](Self::has_next), then the key and the value) gives one. Returns its number
    /// of entries, `None` when it is indefinite.
    pub fn begin_map(&mut self) -> Result<Option<u64>> {
        self.begin(5, "map")
    }

    fn begin(&mut self, major: u8, expected: &'static str) -> Result<Option<u64>> {
        let start = self.pos;
        let (info, len) = self.expect(major, expected)?;
        if self.open.len() >= MAX_DEPTH {
            return Err(CborError::new(start, ErrorKind::TooDeep));
        }
        let len = (info != INDEFINITE).then_some(len);
        self.open.push(len);
        Ok(len)
    }

    /// Whether the innermost open array has another element (or map another entry); at its
    /// end (count reached, or break read) it is closed and the answer is false.
    pub fn has_next(&mut self) -> Result<bool> {
        let next = self.input.get(self.pos).copied();
        let Some(left) = self.open.last_mut() else {
            return Err(CborError::custom(self.pos, "no array or map is open"));
        };
        let more = match left {
            Some(0) => false,
            Some(n) => {
                *n -= 1;
                true
            }
            None => match next {
                Some(BREAK) => {
                    self.pos += 1;
                    false
                }
                Some(_) => true,
                None => return Err(self.error(ErrorKind::UnexpectedEnd)),
            },
        };
        if !more {
            self.open.pop();
        }
        Ok(more)
    }

    /// The next key of the innermost open map (a text string, as Smithy's structures and
    /// maps have), or `None` at its end, which closes it.
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>> {
        if self.has_next()? { self.str().map(Some) } else { Ok(None) }
    }

    /// A text string, borrowed unless it comes in chunks.
    pub fn str(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos;
        let (info, len) = self.expect(3, "text string")?;
        if info != INDEFINITE {
            let bytes = self.take(len, start)?;
            return std::str::from_utf8(bytes)
                .map(Cow::Borrowed)
                .map_err(|_| CborError::new(start, ErrorKind::InvalidUtf8));
        }
        let mut text = String::new();
        while let Some((chunk, at)) = self.chunk(3)? {
            // Each chunk must be UTF-8 on its own: a character cannot span two chunks.
            let chunk = std::str::from_utf8(chunk).map_err(|_| CborError::new(at, ErrorKind::InvalidUtf8))?;
            text.push_str(chunk);
        }
        Ok(Cow::Owned(text))
    }

    /// A byte string (a Smithy blob), borrowed unless it comes in chunks.
    pub fn bytes(&mut self) -> Result<Cow<'a, [u8]>> {
        let start = self.pos;
        let (info, len) = self.expect(2, "byte string")?;
        if info != INDEFINITE {
            return self.take(len, start).map(Cow::Borrowed);
        }
        let mut bytes = Vec::new();
        while let Some((chunk, _)) = self.chunk(2)? {
            bytes.extend_from_slice(chunk);
        }
        Ok(Cow::Owned(bytes))
    }

    /// The next chunk of an indefinite-length string of major type `major` and the offset of
    /// its head, or `None` after the break that ends the string.
    fn chunk(&mut self, major: u8) -> Result<Option<(&'a [u8], usize)>> {
        let at = self.pos;
        let initial = self.initial()?;
        if initial == BREAK {
            self.pos += 1;
            return Ok(None);
        }
        if initial >> 5 != major || initial & 0x1f == INDEFINITE {
            return Err(CborError::new(at, ErrorKind::Malformed("a chunk of an indefinite-length string must be a definite-length string of the same type")));
        }
        let (_, _, len) = self.head()?;
        self.take(len, at).map(|chunk| Some((chunk, at)))
    }

    /// An unsigned integer (major type 0).
    pub fn u64(&mut self) -> Result<u64> {
        self.expect(0, "unsigned integer").map(|(_, n)| n)
    }

    /// The argument `n` of a negative integer (major type 1), whose value is -1 - n.
    #[cfg(feature = "big-numbers")]
    pub(super) fn negative(&mut self) -> Result<u64> {
        self.expect(1, "negative integer").map(|(_, n)| n)
    }

    /// An integer that fits an `i64` (a Smithy `long`).
    pub fn i64(&mut self) -> Result<i64> {
        self.integer("long")
    }

    /// An integer that fits an `i32` (a Smithy `integer`).
    pub fn i32(&mut self) -> Result<i32> {
        self.narrow("integer")
    }

    /// An integer that fits an `i16` (a Smithy `short`).
    pub fn i16(&mut self) -> Result<i16> {
        self.narrow("short")
    }

    /// An integer that fits an `i8` (a Smithy `byte`).
    pub fn i8(&mut self) -> Result<i8> {
        self.narrow("byte")
    }

    fn narrow<T: TryFrom<i64>>(&mut self, what: &'static str) -> Result<T> {
        let start = self.pos;
        let n = self.integer(what)?;
        T::try_from(n).map_err(|_| CborError::new(start, ErrorKind::OutOfRange(what)))
    }

    fn integer(&mut self, what: &'static str) -> Result<i64> {
        let start = self.pos;
        let major = self.initial()? >> 5;
        if major > 1 {
            return Err(self.unexpected("integer"));
        }
        let (_, _, n) = self.head()?;
        let out_of_range = || CborError::new(start, ErrorKind::OutOfRange(what));
        let n = i64::try_from(n).map_err(|_| out_of_range())?;
        // Major type 1 holds -1 - n; for n <= i64::MAX that is at least i64::MIN.
        Ok(if major == 0 { n } else { -1 - n })
    }

    /// A float of any precision (half, single, double), or an integer, as an `f64` (a Smithy
    /// `double`). Integers beyond 2^53 round to the nearest `f64`.
    pub fn f64(&mut self) -> Result<f64> {
        let initial = self.initial()?;
        match initial {
            0xf9..=0xfb => {
                let (_, info, bits) = self.head()?;
                Ok(match info {
                    25 => half_to_f64(bits as u16),
                    26 => f64::from(f32::from_bits(bits as u32)),
                    _ => f64::from_bits(bits),
                })
            }
            _ if initial >> 5 <= 1 => {
                let (_, _, n) = self.head()?;
                // Major type 1 holds -1 - n.
                Ok(if initial >> 5 == 0 { n as f64 } else { -1.0 - n as f64 })
            }
            _ => Err(self.unexpected("float")),
        }
    }

    /// A float of any precision (or an integer) as an `f32` (a Smithy `float`); a double
    /// rounds to the nearest `f32`.
    pub fn f32(&mut self) -> Result<f32> {
        self.f64().map(|x| x as f32)
    }

    /// `false` or `true`.
    pub fn bool(&mut self) -> Result<bool> {
        match self.initial()? {
            0xf4 | 0xf5 => {
                self.pos += 1;
                Ok(self.input[self.pos - 1] == 0xf5)
            }
            _ => Err(self.unexpected("boolean")),
        }
    }

    /// A tag's number; the tagged item follows.
    pub fn tag(&mut self) -> Result<u64> {
        self.expect(6, "tag").map(|(_, n)| n)
    }

    /// A timestamp: tag 1 over epoch seconds, an integer or a float of any precision. A
    /// float's fraction is rounded to the finest unit a double still tells apart: the
    /// microsecond until 2106 (below 2^32 seconds either way from 1970), the millisecond
    /// after, so that the decimal the sender meant (`946845296.123`) is what is read.
    pub fn timestamp(&mut self) -> Result<OffsetDateTime> {
        let start = self.pos;
        if self.tag()? != TAG_EPOCH {
            return Err(CborError::custom(start, "expected tag 1 (epoch seconds) for a timestamp"));
        }
        let at = self.pos;
        let out_of_range = || CborError::new(at, ErrorKind::OutOfRange("timestamp"));
        if self.initial()? >> 5 <= 1 {
            let seconds = self.integer("timestamp")?;
            return OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| out_of_range());
        }
        let seconds = self.f64()?;
        // A double's spacing is below 1e-6 under 2^32 and below 1e-3 under 2^42.
        let unit_nanos: i128 = if seconds.abs() < 4_294_967_296.0 { 1_000 } else { 1_000_000 };
        let units = (seconds * (1e9 / unit_nanos as f64)).round();
        // Beyond this no date is representable, and the cast to i128 below stays exact.
        if !units.is_finite() || units.abs() > 1e20 {
            return Err(out_of_range());
        }
        OffsetDateTime::from_unix_timestamp_nanos(units as i128 * unit_nanos).map_err(|_| out_of_range())
    }

    /// Skips the next item whole, whatever it is (a member the model does not know).
    pub fn skip(&mut self) -> Result<()> {
        self.skip_nested(self.open.len())
    }

    /// Skips one item found `depth` levels down.
    fn skip_nested(&mut self, depth: usize) -> Result<()> {
        let start = self.pos;
        let initial = self.initial()?;
        let major = initial >> 5;
        if (4..=6).contains(&major) && depth >= MAX_DEPTH {
            return Err(CborError::new(start, ErrorKind::TooDeep));
        }
        if initial == BREAK {
            return Err(CborError::new(start, ErrorKind::Malformed("a break outside an indefinite-length item")));
        }
        let (_, info, n) = self.head()?;
        match major {
            2 | 3 if info == INDEFINITE => while self.chunk(major)?.is_some() {},
            2 | 3 => {
                self.take(n, start)?;
            }
            4 | 5 if info == INDEFINITE => loop {
                if self.input.get(self.pos) == Some(&BREAK) {
                    self.pos += 1;
                    break;
                }
                self.skip_nested(depth + 1)?;
                if major == 5 {
                    // A break here would end the map between a key and its value.
                    self.skip_nested(depth + 1)?;
                }
            },
            // A hostile count ends at the input's end: each item takes at least one byte.
            4 | 5 => {
                for _ in 0..n {
                    self.skip_nested(depth + 1)?;
                    if major == 5 {
                        self.skip_nested(depth + 1)?;
                    }
                }
            }
            6 => self.skip_nested(depth + 1)?,
            _ => {}
        }
        Ok(())
    }

    /// The first byte of the next item.
    fn initial(&self) -> Result<u8> {
        self.input.get(self.pos).copied().ok_or_else(|| self.error(ErrorKind::UnexpectedEnd))
    }

    /// Reads the head of an item of major type `major` (`expected` names it in the error
    /// when the item is of another type, which is then left unread): its additional
    /// information and argument.
    fn expect(&mut self, major: u8, expected: &'static str) -> Result<(u8, u64)> {
        if self.initial()? >> 5 != major {
            return Err(self.unexpected(expected));
        }
        self.head().map(|(_, info, n)| (info, n))
    }

    /// Reads a head: major type, additional information, argument (0 when indefinite; the
    /// float's bits for a float).
    fn head(&mut self) -> Result<(u8, u8, u64)> {
        let start = self.pos;
        let initial = self.initial()?;
        self.pos += 1;
        let (major, info) = (initial >> 5, initial & 0x1f);
        let malformed = |what| Err(CborError::new(start, ErrorKind::Malformed(what)));
        let n = match info {
            0..=23 => u64::from(info),
            24..=27 => {
                let size = 1usize << (info - 24);
                let bytes = self.take(size as u64, start)?;
                bytes.iter().fold(0u64, |n, &b| n << 8 | u64::from(b))
            }
            28..=30 => return malformed("additional information 28 to 30 is reserved"),
            _ if matches!(major, 0 | 1 | 6) => return malformed("an integer or a tag cannot have an indefinite length"),
            _ => 0,
        };
        if major == 7 && info == 24 && n < 32 {
            return malformed("a simple value below 32 must be in the initial byte");
        }
        Ok((major, info, n))
    }

    /// The next `len` bytes of the input; `start` is where the item claiming them began.
    fn take(&mut self, len: u64, start: usize) -> Result<&'a [u8]> {
        let left = self.input.len() - self.pos;
        // Checked before anything is sliced or allocated: a hostile length only fails.
        match usize::try_from(len) {
            Ok(len) if len <= left => {
                self.pos += len;
                Ok(&self.input[self.pos - len..self.pos])
            }
            _ => Err(CborError::new(start, ErrorKind::UnexpectedEnd)),
        }
    }

    fn unexpected(&self, expected: &'static str) -> CborError {
        match self.peek() {
            Ok(found) => self.error(ErrorKind::UnexpectedType { expected, found }),
            Err(e) => e,
        }
    }

    fn error(&self, kind: ErrorKind) -> CborError {
        CborError::new(self.pos, kind)
    }
}

/// The value of an IEEE 754 half-precision float (1 sign bit, 5 exponent bits with bias 15,
/// 10 fraction bits).
fn half_to_f64(bits: u16) -> f64 {
    let exponent = i32::from((bits >> 10) & 0x1f);
    let fraction = f64::from(bits & 0x3ff);
    let magnitude = match exponent {
        // Subnormal: no implicit leading 1, exponent fixed at -14 (so 2^-24 per fraction unit).
        0 => fraction * (2f64).powi(-24),
        31 if fraction == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        // Normal: 1.fraction * 2^(exponent - 15) = (1024 + fraction) * 2^(exponent - 25).
        _ => (1024.0 + fraction) * (2f64).powi(exponent - 25),
    };
    if bits & 0x8000 != 0 { -magnitude } else { magnitude }
}
