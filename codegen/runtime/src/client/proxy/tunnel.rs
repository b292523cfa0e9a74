//! The async transport's `CONNECT` tunnel through a proxy, to an `https://` endpoint.

use super::Proxy;
use crate::client::transport::{TransportError, TransportErrorKind};
use std::io::ErrorKind;
use tokio::net::TcpStream;

/// The most a proxy's answer to `CONNECT` may take: a status line and a few headers.
const MAX_HEAD: usize = 16 * 1024;

/// Asks the proxy at the other end of `stream` for a tunnel to `host:port` (`host` bare: an
/// IPv6 address without brackets) and reads its answer: on `200` the stream then reaches
/// the endpoint, for TLS. Bounded by the caller's connect timeout.
pub(crate) async fn open(stream: &TcpStream, proxy: &Proxy, host: &str, port: u16) -> Result<(), TransportError> {
    let target = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
    let mut head = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(authorization) = proxy.authorization() {
        // Base64 of the credentials, sent to the proxy only.
        head.push_str("Proxy-Authorization: ");
        head.push_str(authorization.to_str().unwrap_or_default());
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let broken = |e: std::io::Error| {
        let error = TransportError::from_io(e);
        TransportError::new(error.kind(), format!("the proxy {proxy}, asked for a tunnel to {target}: {error}")).with_source(error)
    };
    write_all(stream, head.as_bytes()).await.map_err(broken)?;

    let mut received = Vec::with_capacity(1024);
    loop {
        let mut chunk = [0; 1024];
        let room = (MAX_HEAD - received.len()).min(chunk.len());
        if room == 0 {
            let why = format!("the proxy {proxy} answered CONNECT {target} with a head over {MAX_HEAD} bytes");
            return Err(TransportError::new(TransportErrorKind::Other, why));
        }
        let read = read(stream, &mut chunk[..room]).await.map_err(broken)?;
        if read == 0 {
            return Err(TransportError::io(format!("the proxy {proxy} closed the connection instead of answering CONNECT {target}")));
        }
        received.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut response = httparse::Response::new(&mut headers);
        let length = match response.parse(&received) {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) => continue,
            Err(e) => {
                let why = format!("the proxy {proxy} answered CONNECT {target} with no HTTP response: {e}");
                return Err(TransportError::new(TransportErrorKind::Other, why));
            }
        };
        let status = response.code.unwrap_or_default();
        if status != 200 {
            return Err(super::tunnel_refused(proxy, &target, Some(status), response.reason.unwrap_or_default()));
        }
        // The endpoint speaks only after the client's TLS hello: anything more is not its.
        if length != received.len() {
            let why = format!("the proxy {proxy} sent data after opening the tunnel to {target}, before TLS began");
            return Err(TransportError::new(TransportErrorKind::Other, why));
        }
        return Ok(());
    }
}

/// Writes all of `bytes` (tokio's own readiness calls: its `io-util` is not built for this).
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(written) => bytes = &bytes[written..],
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads what has come, at most `buffer`'s length; 0 at the end of the stream.
async fn read(stream: &TcpStream, buffer: &mut [u8]) -> std::io::Result<usize> {
    loop {
        stream.readable().await?;
        match stream.try_read(buffer) {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            result => return result,
        }
    }
}
