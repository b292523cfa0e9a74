//! Request body rules and header encodings: checksums, `Content-MD5`, base64 `@mediaType`
//! headers. Expected values are the CRC catalogue's check values and digests computed
//! independently of the code under test.

use smithy_rt::rt::{checksum, content_md5, media_header};
use http::Request;

fn header(builder: http::request::Builder, name: &str) -> Option<String> {
    let request = builder.body(()).unwrap();
    request.headers().get(name).map(|v| v.to_str().unwrap().to_owned())
}

#[test]
fn checksum_digests_match_check_values() {
    let hex = |bytes: Vec<u8>| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let check = b"123456789";
    assert_eq!(hex(checksum::digest("CRC32", check).unwrap()), "cbf43926");
    assert_eq!(hex(checksum::digest("crc32c", check).unwrap()), "e3069283");
    assert_eq!(hex(checksum::digest("CRC64NVME", check).unwrap()), "ae8b14860a799888");
    assert_eq!(checksum::digest("MD5", check), None);
}

#[test]
fn checksum_headers() {
    let body = b"Hello world";
    let cases = [
        ("CRC32", "x-amz-checksum-crc32", "i9aeUg=="),
        ("CRC32C", "x-amz-checksum-crc32c", "crUfeA=="),
        ("CRC64NVME", "x-amz-checksum-crc64nvme", "OOJZ0D8xKts="),
        ("SHA1", "x-amz-checksum-sha1", "e1AsOh9IyGCa4hLN+2Od7jlnP14="),
        ("SHA256", "x-amz-checksum-sha256", "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw="),
    ];
    for (algorithm, name, value) in cases {
        let builder = checksum::add(Request::builder(), body, Some(algorithm), false, None).unwrap();
        assert_eq!(header(builder, name).as_deref(), Some(value), "{algorithm}");
    }
}

#[test]
fn checksum_defaults_and_refusals() {
    let body = b"Hello world";
    // Not picked, not required: nothing.
    let builder = checksum::add(Request::builder(), body, None, false, Some("x-amz-sdk-checksum-algorithm")).unwrap();
    let request = builder.body(()).unwrap();
    assert!(request.headers().is_empty());
    // Required: CRC32, named in the algorithm member's header.
    let builder = checksum::add(Request::builder(), body, None, true, Some("x-amz-sdk-checksum-algorithm")).unwrap();
    let request = builder.body(()).unwrap();
    assert_eq!(request.headers()["x-amz-checksum-crc32"], "i9aeUg==");
    assert_eq!(request.headers()["x-amz-sdk-checksum-algorithm"], "CRC32");
    // A checksum the caller set through a member is kept.
    let own = Request::builder().header("x-amz-checksum-sha256", "mine");
    let builder = checksum::add(own, body, Some("SHA256"), true, None).unwrap();
    assert_eq!(header(builder, "x-amz-checksum-sha256").as_deref(), Some("mine"));
    // An algorithm the crate does not know is refused, by name.
    let error = checksum::add(Request::builder(), body, Some("MD4"), false, None).unwrap_err();
    assert!(error.to_string().contains("`MD4` is not supported"), "{error}");
}

#[test]
fn content_md5_is_base64_of_the_digest() {
    assert_eq!(content_md5::value(b"Hello world"), "PiWWCnnbxptnTNTsZ6csYg==");
    assert_eq!(content_md5::value(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    let builder = content_md5::add(Request::builder(), b"Hello world");
    assert_eq!(header(builder, "content-md5").as_deref(), Some("PiWWCnnbxptnTNTsZ6csYg=="));
    // A member bound to the header wins.
    let builder = content_md5::add(Request::builder().header("Content-MD5", "mine"), b"Hello world");
    assert_eq!(header(builder, "content-md5").as_deref(), Some("mine"));
}

#[test]
fn media_type_headers_are_base64() {
    assert_eq!(media_header::encode(r#"{"a":"é"}"#), "eyJhIjoiw6kifQ==");
    assert_eq!(media_header::encode(""), "");
    assert_eq!(media_header::decode("X-Json", " eyJhIjoiw6kifQ== ").unwrap(), r#"{"a":"é"}"#);
    let error = media_header::decode("X-Json", "not base64!").unwrap_err();
    assert!(error.to_string().contains("`X-Json` is not base64"), "{error}");
    // Valid base64 of bytes that are not UTF-8.
    assert!(media_header::decode("X-Json", "/w==").is_err());
}
