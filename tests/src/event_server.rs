//! A loopback server for input event streams. It serves one request whose body is an event
//! stream sent with chunked transfer encoding: checks the head's signature with the
//! independent signer, reads the frames as they arrive, unwraps each signed envelope and
//! checks its chunk signature against aws-sigv4's event stream signer (the chain seeded by
//! the head's signature), and either answers at once with an output event stream that
//! echoes each event as it is read (duplex), or answers `200 {}` once the stream has ended.

use crate::loopback::{Keys, Recorded, verify};
use restjson::event_streams::{Decoder, HeaderValue, Message};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// How long the server waits for its connection and for each read.
const WAIT: Duration = Duration::from_secs(20);

/// How the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `200` with an event stream at once, one `stringPayload` event (`echo <n>`) written
    /// back as soon as the `n`-th event is read, the body ended after the input stream.
    Echo,
    /// `200 {}` once the input stream has ended.
    AtEnd,
    /// `200` with an event stream at once, each event read written back as it is (its type
    /// and payload), the body ended after the input stream.
    Mirror,
}

/// What the server read.
#[derive(Debug)]
pub struct Received {
    /// The request's head (its body left empty).
    pub request: Recorded,
    /// The events inside the envelopes (or the messages themselves, unsigned), in order.
    pub messages: Vec<Message>,
    /// Each envelope's chunk signature checked by the independent signer, in order; the last
    /// is the empty envelope that ends a signed stream.
    pub chunk_signatures: Vec<Result<(), String>>,
    /// The signed stream ended with an empty envelope.
    pub ended_with_empty_envelope: bool,
    /// The body was chunked (an event stream's length is not known up front).
    pub chunked: bool,
}

/// The compliance suite's crate's blocking client for `url`, signing with `credentials`, no
/// setting read from the environment.
pub fn restjson_blocking(url: &str, credentials: restjson::client::Credentials) -> restjson::blocking::Client {
    restjson::blocking::Client::builder()
        .env(restjson::client::Env::from_pairs::<&str, &str>([]))
        .region("us-east-1")
        .credentials(credentials)
        .endpoint_url(url)
        .read_timeout(WAIT)
        .build()
        .expect("client")
}

/// The same crate's async client, as [`restjson_blocking`].
pub fn restjson_async(url: &str, credentials: restjson::client::Credentials) -> restjson::Client {
    restjson::Client::builder()
        .env(restjson::client::Env::from_pairs::<&str, &str>([]))
        .region("us-east-1")
        .credentials(credentials)
        .endpoint_url(url)
        .read_timeout(WAIT)
        .build()
        .expect("client")
}

pub struct EventServer {
    url: String,
    handle: JoinHandle<Result<Received, String>>,
}

impl EventServer {
    /// Serves one request, signed with `keys` (when signed at all).
    pub fn start(keys: Keys, answer: Answer) -> EventServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let handle = std::thread::spawn(move || {
            let (stream, _) = listener.accept().map_err(|e| e.to_string())?;
            stream.set_read_timeout(Some(WAIT)).map_err(|e| e.to_string())?;
            serve(stream, &keys, answer)
        });
        EventServer { url, handle }
    }

    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// What the server read, once it has answered.
    pub fn finish(self) -> Received {
        self.handle.join().expect("the server thread").expect("the server read the request")
    }
}

fn serve(stream: TcpStream, keys: &Keys, answer: Answer) -> Result<Received, String> {
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    let mut out = stream;
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    let mut parts = line.split_whitespace();
    let method = parts.next().ok_or("no method")?.to_owned();
    let target = parts.next().ok_or("no target")?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or("a header without a colon")?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let mut request = Recorded { method, target, headers, body: Vec::new(), connection: 0, signature: Ok(()) };
    let signed = request.header("authorization").is_some();
    if signed {
        request.signature = verify(&request, keys);
    }
    let chunked = request.header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    if answer != Answer::AtEnd {
        out.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\ntransfer-encoding: chunked\r\n\r\n")
            .map_err(|e| e.to_string())?;
    }
    let seed = request.header("authorization").and_then(|a| a.split("Signature=").nth(1)).unwrap_or_default().to_owned();
    let mut chain = Chain { keys: keys.clone(), last: seed };
    let mut received = Received { request, messages: Vec::new(), chunk_signatures: Vec::new(), ended_with_empty_envelope: false, chunked };
    let mut decoder = Decoder::new();
    while let Some(chunk) = next_chunk(&mut reader, chunked)? {
        let mut input: &[u8] = &chunk;
        while let Some(frame) = decoder.decode(&mut input).map_err(|e| format!("a frame of the request: {e}"))? {
            let message = if signed { chain.unwrap(&frame, &mut received)? } else { Some(frame) };
            if let Some(message) = message {
                match answer {
                    Answer::Echo => write_chunk(&mut out, &echo(received.messages.len() + 1))?,
                    Answer::Mirror => write_chunk(&mut out, &message.to_frame().map_err(|e| e.to_string())?)?,
                    Answer::AtEnd => {}
                }
                received.messages.push(message);
            }
        }
    }
    match answer {
        Answer::Echo | Answer::Mirror => out.write_all(b"0\r\n\r\n").map_err(|e| e.to_string())?,
        Answer::AtEnd => out
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}")
            .map_err(|e| e.to_string())?,
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(received)
}

