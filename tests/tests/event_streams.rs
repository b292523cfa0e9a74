//! Output event streams through both clients (input streams: `event_streams_input.rs`), against a loopback server that writes the
//! frames of the compliance suite's `OutputStream` operation (crate `restjson`): events read
//! as they arrive, a modeled error mid-stream, a frame with a bad CRC, a connection dropped
//! mid-stream.

use restjson::client::Credentials;
use restjson::event_streams::{DecodeError, HeaderValue, Message, StreamError};
use restjson::event_streams::event_stream::EventStreamError;
use restjson::operation::output_stream::OutputStreamInput;
use restjson::types::EventStream;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the server waits for the client (a bound, not a measure: a client that reads as
/// the events arrive signals long before).
const WAIT: Duration = Duration::from_secs(20);

/// What the server does after the response head, in order.
enum Step {
    /// Writes these bytes as one chunk.
    Send(Vec<u8>),
    /// Waits until the client says it has read what was sent so far.
    AwaitClient,
    /// Ends the body properly.
    End,
    /// Closes the connection without ending the body.
    Drop,
}

/// Serves one request; gives whether every `AwaitClient` was answered by the client (rather
/// than by the bounded wait running out).
fn serve(steps: Vec<Step>) -> (String, mpsc::Sender<()>, JoinHandle<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let (read_tx, read_rx) = mpsc::channel::<()>();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("request head");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("request body");
        let mut out = stream;
        out.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\ntransfer-encoding: chunked\r\n\r\n")
            .expect("head");
        let mut answered = true;
        for step in steps {
            match step {
                Step::Send(bytes) => {
                    write!(out, "{:x}\r\n", bytes.len()).expect("chunk size");
                    out.write_all(&bytes).expect("chunk");
                    out.write_all(b"\r\n").expect("chunk end");
                    out.flush().expect("flush");
                }
                Step::AwaitClient => answered &= read_rx.recv_timeout(WAIT).is_ok(),
                Step::End => out.write_all(b"0\r\n\r\n").expect("end"),
                Step::Drop => {
                    let _ = out.shutdown(std::net::Shutdown::Both);
                    return answered;
                }
            }
        }
        answered
    });
    (url, read_tx, handle)
}

fn event(i: usize) -> Vec<u8> {
    Message::new(format!("event {i}").into_bytes())
        .with_header(":message-type", HeaderValue::String("event".into()))
        .with_header(":event-type", HeaderValue::String("stringPayload".into()))
        .with_header(":content-type", HeaderValue::String("text/plain".into()))
        .to_frame()
        .expect("a frame")
}

fn events(range: std::ops::Range<usize>) -> Vec<u8> {
    range.flat_map(event).collect()
}

fn exception(message: &str) -> Vec<u8> {
    Message::new(format!(r#"{{"message":"{message}"}}"#).into_bytes())
        .with_header(":message-type", HeaderValue::String("exception".into()))
        .with_header(":exception-type", HeaderValue::String("error".into()))
        .with_header(":content-type", HeaderValue::String("application/json".into()))
        .to_frame()
        .expect("a frame")
}

fn text_of(event: &EventStream) -> String {
    match event {
        EventStream::StringPayload(e) => e.payload.clone().expect("a payload"),
        other => panic!("expected a stringPayload event, got {other:?}"),
    }
}

fn blocking_client(url: &str) -> restjson::blocking::Client {
    mpa_tests::event_server::restjson_blocking(url, Credentials::new("AKIDEXAMPLE", "secret", None))
}

fn async_client(url: &str) -> restjson::Client {
    mpa_tests::event_server::restjson_async(url, Credentials::new("AKIDEXAMPLE", "secret", None))
}

const TOTAL: usize = 10_000;
const FIRST: usize = 100;

/// The first events, then (once the client says it read them) the rest.
fn ten_thousand() -> Vec<Step> {
    let mut steps = vec![Step::Send(events(0..FIRST)), Step::AwaitClient];
    for start in (FIRST..TOTAL).step_by(1_000) {
        steps.push(Step::Send(events(start..(start + 1_000).min(TOTAL))));
    }
    steps.push(Step::End);
    steps
}

#[test]
fn blocking_events_are_read_as_they_arrive() {
    let (url, read_first, server) = serve(ten_thousand());
    let (_, events) = blocking_client(&url).output_stream(&OutputStreamInput::builder().build()).expect("the call");
    let mut count = 0;
    for event in events {
        let event = event.expect("an event");
        assert_eq!(text_of(&event), format!("event {count}"));
        count += 1;
        if count == FIRST {
            // The rest is not sent until the first events are read.
            read_first.send(()).expect("the server waits");
        }
    }
    assert_eq!(count, TOTAL);
    assert!(server.join().expect("server"), "the client read the first events before the rest was sent");
}

#[test]
fn async_events_are_read_as_they_arrive_by_recv_and_as_a_stream() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let (url, read_first, server) = serve(ten_thousand());
        let (_, mut events) = async_client(&url).output_stream(&OutputStreamInput::builder().build()).await.expect("the call");
        let mut count = 0;
        while count < FIRST {
            let event = events.recv().await.expect("an event").expect("not the end");
            assert_eq!(text_of(&event), format!("event {count}"));
            count += 1;
        }
        read_first.send(()).expect("the server waits");
        // The rest through `futures_core::Stream`.
        let mut events = std::pin::pin!(events);
        while let Some(event) = std::future::poll_fn(|cx| futures_core::Stream::poll_next(events.as_mut(), cx)).await {
            assert_eq!(text_of(&event.expect("an event")), format!("event {count}"));
            count += 1;
        }
        assert_eq!(count, TOTAL);
        assert!(server.join().expect("server"), "the client read the first events before the rest was sent");
    });
}

