//! Input and duplex event streams through both clients, against a loopback server
//! (`mpa_tests::event_server`) that checks the request's signature and every event's chunk
//! signature with aws-sigv4, for the compliance suite's `InputStream` and `DuplexStream`
//! operations (crate `restjson`).

use mpa_tests::event_server::{Answer, EventServer, Received};
use mpa_tests::loopback::Keys;
use restjson::client::Credentials;
use restjson::event_streams::HeaderValue;
use restjson::operation::duplex_stream::DuplexStreamInput;
use restjson::operation::input_stream::InputStreamInput;
use restjson::types::{EventStream, StringPayloadEvent};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn keys() -> Keys {
    Keys {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "input/stream+secret".into(),
        session_token: None,
        region: "us-east-1".into(),
        service: "restjson".into(),
    }
}

fn credentials() -> Credentials {
    let keys = keys();
    Credentials::new(keys.access_key_id, keys.secret_access_key, None)
}

fn blocking_client(url: &str) -> restjson::blocking::Client {
    mpa_tests::event_server::restjson_blocking(url, credentials())
}

fn async_client(url: &str) -> restjson::Client {
    mpa_tests::event_server::restjson_async(url, credentials())
}

fn say(text: &str) -> EventStream {
    EventStream::StringPayload(StringPayloadEvent::builder().payload(text.to_owned()).build())
}

fn text_of(event: &EventStream) -> String {
    match event {
        EventStream::StringPayload(e) => e.payload.clone().expect("a payload"),
        other => panic!("expected a stringPayload event, got {other:?}"),
    }
}

/// The server saw a head signed for an event stream, sent chunked, and `texts` as
/// `stringPayload` events, each in an envelope whose chunk signature aws-sigv4 agrees with,
/// the stream ended by the signed empty envelope.
fn assert_signed_stream(received: &Received, path: &str, texts: &[&str]) {
    let request = &received.request;
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, path);
    assert_eq!(request.signature, Ok(()), "the head's signature");
    assert_eq!(request.header("x-amz-content-sha256"), Some("STREAMING-AWS4-HMAC-SHA256-EVENTS"));
    assert_eq!(request.header("content-type"), Some("application/vnd.amazon.eventstream"));
    assert!(received.chunked, "an event stream goes chunked: {:?}", request.headers);
    let sent: Vec<String> = received.messages.iter().map(|m| String::from_utf8(m.payload.clone()).expect("text")).collect();
    assert_eq!(sent, texts);
    for message in &received.messages {
        assert_eq!(message.header(":event-type"), Some(&HeaderValue::String("stringPayload".into())));
        assert_eq!(message.header(":message-type"), Some(&HeaderValue::String("event".into())));
    }
    assert_eq!(received.chunk_signatures.len(), texts.len() + 1, "one envelope per event and the empty one");
    for (i, verdict) in received.chunk_signatures.iter().enumerate() {
        assert_eq!(verdict, &Ok(()), "envelope {i}");
    }
    assert!(received.ended_with_empty_envelope);
}

