//! A loopback HTTP proxy for the client tests. It takes requests in absolute form
//! (`GET http://127.0.0.1:PORT/path HTTP/1.1`), which it forwards to their target in origin
//! form, and `CONNECT 127.0.0.1:PORT` tunnels, whose bytes it copies both ways. It records
//! each request line and `Proxy-Authorization` header, and may demand credentials. It
//! reaches 127.0.0.1 only, and everything is bounded: connections, requests and time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the proxy lives at most, and how long it waits for each read.
const LIFETIME: Duration = Duration::from_secs(30);
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections accepted at most, and requests served on each.
const MAX_CONNECTIONS: usize = 16;
const MAX_REQUESTS: usize = 16;

/// One request as the proxy read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// `GET http://127.0.0.1:8000/path HTTP/1.1`, `CONNECT 127.0.0.1:8443 HTTP/1.1`.
    pub request_line: String,
    /// The `Proxy-Authorization` header, if any.
    pub authorization: Option<String>,
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    connections: usize,
}

/// A running proxy on 127.0.0.1.
pub struct Proxy {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Proxy {
    /// A proxy that lets every request through.
    pub fn start() -> Proxy {
        Self::serve(None)
    }

    /// A proxy that answers `407` unless `Proxy-Authorization` is `authorization`
    /// (`Basic` and the base64 of `user:password`).
    pub fn requiring(authorization: &str) -> Proxy {
        Self::serve(Some(authorization.to_owned()))
    }

    fn serve(required: Option<String>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        listener.set_nonblocking(true).expect("nonblocking listener");
        std::thread::spawn(move || {
            let started = Instant::now();
            while shared.lock().unwrap().connections < MAX_CONNECTIONS && started.elapsed() < LIFETIME {
                match listener.accept() {
                    Ok((stream, _)) => {
                        shared.lock().unwrap().connections += 1;
                        let (state, required) = (shared.clone(), required.clone());
                        std::thread::spawn(move || {
                            stream.set_nonblocking(false).ok();
                            stream.set_read_timeout(Some(READ_TIMEOUT)).ok();
                            handle(stream, &state, required.as_deref());
                        });
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(5)),
                    Err(_) => break,
                }
            }
        });
        Proxy { addr, state }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://user:password@127.0.0.1:PORT`, the credentials percent-encoded by the caller.
    pub fn url_with(&self, userinfo: &str) -> String {
        format!("http://{userinfo}@{}", self.addr)
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// How many connections were opened to the proxy so far.
    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().connections
    }
}

/// A request head: its line and headers (names lower-case).
struct Head {
    line: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Serves one client connection: plain requests (kept alive), or one tunnel.
fn handle(stream: TcpStream, state: &Mutex<State>, required: Option<&str>) {
    let mut reader = BufReader::new(stream);
    for _ in 0..MAX_REQUESTS {
        let Some(head) = read_head(&mut reader) else { return };
        let authorization = head.header("proxy-authorization").map(str::to_owned);
        state.lock().unwrap().seen.push(Seen { request_line: head.line.clone(), authorization: authorization.clone() });
        let mut parts = head.line.split(' ');
        let (method, target) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned());
        let body = match read_body(&mut reader, &head) {
            Some(body) => body,
            None => return,
        };
        let client = reader.get_mut();
        if required.is_some() && authorization.as_deref() != required {
            let _ = client.write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm=\"loopback\"\r\ncontent-length: 0\r\n\r\n");
            continue;
        }
        if method == "CONNECT" {
            if let Some(upstream) = loopback_target(&target).and_then(|addr| TcpStream::connect(addr).ok()) {
                if client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").is_ok() {
                    tunnel(reader.into_inner(), upstream);
                }
            } else {
                let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
            }
            return;
        }
        let forwarded = target
            .strip_prefix("http://")
            .and_then(|rest| rest.split_once('/').map(|(authority, path)| (authority.to_owned(), format!("/{path}"))))
            .and_then(|(authority, path)| Some((loopback_target(&authority)?, path)));
        let Some((addr, path)) = forwarded else {
            // Origin form, or a target elsewhere: not for this proxy.
            let _ = client.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
            continue;
        };
        match forward(addr, &method, &path, &head, &body) {
            Some(response) if client.write_all(&response).is_ok() => {}
            Some(_) => return,
            None => {
                let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
            }
        }
    }
}

/// `127.0.0.1:PORT`, and nothing else.
fn loopback_target(authority: &str) -> Option<SocketAddr> {
    let addr: SocketAddr = authority.parse().ok()?;
    (addr.ip() == std::net::Ipv4Addr::LOCALHOST).then_some(addr)
}

/// Sends the request to its target in origin form, without the proxy's own headers, and
/// returns the target's whole response.
fn forward(addr: SocketAddr, method: &str, path: &str, head: &Head, body: &[u8]) -> Option<Vec<u8>> {
    let mut upstream = TcpStream::connect(addr).ok()?;
    upstream.set_read_timeout(Some(READ_TIMEOUT)).ok()?;
    let mut out = format!("{method} {path} HTTP/1.1\r\n");
    for (name, value) in &head.headers {
        if !matches!(name.as_str(), "proxy-authorization" | "proxy-connection" | "connection") {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str("connection: close\r\n\r\n");
    upstream.write_all(out.as_bytes()).ok()?;
    upstream.write_all(body).ok()?;
    let mut reader = BufReader::new(upstream);
    let mut response = Vec::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        if line.is_empty() {
            return None;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
        response.extend_from_slice(line.as_bytes());
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    response.extend_from_slice(&body);
    Some(response)
}

/// Copies bytes both ways until either side closes (or goes quiet past the read timeout).
fn tunnel(client: TcpStream, upstream: TcpStream) {
    upstream.set_read_timeout(Some(READ_TIMEOUT)).ok();
    let (Ok(client_back), Ok(upstream_back)) = (client.try_clone(), upstream.try_clone()) else { return };
    let back = std::thread::spawn(move || copy(upstream_back, client_back));
    copy(client, upstream);
    let _ = back.join();
}

fn copy(mut from: TcpStream, mut to: TcpStream) {
    let _ = std::io::copy(&mut from, &mut to);
    let _ = to.shutdown(Shutdown::Write);
    let _ = from.shutdown(Shutdown::Read);
}

fn read_head(reader: &mut impl BufRead) -> Option<Head> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let line = line.trim_end().to_owned();
    if line.is_empty() {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Some(Head { line, headers })
}

/// The request body, by `Content-Length` (the clients send no chunked bodies here).
fn read_body(reader: &mut impl Read, head: &Head) -> Option<Vec<u8>> {
    let length: usize = head.header("content-length").map_or(Some(0), |v| v.parse().ok())?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}
