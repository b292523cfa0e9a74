//! Test support (feature `test-util`): a server on 127.0.0.1 that gives one canned answer
//! to every request and records what it was sent, so that a test can run a real client
//! (signing, the transport, the response parser) with no network beyond the machine.
//!
//! It is deliberately small: HTTP/1.1 with `content-length` bodies (what both clients send
//! for in-memory bodies), a bounded number of requests, and a read timeout so that a client
//! that sends nothing cannot hold a test forever.

use super::credentials::Credentials;
use super::sigv4;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The most requests one responder answers; a test sends a handful.
const MAX_REQUESTS: usize = 64;
/// How long a connection may stay silent before the responder drops it.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head or body read (a smoke test's requests are small).
const MAX_SIZE: usize = 1 << 20;

/// A server on 127.0.0.1 answering every request with the same response.
#[derive(Debug)]
pub struct Responder {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl Responder {
    /// Starts a server on a free port of 127.0.0.1 that answers each request with
    /// `response` (its `content-length` is set from the body).
    pub fn start(response: http::Response<Vec<u8>>) -> std::io::Result<Responder> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(encode(&response));
        let recorded = requests.clone();
        std::thread::spawn(move || {
            let mut served = 0;
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (recorded, answer) = (recorded.clone(), answer.clone());
                std::thread::spawn(move || serve(stream, &recorded, &answer));
                served += 1;
                if served >= MAX_REQUESTS {
                    break;
                }
            }
        });
        Ok(Responder { addr, requests })
    }

    /// `http://127.0.0.1:PORT`: the endpoint URL to give the client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far, in order: method, origin-form URI (path and query, as
    /// sent), headers and body.
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A JSON response: `status`, `content-type: application/json`, an `x-amzn-requestid`, and
/// when `error_code` is given, that code in `x-amzn-errortype` (how restJson1 services name
/// the error of an error response). An invalid status, request id or code is an error.
pub fn json_response(status: u16, request_id: &str, error_code: Option<&str>, body: &str) -> Result<http::Response<Vec<u8>>, http::Error> {
    let mut builder = http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", request_id);
    if let Some(code) = error_code {
        builder = builder.header("x-amzn-errortype", code);
    }
    builder.body(body.as_bytes().to_vec())
}

/// An RPC v2 CBOR response: `status`, `content-type: application/cbor`, `smithy-protocol:
/// rpc-v2-cbor`, an `x-amzn-requestid`, and a CBOR map for body: empty, or when `error_code`
/// is given, that code in `__type` (how the protocol names the error) with `message`. An
/// invalid status or request id is an error.
#[cfg(feature = "cbor")]
pub fn cbor_response(status: u16, request_id: &str, error_code: Option<&str>, message: &str) -> Result<http::Response<Vec<u8>>, http::Error> {
    let mut body = crate::rt::cbor::Encoder::new();
    match error_code {
        Some(code) => {
            body.map(2).str("__type").str(code).str("message").str(message);
        }
        None => {
            body.map(0);
        }
    }
    http::Response::builder()
        .status(status)
        .header("content-type", "application/cbor")
        .header("smithy-protocol", "rpc-v2-cbor")
        .header("x-amzn-requestid", request_id)
        .body(body.into_bytes())
}

/// Checks a received request's SigV4 signature: signs it again, over the headers its
/// `authorization` says were signed and at its `x-amz-date`, with `credentials` for
/// `region` and `service`, and compares. The error says what differs.
pub fn verify_sigv4(request: &http::Request<Vec<u8>>, credentials: &Credentials, region: &str, service: &str) -> Result<(), String> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let authorization = header("authorization").ok_or("no authorization header")?;
    let signed: Vec<&str> = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .ok_or("the authorization header lists no SignedHeaders")?
        .split(';')
        .collect();
    let amz_date = header("x-amz-date").ok_or("no x-amz-date header")?;
    let time = parse_amz_date(amz_date).ok_or_else(|| format!("x-amz-date `{amz_date}` is not a SigV4 date"))?;
    let host = header("host").ok_or("no host header")?;
    let mut again = http::Request::new(request.body().clone());
    *again.method_mut() = request.method().clone();
    *again.uri_mut() = format!("http://{host}{}", request.uri()).parse().map_err(|e| format!("the request target: {e}"))?;
    for (name, value) in request.headers() {
        if signed.contains(&name.as_str()) && name != "host" {
            again.headers_mut().append(name.clone(), value.clone());
        }
    }
    let params = sigv4::SigningParams { service, region, time };
    sigv4::sign(&mut again, credentials, &params).map_err(|e| e.to_string())?;
    let expected = again.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if expected == authorization {
        Ok(())
    } else {
        // Only the public parts are shown: the scope and the signed headers, never a key.
        let public = |a: &str| a.split(", Signature=").next().unwrap_or_default().to_owned();
        Err(format!("the signature differs from the one these credentials give (received `{}`, expected `{}`)", public(authorization), public(expected)))
    }
}

