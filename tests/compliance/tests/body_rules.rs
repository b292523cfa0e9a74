//! What the suite's cases leave unchecked about request bodies and bound headers: the
//! gzipped body itself and when it is not gzipped, `Content-MD5` over the bytes sent,
//! idempotency tokens from the default generator, base64 `@mediaType` headers both ways.

use std::io::Read as _;

use restjson::operation::http_checksum_required::{HttpChecksumRequired, HttpChecksumRequiredInput};
use restjson::operation::media_type_header::{MediaTypeHeader, MediaTypeHeaderError, MediaTypeHeaderInput};
use restjson::operation::put_with_content_encoding::{PutWithContentEncoding, PutWithContentEncodingInput};
use restjson::operation::query_idempotency_token_auto_fill::{
    QueryIdempotencyTokenAutoFill, QueryIdempotencyTokenAutoFillInput,
};
use restjson::{Operation, SerializeOptions};

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).expect("a gzip stream");
    text
}

fn content_encoding(request: &restjson::http::Request<Vec<u8>>) -> Vec<&str> {
    request.headers().get_all("content-encoding").iter().map(|v| v.to_str().unwrap()).collect()
}

#[test]
fn large_bodies_are_gzipped_with_their_length() {
    let data = "x".repeat(20_000);
    let input = PutWithContentEncodingInput::builder().data(data.clone()).build();
    let request = PutWithContentEncoding::serialize_request(&input).unwrap();
    assert_eq!(content_encoding(&request), ["gzip"]);
    assert!(request.body().len() < 1_000, "{} bytes", request.body().len());
    assert_eq!(request.headers()["content-length"], request.body().len().to_string().as_str());
    let json: serde_json::Value = serde_json::from_str(&gunzip(request.body())).unwrap();
    assert_eq!(json, serde_json::json!({ "data": data }));
}

#[test]
fn gzip_comes_after_the_members_encoding() {
    let input = PutWithContentEncodingInput::builder().encoding("br").data("x".repeat(20_000)).build();
    let request = PutWithContentEncoding::serialize_request(&input).unwrap();
    assert_eq!(content_encoding(&request), ["br, gzip"]);
}

#[test]
fn small_bodies_and_disabled_compression_go_as_they_are() {
    let small = PutWithContentEncodingInput::builder().data("small").build();
    let request = PutWithContentEncoding::serialize_request(&small).unwrap();
    assert!(content_encoding(&request).is_empty());
    assert_eq!(request.body().as_slice(), br#"{"data":"small"}"#);

    let large = PutWithContentEncodingInput::builder().data("x".repeat(20_000)).build();
    let off = SerializeOptions::default().request_compression(false);
    let request = PutWithContentEncoding::serialize_request_with(&large, off).unwrap();
    assert!(content_encoding(&request).is_empty());
    assert_eq!(request.body().len(), 20_000 + r#"{"data":""}"#.len());

    // The threshold is inclusive, and can go down to every body.
    let body_len = r#"{"data":"small"}"#.len() as u32;
    for (min, gzipped) in [(body_len, true), (body_len + 1, false), (0, true)] {
        let options = SerializeOptions::default().min_compression_size(min);
        let request = PutWithContentEncoding::serialize_request_with(&small, options).unwrap();
        assert_eq!(!content_encoding(&request).is_empty(), gzipped, "minimum {min}");
        if gzipped {
            assert_eq!(gunzip(request.body()), r#"{"data":"small"}"#);
        }
    }
}

#[test]
fn content_md5_covers_the_body_sent() {
    let input = HttpChecksumRequiredInput::builder().foo("base64 encoded md5 checksum").build();
    let request = HttpChecksumRequired::serialize_request(&input).unwrap();
    assert_eq!(request.body().as_slice(), br#"{"foo":"base64 encoded md5 checksum"}"#);
    assert_eq!(request.headers()["content-md5"], "iB0/3YSo7maijL0IGOgA9g==");
    // Another body, another digest (MD5 of `{}`).
    let request = HttpChecksumRequired::serialize_request(&HttpChecksumRequiredInput::builder().build()).unwrap();
    assert_eq!(request.body().as_slice(), b"{}");
    assert_eq!(request.headers()["content-md5"], "mZFLkyvTelC5g8XnyQrpOw==");
}

fn fixed_token() -> String {
    "fixed".to_owned()
}

fn token_of(request: &restjson::http::Request<Vec<u8>>) -> String {
    let query = request.uri().query().unwrap();
    query.strip_prefix("token=").unwrap_or_else(|| panic!("no token in {query}")).to_owned()
}

#[test]
fn idempotency_tokens_are_fresh_by_default() {
    let input = QueryIdempotencyTokenAutoFillInput::builder().build();
    let first = token_of(&QueryIdempotencyTokenAutoFill::serialize_request(&input).unwrap());
    let second = token_of(&QueryIdempotencyTokenAutoFill::serialize_request(&input).unwrap());
    assert_ne!(first, second);
    for token in [&first, &second] {
        // A version 4 UUID: 8-4-4-4-12 hex digits, version nibble 4.
        let groups: Vec<usize> = token.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{token}");
        assert_eq!(&token[14..15], "4", "{token}");
    }
    // The caller's own token and a generator of the caller's are used as they are.
    let own = QueryIdempotencyTokenAutoFillInput::builder().token("mine").build();
    assert_eq!(token_of(&QueryIdempotencyTokenAutoFill::serialize_request(&own).unwrap()), "mine");
    let fixed = SerializeOptions::default().idempotency_token(fixed_token);
    let request = QueryIdempotencyTokenAutoFill::serialize_request_with(&input, fixed).unwrap();
    assert_eq!(token_of(&request), "fixed");
    // Options are equal when their settings are and their generators are the same function.
    assert_eq!(fixed, SerializeOptions::default().validate(true).idempotency_token(fixed_token));
    assert_ne!(fixed, SerializeOptions::default());
    assert_ne!(fixed, fixed.validate(false));
}

#[test]
fn media_type_headers_round_trip_as_base64() {
    let json = r#"{"greeting":"héllo, \"world\""}"#;
    let input = MediaTypeHeaderInput::builder().json(json).build();
    let request = MediaTypeHeader::serialize_request(&input).unwrap();
    let sent = request.headers()["x-json"].to_str().unwrap().to_owned();
    assert_ne!(sent, json);
    let response = compliance::response(200, &[("X-Json", sent.as_str())], "");
    let output = MediaTypeHeader::parse_response(&response).unwrap();
    assert_eq!(output.json(), Some(json));
    // A header that is not base64 is an invalid response, not a panic.
    let response = compliance::response(200, &[("X-Json", "{not base64}")], "");
    match MediaTypeHeader::parse_response(&response) {
        Err(MediaTypeHeaderError::InvalidResponse(e)) => assert!(e.to_string().contains("X-Json"), "{e}"),
        other => panic!("expected an invalid response, got {other:?}"),
    }
}
