//! Request checksums (`aws.protocols#httpChecksum`), `Content-MD5` and compression together,
//! through the golden crate of `tests/fixtures/models/checksums.json`. Expected digests were
//! computed independently (base64 of the big-endian CRC or SHA digest).

use std::io::Read as _;

use golden_checksums::Operation;
use golden_checksums::operation::put_note::{PutNote, PutNoteInput};
use golden_checksums::operation::put_object::{PutObject, PutObjectInput};
use golden_checksums::operation::put_record::{PutRecord, PutRecordInput};
use golden_checksums::primitives::Blob;
use golden_checksums::types::ChecksumAlgorithm;

fn header<'r>(request: &'r golden_checksums::http::Request<Vec<u8>>, name: &str) -> Option<&'r str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

fn put_object(algorithm: Option<ChecksumAlgorithm>) -> golden_checksums::http::Request<Vec<u8>> {
    let mut input = PutObjectInput::builder().key("k").body(Blob::new(b"Hello world".to_vec()));
    if let Some(algorithm) = algorithm {
        input = input.checksum_algorithm(algorithm);
    }
    PutObject::serialize_request(&input.build()).unwrap()
}

#[test]
fn the_picked_algorithm_checksums_the_body() {
    let cases = [
        (ChecksumAlgorithm::Crc32, "x-amz-checksum-crc32", "i9aeUg=="),
        (ChecksumAlgorithm::Crc32c, "x-amz-checksum-crc32c", "crUfeA=="),
        (ChecksumAlgorithm::Crc64nvme, "x-amz-checksum-crc64nvme", "OOJZ0D8xKts="),
        (ChecksumAlgorithm::Sha1, "x-amz-checksum-sha1", "e1AsOh9IyGCa4hLN+2Od7jlnP14="),
        (ChecksumAlgorithm::Sha256, "x-amz-checksum-sha256", "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw="),
    ];
    for (algorithm, name, value) in cases {
        let wire = algorithm.as_str().to_owned();
        let request = put_object(Some(algorithm));
        assert_eq!(header(&request, name), Some(value), "{wire}");
        assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm"), Some(wire.as_str()));
        let checksums = request.headers().keys().filter(|k| k.as_str().starts_with("x-amz-checksum-")).count();
        assert_eq!(checksums, 1, "{wire}");
    }
}

#[test]
fn no_algorithm_no_checksum_unless_required() {
    let request = put_object(None);
    assert!(request.headers().keys().all(|k| !k.as_str().starts_with("x-amz-")), "{:?}", request.headers());
    // Required: CRC32, and the algorithm header says so.
    let input = PutRecordInput::builder().data("Hello world").build();
    let request = PutRecord::serialize_request(&input).unwrap();
    assert_eq!(request.body().as_slice(), br#"{"Data":"Hello world"}"#);
    assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm"), Some("CRC32"));
    // CRC32 of `{"Data":"Hello world"}`.
    assert_eq!(header(&request, "x-amz-checksum-crc32"), Some("DmxAWw=="));
}

#[test]
fn the_callers_own_checksum_is_kept_and_unknown_algorithms_refused() {
    let input = PutObjectInput::builder()
        .key("k")
        .checksum_algorithm(ChecksumAlgorithm::Sha256)
        .checksum_sha256("precomputed")
        .body(Blob::new(b"Hello world".to_vec()))
        .build();
    let request = PutObject::serialize_request(&input).unwrap();
    assert_eq!(header(&request, "x-amz-checksum-sha256"), Some("precomputed"));
    let input = PutObjectInput::builder().key("k").checksum_algorithm(ChecksumAlgorithm::from("MD4")).build();
    let error = PutObject::serialize_request(&input).unwrap_err();
    assert!(error.to_string().contains("`MD4` is not supported"), "{error}");
}

#[test]
fn checksums_cover_the_compressed_body() {
    let text = "a".repeat(20_000);
    let request = PutNote::serialize_request(&PutNoteInput::builder().text(text.clone()).build()).unwrap();
    assert_eq!(header(&request, "content-encoding"), Some("gzip"));
    let mut json = String::new();
    flate2::read::GzDecoder::new(request.body().as_slice()).read_to_string(&mut json).unwrap();
    assert_eq!(json, format!(r#"{{"Text":"{text}"}}"#));
    // Both digests are of the gzipped bytes, as sent (MD5 itself is checked against
    // known digests in the runtime's unit tests).
    let sent = request.body().as_slice();
    assert_eq!(header(&request, "content-md5"), Some(base64(&md5::compute(sent).0).as_str()));
    assert_eq!(header(&request, "x-amz-checksum-crc32"), Some(crc32_base64(sent).as_str()));
}

/// CRC-32 (ISO-HDLC), bit by bit.
fn crc32_base64(data: &[u8]) -> String {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    base64(&(!crc).to_be_bytes())
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
