//! The compact JSON [`Writer`] of request bodies, and the timestamp formats it writes.

use std::fmt::{self, Write as _};
use time::{OffsetDateTime, UtcOffset};

use crate::rt::json::{MONTHS, WEEKDAYS, find_special};

/// Formats an IMF-fixdate in GMT; sub-second precision is dropped, as the format has none.
pub fn format_http_date(value: &OffsetDateTime) -> String {
    let t = value.checked_to_offset(UtcOffset::UTC).unwrap_or(*value);
    let weekday = WEEKDAYS[usize::from(t.weekday().number_days_from_monday())];
    let month = MONTHS[usize::from(u8::from(t.month()) - 1)];
    let (day, year, (h, m, s)) = (t.day(), t.year(), t.to_hms());
    format!("{weekday}, {day:02} {month} {year:04} {h:02}:{m:02}:{s:02} GMT")
}

/// Formats RFC 3339 in UTC, e.g. `2024-01-02T03:04:05Z` or `2024-01-02T03:04:05.123Z`.
pub fn format_date_time(value: &OffsetDateTime) -> String {
    // Only instants within a day of the supported year range have no UTC form; they keep
    // their own offset.
    let t = value.checked_to_offset(UtcOffset::UTC).unwrap_or(*value);
    let (year, month, day, (h, m, s, nanos)) =
        (t.year(), u8::from(t.month()), t.day(), t.to_hms_nano());
    let mut out = format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}");
    push_fraction(&mut out, nanos);
    let offset = t.offset();
    if offset.is_utc() {
        out.push('Z');
    } else {
        let sign = if offset.is_negative() { '-' } else { '+' };
        let (oh, om) = (
            offset.whole_hours().unsigned_abs(),
            offset.minutes_past_hour().unsigned_abs(),
        );
        let _ = write!(out, "{sign}{oh:02}:{om:02}");
    }
    out
}

/// Formats epoch seconds, e.g. `1515531081` or `1515531081.123`.
pub fn format_epoch_seconds(value: &OffsetDateTime) -> String {
    let nanos = value.unix_timestamp_nanos();
    let (secs, frac) = (
        nanos.unsigned_abs() / 1_000_000_000,
        nanos.unsigned_abs() % 1_000_000_000,
    );
    let mut out = format!("{}{secs}", if nanos < 0 { "-" } else { "" });
    push_fraction(&mut out, frac as u32);
    out
}

/// Appends `.` and the nanoseconds without trailing zeros; nothing for a whole second.
fn push_fraction(out: &mut String, nanos: u32) {
    if nanos != 0 {
        let _ = write!(out, ".{nanos:09}");
        out.truncate(out.trim_end_matches('0').len());
    }
}

/// Writes compact JSON.
pub struct Writer {
    out: String,
    /// Whether the next key or value needs a `,` before it.
    comma: bool,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Self {
            out: String::with_capacity(256),
            comma: false,
        }
    }

    /// Writes `{`.
    pub fn begin_object(&mut self) {
        self.open('{');
    }

    /// Writes `}`.
    pub fn end_object(&mut self) {
        self.close('}');
    }

    /// Writes an object key and its `:`.
    pub fn key(&mut self, key: &str) {
        self.string(key);
        self.out.push(':');
        self.comma = false;
    }

    /// Writes `[`.
    pub fn begin_array(&mut self) {
        self.open('[');
    }

    /// Writes `]`.
    pub fn end_array(&mut self) {
        self.close(']');
    }

    /// Writes a string, escaping `"`, `\` and control characters.
    pub fn string(&mut self, value: &str) {
        self.separate();
        self.out.push('"');
        let mut rest = value;
        // Copy unescaped runs whole; escapable characters are all ASCII, so the split points
        // are always char boundaries.
        while let Some(i) = find_special(rest.as_bytes()) {
            self.out.push_str(&rest[..i]);
            match rest.as_bytes()[i] {
                b'"' => self.out.push_str("\\\""),
                b'\\' => self.out.push_str("\\\\"),
                b'\n' => self.out.push_str("\\n"),
                b'\r' => self.out.push_str("\\r"),
                b'\t' => self.out.push_str("\\t"),
                0x08 => self.out.push_str("\\b"),
                0x0C => self.out.push_str("\\f"),
                other => {
                    let _ = write!(self.out, "\\u{other:04x}");
                }
            }
            rest = &rest[i + 1..];
        }
        self.out.push_str(rest);
        self.out.push('"');
        self.comma = true;
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.raw(format_args!("{value}"));
    }

    /// Writes an integer.
    pub fn i64(&mut self, value: i64) {
        self.raw(format_args!("{value}"));
    }

    /// Writes a float without widening it to f64 first (which would print `0.1` as
    /// `0.10000000149011612`).
    pub fn f32(&mut self, value: f32) {
        match special_name(f64::from(value)) {
            Some(name) => self.string(name),
            // Debug prints the shortest text that parses back exactly, with an exponent for
            // very large or small magnitudes (Display would print hundreds of digits).
            None => self.raw(format_args!("{value:?}")),
        }
    }

    /// Writes a float; NaN and infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn f64(&mut self, value: f64) {
        match special_name(value) {
            Some(name) => self.string(name),
            None => self.raw(format_args!("{value:?}")),
        }
    }

    /// Writes `null` (an element of a sparse list or map that is absent).
    pub fn null(&mut self) {
        self.raw(format_args!("null"));
    }

    /// Writes a number given as text already in JSON number syntax.
    pub fn number_text(&mut self, text: &str) {
        self.raw(format_args!("{text}"));
    }

    /// Writes epoch seconds as a number, e.g. `1515531081` or `1515531081.123`.
    pub fn timestamp_epoch_seconds(&mut self, value: &OffsetDateTime) {
        self.raw(format_args!("{}", format_epoch_seconds(value)));
    }

    /// Writes an RFC 3339 string in UTC, e.g. `2024-01-02T03:04:05Z` or `...05.123Z`.
    pub fn timestamp_date_time(&mut self, value: &OffsetDateTime) {
        self.string(&format_date_time(value));
    }

    /// Writes an IMF-fixdate string, e.g. `Tue, 29 Apr 2014 18:30:38 GMT`.
    pub fn timestamp_http_date(&mut self, value: &OffsetDateTime) {
        self.string(&format_http_date(value));
    }

    /// The JSON text written so far.
    pub fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    fn open(&mut self, bracket: char) {
        self.separate();
        self.out.push(bracket);
        self.comma = false;
    }

    fn close(&mut self, bracket: char) {
        self.out.push(bracket);
        self.comma = true;
    }

    /// Writes a value that needs no quoting or escaping. Writing to a String cannot fail.
    fn raw(&mut self, value: fmt::Arguments<'_>) {
        self.separate();
        let _ = self.out.write_fmt(value);
        self.comma = true;
    }
}

fn special_name(value: f64) -> Option<&'static str> {
    match value {
        v if v.is_nan() => Some("NaN"),
        f64::INFINITY => Some("Infinity"),
        f64::NEG_INFINITY => Some("-Infinity"),
        _ => None,
    }
}
