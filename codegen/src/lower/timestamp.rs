//! Timestamp defaults: the model writes epoch seconds (a number, maybe fractional) or an
//! RFC 3339 date-time (a string); the IR holds nanoseconds since the Unix epoch.

use serde_json::Value;

/// The instant a timestamp `@default` names, in nanoseconds since the Unix epoch, or why
/// it names none.
pub(crate) fn default_nanos(value: &Value) -> Result<i128, String> {
    match value {
        Value::Number(n) => epoch_seconds_nanos(&n.to_string())
            .ok_or_else(|| format!("the timestamp default {n} is not a number of epoch seconds in range")),
        Value::String(s) => time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .map(time::OffsetDateTime::unix_timestamp_nanos)
            .map_err(|e| format!("the timestamp default \"{s}\" is not an RFC 3339 date-time: {e}")),
        other => Err(format!("the timestamp default {other} is neither epoch seconds nor a date-time")),
    }
}

/// Decimal epoch seconds (`1.5`, `-2`, `1e3`) as nanoseconds, exactly; `None` when the
/// instant is beyond what `time` represents (years -9999 to 9999) or finer than a
/// nanosecond.
fn epoch_seconds_nanos(text: &str) -> Option<i128> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // digits × 10^(exponent - fraction digits + 9) nanoseconds.
    let digits = format!("{whole}{fraction}");
    let scale = exponent - i32::try_from(fraction.len()).ok()? + 9;
    let digits = digits.trim_start_matches('0');
    let mut nanos: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    if scale >= 0 {
        for _ in 0..scale {
            nanos = nanos.checked_mul(10)?;
        }
    } else {
        for _ in 0..-scale {
            if nanos % 10 != 0 {
                return None;
            }
            nanos /= 10;
        }
    }
    let nanos = if negative { -nanos } else { nanos };
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok().map(|_| nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_and_date_times() {
        assert_eq!(default_nanos(&serde_json::json!(0)), Ok(0));
        assert_eq!(default_nanos(&serde_json::json!(1.5)), Ok(1_500_000_000));
        assert_eq!(default_nanos(&serde_json::json!(-2)), Ok(-2_000_000_000));
        assert_eq!(default_nanos(&serde_json::json!(1515531081.123)), Ok(1_515_531_081_123_000_000));
        assert_eq!(default_nanos(&serde_json::json!("1970-01-01T00:00:01.25Z")), Ok(1_250_000_000));
        assert_eq!(default_nanos(&serde_json::json!("2018-01-09T21:51:21+01:00")), Ok(1_515_531_081_000_000_000));
        assert!(default_nanos(&serde_json::json!("yesterday")).is_err());
        assert!(default_nanos(&serde_json::json!(true)).is_err());
        assert!(default_nanos(&serde_json::json!(1e300)).is_err());
        assert_eq!(epoch_seconds_nanos("1e3"), Some(1_000_000_000_000));
        assert_eq!(epoch_seconds_nanos("1.0000000001"), None);
    }
}