/// The next chunk of a chunked body (`None` at its end); a body with a length is read whole.
fn next_chunk(reader: &mut BufReader<TcpStream>, chunked: bool) -> Result<Option<Vec<u8>>, String> {
    if !chunked {
        let mut body = Vec::new();
        reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
        return Ok((!body.is_empty()).then_some(body));
    }
    let mut size = String::new();
    reader.read_line(&mut size).map_err(|e| e.to_string())?;
    let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or_default(), 16).map_err(|e| format!("a chunk size: {e}"))?;
    let mut chunk = vec![0; size];
    reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
    let mut end = [0; 2];
    reader.read_exact(&mut end).map_err(|e| e.to_string())?;
    Ok((size > 0).then_some(chunk))
}

fn write_chunk(out: &mut TcpStream, bytes: &[u8]) -> Result<(), String> {
    write!(out, "{:x}\r\n", bytes.len()).map_err(|e| e.to_string())?;
    out.write_all(bytes).and_then(|()| out.write_all(b"\r\n")).and_then(|()| out.flush()).map_err(|e| e.to_string())
}

/// The `n`-th echo: a `stringPayload` event.
fn echo(n: usize) -> Vec<u8> {
    Message::new(format!("echo {n}").into_bytes())
        .with_header(":message-type", HeaderValue::String("event".into()))
        .with_header(":event-type", HeaderValue::String("stringPayload".into()))
        .with_header(":content-type", HeaderValue::String("text/plain".into()))
        .to_frame()
        .expect("an echo frame")
}

/// The chain of chunk signatures, checked with aws-sigv4.
struct Chain {
    keys: Keys,
    last: String,
}

impl Chain {
    /// The event inside an envelope (`None` for the empty envelope that ends the stream),
    /// its chunk signature checked.
    fn unwrap(&mut self, envelope: &Message, received: &mut Received) -> Result<Option<Message>, String> {
        let Some(HeaderValue::Bytes(signature)) = envelope.header(":chunk-signature") else {
            return Err("an envelope without :chunk-signature".into());
        };
        let Some(HeaderValue::Timestamp(millis)) = envelope.header(":date") else {
            return Err("an envelope without :date".into());
        };
        let time = SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(*millis).map_err(|e| e.to_string())?);
        let credentials = aws_credential_types::Credentials::new(
            &self.keys.access_key_id,
            &self.keys.secret_access_key,
            self.keys.session_token.clone(),
            None,
            "loopback",
        );
        let identity = credentials.into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.keys.region)
            .name(&self.keys.service)
            .time(time)
            .settings(())
            .build()
            .map_err(|e| e.to_string())?;
        let inner = (!envelope.payload.is_empty()).then(|| Decoder::new().decode(&mut &envelope.payload[..]));
        let expected = match &inner {
            Some(_) => {
                let theirs = aws_smithy_eventstream::frame::read_message_from(&envelope.payload[..]).map_err(|e| e.to_string())?;
                aws_sigv4::event_stream::sign_message(&theirs, &self.last, &params)
            }
            None => aws_sigv4::event_stream::sign_empty_message(&self.last, &params),
        };
        let (_, expected) = expected.map_err(|e| e.to_string())?.into_parts();
        let got: String = signature.iter().map(|b| format!("{b:02x}")).collect();
        received.chunk_signatures.push(if got == expected { Ok(()) } else { Err(format!("chunk signature {got}, aws-sigv4 computes {expected}")) });
        self.last = got;
        match inner {
            None => {
                received.ended_with_empty_envelope = true;
                Ok(None)
            }
            Some(decoded) => match decoded {
                Ok(Some(message)) => Ok(Some(message)),
                Ok(None) => Err("an envelope holding part of a frame".into()),
                Err(e) => Err(format!("the frame inside an envelope: {e}")),
            },
        }
    }
}
