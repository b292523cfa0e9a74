//! Smithy RPC v2 CBOR bodies: reading a whole response body as one CBOR map, and what an
//! error response says about itself (its `__type` and message).

use std::borrow::Cow;

use crate::rt::cbor::{Decoder, Kind, Result};
use crate::rt::http::{ErrorParts, request_id, sanitize_error_code};

/// An empty map: what a response without a body stands for.
const EMPTY_MAP: &[u8] = &[0xa0];

/// Reads a response body that must hold a `T`; a body that cannot be read becomes an
/// `InvalidResponse` carrying the response's error code (if any) and metadata.
pub fn read_response<T>(
    body: &[u8],
    code: Option<&str>,
    meta: &crate::error::ErrorMetadata,
    read: impl FnOnce(&mut Decoder<'_>) -> Result<T>,
) -> std::result::Result<T, crate::error::InvalidResponse> {
    read_body(body, read).map_err(|e| crate::error::InvalidResponse::from_cbor(code.map(str::to_owned), meta.clone(), e))
}

/// Reads a whole CBOR body with `read`; an empty body reads as an empty map, since a service
/// may leave out a body that would have no members.
pub fn read_body<T>(body: &[u8], read: impl FnOnce(&mut Decoder<'_>) -> Result<T>) -> Result<T> {
    let body = if body.is_empty() { EMPTY_MAP } else { body };
    let mut decoder = Decoder::new(body);
    let value = read(&mut decoder)?;
    decoder.finish()?;
    Ok(value)
}

/// Reads an error response: the code from the body's `__type` (namespace and any `:` suffix
/// cut, as for awsJson), the message from `message` or `Message`. Never fails: a body that is
/// empty or broken contributes what was read before the problem.
pub fn error_parts(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorParts {
    let mut fields = Fields::default();
    // The error is ignored on purpose: what was read before it is still used.
    let _ = fields.read(body);
    let code = fields.type_.as_deref().map(sanitize_error_code).filter(|c| !c.is_empty()).map(str::to_owned);
    let message = fields.message.or(fields.message_upper).map(Cow::into_owned);
    ErrorParts { code, message, request_id: request_id(headers), status }
}

#[derive(Default)]
struct Fields<'a> {
    type_: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    message_upper: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    /// Walks the top-level map, keeping the text values of the keys above.
    fn read(&mut self, body: &'a [u8]) -> Result<()> {
        let mut d = Decoder::new(body);
        d.begin_map()?;
        while let Some(key) = d.next_key()? {
            let slot = match &*key {
                "__type" => &mut self.type_,
                "message" => &mut self.message,
                "Message" => &mut self.message_upper,
                _ => {
                    d.skip()?;
                    continue;
                }
            };
            if d.peek()? == Kind::Text {
                *slot = Some(d.str()?);
            } else {
                d.skip()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rt::cbor::Encoder;

    #[test]
    fn error_code_from_type_with_namespace_and_suffix_cut() {
        let mut e = Encoder::new();
        e.map(3).str("__type").str("smithy.example#Throttled:http://internal").str("Message").str("slow down");
        e.str("other").array(1).u64(7);
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amzn-requestid", http::HeaderValue::from_static("r-1"));
        let parts = error_parts(400, &headers, e.as_bytes());
        assert_eq!(parts.code.as_deref(), Some("Throttled"));
        assert_eq!(parts.message.as_deref(), Some("slow down"));
        assert_eq!(parts.request_id.as_deref(), Some("r-1"));
        assert_eq!(parts.status, 400);
    }

    #[test]
    fn broken_error_bodies_give_what_was_read() {
        let mut e = Encoder::new();
        e.begin_map().str("__type").str("ns#Gone").str("message");
        // The message's head claims more bytes than there are.
        let mut body = e.into_bytes();
        body.push(0x78);
        body.push(200);
        let parts = error_parts(410, &http::HeaderMap::new(), &body);
        assert_eq!(parts.code.as_deref(), Some("Gone"));
        assert_eq!(parts.message, None);
        assert_eq!(error_parts(500, &http::HeaderMap::new(), b"").code, None);
    }

    #[test]
    fn empty_body_reads_as_empty_map_and_trailing_bytes_are_refused() {
        let read = |d: &mut Decoder<'_>| -> Result<usize> {
            d.begin_map()?;
            let mut n = 0;
            while d.next_key()?.is_some() {
                d.skip()?;
                n += 1;
            }
            Ok(n)
        };
        assert_eq!(read_body(b"", read).unwrap(), 0);
        assert_eq!(read_body(&[0xa1, 0x61, b'a', 0x01], read).unwrap(), 1);
        assert!(read_body(&[0xa0, 0x00], read).is_err());
    }

    #[test]
    fn clients_read_error_codes_in_the_body_format() {
        let mut e = Encoder::new();
        e.map(1).str("__type").str("ns#ThrottlingException");
        let headers = http::HeaderMap::new();
        let parts = crate::rt::error_parts_of_any(400, &headers, e.as_bytes());
        assert_eq!(parts.code.as_deref(), Some("ThrottlingException"));
        let json = crate::rt::error_parts_of_any(400, &headers, br#"{"__type":"ns#Gone"}"#);
        assert_eq!(json.code.as_deref(), Some("Gone"));
    }
}
