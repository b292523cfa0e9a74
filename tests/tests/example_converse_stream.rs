//! The `converse_stream` example (`examples/converse_stream.rs`) against a loopback server that
//! answers as Bedrock does: a SigV4-checked request, then `application/vnd.amazon.eventstream`
//! frames (`messageStart`, `contentBlockDelta` texts, `contentBlockStop`, `messageStop`,
//! `metadata`). The server sends the first delta, then holds the rest back until the example
//! has printed it: the text is printed as it arrives, not once the stream is over.

use golden_converse_stream::client::{Credentials, Env};
use golden_converse_stream::event_streams::{HeaderValue, Message};
use golden_converse_stream::types::StopReason;
use mpa_tests::loopback::{Keys, Recorded, verify};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

#[path = "../examples/converse_stream.rs"]
mod converse_stream;

/// How long the server waits for the client (a bound, not a measure).
const WAIT: Duration = Duration::from_secs(20);
const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";
const PROMPT: &str = "Say hello in three languages.";

fn keys() -> Keys {
    Keys { service: "bedrock".into(), ..Keys::test() }
}

/// One event frame as Bedrock writes it: a JSON payload (with its `p` padding field, which
/// the model does not describe).
fn frame(event_type: &str, json: &str) -> Vec<u8> {
    Message::new(json.as_bytes().to_vec())
        .with_header(":event-type", HeaderValue::String(event_type.into()))
        .with_header(":content-type", HeaderValue::String("application/json".into()))
        .with_header(":message-type", HeaderValue::String("event".into()))
        .to_frame()
        .expect("a frame")
}

fn delta(text: &str) -> Vec<u8> {
    frame("contentBlockDelta", &format!(r#"{{"contentBlockIndex":0,"delta":{{"text":"{text}"}},"p":"abcdef"}}"#))
}

/// What the server saw: the request, and the text the client had printed when the server was
/// about to send the rest of the stream (`None` if the client printed nothing in time).
struct Seen {
    request: Recorded,
    printed_before_the_rest: Option<String>,
}

/// Serves one `ConverseStream` call: `first` frames, then, once the client printed something,
/// `rest`, split in chunks at arbitrary places.
fn serve(first: Vec<u8>, rest: Vec<u8>, printed: mpsc::Receiver<String>) -> (String, JoinHandle<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("request line");
        let mut parts = line.split_whitespace();
        let method = parts.next().expect("method").to_owned();
        let target = parts.next().expect("target").to_owned();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("request head");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header");
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        let length: usize =
            headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().expect("a length"));
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("request body");
        let mut request = Recorded { method, target, headers, body, connection: 0, signature: Err("not checked".into()) };
        request.signature = verify(&request, &keys());

        let mut out = stream;
        out.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\nx-amzn-requestid: req-converse\r\ntransfer-encoding: chunked\r\n\r\n")
            .expect("head");
        let mut chunk = |bytes: &[u8]| {
            write!(out, "{:x}\r\n", bytes.len()).expect("chunk size");
            out.write_all(bytes).expect("chunk");
            out.write_all(b"\r\n").expect("chunk end");
            out.flush().expect("flush");
        };
        chunk(&first);
        let printed_before_the_rest = printed.recv_timeout(WAIT).ok();
        // Frames split across chunks: the client reassembles them.
        for piece in rest.chunks(7) {
            chunk(piece);
        }
        out.write_all(b"0\r\n\r\n").expect("end");
        out.flush().expect("flush");
        Seen { request, printed_before_the_rest }
    });
    (url, handle)
}

/// A terminal stand-in: keeps what is written and tells the server each time.
struct Printed {
    text: Vec<u8>,
    tell: mpsc::Sender<String>,
}

