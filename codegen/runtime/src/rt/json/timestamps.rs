//! The reader's timestamps: RFC 3339 and HTTP-date strings, epoch seconds as numbers.

use super::{JsonError, Reader, Result, digits_u64, fraction_nanos, parse_date_time, parse_http_date};
use time::OffsetDateTime;

impl Reader<'_> {
    /// RFC 3339 date-time string; fractional seconds and offsets (`Z`, `+05:30`, `-08:00`)
    /// are accepted. The result is in UTC.
    pub fn timestamp_date_time(&mut self) -> Result<OffsetDateTime> {
        self.skip_ws();
        let at = self.pos;
        let text = self.string()?;
        parse_date_time(&text).ok_or_else(|| JsonError::new(at, "invalid RFC 3339 date-time"))
    }

    /// Epoch seconds as a JSON number, with optional fraction (millisecond precision or finer).
    pub fn timestamp_epoch_seconds(&mut self) -> Result<OffsetDateTime> {
        self.skip_ws();
        let at = self.pos;
        let n = self.number()?;
        let nanos = if n.has_exp {
            // Rare; f64 keeps about microsecond precision for present-day dates. `as` saturates.
            let seconds = n.text.parse::<f64>().ok().filter(|f| f.is_finite());
            seconds.map(|f| (f * 1e9).round() as i128)
        } else {
            digits_u64(n.int).map(|secs| {
                let nanos = i128::from(secs) * 1_000_000_000 + i128::from(fraction_nanos(n.frac));
                if n.negative { -nanos } else { nanos }
            })
        };
        nanos
            .and_then(|n| OffsetDateTime::from_unix_timestamp_nanos(n).ok())
            .ok_or_else(|| JsonError::new(at, "epoch seconds out of range"))
    }

    /// IMF-fixdate string (`Tue, 29 Apr 2014 18:30:38 GMT`).
    pub fn timestamp_http_date(&mut self) -> Result<OffsetDateTime> {
        self.skip_ws();
        let at = self.pos;
        let text = self.string()?;
        parse_http_date(&text).ok_or_else(|| JsonError::new(at, "invalid HTTP date"))
    }
}
