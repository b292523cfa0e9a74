//! `@streaming` blob payloads, through the `Transfer` operation of `golden-kinds` (generated
//! from `tests/fixtures/models/kinds.json`): the request head without its body, the output
//! read from the response head with the body left untouched, and the whole-body functions
//! still working for small payloads.

use golden_kinds::http;
use golden_kinds::operation::transfer::{Transfer, TransferError, TransferInput};
use golden_kinds::primitives::Blob;
use golden_kinds::{Operation, StreamingInput, StreamingOutput};

#[test]
fn the_request_head_carries_everything_but_the_body() {
    let input = TransferInput::builder().name("a b").note("hi").build();
    let head = Transfer::serialize_request_head(&input, Some(8 << 20)).expect("head");
    assert_eq!(head.method(), "PUT");
    assert_eq!(head.uri(), "/transfer/a%20b");
    assert_eq!(head.headers()["content-type"], "application/x-kinds-stream");
    assert_eq!(head.headers()["content-length"], "8388608");
    assert_eq!(head.headers()["x-note"], "hi");

    // An unknown length leaves Content-Length out: the body goes chunked.
    let head = Transfer::serialize_request_head(&input, None).expect("head");
    assert!(head.headers().get("content-length").is_none());
    assert_eq!(head.headers()["content-type"], "application/x-kinds-stream");

    // A payload set on the input is not read by the head: the body is the caller's.
    let with_payload = TransferInput::builder().name("n").data(Blob::from("abc")).build();
    let head = Transfer::serialize_request_head(&with_payload, Some(5)).expect("head");
    assert_eq!(head.headers()["content-length"], "5");
}

#[test]
fn the_whole_body_functions_still_carry_small_payloads() {
    let input = TransferInput::builder().name("n").data(Blob::from("abc")).build();
    let request = Transfer::serialize_request(&input).expect("whole");
    assert_eq!(request.body(), b"abc");
    assert_eq!(request.headers()["content-type"], "application/x-kinds-stream");
    assert_eq!(request.headers()["content-length"], "3");

    let response = http::Response::builder().status(200).header("x-note", "back").body(b"xyz".to_vec()).expect("response");
    let output = Transfer::parse_response(&response).expect("output");
    assert_eq!(output.data().map(Blob::as_bytes), Some(&b"xyz"[..]));
    assert_eq!(output.note(), Some("back"));
}

/// A body that no one may read: `parse_response_head` must work without it.
struct Untouched;

#[test]
fn the_output_is_read_from_the_head_alone() {
    let response = http::Response::builder()
        .status(200)
        .header("x-note", "back")
        .header("x-amzn-requestid", "req-1")
        .body(Untouched)
        .expect("response");
    let output = Transfer::parse_response_head(&response).expect("output");
    assert_eq!(output.note(), Some("back"));
    assert_eq!(output.request_id(), Some("req-1"));
    assert!(output.data().is_none(), "the payload is left to the caller");
    let Untouched = response.into_body();
}

#[test]
fn an_error_status_is_read_from_the_head_as_far_as_it_goes() {
    let response = http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "ValidationError")
        .header("x-amzn-requestid", "req-2")
        .body(())
        .expect("response");
    let error = Transfer::parse_response_head(&response).expect_err("an error");
    assert!(matches!(error, TransferError::ValidationError(_)), "{error:?}");
    assert_eq!(error.request_id(), Some("req-2"));

    let unknown = http::Response::builder().status(503).body(()).expect("response");
    let error = Transfer::parse_response_head(&unknown).expect_err("an error");
    assert!(matches!(error, TransferError::Unhandled(_)), "{error:?}");
    assert!(error.is_retryable());
}

// The clients stream 8 MiB each way through a loopback server (`mpa_tests::stream_server`)
// that checks the signature with an independent signer, and sends its answer in two parts:
// the client must hand over the first part before the server sends the rest.

use golden_kinds::client::{Body, Credentials, Env};
use mpa_tests::loopback::Keys;
use mpa_tests::stream_server::{Pattern, StreamServer, is_pattern};
use std::io::Read;
use std::time::Duration;

const LEN: u64 = 8 << 20;
const FIRST: u64 = 256 << 10;