impl Write for Printed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(buf);
        let _ = self.tell.send(String::from_utf8_lossy(&self.text).into_owned());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn client(url: &str) -> golden_converse_stream::Client {
    let keys = keys();
    golden_converse_stream::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.as_str())
        .credentials(Credentials::new(keys.access_key_id.as_str(), keys.secret_access_key.as_str(), None))
        .endpoint_url(url)
        .read_timeout(WAIT)
        .build()
        .expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prints_the_reply_as_it_streams_in() {
    let first = [frame("messageStart", r#"{"p":"abc","role":"assistant"}"#), delta("Hello")].concat();
    let rest = [
        delta(", Bonjour"),
        delta(", Hola!"),
        frame("contentBlockStop", r#"{"contentBlockIndex":0,"p":"abcdefghij"}"#),
        frame("messageStop", r#"{"p":"abcd","stopReason":"end_turn"}"#),
        frame(
            "metadata",
            r#"{"metrics":{"latencyMs":412},"p":"ab","usage":{"inputTokens":14,"outputTokens":9,"totalTokens":23}}"#,
        ),
    ]
    .concat();
    let (tell, printed) = mpsc::channel();
    let (url, server) = serve(first, rest, printed);
    let mut out = Printed { text: Vec::new(), tell };

    let summary = converse_stream::converse(&client(&url), MODEL, PROMPT, &mut out).await.expect("the call");
    let seen = server.join().expect("the server");

    assert_eq!(String::from_utf8(out.text).expect("text"), "Hello, Bonjour, Hola!\n");
    assert_eq!(seen.printed_before_the_rest.as_deref(), Some("Hello"), "the first delta is printed before the rest is sent");
    assert_eq!(summary.stop_reason, Some(StopReason::EndTurn));
    let usage = summary.usage.expect("the metadata event");
    assert_eq!((usage.input_tokens, usage.output_tokens, usage.total_tokens), (14, 9, 23));

    let request = seen.request;
    assert_eq!(request.signature, Ok(()), "{request:?}");
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(body, serde_json::json!({"messages": [{"role": "user", "content": [{"text": PROMPT}]}]}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_modeled_error_mid_stream_ends_the_example_with_it() {
    let first = [frame("messageStart", r#"{"role":"assistant"}"#), delta("Partial")].concat();
    let rest = Message::new(br#"{"message":"the model stopped","originalStatusCode":500}"#.to_vec())
        .with_header(":exception-type", HeaderValue::String("modelStreamErrorException".into()))
        .with_header(":content-type", HeaderValue::String("application/json".into()))
        .with_header(":message-type", HeaderValue::String("exception".into()))
        .to_frame()
        .expect("a frame");
    let (tell, printed) = mpsc::channel();
    let (url, server) = serve(first, rest, printed);
    let mut out = Printed { text: Vec::new(), tell };

    let error = converse_stream::converse(&client(&url), MODEL, PROMPT, &mut out).await.expect_err("a stream error");
    let seen = server.join().expect("the server");

    assert_eq!(seen.printed_before_the_rest.as_deref(), Some("Partial"));
    assert_eq!(String::from_utf8(out.text).expect("text"), "Partial");
    let error = error
        .downcast::<golden_converse_stream::event_streams::converse_stream_output::ConverseStreamOutputError>()
        .expect("the stream's error type");
    assert!(
        matches!(
            *error,
            golden_converse_stream::event_streams::converse_stream_output::ConverseStreamOutputError::ModelStreamErrorException(ref e)
                if e.message.as_deref() == Some("the model stopped") && e.original_status_code == Some(500)
        ),
        "{error:?}"
    );
}

/// The same stream through the blocking client, whose events are an `Iterator`: each text is
/// there to print before the server sends the rest.
#[test]
fn the_blocking_client_reads_the_same_stream_as_it_arrives() {
    use golden_converse_stream::operation::converse_stream::ConverseStreamInput;
    use golden_converse_stream::types::{ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput};

    let first = [frame("messageStart", r#"{"role":"assistant"}"#), delta("Hello")].concat();
    let rest = [delta(", world"), frame("contentBlockStop", r#"{"contentBlockIndex":0}"#), frame("messageStop", r#"{"stopReason":"max_tokens"}"#)].concat();
    let (tell, printed) = mpsc::channel();
    let (url, server) = serve(first, rest, printed);
    let keys = keys();
    let client = golden_converse_stream::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.as_str())
        .credentials(Credentials::new(keys.access_key_id.as_str(), keys.secret_access_key.as_str(), None))
        .endpoint_url(url.as_str())
        .read_timeout(WAIT)
        .build()
        .expect("client");
    let message = golden_converse_stream::types::Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(PROMPT.to_owned()))
        .build();
    let input = ConverseStreamInput::builder().model_id(MODEL).messages(message).build();

    let (_output, events) = client.converse_stream(&input).expect("the call");
    let mut out = Printed { text: Vec::new(), tell };
    let mut stop = None;
    for event in events {
        match event.expect("an event") {
            ConverseStreamOutput::ContentBlockDelta(e) => {
                if let ContentBlockDelta::Text(text) = &e.delta {
                    out.write_all(text.as_bytes()).expect("print");
                }
            }
            ConverseStreamOutput::MessageStop(e) => stop = Some(e.stop_reason),
            _ => {}
        }
    }
    let seen = server.join().expect("the server");

    assert_eq!(seen.printed_before_the_rest.as_deref(), Some("Hello"));
    assert_eq!(String::from_utf8(out.text).expect("text"), "Hello, world");
    assert_eq!(stop, Some(StopReason::MaxTokens));
    assert_eq!(seen.request.signature, Ok(()), "{:?}", seen.request);
}
