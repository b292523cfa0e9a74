//! Digits, fractions and timestamps as JSON and HTTP headers write them: RFC 3339
//! date-times (the common UTC form read byte by byte) and HTTP dates.

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

pub(super) fn digits_end(input: &[u8], from: usize) -> usize {
    let rest = input.get(from..).unwrap_or_default();
    from + rest.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Value of a run of ASCII digits; None when it does not fit in a u64.
pub(super) fn digits_u64(digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(0u64, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

/// Nanoseconds from the digits after a decimal point; digits past the ninth are dropped.
pub(super) fn fraction_nanos(digits: &[u8]) -> u32 {
    (0..9).fold(0, |acc, i| {
        acc * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'))
    })
}

/// An RFC 3339 date-time, in UTC. The form services send (`2024-01-02T03:04:05.123Z`) is
/// read directly, as it makes up much of a typical page; any other (offsets, lower-case
/// `t`/`z`, leap seconds, long fractions) is left to the `time` crate's parser.
pub fn parse_date_time(text: &str) -> Option<OffsetDateTime> {
    parse_utc_date_time(text.as_bytes()).or_else(|| {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(|t| t.checked_to_offset(UtcOffset::UTC).unwrap_or(t))
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.F{1,9}]Z` and nothing else; None for anything the fast path does
/// not read (which may still be valid, for the full parser to decide).
fn parse_utc_date_time(text: &[u8]) -> Option<OffsetDateTime> {
    let (head, rest) = text.split_at_checked(19)?;
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T', h0, h1, b':', n0, n1, b':', s0, s1] = head else {
        return None;
    };
    let fraction = match rest {
        [b'Z'] => &[][..],
        [b'.', digits @ .., b'Z'] if (1..=9).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) => digits,
        _ => return None,
    };
    // Two digits as a number, or None when either is not a digit.
    let pair = |a: u8, b: u8| {
        let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
        (a < 10 && b < 10).then(|| a * 10 + b)
    };
    let year = i32::from(pair(y0, y1)?) * 100 + i32::from(pair(y2, y3)?);
    let month = Month::try_from(pair(m0, m1)?).ok()?;
    let date = Date::from_calendar_date(year, month, pair(d0, d1)?).ok()?;
    // Second 60 (a leap second) is left to the full parser, which knows what to do with it.
    let second = pair(s0, s1).filter(|&s| s < 60)?;
    let time = Time::from_hms_nano(pair(h0, h1)?, pair(n0, n1)?, second, fraction_nanos(fraction)).ok()?;
    Some(date.with_time(time).assume_utc())
}

pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parses an IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`); fractional seconds are tolerated.
pub fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    // The fields have fixed widths: 25 bytes up to the seconds, then `.fraction` and ` GMT`.
    let (head, tail) = text.split_at_checked(25)?;
    let frac = match tail.strip_suffix(" GMT")? {
        "" => "",
        dotted => dotted.strip_prefix('.').filter(|d| !d.is_empty())?,
    };
    let mut fields = head.split(' ');
    let mut next = || fields.next();
    let (weekday, day, month, year, time) = (next()?, next()?, next()?, next()?, next()?);
    let mut time = time.split(':');
    let (h, m, s) = (time.next()?, time.next()?, time.next()?);
    let month = MONTHS.iter().position(|&name| name == month)?;
    let month = Month::try_from(u8::try_from(month + 1).ok()?).ok()?;
    let weekday = weekday.strip_suffix(',')?;
    if !WEEKDAYS.contains(&weekday) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = Date::from_calendar_date(digits(year, 4)?, month, digits(day, 2)?).ok()?;
    let nanos = fraction_nanos(frac.as_bytes());
    let time = Time::from_hms_nano(digits(h, 2)?, digits(m, 2)?, digits(s, 2)?, nanos).ok()?;
    Some(date.with_time(time).assume_utc())
}

/// A field of exactly `len` ASCII digits.
fn digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    let ok = text.len() == len && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

/// Index of the first `"`, `\` or control character. Strings are most of a typical document,
/// so this tests eight bytes at a time (SWAR) before finishing byte by byte.
pub fn find_special(bytes: &[u8]) -> Option<usize> {
    const LOW: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let (quote, backslash) = (word ^ (LOW * 0x22), word ^ (LOW * 0x5C));
        // `(x - LOW) & !x & HIGH` flags the zero bytes of x (and `x - 0x20` the bytes below
        // 0x20). Borrows can only add false flags above a true one, so the lowest is exact.
        let flags = (quote.wrapping_sub(LOW) & !quote)
            | (backslash.wrapping_sub(LOW) & !backslash)
            | (word.wrapping_sub(LOW * 0x20) & !word);
        if flags & HIGH != 0 {
            return Some(offset + (flags & HIGH).trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    let is_special = |&b: &u8| b == b'"' || b == b'\\' || b < 0x20;
    let tail = chunks.remainder().iter().position(is_special);
    tail.map(|i| offset + i)
}