fn keys() -> Keys {
    Keys { service: "kinds".into(), ..Keys::test() }
}

fn blocking_client(url: &str) -> golden_kinds::blocking::Client {
    let keys = keys();
    golden_kinds::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(url)
        .read_timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

fn async_client(url: &str) -> golden_kinds::Client {
    let keys = keys();
    golden_kinds::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(url)
        .read_timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

fn transfer_input() -> TransferInput {
    TransferInput::builder().name("big").note("sent").build()
}

/// What every streamed call must have sent: the whole generated body, signed.
fn assert_request(outcome: &mpa_tests::stream_server::Outcome, unsigned: bool) {
    let request = &outcome.request;
    assert_eq!(request.signature, Ok(()));
    assert_eq!((request.method.as_str(), request.target.as_str()), ("PUT", "/transfer/big"));
    assert_eq!(request.header("x-note"), Some("sent"));
    assert_eq!(request.header("content-type"), Some("application/x-kinds-stream"));
    assert_eq!(request.body.len() as u64, LEN);
    assert!(is_pattern(&request.body, 0), "the request body differs from what the reader made");
    let announced = request.header("x-amz-content-sha256");
    assert_eq!(announced, unsigned.then_some("UNSIGNED-PAYLOAD"));
    assert!(outcome.first_part_read_early, "the client waited for the whole response body");
}

#[test]
fn the_blocking_client_streams_8_mib_each_way() {
    let (server, read_first) = StreamServer::start(keys(), LEN, FIRST);
    let client = blocking_client(&server.url());
    let body = Body::from_reader(Pattern::new(LEN), Some(LEN));
    let (output, mut body) = client.transfer(&transfer_input(), body).expect("call");
    assert_eq!(output.note(), Some("back"));
    assert_eq!(output.request_id(), Some("req-stream"));
    assert!(output.data().is_none(), "the payload is the body beside the output");

    let mut first = vec![0; FIRST as usize];
    body.read_exact(&mut first).expect("the first part");
    assert!(is_pattern(&first, 0));
    read_first.send(()).expect("the server waits");
    let mut rest = Vec::new();
    body.read_to_end(&mut rest).expect("the rest");
    assert_eq!(FIRST + rest.len() as u64, LEN);
    assert!(is_pattern(&rest, FIRST));

    let outcome = server.finish();
    assert_request(&outcome, true);
    assert_eq!(outcome.request.header("content-length"), Some("8388608"));
}

#[tokio::test]
async fn the_async_client_streams_8_mib_each_way_without_a_length() {
    let (server, read_first) = StreamServer::start(keys(), LEN, FIRST);
    let client = async_client(&server.url());
    // No length: the body goes chunked.
    let body = Body::from_reader(Pattern::new(LEN), None);
    let (output, mut body) = client.transfer(&transfer_input(), body).await.expect("call");
    assert_eq!(output.note(), Some("back"));

    let mut received = 0u64;
    let mut told = false;
    while let Some(chunk) = body.chunk().await {
        let chunk = chunk.expect("a chunk");
        assert!(is_pattern(&chunk, received), "chunk at {received}");
        received += chunk.len() as u64;
        if !told && received >= FIRST {
            assert_eq!(received, FIRST, "the server sent only the first part so far");
            read_first.send(()).expect("the server waits");
            told = true;
        }
    }
    assert_eq!(received, LEN);

    let outcome = server.finish();
    assert_request(&outcome, true);
    assert_eq!(outcome.request.header("content-length"), None);
    assert_eq!(outcome.request.header("transfer-encoding"), Some("chunked"));
}

#[test]
fn bytes_and_a_known_hash_are_signed_with_the_hash() {
    use sha2::Digest;
    let whole: Vec<u8> = {
        let mut bytes = Vec::new();
        Pattern::new(LEN).read_to_end(&mut bytes).expect("generate");
        bytes
    };
    let hash = sha2::Sha256::digest(&whole).iter().map(|b| format!("{b:02x}")).collect::<String>();
    for body in [Body::from(whole), Body::from_reader(Pattern::new(LEN), Some(LEN)).with_sha256(hash)] {
        let (server, read_first) = StreamServer::start(keys(), LEN, FIRST);
        read_first.send(()).expect("no wait");
        let (_, body) = blocking_client(&server.url()).transfer(&transfer_input(), body).expect("call");
        let back = body.read_all().expect("body");
        assert_eq!(back.len() as u64, LEN);
        let outcome = server.finish();
        assert_request(&outcome, false);
    }
}

// Errors and retries of streamed calls, through the recording loopback server.

use golden_kinds::client::Error;
use mpa_tests::loopback::{Reply, Server};

fn payload_reply(body: &str) -> Reply {
    Reply::Respond { status: 200, headers: vec![("x-note".into(), "back".into())], body: body.into() }
}

#[test]
fn an_error_answer_to_a_streamed_call_is_the_typed_error_with_its_message() {
    let server = Server::start(vec![Reply::error(400, "ValidationError", "name taken")], keys());
    let client = blocking_client(&server.url());
    let error = client.transfer(&transfer_input(), Body::from_reader(Pattern::new(1000), Some(1000))).expect_err("an error");
    match &error {
        Error::Service(e @ TransferError::ValidationError(_)) => assert_eq!(e.message(), Some("name taken")),
        other => panic!("expected the modeled error, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a 400 is final");
    assert_eq!(requests[0].signature, Ok(()));
}

#[test]
fn bytes_are_retried_whole_and_a_reader_is_sent_once() {
    let bytes = b"the same bytes on every attempt".to_vec();
    let server = Server::start(vec![Reply::error(503, "ServiceUnavailable", "busy"), payload_reply("echo")], keys());
    let client = golden_kinds::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys().region)
        .credentials(Credentials::new(&keys().access_key_id, &keys().secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("client");
    let (output, body) = client.transfer(&transfer_input(), Body::from(bytes.clone())).expect("retried");
    assert_eq!(output.note(), Some("back"));
    assert_eq!(body.read_all().expect("body"), b"echo");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.signature, Ok(()));
        assert_eq!(request.body, bytes);
        assert_eq!(request.header("x-amz-content-sha256"), None, "bytes are signed with their hash");
    }

    // A reader cannot be read twice: the 503 is the answer.
    let server = Server::start(vec![Reply::error(503, "ServiceUnavailable", "busy"), payload_reply("never")], keys());
    let client = blocking_client(&server.url());
    let error = client.transfer(&transfer_input(), Body::from_reader(Pattern::new(10), Some(10))).expect_err("no retry");
    assert!(matches!(error, Error::Service(TransferError::Unhandled(_))), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn the_async_client_reads_a_whole_error_and_retries_bytes() {
    let server = Server::start(vec![Reply::error(500, "InternalFailure", "oops"), payload_reply("async echo")], keys());
    let client = golden_kinds::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys().region)
        .credentials(Credentials::new(&keys().access_key_id, &keys().secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("client");
    let (_, body) = client.transfer(&transfer_input(), Body::from(b"abc".to_vec())).await.expect("retried");
    assert_eq!(body.read_all().await.expect("body"), b"async echo");
    assert_eq!(server.requests().len(), 2);

    let server = Server::start(vec![Reply::error(400, "ValidationError", "no")], keys());
    let error = async_client(&server.url())
        .transfer(&transfer_input(), Body::from_reader(Pattern::new(10), None))
        .await
        .expect_err("an error");
    assert!(matches!(&error, Error::Service(e @ TransferError::ValidationError(_)) if e.message() == Some("no")), "{error:?}");
}

#[test]
fn a_streaming_blob_that_requires_its_length_refuses_a_head_without_one() {
    use restjson::StreamingInput as _;
    use restjson::operation::streaming_traits_require_length::{StreamingTraitsRequireLength, StreamingTraitsRequireLengthInput};
    let input = StreamingTraitsRequireLengthInput::builder().build();
    let error = StreamingTraitsRequireLength::serialize_request_head(&input, None).expect_err("no length");
    assert!(error.to_string().contains("@requiresLength"), "{error}");
    let head = StreamingTraitsRequireLength::serialize_request_head(&input, Some(3)).expect("a length");
    assert_eq!(head.headers()["content-length"], "3");
}
