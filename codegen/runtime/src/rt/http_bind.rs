//! restJson1 HTTP bindings outside the body: values written to and read from headers and
//! query strings, and the status code.

use std::borrow::Cow;
use std::str::FromStr;

use time::OffsetDateTime;

use crate::rt::json::{self, JsonError};

/// A float as headers and query strings spell it: `NaN`, `Infinity`, `-Infinity` or the
/// shortest decimal that reads back the same.
pub fn float(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// [`float`] for an `f32` (printed as an `f32`, so `1.1` stays `1.1`).
pub fn float32(value: f32) -> String {
    if value.is_finite() { value.to_string() } else { float(f64::from(value)) }
}

/// A header list: items joined by `, `. With `quote`, an item holding a comma or a double
/// quote (or with surrounding spaces) is sent as a quoted string, `"` and `\` escaped.
pub fn header_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>, quote: bool) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        let item = item.as_ref();
        if i > 0 {
            out.push_str(", ");
        }
        let needs_quotes = quote && (item.contains([',', '"']) || item.trim() != item);
        if needs_quotes {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// The value of a response header (several fields of the same name joined by `, `), or
/// None when absent. A value that is not UTF-8 is an error.
pub fn header<'h>(headers: &'h http::HeaderMap, name: &str) -> Result<Option<Cow<'h, str>>, JsonError> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else { return Ok(None) };
    let text = |v: &'h http::HeaderValue| {
        std::str::from_utf8(v.as_bytes()).map_err(|_| invalid(name, "is not UTF-8"))
    };
    let mut joined = Cow::Borrowed(text(first)?);
    for more in values {
        let owned = joined.to_mut();
        owned.push_str(", ");
        owned.push_str(text(more)?);
    }
    Ok(Some(joined))
}

/// Headers whose names start with `prefix` (lower case), by the rest of their name.
pub fn prefix_headers(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Result<Option<std::collections::BTreeMap<String, String>>, JsonError> {
    let mut map = std::collections::BTreeMap::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(prefix)
            && let Some(value) = header(headers, name.as_str())?
        {
            map.insert(rest.to_owned(), value.into_owned());
        }
    }
    Ok((!map.is_empty()).then_some(map))
}

/// Splits a header list at commas outside quoted strings, trimming items and unquoting
/// quoted ones.
pub fn split_list(name: &str, value: &str) -> Result<Vec<String>, JsonError> {
    let mut items = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => item.push(chars.next().ok_or_else(|| invalid(name, "ends inside a quoted string"))?),
                    Some(c) => item.push(c),
                    None => return Err(invalid(name, "ends inside a quoted string")),
                }
            }
            while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
            if !matches!(chars.peek(), None | Some(',')) {
                return Err(invalid(name, "has text after a quoted string"));
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                item.push(c);
            }
            item.truncate(item.trim_end().len());
        }
        items.push(item);
        if chars.next().is_none() {
            break;
        }
    }
    Ok(items)
}

/// Splits a list of HTTP dates, which hold a comma themselves (`Mon, 16 Dec 2019 ...`).
pub fn split_http_dates(name: &str, value: &str) -> Result<Vec<String>, JsonError> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    if !parts.len().is_multiple_of(2) {
        return Err(invalid(name, "is not a list of HTTP dates"));
    }
    Ok(parts.chunks(2).map(|pair| format!("{}, {}", pair[0], pair[1])).collect())
}

/// A boolean: `true` or `false`.
pub fn boolean(name: &str, text: &str) -> Result<bool, JsonError> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid(name, "is not a boolean")),
    }
}

/// A number (integers in the type's range; floats also `NaN`, `Infinity`, `-Infinity`).
pub fn number<T: FromStr>(name: &str, text: &str) -> Result<T, JsonError> {
    text.trim().parse().map_err(|_| invalid(name, "is not a number of the member's type"))
}

/// Epoch seconds, with an optional fraction.
pub fn epoch_seconds(name: &str, text: &str) -> Result<OffsetDateTime, JsonError> {
    let mut reader = json::Reader::new(text.trim().as_bytes());
    let value = reader.timestamp_epoch_seconds().map_err(|_| invalid(name, "is not epoch seconds"))?;
    reader.finish().map_err(|_| invalid(name, "is not epoch seconds"))?;
    Ok(value)
}

/// An RFC 3339 date-time, converted to UTC.
pub fn date_time(name: &str, text: &str) -> Result<OffsetDateTime, JsonError> {
    json::parse_date_time(text.trim()).ok_or_else(|| invalid(name, "is not an RFC 3339 date-time"))
}

/// An IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`).
pub fn http_date(name: &str, text: &str) -> Result<OffsetDateTime, JsonError> {
    json::parse_http_date(text.trim()).ok_or_else(|| invalid(name, "is not an HTTP date"))
}

/// Appends a `@hostLabel` value to a host prefix, refusing a value that is not a valid
/// host label (RFC 1123: letters, digits and `-`, 1 to 63 characters, no `-` at either end).
pub fn push_host_label(
    prefix: &mut String,
    member: &'static str,
    value: &str,
) -> Result<(), crate::error::SerializeError> {
    let valid = (1..=63).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if !valid {
        return Err(crate::error::SerializeError::invalid_host_label(member));
    }
    prefix.push_str(value);
    Ok(())
}

/// Sets `Content-Type` unless a member bound to that header already did.
pub fn default_content_type(builder: http::request::Builder, value: &'static str) -> http::request::Builder {
    if builder.headers_ref().is_some_and(|h| h.contains_key(http::header::CONTENT_TYPE)) {
        builder
    } else {
        builder.header(http::header::CONTENT_TYPE, value)
    }
}

/// A body that must be UTF-8 text.
pub fn text_body(body: &[u8]) -> Result<String, JsonError> {
    String::from_utf8(body.to_vec()).map_err(|e| JsonError::custom(e.utf8_error().valid_up_to(), "the body is not UTF-8"))
}

fn invalid(name: &str, what: &str) -> JsonError {
    JsonError::custom(0, format!("the header or value `{name}` {what}"))
}
