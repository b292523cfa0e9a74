//! A loopback HTTP/1.1 server for the client tests: it replays scripted replies, records
//! each request, and checks each request's SigV4 signature with `aws-sigv4` (a signer
//! independent of the one under test). Everything is bounded: connections, requests and
//! time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// How long the server lives at most, and how long it waits for a request.
const LIFETIME: Duration = Duration::from_secs(30);
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// What the server answers to one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A response.
    Respond { status: u16, headers: Vec<(String, String)>, body: String },
    /// A response whose body is not text (CBOR).
    RespondBytes { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// No answer: hold the connection this long, then close it.
    Silence(Duration),
    /// This reply, then the connection closed without notice (as a server drops an idle
    /// keep-alive connection).
    Closing(Box<Reply>),
}

impl Reply {
    /// A JSON response with a request id.
    pub fn json(status: u16, body: &str) -> Reply {
        let headers = vec![("content-type".into(), "application/json".into()), ("x-amzn-requestid".into(), format!("req-{status}"))];
        Reply::Respond { status, headers, body: body.into() }
    }

    /// An error response carrying its code in `x-amzn-errortype`.
    pub fn error(status: u16, code: &str, message: &str) -> Reply {
        let mut reply = Reply::json(status, &format!(r#"{{"message":"{message}"}}"#));
        if let Reply::Respond { headers, .. } = &mut reply {
            headers.push(("x-amzn-errortype".into(), code.into()));
        }
        reply
    }
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names lower-case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Which connection it came on: 0 for the first the server accepted, and so on.
    pub connection: usize,
    /// The independent signer's verdict.
    pub signature: Result<(), String>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The keys the server expects requests to be signed with.
#[derive(Debug, Clone)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub region: String,
    pub service: String,
}

impl Keys {
    pub fn test() -> Keys {
        Keys {
            access_key_id: "AKIDLOOPBACK".into(),
            secret_access_key: "loopback/secret+key".into(),
            session_token: None,
            region: "us-east-1".into(),
            service: "mpa".into(),
        }
    }
}

struct State {
    replies: std::vec::IntoIter<Reply>,
    requests: Vec<Recorded>,
    /// Connections accepted, whether or not a request came on them.
    connections: usize,
}

/// A running server on 127.0.0.1.
pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Serves `replies` in order (then 500s), checking signatures against `keys`.
    pub fn start(replies: Vec<Reply>, keys: Keys) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        Self::serve(listener, replies, keys, None)
    }

    /// Like `start`, but each connection goes through `wrap` first (TLS).
    pub fn serve(
        listener: TcpListener,
        replies: Vec<Reply>,
        keys: Keys,
        wrap: Option<Wrap>,
    ) -> Server {
        let addr = listener.local_addr().expect("local address");
        let max_connections = replies.len() + 4;
        let state = Arc::new(Mutex::new(State { replies: replies.into_iter(), requests: Vec::new(), connections: 0 }));
        let shared = state.clone();
        listener.set_nonblocking(true).expect("nonblocking listener");
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut accepted = 0;
            while accepted < max_connections && started.elapsed() < LIFETIME {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let connection = accepted;
                        accepted += 1;
                        shared.lock().unwrap().connections = accepted;
                        let (state, keys, wrap) = (shared.clone(), keys.clone(), wrap.clone());
                        std::thread::spawn(move || {
                            stream.set_nonblocking(false).ok();
                            stream.set_read_timeout(Some(READ_TIMEOUT)).ok();
                            let conn: Box<dyn ReadWrite> = match &wrap {
                                Some(wrap) => match wrap(stream) {
                                    Some(c) => c,
                                    None => return,
                                },
                                None => Box::new(stream),
                            };
                            handle(conn, connection, &state, &keys);
                        });
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(5)),
                    Err(_) => break,
                }
            }
        });
        Server { addr, state }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// How many connections were opened to the server so far, even ones that sent nothing.
    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().connections
    }
}

/// Turns an accepted connection into the stream to serve (a TLS handshake), or drops it.
pub type Wrap = Arc<dyn Fn(TcpStream) -> Option<Box<dyn ReadWrite>> + Send + Sync>;

/// A connection: plain TCP or TLS.
pub trait ReadWrite: Read + Write + Send {}
impl<T: Read + Write + Send> ReadWrite for T {}

