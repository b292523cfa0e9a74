//! What generated code calls: JSON reading and writing, HTTP bindings, validation,
//! `@pattern` engines, request bodies. Hidden from the docs: its API follows the
//! generator, which emits every call, rather than what people write by hand.

#[cfg(feature = "checksums")]
pub mod checksum;
#[cfg(feature = "cbor")]
pub mod cbor;
#[cfg(feature = "cbor")]
pub mod cbor_body;
#[cfg(feature = "gzip")]
pub mod compress;
#[cfg(feature = "content-md5")]
pub mod content_md5;
pub mod http;
pub mod http_bind;
pub mod json;
#[cfg(feature = "big-numbers")]
pub mod json_big;
#[cfg(feature = "blob")]
pub mod json_blob;
#[cfg(feature = "document")]
pub mod json_document;
pub mod json_text;
pub mod json_write;
#[cfg(feature = "media-type-headers")]
pub mod media_header;
#[cfg(feature = "regex-patterns")]
pub mod pattern;
pub mod pattern_dfa;
#[cfg(feature = "ecma-patterns")]
pub mod pattern_ecma;
#[cfg(feature = "serde")]
pub mod serde_time;
#[cfg(feature = "idempotency-token")]
pub mod token;
pub mod validate;

/// Whether an optional member is absent; serde (feature `serde`) leaves such members out.
pub fn absent<T>(value: &Option<T>) -> bool {
    value.is_none()
}

/// What `Debug` shows in place of a `@sensitive` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// What an error response says about itself, for the clients' retry decisions and traces,
/// which come before any operation reads the response: read as CBOR when the body opens a
/// CBOR map (a first byte from 0xa0 to 0xbf, which never begins JSON text: in UTF-8 those are
/// continuation bytes) and the runtime has `cbor`, else as JSON, the JSON RPC way when the
/// content type is awsJson's (`application/x-amz-json-1.0` or `1.1`), as the operations read it.
pub fn error_parts_of_any(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> http::ErrorParts {
    #[cfg(feature = "cbor")]
    if body.first().is_some_and(|b| (0xa0..=0xbf).contains(b)) {
        return cbor_body::error_parts(status, headers, body);
    }
    let content_type = headers.get(::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if content_type.trim_start().to_ascii_lowercase().starts_with("application/x-amz-json-") {
        return http::json_rpc_error_parts(status, headers, body);
    }
    http::error_parts(status, headers, body)
}

/// Reads a response body that must hold a `T`; a body that cannot be read becomes an
/// `InvalidResponse` carrying the response's error code (if any) and metadata.
pub fn read_response<T>(
    body: &[u8],
    code: Option<&str>,
    meta: &crate::error::ErrorMetadata,
    read: impl FnOnce(&mut json::Reader<'_>) -> json::Result<T>,
) -> Result<T, crate::error::InvalidResponse> {
    read_body(body, read).map_err(|e| crate::error::InvalidResponse::new(code.map(str::to_owned), meta.clone(), e))
}

/// Reads a whole JSON body with `read`; an empty body reads as `{}`, since services leave
/// out bodies that would have no members.
pub fn read_body<T>(
    body: &[u8],
    read: impl FnOnce(&mut json::Reader<'_>) -> json::Result<T>,
) -> json::Result<T> {
    let mut reader = json::Reader::new(body);
    if reader.at_end() {
        return read(&mut json::Reader::new(b"{}"));
    }
    let value = read(&mut reader)?;
    reader.finish()?;
    Ok(value)
}
