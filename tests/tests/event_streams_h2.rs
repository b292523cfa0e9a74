//! A bidirectional stream over HTTP/2: Bedrock's `InvokeModelWithBidirectionalStream`
//! (crate `golden-bedrock-bidi`, whose model lists HTTP/2 first for event streams), against a
//! loopback HTTP/2 server (hyper's, with prior knowledge) that answers each event as it
//! comes. The async client speaks HTTP/2 to it; the blocking client, which speaks HTTP/1.1
//! only, falls back to it, as the model allows.

use golden_bedrock_bidi::client::{Credentials, Env};
use golden_bedrock_bidi::event_streams::{Decoder, HeaderValue, Message};
use golden_bedrock_bidi::operation::invoke_model_with_bidirectional_stream::InvokeModelWithBidirectionalStreamInput as CallInput;
use golden_bedrock_bidi::types::{
    BidirectionalInputPayloadPart, InvokeModelWithBidirectionalStreamInput as Event, InvokeModelWithBidirectionalStreamOutput as Reply,
};
use http_body_util::BodyExt;
use mpa_tests::event_server::{Answer, EventServer};
use mpa_tests::loopback::{Keys, Recorded, verify};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn keys() -> Keys {
    Keys {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "bidirectional/secret".into(),
        session_token: None,
        region: "us-east-1".into(),
        service: "bedrock".into(),
    }
}

fn credentials() -> Credentials {
    let keys = keys();
    Credentials::new(keys.access_key_id, keys.secret_access_key, None)
}

fn chunk(bytes: &[u8]) -> Event {
    Event::Chunk(BidirectionalInputPayloadPart::builder().bytes(bytes.to_vec()).build())
}

fn bytes_of(reply: &Reply) -> Vec<u8> {
    match reply {
        Reply::Chunk(part) => part.bytes.as_ref().expect("bytes").as_bytes().to_vec(),
        other => panic!("expected a chunk, got {other:?}"),
    }
}

fn call_input() -> CallInput {
    CallInput::builder().model_id("amazon.nova-sonic-v1:0").build()
}

/// What the HTTP/2 server saw.
struct Seen {
    version: http::Version,
    request: Recorded,
    /// The events inside the envelopes, and whether the empty envelope ended the stream.
    events: Vec<Message>,
    ended_with_empty_envelope: bool,
}

/// A response body fed by a channel, one frame per event.
struct Replies(tokio::sync::mpsc::Receiver<bytes::Bytes>);

impl hyper::body::Body for Replies {
    type Data = bytes::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, Self::Error>>> {
        self.get_mut().0.poll_recv(cx).map(|chunk| chunk.map(|c| Ok(hyper::body::Frame::data(c))))
    }
}

/// Serves one HTTP/2 connection: answers at once with an event stream, and writes back each
/// event it reads from the request as soon as it is whole (the event inside its envelope).
async fn serve_h2(listener: tokio::net::TcpListener) -> Seen {
    let (stream, _) = listener.accept().await.expect("accept");
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::channel::<Seen>(1);
    let service = hyper::service::service_fn(move |request: http::Request<hyper::body::Incoming>| {
        let seen_tx = seen_tx.clone();
        async move {
            let (parts, mut body) = request.into_parts();
            let mut headers: Vec<(String, String)> =
                parts.headers.iter().map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned())).collect();
            headers.push(("host".into(), parts.uri.authority().map(|a| a.to_string()).unwrap_or_default()));
            let target = parts.uri.path_and_query().map(|p| p.to_string()).unwrap_or_default();
            let mut recorded =
                Recorded { method: parts.method.to_string(), target, headers, body: Vec::new(), connection: 0, signature: Ok(()) };
            recorded.signature = verify(&recorded, &keys());
            let (replies, replies_rx) = tokio::sync::mpsc::channel(8);
            let version = parts.version;
            tokio::spawn(async move {
                let mut decoder = Decoder::new();
                let mut events = Vec::new();
                let mut ended = false;
                while let Some(frame) = body.frame().await {
                    let Ok(data) = frame.expect("a frame of the request body").into_data() else { continue };
                    let mut input: &[u8] = &data;
                    while let Some(envelope) = decoder.decode(&mut input).expect("an envelope") {
                        assert!(matches!(envelope.header(":chunk-signature"), Some(HeaderValue::Bytes(s)) if s.len() == 32));
                        if envelope.payload.is_empty() {
                            ended = true;
                            continue;
                        }
                        let event = Decoder::new().decode(&mut &envelope.payload[..]).expect("an event").expect("a whole event");
                        let _ = replies.send(bytes::Bytes::from(event.to_frame().expect("a frame"))).await;
                        events.push(event);
                    }
                }
                drop(replies);
                let _ = seen_tx.send(Seen { version, request: recorded, events, ended_with_empty_envelope: ended }).await;
            });
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/vnd.amazon.eventstream")
                .body(Replies(replies_rx))
                .expect("a response");
            Ok::<_, std::convert::Infallible>(response)
        }
    });
    let connection = hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new())
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    tokio::spawn(connection);
    tokio::time::timeout(WAIT, seen_rx.recv()).await.expect("the request in time").expect("the request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_client_holds_a_conversation_over_http2() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve_h2(listener));
    let client = golden_bedrock_bidi::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(&url)
        .read_timeout(WAIT)
        .build()
        .expect("client");
    let (sender, events) = golden_bedrock_bidi::client::event_channel(1);
    sender.send(chunk(b"hello")).await.expect("sent");
    let (_, mut replies) = client.invoke_model_with_bidirectional_stream(&call_input(), events).await.expect("the response head");
    for (n, text) in [&b"hello"[..], b"how are you", b"bye"].into_iter().enumerate() {
        if n > 0 {
            sender.send(chunk(text)).await.expect("sent");
        }
        // Each reply is read before the next event exists: both directions are open at once.
        let reply = tokio::time::timeout(WAIT, replies.recv()).await.expect("a reply in time").expect("a reply").expect("an event");
        assert_eq!(bytes_of(&reply), text);
    }
    drop(sender);
    assert!(replies.recv().await.expect("a clean end").is_none());
    let seen = server.await.expect("the server");
    assert_eq!(seen.version, http::Version::HTTP_2);
    assert_eq!(seen.request.signature, Ok(()), "the head's signature");
    assert_eq!(seen.request.target, "/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream");
    assert_eq!(seen.request.header("x-amz-content-sha256"), Some("STREAMING-AWS4-HMAC-SHA256-EVENTS"));
    assert_eq!(seen.events.len(), 3);
    assert!(seen.ended_with_empty_envelope);
}

#[test]
fn blocking_client_falls_back_to_http1_which_the_model_allows() {
    let server = EventServer::start(keys(), Answer::Mirror);
    let client = golden_bedrock_bidi::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(server.url())
        .read_timeout(WAIT)
        .build()
        .expect("client");
    let (_, replies) =
        client.invoke_model_with_bidirectional_stream(&call_input(), vec![chunk(b"one"), chunk(b"two")]).expect("the response head");
    let replies: Vec<Vec<u8>> = replies.map(|r| bytes_of(&r.expect("an event"))).collect();
    assert_eq!(replies, [b"one".to_vec(), b"two".to_vec()]);
    let received = server.finish();
    assert_eq!(received.request.signature, Ok(()));
    assert_eq!(received.chunk_signatures.len(), 3);
    assert!(received.chunk_signatures.iter().all(Result::is_ok), "{:?}", received.chunk_signatures);
}
