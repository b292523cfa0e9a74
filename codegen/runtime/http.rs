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
pub(crate) fn push_label(
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
pub(crate) struct QueryWriter<'a> {
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
pub(crate) fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .into_iter()
        .filter_map(|name| header(headers, name))
        .find(|id| !id.is_empty())
        .map(str::to_owned)
}

/// What an error response says about itself, read the restJson1 way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorParts {
    /// The error's shape name, e.g. `ValidationException`, without namespace or URL.
    pub code: Option<String>,
    /// The human-readable message, if the service sent one.
    pub message: Option<String>,
    /// The request id, for support cases.
    pub request_id: Option<String>,
    /// The HTTP status code.
    pub status: u16,
}

/// Reads an error response. Never fails: a body that is empty, HTML or broken JSON just
/// contributes nothing, leaving the headers as the only source.
pub(crate) fn error_parts(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorParts {
    let mut fields = BodyFields::default();
    // The error is ignored on purpose: what was read before it is still used.
    let _ = fields.read(body);
    let code = [
        header(headers, "x-amzn-errortype"),
        fields.code.as_deref(),
        fields.type_.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(sanitize_error_code)
    .find(|code| !code.is_empty());
    let message = [fields.message, fields.message_upper, fields.error_message]
        .into_iter()
        .flatten()
        .map(Cow::into_owned)
        .next()
        .or_else(|| header(headers, "x-amzn-errormessage").map(str::to_owned));
    ErrorParts {
        code: code.map(str::to_owned),
        message,
        request_id: request_id(headers),
        status,
    }
}

/// `aws.protocols#restJson1#ValidationException:http://...` -> `ValidationException`.
pub(crate) fn sanitize_error_code(raw: &str) -> &str {
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

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    fn label(value: &str, greedy: bool) -> String {
        let mut uri = String::from("/x/");
        push_label(&mut uri, "Member", value, greedy).unwrap();
        uri
    }

    #[test]
    fn labels() {
        assert_eq!(
            label(
                "arn:aws:mpa:us-east-1:123456789012:approval-team/abc",
                false
            ),
            "/x/arn%3Aaws%3Ampa%3Aus-east-1%3A123456789012%3Aapproval-team%2Fabc"
        );
        assert_eq!(label("a b/c~d_e.f-g", false), "/x/a%20b%2Fc~d_e.f-g");
        assert_eq!(label("dir/sub dir/é", true), "/x/dir/sub%20dir/%C3%A9");
        for greedy in [false, true] {
            let error = push_label(&mut String::new(), "Arn", "", greedy).unwrap_err();
            assert_eq!(error.member(), Some("Arn"));
        }
    }

    #[test]
    fn query() {
        let mut uri = String::from("/teams");
        let mut q = QueryWriter::new(&mut uri);
        q.pair("token", Some("a+b/c=d"));
        q.pair("name", Some("Ünïcode ✓"));
        q.pair("List", None);
        assert_eq!(
            uri,
            "/teams?token=a%2Bb%2Fc%3Dd&name=%C3%9Cn%C3%AFcode%20%E2%9C%93&List"
        );

        // A literal query from the model's URI pattern is continued, not restarted.
        for (start, expected) in [("/p?fixed=1", "/p?fixed=1&k=v"), ("/p?", "/p?k=v")] {
            let mut uri = String::from(start);
            QueryWriter::new(&mut uri).pair("k", Some("v"));
            assert_eq!(uri, expected);
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for &(name, value) in pairs {
            map.insert(name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn parts(pairs: &[(&'static str, &str)], body: &str) -> (Option<String>, Option<String>) {
        let parts = error_parts(400, &headers(pairs), body.as_bytes());
        assert_eq!(parts.status, 400);
        (parts.code, parts.message)
    }

    fn some(code: &str, message: &str) -> (Option<String>, Option<String>) {
        (Some(code.to_owned()), Some(message.to_owned()))
    }

    #[test]
    fn error_codes_and_messages() {
        let header = [(
            "x-amzn-errortype",
            "ConflictException:http://internal.amazon.com/",
        )];
        assert_eq!(
            parts(&header, r#"{"code":"Other","message":"m"}"#),
            some("ConflictException", "m")
        );
        assert_eq!(
            parts(&[], r#"{"code":"A","__type":"B","Message":"M"}"#),
            some("A", "M")
        );
        let body =
            r#"{"__type":"aws.protocols#restJson1#ValidationException:http://x","message":"m"}"#;
        assert_eq!(parts(&[], body), some("ValidationException", "m"));
        // `message` wins over `Message` whatever the order; non-string values are skipped.
        let body = r#"{"Message":"upper","nested":{"code":"No"},"code":7,"message":"lower"}"#;
        assert_eq!(parts(&[], body), (None, Some("lower".into())));
        assert_eq!(
            parts(&[], r#"{"errorMessage":"e","code":" # "}"#),
            (None, Some("e".into()))
        );
        // Broken bodies: headers only, and what came before the error is kept.
        let header = [
            ("x-amzn-errortype", "Throttled"),
            ("x-amzn-errormessage", "slow down"),
        ];
        assert_eq!(
            parts(&header, "<html><body>502</body></html>"),
            some("Throttled", "slow down")
        );
        assert_eq!(parts(&[], ""), (None, None));
        assert_eq!(
            parts(&[], r#"{"code":"Partial","message":"#),
            (Some("Partial".into()), None)
        );
        assert_eq!(parts(&[], "[1,2]"), (None, None));
    }

    #[test]
    fn request_ids() {
        let both = headers(&[("x-amz-request-id", "old"), ("x-amzn-RequestId", "new")]);
        assert_eq!(request_id(&both).as_deref(), Some("new"));
        assert_eq!(
            request_id(&headers(&[("x-amz-request-id", "old")])).as_deref(),
            Some("old")
        );
        assert_eq!(request_id(&HeaderMap::new()), None);
        let parts = error_parts(503, &both, b"");
        assert_eq!(
            (parts.request_id.as_deref(), parts.status),
            (Some("new"), 503)
        );
    }

    #[test]
    fn sanitize() {
        assert_eq!(
            sanitize_error_code("aws.protocols#restJson1#ValidationException:http://a"),
            "ValidationException"
        );
        assert_eq!(sanitize_error_code("com.amazon#Foo"), "Foo");
        assert_eq!(sanitize_error_code(" Bar "), "Bar");
        assert_eq!(sanitize_error_code("Baz:http://x#frag"), "Baz");
    }
}