/// Serves the requests of one connection (keep-alive), at most 16.
fn handle(conn: Box<dyn ReadWrite>, connection: usize, state: &Mutex<State>, keys: &Keys) {
    let mut reader = BufReader::new(conn);
    for _ in 0..16 {
        let Some(mut request) = read_request(&mut reader) else { return };
        request.signature = verify(&request, keys);
        request.connection = connection;
        let reply = {
            let mut state = state.lock().unwrap();
            state.requests.push(request);
            state.replies.next()
        };
        let reply = reply.unwrap_or_else(|| Reply::error(500, "NoMoreReplies", "the test script has no more replies"));
        let (reply, close) = match reply {
            Reply::Closing(reply) => (*reply, true),
            reply => (reply, false),
        };
        match reply {
            Reply::Silence(duration) => {
                std::thread::sleep(duration);
                return;
            }
            Reply::Respond { status, headers, body } => {
                if !respond(reader.get_mut().as_mut(), status, headers, body.as_bytes()) || close {
                    return;
                }
            }
            Reply::RespondBytes { status, headers, body } => {
                if !respond(reader.get_mut().as_mut(), status, headers, &body) || close {
                    return;
                }
            }
            Reply::Closing(_) => return,
        }
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Recorded> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap_or(0));
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded { method, target, headers, body, connection: 0, signature: Err("not checked".into()) })
}

/// Recomputes the signature with `aws-sigv4` over the headers the request says it signed.
/// Writes one response; false when the connection is gone.
fn respond(conn: &mut dyn ReadWrite, status: u16, headers: Vec<(String, String)>, body: &[u8]) -> bool {
    let mut out = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len()).into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    conn.write_all(&out).and_then(|_| conn.flush()).is_ok()
}

pub fn verify(request: &Recorded, keys: &Keys) -> Result<(), String> {
    let authorization = request.header("authorization").ok_or("no authorization header")?;
    let signed: Vec<&str> = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .ok_or("no SignedHeaders")?
        .split(';')
        .collect();
    let amz_date = request.header("x-amz-date").ok_or("no x-amz-date")?;
    let time = parse_amz_date(amz_date)?;
    if request.header("x-amz-security-token") != keys.session_token.as_deref() {
        return Err("x-amz-security-token differs from the session token".into());
    }
    let host = request.header("host").ok_or("no host header")?;
    let uri = format!("http://{host}{}", request.target);
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .filter(|(n, _)| signed.contains(&n.as_str()) && !matches!(n.as_str(), "x-amz-date" | "x-amz-security-token"))
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let credentials = aws_credential_types::Credentials::new(
        &keys.access_key_id,
        &keys.secret_access_key,
        keys.session_token.clone(),
        None,
        "loopback",
    );
    let identity = credentials.into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(&keys.region)
        .name(&keys.service)
        .time(time)
        .settings(aws_sigv4::http_request::SigningSettings::default())
        .build()
        .map_err(|e| e.to_string())?
        .into();
    // A body sent as it is read is signed `UNSIGNED-PAYLOAD`, which the request announces.
    let body = match request.header("x-amz-content-sha256") {
        Some("UNSIGNED-PAYLOAD") => aws_sigv4::http_request::SignableBody::UnsignedPayload,
        // An input event stream: its messages are signed one by one (`event_server`).
        Some(events @ "STREAMING-AWS4-HMAC-SHA256-EVENTS") => aws_sigv4::http_request::SignableBody::Precomputed(events.to_owned()),
        _ => aws_sigv4::http_request::SignableBody::Bytes(&request.body),
    };
    let signable = aws_sigv4::http_request::SignableRequest::new(&request.method, uri, headers.into_iter(), body)
    .map_err(|e| e.to_string())?;
    let (_, expected) = aws_sigv4::http_request::sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    let got = authorization.split("Signature=").nth(1).ok_or("no Signature")?;
    if got == expected {
        Ok(())
    } else {
        Err(format!("signature {got}, the independent signer computes {expected}"))
    }
}

fn parse_amz_date(text: &str) -> Result<SystemTime, String> {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let at = time::PrimitiveDateTime::parse(text, &format).map_err(|e| format!("bad x-amz-date {text}: {e}"))?;
    Ok(SystemTime::from(at.assume_utc()))
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}
