//! `@mediaType` strings bound to headers travel base64-encoded (restJson1), so that any
//! text, JSON included, fits in a header value.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::rt::json::JsonError;

/// The header value of a `@mediaType` string: its UTF-8 bytes in standard base64.
pub fn encode(value: &str) -> String {
    STANDARD.encode(value)
}

/// Reads a `@mediaType` string from its header value (standard base64 of UTF-8 text).
pub fn decode(name: &str, text: &str) -> Result<String, JsonError> {
    let bytes = STANDARD
        .decode(text.trim())
        .map_err(|_| JsonError::custom(0, format!("the header `{name}` is not base64")))?;
    String::from_utf8(bytes).map_err(|_| {
        JsonError::custom(0, format!("the header `{name}` is not base64 of UTF-8 text"))
    })
}