#[test]
fn blocking_client_sends_an_iterators_events_each_signed() {
    let server = EventServer::start(keys(), Answer::AtEnd);
    let client = blocking_client(&server.url());
    // A channel's receiver: the events are pulled as the body is sent.
    let (sender, events) = std::sync::mpsc::channel();
    for text in ["one", "two", "three"] {
        sender.send(say(text)).expect("queued");
    }
    drop(sender);
    client.input_stream(&InputStreamInput::builder().build(), events).expect("the call succeeds");
    assert_signed_stream(&server.finish(), "/InputStream", &["one", "two", "three"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_client_sends_a_streams_events_each_signed() {
    let server = EventServer::start(keys(), Answer::AtEnd);
    let client = async_client(&server.url());
    let (sender, events) = restjson::client::event_channel(4);
    let call = tokio::spawn(async move { client.input_stream(&InputStreamInput::builder().build(), events).await });
    for text in ["one", "two"] {
        sender.send(say(text)).await.expect("sent");
    }
    drop(sender);
    call.await.expect("the task").expect("the call succeeds");
    let received = tokio::task::spawn_blocking(move || server.finish()).await.expect("the server");
    assert_signed_stream(&received, "/InputStream", &["one", "two"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_duplex_stream_answers_each_event_before_the_next_is_sent() {
    let server = EventServer::start(keys(), Answer::Echo);
    let client = async_client(&server.url());
    let (sender, events) = restjson::client::event_channel(1);
    sender.send(say("first")).await.expect("sent");
    let (_, mut replies) = client.duplex_stream(&DuplexStreamInput::builder().build(), events).await.expect("the response head");
    // Each reply is read before the next event exists: both directions are open at once.
    for (n, text) in ["first", "second", "third"].into_iter().enumerate() {
        if n > 0 {
            sender.send(say(text)).await.expect("sent");
        }
        let reply = tokio::time::timeout(WAIT, replies.recv()).await.expect("a reply in time").expect("a reply").expect("an event");
        assert_eq!(text_of(&reply), format!("echo {}", n + 1));
    }
    drop(sender);
    assert!(replies.recv().await.expect("a clean end").is_none(), "the output ends after the input");
    let received = tokio::task::spawn_blocking(move || server.finish()).await.expect("the server");
    assert_signed_stream(&received, "/DuplexStream", &["first", "second", "third"]);
}

#[test]
fn blocking_duplex_stream_sends_its_events_then_reads_the_replies() {
    let server = EventServer::start(keys(), Answer::Echo);
    let client = blocking_client(&server.url());
    let events = vec![say("a"), say("b"), say("c")];
    let (_, replies) = client.duplex_stream(&DuplexStreamInput::builder().build(), events).expect("the response head");
    let replies: Vec<String> = replies.map(|r| text_of(&r.expect("an event"))).collect();
    assert_eq!(replies, ["echo 1", "echo 2", "echo 3"]);
    assert_signed_stream(&server.finish(), "/DuplexStream", &["a", "b", "c"]);
}

#[test]
fn an_event_that_cannot_be_sent_fails_the_call_naming_it() {
    let server = EventServer::start(keys(), Answer::AtEnd);
    let client = blocking_client(&server.url());
    let unknown = EventStream::Unknown(restjson::types::UnknownValue::new("newEvent".to_owned()));
    let error = client
        .input_stream(&InputStreamInput::builder().build(), vec![say("sent"), unknown, say("never sent")])
        .expect_err("the unknown event fails the call");
    let text = format!("{error}: {:?}", std::error::Error::source(&error));
    assert!(text.contains("newEvent"), "{text}");
}

#[test]
fn the_whole_body_form_of_an_input_stream_says_where_its_events_go() {
    use restjson::operation::input_stream::InputStream;
    use restjson::{Operation, StreamingInput};
    let error = InputStream::serialize_request(&InputStreamInput::builder().build()).expect_err("no whole-body form");
    assert_eq!(error.member(), Some("stream"));
    assert!(error.to_string().contains("input event stream, sent as the request body"), "{error}");
    let head = InputStream::serialize_request_head(&InputStreamInput::builder().build(), None).expect("the head");
    assert_eq!(head.headers()["content-type"], "application/vnd.amazon.eventstream");
    assert!(head.headers().get("content-length").is_none());
}

#[test]
fn a_modeled_error_marshals_as_an_exception_and_another_stream_error_is_refused() {
    use restjson::event_streams::event_stream::EventStreamError;
    use restjson::event_streams::{Marshal, MarshalError, StreamError};
    let error = EventStreamError::Error(Box::new(restjson::error::ErrorEvent::builder().message("no".to_owned()).build()));
    let message = error.marshal().expect("a modeled error marshals");
    assert_eq!(message.header(":message-type"), Some(&HeaderValue::String("exception".into())));
    assert_eq!(message.header(":exception-type"), Some(&HeaderValue::String("error".into())));
    assert_eq!(message.header(":content-type"), Some(&HeaderValue::String("application/json".into())));
    assert_eq!(message.payload, br#"{"message":"no"}"#);
    let unmodeled = EventStreamError::Stream(StreamError::invalid("a stream that broke"));
    assert_eq!(unmodeled.marshal().expect_err("not sendable"), MarshalError::Unmodeled);
}
