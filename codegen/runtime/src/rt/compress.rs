//! `@requestCompression`: request bodies gzipped before they are sent (and before any
//! checksum is computed over them), `gzip` appended to `Content-Encoding`.

use std::io::Write as _;

use http::header::{CONTENT_ENCODING, HeaderValue};

/// Gzips `body` when the options call for it (compression on, and the body at least the
/// minimum size), appending `gzip` to the request's `Content-Encoding`; otherwise returns
/// both as they are.
pub fn gzip_body(
    builder: http::request::Builder,
    body: Vec<u8>,
    options: &crate::SerializeOptions,
) -> (http::request::Builder, Vec<u8>) {
    if !options.compresses(body.len()) {
        return (builder, body);
    }
    match gzip(&body) {
        Some(compressed) => (append_gzip_encoding(builder), compressed),
        // Writing to memory does not fail; were it to, the body goes out as it is.
        None => (builder, body),
    }
}

/// The gzip stream (RFC 1952) of `body`, at the default level.
pub fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 2),
        flate2::Compression::default(),
    );
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

/// Appends `gzip` to `Content-Encoding`, after the encodings a member already put there
/// (they were applied first, so they are listed first).
pub fn append_gzip_encoding(mut builder: http::request::Builder) -> http::request::Builder {
    if let Some(headers) = builder.headers_mut() {
        let existing = headers
            .get_all(CONTENT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let value = if existing.is_empty() { "gzip".to_owned() } else { format!("{existing}, gzip") };
        if let Ok(value) = HeaderValue::try_from(value) {
            headers.insert(CONTENT_ENCODING, value);
        }
    }
    builder
}
