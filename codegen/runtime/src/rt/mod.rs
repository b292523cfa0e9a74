//! Runtime support shared by the generated wire code.

pub(crate) mod http;
pub(crate) mod json;
pub(crate) mod json_write;
pub(crate) mod validate;

/// Whether an optional member is absent; serde (feature `serde`) leaves such members out.
pub(crate) fn absent<T>(value: &Option<T>) -> bool {
    value.is_none()
}

/// What `Debug` shows in place of a `@sensitive` value.
pub(crate) const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Reads a response body that must hold a `T`; a body that cannot be read becomes an
/// `InvalidResponse` carrying the response's error code (if any) and metadata.
pub(crate) fn read_response<T>(
    body: &[u8],
    code: Option<&str>,
    meta: &crate::error::common::ErrorMetadata,
    read: impl FnOnce(&mut json::Reader<'_>) -> json::Result<T>,
) -> Result<T, crate::error::common::InvalidResponse> {
    read_body(body, read).map_err(|e| crate::error::common::InvalidResponse::new(code.map(str::to_owned), meta.clone(), e))
}

/// Reads a whole JSON body with `read`; an empty body reads as `{}`, since services leave
/// out bodies that would have no members.
pub(crate) fn read_body<T>(
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
