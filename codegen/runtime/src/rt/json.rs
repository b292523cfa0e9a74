//! JSON for the restJson1 protocol: a pull [`Reader`] (the [`Writer`] is in `json_write.rs`).
//!
//! Generated deserializers ask the reader for exactly the value the model expects next, so no
//! intermediate tree is built; strings are borrowed from the input unless they contain escapes.

// Each generated crate uses only the parts of this module that its model needs.

use std::borrow::Cow;
use std::fmt;

// The reader's timestamps and its skipping of unknown values, in files of their own.
mod skip;
mod timestamps;

// Numbers and timestamps as text, in their own file; generated code reaches the parsers here.
use super::json_text::{digits_end, digits_u64, fraction_nanos};
pub use super::json_text::{MONTHS, WEEKDAYS, find_special, parse_date_time, parse_http_date};

/// Most objects and arrays that may be open at once. Deeper input is rejected, so a hostile
/// document cannot exhaust the stack of the (recursive) generated deserializers.
pub const MAX_DEPTH: usize = 128;

/// Why a JSON document could not be read: what was wrong and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    offset: usize,
    pub message: Cow<'static, str>,
}

impl JsonError {
    /// Byte offset into the input at which the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// An error found by generated code, e.g. "missing required member `Foo`".
    pub fn custom(offset: usize, message: impl Into<String>) -> Self {
        Self {
            offset,
            message: Cow::Owned(message.into()),
        }
    }

