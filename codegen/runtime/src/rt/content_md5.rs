//! `@httpChecksumRequired`: the request carries `Content-MD5`, the base64 of the MD5 of its
//! body (RFC 1864), so that the service can refuse a body damaged on the way.

use base64::Engine as _;

/// Sets `Content-MD5` from `body`, unless a member bound to that header already did.
pub fn add(builder: http::request::Builder, body: &[u8]) -> http::request::Builder {
    if builder.headers_ref().is_some_and(|h| h.contains_key("content-md5")) {
        return builder;
    }
    builder.header("Content-MD5", value(body))
}

/// The `Content-MD5` value of `body`.
pub fn value(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(md5::compute(body).0)
}
