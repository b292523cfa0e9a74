//! Checks of the Smithy HTTP protocol compliance suite, called by the generated tests in
//! `tests/restjson1.rs` (see `cargo xtask compliance`). Each check follows the field of
//! the same name in the compliance-test specification (smithy.io, "HTTP protocol
//! compliance tests").

use restjson::http;

pub mod cbor;

/// The idempotency token the suite's cases expect where the caller sets none.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// The options request cases are serialized with: the defaults, but idempotency tokens
/// from a fixed generator, as the suite expects of a client under test.
pub fn serialize_options() -> restjson::SerializeOptions {
    restjson::SerializeOptions::default().idempotency_token(|| IDEMPOTENCY_TOKEN.to_owned())
}

/// What a request case expects.
#[derive(Debug)]
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    /// The endpoint the client is given: a host, maybe followed by a base path.
    pub host: &'a str,
    /// The host the request must go to, when it differs from `host` (host prefixes).
    pub resolved_host: Option<&'a str>,
    /// The path (after the endpoint's base path), compared exactly.
    pub uri: &'a str,
    /// `key`, `key=` or `key=value`, as sent on the wire (percent-encoded); each must be
    /// among the request's query parameters.
    pub query_params: &'a [&'a str],
    /// Keys that must not be sent.
    pub forbid_query_params: &'a [&'a str],
    /// Keys that must be sent, with any value.
    pub require_query_params: &'a [&'a str],
    /// Headers whose value (every field of the name, joined by `, `) must be this.
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    /// The body; `None` makes no assertion about it.
    pub body: Option<&'a str>,
    /// JSON media types compare bodies as JSON values; others byte for byte.
    pub body_media_type: Option<&'a str>,
}

/// Asserts that `request` is what `expected` describes.
pub fn check_request(request: &http::Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    // The generated crate builds origin-form URIs; the transport puts them under the
    // endpoint, as this does with the endpoint's base path.
    let base = expected.host.split_once('/').map_or("", |(_, path)| path).trim_end_matches('/');
    let path = if base.is_empty() { request.uri().path().to_owned() } else { format!("/{base}{}", request.uri().path()) };
    assert_eq!(path, expected.uri, "URI path");
    if let Some(resolved) = expected.resolved_host {
        let prefix = request.extensions().get::<restjson::HostPrefix>().map_or("", |p| p.as_str());
        assert_eq!(format!("{prefix}{}", expected.host), resolved, "host");
    }
    let sent = query_pairs(request.uri().query().unwrap_or_default());
    let mut unmatched = sent.clone();
    for want in expected.query_params {
        let position = unmatched.iter().position(|pair| pair == want);
        match position {
            Some(i) => {
                unmatched.remove(i);
            }
            None => panic!("query parameter `{want}` is not among those sent: {sent:?}"),
        }
    }
    let key = |pair: &str| pair.split_once('=').map_or(pair, |(k, _)| k).to_owned();
    let keys: Vec<String> = sent.iter().map(|p| key(p)).collect();
    for forbidden in expected.forbid_query_params {
        assert!(!keys.iter().any(|k| k == forbidden), "query parameter `{forbidden}` must not be sent: {sent:?}");
    }
    for required in expected.require_query_params {
        assert!(keys.iter().any(|k| k == required), "query parameter `{required}` must be sent: {sent:?}");
    }
    check_headers(request.headers(), expected.headers);
    for forbidden in expected.forbid_headers {
        assert!(!request.headers().contains_key(*forbidden), "header `{forbidden}` must not be sent: {:?}", request.headers());
    }
    for required in expected.require_headers {
        assert!(request.headers().contains_key(*required), "header `{required}` must be sent: {:?}", request.headers());
    }
    if let Some(body) = expected.body {
        check_body(request.body(), body, expected.body_media_type);
    }
}

/// The pairs of a query string as sent (still percent-encoded), in order.
fn query_pairs(query: &str) -> Vec<String> {
    query.split('&').filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

fn check_headers(headers: &http::HeaderMap, expected: &[(&str, &str)]) {
    for (name, value) in expected {
        let sent: Vec<&str> = headers.get_all(*name).iter().map(|v| v.to_str().unwrap_or("<not visible ASCII>")).collect();
        assert!(!sent.is_empty(), "header `{name}` is not sent: {headers:?}");
        assert_eq!(sent.join(", "), *value, "header `{name}`");
    }
}

fn check_body(sent: &[u8], expected: &str, media_type: Option<&str>) {
    if media_type == Some(CBOR) {
        // The case gives the body base64-encoded; an empty one means no body.
        let want = cbor::decode_base64(expected);
        if want.is_empty() {
            assert!(sent.is_empty(), "no body is expected, got {sent:02x?}");
            return;
        }
        let want = cbor::parse(&want).expect("the case's body is CBOR");
        let got = cbor::parse(sent).unwrap_or_else(|e| panic!("the body sent is not CBOR ({e}): {sent:02x?}"));
        assert_eq!(got, want, "CBOR body");
        return;
    }
    let is_json = media_type.is_some_and(|m| m == "application/json" || m.ends_with("+json"));
    if is_json && !expected.is_empty() {
        let want: serde_json::Value = serde_json::from_str(expected).expect("the case's body is JSON");
        let got: serde_json::Value = serde_json::from_slice(sent)
            .unwrap_or_else(|e| panic!("the body sent is not JSON ({e}): {:?}", String::from_utf8_lossy(sent)));
        assert_eq!(got, want, "JSON body");
    } else {
        assert_eq!(String::from_utf8_lossy(sent), expected, "body");
        assert_eq!(sent, expected.as_bytes(), "body bytes");
    }
}

/// The media type of RPC v2 CBOR bodies, whose cases give them base64-encoded.
const CBOR: &str = "application/cbor";

/// The response a response case with a base64-encoded CBOR body describes.
pub fn cbor_response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let bytes = cbor::decode_base64(body);
    let mut response = response(status, headers, "");
    *response.body_mut() = bytes;
    response
}

/// The response a response case describes.
pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("the case's response is valid HTTP")
}

/// Checks the message an input stream's event marshalled to against the frame a case
/// expects: the same headers in any order (the format gives their order no meaning), the
/// same payload (compared as JSON when its `:content-type` is JSON), and a frame of the same
/// length.
pub fn check_event(message: &restjson::event_streams::Message, expected_frame: &[u8]) {
    use restjson::event_streams::{Decoder, Header, HeaderValue};
    let mut input = expected_frame;
    let expected = Decoder::new()
        .decode(&mut input)
        .expect("the case's frame decodes")
        .expect("the case's frame is whole");
    assert!(input.is_empty(), "bytes after the case's frame");
    let sorted = |headers: &[Header]| {
        let mut headers = headers.to_vec();
        headers.sort_by(|a, b| a.name.cmp(&b.name));
        headers
    };
    assert_eq!(sorted(&message.headers), sorted(&expected.headers), "headers");
    let content_type = expected.header(":content-type").and_then(HeaderValue::as_str);
    if content_type.is_some_and(|m| m == "application/json") {
        let want: serde_json::Value = serde_json::from_slice(&expected.payload).expect("the case's payload is JSON");
        let got: serde_json::Value = serde_json::from_slice(&message.payload)
            .unwrap_or_else(|e| panic!("the payload is not JSON ({e}): {:?}", String::from_utf8_lossy(&message.payload)));
        assert_eq!(got, want, "JSON payload");
    } else {
        assert_eq!(message.payload, expected.payload, "payload");
    }
    let frame = message.to_frame().expect("the message encodes");
    assert_eq!(frame.len(), expected_frame.len(), "frame length");
}
