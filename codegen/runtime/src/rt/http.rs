//! HTTP helpers for the restJson1 protocol: building request URIs and reading error responses.

// Each generated crate uses only the parts of this module that its model needs.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::SerializeError;
use crate::rt::json;

/// Bytes encoded in labels and query strings: everything but RFC 3986 unreserved characters.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Greedy labels (`{Key+}`) span path segments, so their `/` separators stay as they are.
const ENCODE_GREEDY: &AsciiSet = &ENCODE.remove(b'/');

/// Appends a URI path label, percent-encoded. Non-greedy labels encode every byte outside
/// `A-Za-z0-9-._~` (so `:` -> %3A, `/` -> %2F, space -> %20, non-ASCII as UTF-8 bytes); greedy
/// labels (`{Key+}`) keep `/` unencoded. An empty value is an error.
pub fn push_label(
    uri: &mut String,
    member: &'static str,
    value: &str,
    greedy: bool,
) -> Result<(), SerializeError> {
    // An empty label would silently change which operation the path addresses.
    if value.is_empty() {
        return Err(SerializeError::empty_label(member));
    }
    uri.extend(utf8_percent_encode(
        value,
        if greedy { ENCODE_GREEDY } else { ENCODE },
    ));
    Ok(())
}

/// Builds the query string: the first pair adds `?`, later ones `&`. Keys and values are
/// percent-encoded like a non-greedy label.
pub struct QueryWriter<'a> {
    uri: &'a mut String,
    /// Whether the URI already has a `?`; a model's URI pattern may carry a literal query.
    has_query: bool,
}

impl<'a> QueryWriter<'a> {
    /// Appends query pairs to `uri`, which may already contain a literal query.
    pub fn new(uri: &'a mut String) -> Self {
        let has_query = uri.contains('?');
        Self { uri, has_query }
    }

    /// Appends `key=value`, or a bare `key` when `value` is None (`?List`).
    pub fn pair(&mut self, key: &str, value: Option<&str>) {
        if !self.has_query {
            self.uri.push('?');
            self.has_query = true;
        } else if !self.uri.ends_with(['?', '&']) {
            self.uri.push('&');
        }
        self.uri.extend(utf8_percent_encode(key, ENCODE));
        if let Some(value) = value {
            self.uri.push('=');
            self.uri.extend(utf8_percent_encode(value, ENCODE));
        }
    }
}

/// The request id of a response: `x-amzn-requestid`, else `x-amz-request-id`.
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .into_iter()
        .filter_map(|name| header(headers, name))
        .find(|id| !id.is_empty())
        .map(str::to_owned)
}

/// What an error response says about itself, read the restJson1 way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorParts {
    /// The error's shape name, e.g. `ValidationException`, without namespace or URL.
    pub code: Option<String>,
    /// The human-readable message, if the service sent one.
    pub message: Option<String>,
    /// The request id, for support cases.
    pub request_id: Option<String>,
    /// The HTTP status code.
    pub status: u16,
}