/// Two events, then what `bad` makes, read by both clients: the events come, then the error
/// `check` expects, then nothing more.
fn ends_with(bad: impl Fn() -> Vec<Step>, check: impl Fn(&EventStreamError)) {
    let steps = |bad: Vec<Step>| {
        let mut steps = vec![Step::Send(events(0..2))];
        steps.extend(bad);
        steps
    };
    let (url, _keep, server) = serve(steps(bad()));
    let (_, mut events) = blocking_client(&url).output_stream(&OutputStreamInput::builder().build()).expect("the call");
    for i in 0..2 {
        assert_eq!(text_of(&events.next().expect("an event").expect("an event")), format!("event {i}"));
    }
    let error = events.next().expect("an error").expect_err("an error");
    check(&error);
    assert!(events.next().is_none(), "nothing after the error");
    server.join().expect("server");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let (url, _keep, server) = serve(steps(bad()));
        let (_, mut events) = async_client(&url).output_stream(&OutputStreamInput::builder().build()).await.expect("the call");
        for i in 0..2 {
            assert_eq!(text_of(&events.recv().await.expect("an event").expect("an event")), format!("event {i}"));
        }
        let error = events.recv().await.expect_err("an error");
        check(&error);
        assert!(events.recv().await.expect("no error after the error").is_none(), "nothing after the error");
        server.join().expect("server");
    });
}

#[test]
fn a_modeled_exception_mid_stream_is_the_streams_typed_error() {
    ends_with(
        || vec![Step::Send(exception("boom")), Step::Send(events(2..3)), Step::End],
        |error| match error {
            EventStreamError::Error(e) => assert_eq!(e.message(), Some("boom")),
            other => panic!("expected the modeled error, got {other:?}"),
        },
    );
}

#[test]
fn a_frame_with_a_bad_crc_is_a_decode_error() {
    ends_with(
        || {
            let mut bad = event(2);
            let last = bad.len() - 1;
            bad[last] ^= 0xff;
            vec![Step::Send(bad), Step::Send(events(3..4)), Step::End]
        },
        |error| {
            assert!(
                matches!(error, EventStreamError::Stream(StreamError::Decode(DecodeError::MessageChecksum { .. }))),
                "expected a bad CRC, got {error:?}"
            );
        },
    );
}

#[test]
fn a_connection_dropped_mid_stream_is_an_error_not_an_end() {
    ends_with(
        || {
            let half = event(2);
            vec![Step::Send(half[..half.len() / 2].to_vec()), Step::Drop]
        },
        |error| {
            assert!(
                matches!(
                    error,
                    EventStreamError::Stream(StreamError::Transport(_) | StreamError::Decode(DecodeError::Truncated { .. }))
                ),
                "expected a failed connection, got {error:?}"
            );
        },
    );
}
