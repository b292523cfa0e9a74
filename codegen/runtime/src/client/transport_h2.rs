//! HTTP/2 for the async client (feature `http2`), for the calls whose event streams the
//! service takes over HTTP/2 (Transcribe's streaming, Bedrock's bidirectional stream): the
//! generated code marks their requests with `Version::HTTP_2`. Each such call opens its own
//! connection (TLS offering `h2` alone; a plain `http://` endpoint gets HTTP/2 with prior
//! knowledge), through a proxy's tunnel for https, and the connection closes when the
//! streams end: such calls are long and few, so nothing is pooled.

use super::transport::{TransportError, TransportErrorKind};
use super::transport_async::{HyperTransport, Origin, RequestBody, Route};

/// Sends `request` over a new HTTP/2 connection and returns the response as soon as its head
/// has come, the request body still going out as it is given.
pub(super) async fn exchange(
    transport: &HyperTransport,
    request: http::Request<RequestBody>,
) -> Result<http::Response<hyper::body::Incoming>, TransportError> {
    let (mut parts, body) = request.into_parts();
    let route = Route { origin: Origin::of(&parts.uri)?, via: transport.proxy_for(&parts.uri) };
    if let (Some(proxy), false) = (&route.via, route.origin.https) {
        return Err(TransportError::new(
            TransportErrorKind::Other,
            format!("HTTP/2 to an http:// endpoint through the proxy {proxy} is not supported: use an https:// endpoint, or no proxy"),
        ));
    }
    // HTTP/2 carries the host as `:authority`, from the absolute URI.
    parts.headers.remove(http::header::HOST);
    let mut sender = transport
        .within_connect_timeout(&route, async {
            let io = transport.open(&route, transport.tls_h2()).await?;
            let (sender, connection) =
                hyper::client::conn::http2::handshake(hyper_util::rt::TokioExecutor::new(), hyper_util::rt::TokioIo::new(io))
                    .await
                    .map_err(|e| TransportError::connect(format!("HTTP/2 with {}:{}: {e}", route.origin.host, route.origin.port)).with_source(e))?;
            tokio::spawn(async move {
                // Its end (or failure) shows in the streams sent on it.
                let _ = connection.await;
            });
            Ok(sender)
        })
        .await?;
    sender
        .send_request(http::Request::from_parts(parts, body))
        .await
        .map_err(|e| TransportError::new(TransportErrorKind::Io, format!("HTTP/2: {e}")).with_source(e))
}