/// Reads an error response of restJson1. Never fails: a body that is empty, HTML or broken
/// JSON just contributes nothing, leaving the headers as the only source.
pub fn error_parts(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorParts {
    read_error_parts(status, headers, body, |fields| {
        // botocore's order: the header, then the body's `code`, `Code` and `__type`.
        [fields.code.as_deref(), fields.code_upper.as_deref(), fields.type_.as_deref()]
    })
}

/// Reads an error response of the JSON RPC protocols (awsJson1_0, awsJson1_1): as
/// [`error_parts`], but the body's `__type` comes before `code` and `Code`. Their spec has
/// servers send `__type` (the shape id), and their error body is the whole error structure,
/// so a modeled member named `code` sits beside `__type` and must not be taken for the
/// error's name. The AWS SDK for Java v2 reads `__type` before `code`; botocore reads only
/// `__type`. The `X-Amzn-Errortype` header still comes first.
pub fn json_rpc_error_parts(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorParts {
    read_error_parts(status, headers, body, |fields| {
        [fields.type_.as_deref(), fields.code.as_deref(), fields.code_upper.as_deref()]
    })
}

/// Reads an error response, taking the code from the `X-Amzn-Errortype` header, else from
/// the first non-empty of the body's fields in the order `body_order` gives.
fn read_error_parts<'b>(
    status: u16,
    headers: &http::HeaderMap,
    body: &'b [u8],
    body_order: impl for<'f> Fn(&'f BodyFields<'b>) -> [Option<&'f str>; 3],
) -> ErrorParts {
    let mut fields = BodyFields::default();
    // The error is ignored on purpose: what was read before it is still used.
    let _ = fields.read(body);
    let code = std::iter::once(header(headers, "x-amzn-errortype"))
        .chain(body_order(&fields))
        .flatten()
        .map(sanitize_error_code)
        .find(|code| !code.is_empty())
        .map(str::to_owned);
    // `message` wins over `Message` whatever their order in the body.
    let message = [fields.message, fields.message_upper, fields.error_message]
        .into_iter()
        .flatten()
        .map(Cow::into_owned)
        .next()
        .or_else(|| header(headers, "x-amzn-errormessage").map(str::to_owned));
    ErrorParts {
        code,
        message,
        request_id: request_id(headers),
        status,
    }
}

/// `parts` of an awsQuery-compatible service, whose `x-amzn-query-error` header
/// (`AWS.SimpleQueueService.NonExistentQueue;Sender`) gives the code callers of the awsQuery
/// protocol knew: it replaces the JSON code when present and non-empty.
pub fn with_query_error_code(mut parts: ErrorParts, headers: &http::HeaderMap) -> ErrorParts {
    if let Some(code) = query_error_code(headers) {
        parts.code = Some(code);
    }
    parts
}

/// The awsQuery code of `x-amzn-query-error` (`Code;Sender`), when present and non-empty.
pub fn query_error_code(headers: &http::HeaderMap) -> Option<String> {
    let value = header(headers, "x-amzn-query-error")?;
    let code = value.split_once(';').map_or(value, |(code, _)| code).trim();
    (!code.is_empty()).then(|| code.to_owned())
}

/// `aws.protocols#restJson1#ValidationException:http://...` -> `ValidationException`.
pub fn sanitize_error_code(raw: &str) -> &str {
    // Some services append `:` and a URL; Smithy shape ids prefix `namespace#`.
    let without_url = raw.split_once(':').map_or(raw, |(code, _)| code);
    let name = without_url
        .rsplit_once('#')
        .map_or(without_url, |(_, name)| name);
    name.trim()
}

/// A header's value, when it is visible ASCII.
fn header<'h>(headers: &'h http::HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name)?.to_str().ok().map(str::trim)
}

/// The top-level string members of an error body that can name the error or describe it.
#[derive(Default)]
struct BodyFields<'a> {
    code: Option<Cow<'a, str>>,
    code_upper: Option<Cow<'a, str>>,
    type_: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    message_upper: Option<Cow<'a, str>>,
    error_message: Option<Cow<'a, str>>,
}

impl<'a> BodyFields<'a> {
    /// Walks the top-level object, keeping string values of the members above.
    fn read(&mut self, body: &'a [u8]) -> json::Result<()> {
        let mut reader = json::Reader::new(body);
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            let slot = match &*key {
                "code" => &mut self.code,
                "Code" => &mut self.code_upper,
                "__type" => &mut self.type_,
                "message" => &mut self.message,
                "Message" => &mut self.message_upper,
                "errorMessage" => &mut self.error_message,
                _ => {
                    reader.skip_value()?;
                    continue;
                }
            };
            if let Some(value) = reader.string_or_skip()? {
                *slot = Some(value);
            }
        }
        Ok(())
    }
}