/// `20150830T123600Z`.
fn parse_amz_date(text: &str) -> Option<time::OffsetDateTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let month = time::Month::try_from(u8::try_from(num(4..6)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(i32::try_from(num(0..4)?).ok()?, month, u8::try_from(num(6..8)?).ok()?).ok()?;
    let at = time::Time::from_hms(u8::try_from(num(9..11)?).ok()?, u8::try_from(num(11..13)?).ok()?, u8::try_from(num(13..15)?).ok()?).ok()?;
    Some(time::PrimitiveDateTime::new(date, at).assume_utc())
}

/// The bytes of `response` on the wire.
fn encode(response: &http::Response<Vec<u8>>) -> Vec<u8> {
    let status = response.status();
    let mut out = format!("HTTP/1.1 {} {}\r\ncontent-length: {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or("Status"), response.body().len())
        .into_bytes();
    for (name, value) in response.headers() {
        if name != "content-length" {
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(response.body());
    out
}

/// Answers the requests of one connection (keep-alive) until the client closes it.
fn serve(stream: TcpStream, recorded: &Mutex<Vec<http::Request<Vec<u8>>>>, answer: &[u8]) {
    if stream.set_read_timeout(Some(READ_TIMEOUT)).is_err() {
        return;
    }
    let mut reader = BufReader::new(stream);
    for _ in 0..MAX_REQUESTS {
        let Some(request) = read_request(&mut reader) else { return };
        recorded.lock().unwrap_or_else(|e| e.into_inner()).push(request);
        let stream = reader.get_mut();
        if stream.write_all(answer).and_then(|()| stream.flush()).is_err() {
            return;
        }
    }
}

/// One request, or `None` when the connection ends or sends something this server does
/// not read.
fn read_request(reader: &mut impl BufRead) -> Option<http::Request<Vec<u8>>> {
    let mut line = String::new();
    reader.by_ref().take(MAX_SIZE as u64).read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    let mut request = http::Request::builder().method(method).uri(target);
    let mut length = 0;
    let mut head = line.len();
    loop {
        let mut line = String::new();
        reader.by_ref().take(MAX_SIZE as u64).read_line(&mut line).ok()?;
        head += line.len();
        if head > MAX_SIZE || line.is_empty() {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().ok().filter(|n| *n <= MAX_SIZE)?;
        }
        request = request.header(name, value);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    request.body(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_request(url: &str, credentials: &Credentials) -> http::Request<Vec<u8>> {
        let mut request = http::Request::builder()
            .method("POST")
            .uri(format!("{url}/things/a%3Ab?List&max=2"))
            .header("content-type", "application/json")
            .body(br#"{"x":1}"#.to_vec())
            .expect("a request");
        let time = time::OffsetDateTime::from_unix_timestamp(1_440_938_160).expect("a time");
        sigv4::sign(&mut request, credentials, &sigv4::SigningParams { service: "svc", region: "eu-west-3", time }).expect("signed");
        request
    }

    /// Writes `request` on a new connection as a client would, and reads the answer.
    fn send(addr: &str, request: &http::Request<Vec<u8>>) -> String {
        let mut stream = TcpStream::connect(addr).expect("connect");
        let target = request.uri().path_and_query().map(ToString::to_string).unwrap_or_default();
        let mut out = format!("{} {target} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: {}\r\n", request.method(), request.body().len());
        for (name, value) in request.headers() {
            out.push_str(&format!("{name}: {}\r\n", value.to_str().expect("ascii")));
        }
        out.push_str("\r\n");
        stream.write_all(out.as_bytes()).expect("write");
        stream.write_all(request.body()).expect("write body");
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).expect("status line");
        status
    }

    #[test]
    fn records_requests_answers_them_and_checks_their_signature() {
        assert!(json_response(1000, "r-1", None, "{}").is_err());
        #[cfg(feature = "cbor")]
        {
            let error = cbor_response(400, "r-1", Some("ns#Gone"), "bye").expect("a response");
            let parts = crate::rt::error_parts_of_any(400, error.headers(), error.body());
            assert_eq!((parts.code.as_deref(), parts.message.as_deref()), (Some("Gone"), Some("bye")));
            assert_eq!(cbor_response(200, "r-1", None, "").expect("a response").body(), &[0xa0]);
        }
        assert!(json_response(200, "r\n1", None, "{}").is_err());
        let responder = Responder::start(json_response(404, "r-1", Some("NotFound"), "{}").expect("a response")).expect("started");
        let credentials = Credentials::new("AKIDLOOPBACK", "loopback/secret", None);
        let addr = responder.url().trim_start_matches("http://").to_owned();
        let request = signed_request(&responder.url(), &credentials);
        let status = send(&addr, &request);
        assert!(status.starts_with("HTTP/1.1 404 "), "{status}");

        let received = responder.requests();
        assert_eq!(received.len(), 1);
        let got = &received[0];
        assert_eq!(got.method(), "POST");
        assert_eq!(got.uri().to_string(), "/things/a%3Ab?List&max=2");
        assert_eq!(got.body(), br#"{"x":1}"#);
        assert_eq!(verify_sigv4(got, &credentials, "eu-west-3", "svc"), Ok(()));

        let other = Credentials::new("AKIDLOOPBACK", "another/secret", None);
        let refused = verify_sigv4(got, &other, "eu-west-3", "svc").expect_err("another secret signs differently");
        assert!(!refused.contains("secret"), "{refused}");
        assert!(verify_sigv4(got, &credentials, "us-east-1", "svc").is_err());
        let mut unsigned = got.clone();
        unsigned.headers_mut().remove("authorization");
        assert_eq!(verify_sigv4(&unsigned, &credentials, "eu-west-3", "svc"), Err("no authorization header".to_owned()));
    }

    #[test]
    fn amz_dates_are_read_exactly() {
        let time = parse_amz_date("20150830T123600Z").expect("a date");
        assert_eq!(time.unix_timestamp(), 1_440_938_160);
        for bad in ["20150830T123600", "2015083OT123600Z", "20151330T123600Z", ""] {
            assert_eq!(parse_amz_date(bad), None, "{bad}");
        }
    }
}