    fn new(offset: usize, message: &'static str) -> Self {
        Self {
            offset,
            message: Cow::Borrowed(message),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid JSON at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for JsonError {}

/// Result of reading JSON.
pub type Result<T> = std::result::Result<T, JsonError>;

/// Pull reader over a complete JSON document.
pub struct Reader<'a> {
    input: &'a [u8],
    /// The whole input when it is valid UTF-8 (checked once, up front), so that strings can be
    /// sliced from it without validating each one.
    text: Option<&'a str>,
    pos: usize,
    depth: usize,
    /// Set right after `{` or `[`: the first key or element has no comma before it. One flag is
    /// enough because a container can only be entered from (and so only closes back into) a
    /// container that already has at least that element.
    first: bool,
}

/// A lexed JSON number. Only syntax has been checked; conversion is up to the caller.
struct Number<'a> {
    negative: bool,
    int: &'a [u8],
    frac: &'a [u8],
    has_exp: bool,
    text: &'a str,
}

impl<'a> Reader<'a> {
    /// Starts reading `input` at its first byte.
    pub fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            text: std::str::from_utf8(input).ok(),
            pos: 0,
            depth: 0,
            first: false,
        }
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// True when the rest of the input is only whitespace (an empty HTTP body).
    pub fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.input.len()
    }

    /// Skips whitespace; if the next value is `null`, consumes it and returns true.
    pub fn take_null(&mut self) -> Result<bool> {
        self.skip_ws();
        Ok(self.take_literal(b"null"))
    }

    /// Consumes the `{` that opens an object.
    pub fn begin_object(&mut self) -> Result<()> {
        self.open(b'{', "expected `{`")
    }

    /// Next key of the current object (handles `,` and the closing `}`), consuming the `:` after
    /// it; None at the end of the object.
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>> {
        if !self.next_in(b'}', "expected `,` or `}`")? {
            return Ok(None);
        }
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return self.fail("expected a member name");
        }
        let key = self.string()?;
        self.expect(b':', "expected `:`")?;
        Ok(Some(key))
    }

    /// Consumes the `[` that opens an array.
    pub fn begin_array(&mut self) -> Result<()> {
        self.open(b'[', "expected `[`")
    }

    /// Handles `,` and the closing `]`: true when another element follows.
    pub fn next_element(&mut self) -> Result<bool> {
        self.next_in(b']', "expected `,` or `]`")
    }

    /// Reads a string, borrowing it from the input when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>> {
        self.expect(b'"', "expected a string")?;
        let start = self.pos;
        let end = self.find_special()?;
        if self.input.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return self.str_at(start, end).map(Cow::Borrowed);
        }
        // Slow path, taken only by strings with escapes: build an owned copy.
        let mut out = String::with_capacity(end - start + 8);
        loop {
            let end = self.find_special()?;
            out.push_str(self.str_at(self.pos, end)?);
            self.pos = end + 1;
            match self.input.get(end) {
                Some(b'"') => return Ok(Cow::Owned(out)),
                Some(b'\\') => out.push(self.escape(end)?),
                _ => return Err(JsonError::new(end, "control character in string")),
            }
        }
    }

    /// Reads a string value, or skips a value of any other kind and returns None. For lenient
    /// readers such as the error-response parser.
    pub fn string_or_skip(&mut self) -> Result<Option<Cow<'a, str>>> {
        self.skip_ws();
        if self.peek() == Some(b'"') {
            self.string().map(Some)
        } else {
            self.skip_value().map(|()| None)
        }
    }

    /// Reads `true` or `false`.
    pub fn bool(&mut self) -> Result<bool> {
        self.skip_ws();
        if self.take_literal(b"true") {
            Ok(true)
        } else if self.take_literal(b"false") {
            Ok(false)
        } else {
            self.fail("expected `true` or `false`")
        }
    }

    /// Reads an integer in `-128..=127`.
    pub fn i8(&mut self) -> Result<i8> {
        self.integer("integer out of range for i8 (-128..=127)")
    }

    /// Reads an integer in `-32768..=32767`.
    pub fn i16(&mut self) -> Result<i16> {
        self.integer("integer out of range for i16 (-32768..=32767)")
    }

    /// Reads an integer in the range of `i32`.
    pub fn i32(&mut self) -> Result<i32> {
        self.integer("integer out of range for i32 (-2147483648..=2147483647)")
    }

    /// Reads an integer in the range of `i64`.
    pub fn i64(&mut self) -> Result<i64> {
        self.integer("integer out of range for i64 (-9223372036854775808..=9223372036854775807)")
    }

    /// Reads a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn f32(&mut self) -> Result<f32> {
        self.float(|v: &f32| v.is_finite())
    }

    /// Reads a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn f64(&mut self) -> Result<f64> {
        self.float(|v: &f64| v.is_finite())
    }

    /// The first byte of the next value, after whitespace (to tell its kind).
    pub fn peek_byte(&mut self) -> Option<u8> {
        self.skip_ws();
        self.peek()
    }

    /// Reads a number and returns its exact text (for numbers of any size and precision).
    pub fn number_text(&mut self) -> Result<&'a str> {
        Ok(self.number()?.text)
    }

    /// Reads an integer of any size and returns its exact text.
    pub fn integer_text(&mut self) -> Result<&'a str> {
        self.skip_ws();
        let at = self.pos;
        let n = self.number()?;
        if !n.frac.is_empty() || n.has_exp {
            return Err(JsonError::new(at, "expected an integer"));
        }
        Ok(n.text)
    }

    /// Errors unless only whitespace remains.
    pub fn finish(&mut self) -> Result<()> {
        if self.at_end() {
            Ok(())
        } else {
            self.fail("unexpected data after the JSON value")
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn fail<T>(&self, message: &'static str) -> Result<T> {
        Err(JsonError::new(self.pos, message))
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The input not read yet.
    fn rest(&self) -> &'a [u8] {
        self.input.get(self.pos..).unwrap_or_default()
    }

    fn take_literal(&mut self, word: &[u8]) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<()> {
        self.skip_ws();
        if self.peek() != Some(byte) {
            return self.fail(message);
        }
        self.pos += 1;
        Ok(())
    }

    fn open(&mut self, byte: u8, message: &'static str) -> Result<()> {
        self.expect(byte, message)?;
        if self.depth >= MAX_DEPTH {
            return Err(JsonError::new(
                self.pos - 1,
                "nesting deeper than 128 levels",
            ));
        }
        self.depth += 1;
        self.first = true;
        Ok(())
    }

    /// Consumes the `,` before the next key or element, or the closing byte: false when closed.
    fn next_in(&mut self, close: u8, message: &'static str) -> Result<bool> {
        self.skip_ws();
        let first = std::mem::replace(&mut self.first, false);
        if self.peek() == Some(close) {
            self.pos += 1;
            self.depth = self.depth.saturating_sub(1);
            return Ok(false);
        }
        if !first {
            self.expect(b',', message)?;
        }
        Ok(true)
    }

    /// Position of the next `"`, `\` or control character inside a string.
    fn find_special(&self) -> Result<usize> {
        match find_special(self.rest()) {
            Some(len) => Ok(self.pos + len),
            None => Err(JsonError::new(self.input.len(), "unterminated string")),
        }
    }

    /// The input between two ASCII delimiters as a `str`.
    fn str_at(&self, start: usize, end: usize) -> Result<&'a str> {
        let invalid = |at| JsonError::new(at, "invalid UTF-8 in string");
        match self.text {
            Some(text) => text.get(start..end).ok_or_else(|| invalid(start)),
            // Validate just this part, so the error can point at the offending byte.
            None => std::str::from_utf8(self.input.get(start..end).unwrap_or_default())
                .map_err(|e| invalid(start + e.valid_up_to())),
        }
    }

    /// Decodes the escape whose `\` is at `at`; `self.pos` is just after the `\`.
    fn escape(&mut self, at: usize) -> Result<char> {
        let Some(byte) = self.peek() else {
            return Err(JsonError::new(at, "unterminated string"));
        };
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let mut code = self.hex4(at)?;
                if (0xD800..0xDC00).contains(&code) {
                    // A high surrogate must be followed by `\u` and a low one (UTF-16 pair).
                    if !self.take_literal(b"\\u") {
                        return Err(JsonError::new(at, "unpaired surrogate in \\u escape"));
                    }
                    let low = self.hex4(at)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(JsonError::new(at, "unpaired surrogate in \\u escape"));
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                // Only a lone low surrogate is left for from_u32 to reject.
                return char::from_u32(code)
                    .ok_or_else(|| JsonError::new(at, "unpaired surrogate in \\u escape"));
            }
            _ => return Err(JsonError::new(at, "invalid escape")),
        })
    }

    fn hex4(&mut self, at: usize) -> Result<u32> {
        let hex = |digits: &[u8]| {
            let digit = |d: &u8| char::from(*d).to_digit(16);
            digits
                .iter()
                .try_fold(0, |acc, d| Some(acc * 16 + digit(d)?))
        };
        let value = self.rest().get(..4).and_then(hex);
        let value =
            value.ok_or_else(|| JsonError::new(at, "expected four hex digits after \\u"))?;
        self.pos += 4;
        Ok(value)
    }

    fn number(&mut self) -> Result<Number<'a>> {
        self.skip_ws();
        let input = self.input;
        let start = self.pos;
        let negative = input.get(start) == Some(&b'-');
        let int_start = start + usize::from(negative);
        let mut end = digits_end(input, int_start);
        let int = &input[int_start..end];
        if int.is_empty() {
            return Err(JsonError::new(start, "expected a number"));
        }
        if int.len() > 1 && int[0] == b'0' {
            return Err(JsonError::new(start, "leading zero in number"));
        }
        let mut frac: &[u8] = &[];
        if input.get(end) == Some(&b'.') {
            let frac_end = digits_end(input, end + 1);
            frac = &input[end + 1..frac_end];
            if frac.is_empty() {
                return Err(JsonError::new(frac_end, "expected a digit after `.`"));
            }
            end = frac_end;
        }
        let has_exp = matches!(input.get(end), Some(b'e' | b'E'));
        if has_exp {
            end += 1 + usize::from(matches!(input.get(end + 1), Some(b'+' | b'-')));
            let exp_end = digits_end(input, end);
            if exp_end == end {
                return Err(JsonError::new(end, "expected a digit in the exponent"));
            }
            end = exp_end;
        }
        self.pos = end;
        let text = self.str_at(start, end)?;
        Ok(Number {
            negative,
            int,
            frac,
            has_exp,
            text,
        })
    }

    fn integer<T: TryFrom<i128>>(&mut self, range: &'static str) -> Result<T> {
        self.skip_ws();
        let at = self.pos;
        let n = self.number()?;
        if !n.frac.is_empty() || n.has_exp {
            return Err(JsonError::new(at, "expected an integer"));
        }
        let magnitude = digits_u64(n.int).map(i128::from);
        let value = magnitude.map(|m| if n.negative { -m } else { m });
        value
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| JsonError::new(at, range))
    }

    fn float<F: std::str::FromStr>(&mut self, is_finite: fn(&F) -> bool) -> Result<F> {
        self.skip_ws();
        let at = self.pos;
        if self.peek() == Some(b'"') {
            // Rust's float parser reads these three spellings too (and others JSON must refuse).
            let text = self.string()?;
            let special = matches!(&*text, "NaN" | "Infinity" | "-Infinity");
            return special.then(|| text.parse().ok()).flatten().ok_or_else(|| {
                JsonError::new(
                    at,
                    "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\"",
                )
            });
        }
        // A finite number too large for the type parses as infinity: refuse it instead.
        let value = self.number()?.text.parse().ok().filter(is_finite);
        value.ok_or_else(|| JsonError::new(at, "number out of range"))
    }
}

// An alias, not a `use`: a crate with no request bodies never names the writer, and an
// unused alias is dead code (allowed in `rt`), where an unused import would be a warning.
pub type Writer = crate::rt::json_write::Writer;
