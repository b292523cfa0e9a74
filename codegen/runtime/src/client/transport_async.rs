//! Sending requests asynchronously: a small trait, and the default transport on hyper's
//! HTTP/1.1 client connections over tokio, with TLS by rustls (webpki roots, or the
//! authorities in `AWS_CA_BUNDLE`).
//!
//! Plugging in another client:
//!
//! ```rust,ignore
//! #[derive(Debug)]
//! struct MyTransport(my_http::Client);
//!
//! impl mpa::client::AsyncTransport for MyTransport {
//!     fn send(&self, request: http::Request<Vec<u8>>) -> mpa::client::BoxFuture<'_, Result<http::Response<Vec<u8>>, mpa::client::TransportError>> {
//!         Box::pin(async move { self.0.execute(request).await.map_err(|e| mpa::client::TransportError::io(e.to_string())) })
//!     }
//! }
//! ```

use super::config::TransportSettings;
use super::error::ConfigError;
use super::proxy::{Proxy, ProxySettings};
use super::transport::{TransportError, TransportErrorKind};
use http_body_util::BodyExt;
use hyper::client::conn::http1::SendRequest;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// A boxed future that can move between threads.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request (with an absolute URI) and returns the whole response, whatever its
/// status. Errors are for requests that got no response.
pub trait AsyncTransport: Send + Sync + fmt::Debug {
    /// Sends `request`.
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;

    /// Sends a request whose body streams, and returns the response as soon as its head has
    /// come, its body to be taken chunk by chunk as it arrives. This default, for transports
    /// that cannot stream, reads the request body whole and holds the response body in
    /// memory.
    #[cfg(feature = "streaming")]
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> BoxFuture<'_, Result<http::Response<super::async_body::AsyncResponseBody>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let bytes = body.read_all_async().await.map_err(TransportError::from_io)?;
            let response = self.send(http::Request::from_parts(parts, bytes)).await?;
            Ok(response.map(super::async_body::AsyncResponseBody::from_bytes))
        })
    }
}

/// The body type of the default transport's requests: bytes, or a body that streams.
pub(super) type RequestBody = http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, std::io::Error>;

/// Idle connections kept for reuse, over all hosts.
const MAX_IDLE: usize = 8;

/// The default async transport: hyper's HTTP/1.1 connections, kept alive and reused, over
/// tokio, through the proxies of its settings. It needs a tokio runtime with the time driver (`enable_time` or `enable_all`) to
/// run on. Cheap to clone; clones share their idle connections.
#[derive(Clone)]
pub struct HyperTransport {
    inner: Arc<Inner>,
}

struct Inner {
    tls: tokio_rustls::TlsConnector,
    /// TLS offering HTTP/2 alone (ALPN `h2`), for the requests that need it.
    #[cfg(feature = "http2")]
    tls_h2: tokio_rustls::TlsConnector,
    connect_timeout: Option<Duration>,
    read_timeout: Duration,
    proxy: ProxySettings,
    idle: Mutex<Vec<(Route, SendRequest<RequestBody>)>>,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport")
            .field("connect_timeout", &self.inner.connect_timeout)
            .field("read_timeout", &self.inner.read_timeout)
            .field("proxy", &self.inner.proxy)
            .finish_non_exhaustive()
    }
}

/// Where a connection goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origin {
    pub(super) https: bool,
    pub(super) host: String,
    pub(super) port: u16,
}

/// Where a connection goes, and the proxy it goes through: a connection is reused only for
/// requests that would take the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Route {
    pub(super) origin: Origin,
    pub(super) via: Option<Proxy>,
}

impl Origin {
    pub(super) fn of(uri: &http::Uri) -> Result<Origin, TransportError> {
        let invalid = || TransportError::new(TransportErrorKind::Other, format!("`{uri}` is not an absolute http or https URI"));
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err(invalid()),
        };
        let host = uri.host().ok_or_else(invalid)?;
        // `[::1]` in the URI, `::1` to connect to.
        let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host).to_owned();
        Ok(Origin { https, host, port: uri.port_u16().unwrap_or(if https { 443 } else { 80 }) })
    }
}

impl HyperTransport {
    /// A transport with these timeouts, certificate authorities and proxies.
    pub fn new(settings: &TransportSettings) -> Result<Self, ConfigError> {
        let mut roots = rustls::RootCertStore::empty();
        match &settings.ca_bundle {
            Some(path) => {
                for der in load_ca_bundle_der(path)? {
                    roots
                        .add(der)
                        .map_err(|e| ConfigError::new(format!("a certificate of the CA bundle {} is invalid: {e}", path.display())))?;
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        super::sigv4::crypto_supported().map_err(ConfigError::new)?;
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls_graviola::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| ConfigError::new(format!("TLS: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        #[cfg(feature = "http2")]
        let tls_h2 = {
            let mut h2 = tls.clone();
            h2.alpn_protocols = vec![b"h2".to_vec()];
            tokio_rustls::TlsConnector::from(Arc::new(h2))
        };
        let inner = Inner {
            tls: tokio_rustls::TlsConnector::from(Arc::new(tls)),
            #[cfg(feature = "http2")]
            tls_h2,
            connect_timeout: settings.connect_timeout,
            read_timeout: settings.read_timeout.unwrap_or(super::config::READ_TIMEOUT),
            proxy: settings.proxy.clone(),
            idle: Mutex::new(Vec::new()),
        };
        Ok(HyperTransport { inner: Arc::new(inner) })
    }

    async fn round_trip(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = request.map(|body| http_body_util::Full::new(bytes::Bytes::from(body)).map_err(|never| match never {}).boxed_unsync());
        let (route, mut sender, response) = self.exchange(request).await?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(from_hyper)?;
        // Ready again once the response is read whole (unless the server said `close`).
        if sender.ready().await.is_ok() {
            self.keep_idle(route, sender);
        }
        Ok(http::Response::from_parts(parts, body.to_bytes().to_vec()))
    }

    /// Sends `request` on an idle connection of its route, or a new one, and returns the
    /// response as soon as its head has come, with the connection it came on: the caller
    /// reads the body, and may then give the connection back with `keep_idle`.
    async fn exchange(
        &self,
        request: http::Request<RequestBody>,
    ) -> Result<(Route, SendRequest<RequestBody>, http::Response<hyper::body::Incoming>), TransportError> {
        let mut request = request;
        // An operation that prefers HTTP/2 goes over HTTP/1.1 here when it allows it; one
        // that needs it goes through `transport_h2` (feature `http2`).
        crate::RequiresHttp2::check(&mut request, "this build of the async client (the runtime's feature `http2` adds it)")
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        let (mut parts, body) = request.into_parts();
        let route = Route { origin: Origin::of(&parts.uri)?, via: self.inner.proxy.proxy_for(&parts.uri).cloned() };
        // A client connection sends the target as given, with `Host` (the endpoint's, which
        // the signature covers, through a proxy too).
        if !parts.headers.contains_key(http::header::HOST) {
            // The same value the signature covers.
            let authority = parts.uri.authority().ok_or_else(|| TransportError::new(TransportErrorKind::Other, "the URI has no host"))?;
            let host = super::sigv4::host_header(parts.uri.scheme_str(), authority);
            let host = http::HeaderValue::from_str(&host).map_err(|e| TransportError::new(TransportErrorKind::Other, e.to_string()))?;
            parts.headers.insert(http::header::HOST, host);
        }
        match &route.via {
            // A proxy takes a plain request in absolute form, with its credentials.
            Some(proxy) if !route.origin.https => {
                if let Some(authorization) = proxy.authorization() {
                    parts.headers.insert(http::header::PROXY_AUTHORIZATION, authorization);
                }
            }
            // The origin itself, or the endpoint at the end of a tunnel: the origin form.
            _ => {
                parts.uri = parts.uri.path_and_query().map_or("/", |p| p.as_str()).parse().map_err(|e: http::uri::InvalidUri| {
                    TransportError::new(TransportErrorKind::Other, e.to_string())
                })?;
            }
        }
        let request = http::Request::from_parts(parts, body);
        let request = match self.take_idle(&route) {
            Some(mut sender) => match sender.try_send_request(request).await {
                Ok(response) => return Ok((route, sender, response)),
                // The server closed the idle connection before the request went out: that
                // is no failure of the request, which goes again on a new connection.
                Err(mut error) => match error.take_message() {
                    Some(request) => request,
                    None => return Err(from_hyper(error.into_error())),
                },
            },
            None => request,
        };
        let mut sender = self.connect(&route).await?;
        let response = sender.send_request(request).await.map_err(from_hyper)?;
        Ok((route, sender, response))
    }

    /// An idle connection of `route` that can take a request now.
    fn take_idle(&self, route: &Route) -> Option<SendRequest<RequestBody>> {
        let mut idle = self.inner.idle.lock().unwrap_or_else(PoisonError::into_inner);
        idle.retain(|(_, sender)| !sender.is_closed());
        let index = idle.iter().rposition(|(r, sender)| r == route && sender.is_ready())?;
        Some(idle.swap_remove(index).1)
    }

    /// Keeps a connection whose response has been read whole, for the next request.
    fn keep_idle(&self, route: Route, sender: SendRequest<RequestBody>) {
        if !sender.is_ready() {
            return;
        }
        let mut idle = self.inner.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() >= MAX_IDLE {
            idle.remove(0);
        }
        idle.push((route, sender));
    }

    /// A new HTTP/1.1 connection of `route`, within the connect timeout.
    async fn connect(&self, route: &Route) -> Result<SendRequest<RequestBody>, TransportError> {
        self.within_connect_timeout(route, async { handshake(hyper_util::rt::TokioIo::new(self.open(route, &self.inner.tls).await?)).await })
            .await
    }

    /// TCP (to the origin or the proxy), then for https a tunnel through the proxy if any,
    /// and TLS by `tls`.
    pub(super) async fn open(&self, route: &Route, tls: &tokio_rustls::TlsConnector) -> Result<Box<dyn Io>, TransportError> {
        let origin = &route.origin;
        let (host, port) = match &route.via {
            Some(proxy) => (proxy.host(), proxy.port()),
            None => (origin.host.as_str(), origin.port),
        };
        let tcp = tokio::net::TcpStream::connect((host, port)).await.map_err(|e| {
            let error = TransportError::from_io(e);
            match (error.kind(), &route.via) {
                (TransportErrorKind::Timeout, _) => error,
                (_, Some(proxy)) => TransportError::connect(format!("the proxy {proxy}: {error}")).with_source(error),
                (_, None) => TransportError::connect(format!("{host}:{port}: {error}")).with_source(error),
            }
        })?;
        // Requests are small and answered at once: no waiting to fill packets.
        let _ = tcp.set_nodelay(true);
        if !origin.https {
            return Ok(Box::new(tcp));
        }
        if let Some(proxy) = &route.via {
            super::proxy::tunnel::open(&tcp, proxy, &origin.host, origin.port).await?;
        }
        let name = rustls::pki_types::ServerName::try_from(origin.host.clone())
            .map_err(|e| TransportError::new(TransportErrorKind::Other, format!("{}: {e}", origin.host)))?;
        Ok(Box::new(tls.connect(name, tcp).await.map_err(TransportError::from_io)?))
    }

    /// `connecting` within the connect timeout.
    pub(super) async fn within_connect_timeout<T>(
        &self,
        route: &Route,
        connecting: impl Future<Output = Result<T, TransportError>>,
    ) -> Result<T, TransportError> {
        let origin = &route.origin;
        let within = |limit: Duration| match &route.via {
            Some(proxy) => format!("no connection to {}:{} through the proxy {proxy} within {limit:?}", origin.host, origin.port),
            None => format!("no connection to {}:{} within {limit:?}", origin.host, origin.port),
        };
        match self.inner.connect_timeout {
            Some(limit) => tokio::time::timeout(limit, connecting).await.unwrap_or_else(|_| Err(TransportError::timeout(within(limit)))),
            None => connecting.await,
        }
    }

    /// The proxy a request to `uri` goes through, if any.
    #[cfg(feature = "http2")]
    pub(super) fn proxy_for(&self, uri: &http::Uri) -> Option<Proxy> {
        self.inner.proxy.proxy_for(uri).cloned()
    }

    /// The TLS that offers HTTP/2.
    #[cfg(feature = "http2")]
    pub(super) fn tls_h2(&self) -> &tokio_rustls::TlsConnector {
        &self.inner.tls_h2
    }
}

/// A connection's byte stream: TCP, or TLS over it.
pub(super) trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}

impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> Io for T {}

/// The HTTP/1.1 handshake; the connection then runs on a task of its own until both ends
/// are done with it.
async fn handshake<T>(io: T) -> Result<SendRequest<RequestBody>, TransportError>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (sender, connection) = hyper::client::conn::http1::handshake(io).await.map_err(from_hyper)?;
    tokio::spawn(async move {
        // Its end (or failure) shows in the requests sent on it.
        let _ = connection.await;
    });
    Ok(sender)
}

impl AsyncTransport for HyperTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let limit = self.inner.read_timeout;
            match tokio::time::timeout(limit, self.round_trip(request)).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::timeout(format!("no response within {limit:?}"))),
            }
        })
    }

    /// Streams both ways: the request body is read as the connection takes it (with
    /// `Content-Length` when the request has it, else chunked), the response body as the
    /// caller takes its chunks. The read timeout bounds the wait for the response head (the
    /// request body included) and then each wait for a chunk. The connection is not kept
    /// for reuse: it closes once the body has been read.
    #[cfg(feature = "streaming")]
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> BoxFuture<'_, Result<http::Response<super::async_body::AsyncResponseBody>, TransportError>> {
        Box::pin(async move {
            let limit = self.inner.read_timeout;
            let (parts, body) = request.into_parts();
            let (body, sent) = watched(body);
            let request = http::Request::from_parts(parts, body);
            #[cfg(feature = "http2")]
            if request.version() == http::Version::HTTP_2 {
                let exchange = super::transport_h2::exchange(self, request);
                let response = match within_read_timeout(limit, exchange, sent).await {
                    Some(result) => result?,
                    None => return Err(TransportError::timeout(format!("no response within {limit:?}"))),
                };
                return Ok(response.map(|body| super::async_body::AsyncResponseBody::from_http_body(body, Some(limit))));
            }
            let exchange = self.exchange(request);
            let (_, _, response) = match within_read_timeout(limit, exchange, sent).await {
                Some(result) => result?,
                None => return Err(TransportError::timeout(format!("no response within {limit:?}"))),
            };
            Ok(response.map(|body| super::async_body::AsyncResponseBody::from_http_body(body, Some(limit))))
        })
    }
}

/// A streaming body for hyper, and for an input event stream what tells when its last frame
/// has gone.
#[cfg(all(feature = "streaming", feature = "event-stream"))]
fn watched(body: super::body::Body) -> (RequestBody, Option<tokio::sync::oneshot::Receiver<()>>) {
    body.into_http_body_watched()
}

/// A streaming body for hyper (no event streams without the feature `event-stream`).
#[cfg(all(feature = "streaming", not(feature = "event-stream")))]
fn watched(body: super::body::Body) -> (RequestBody, Option<tokio::sync::oneshot::Receiver<()>>) {
    (body.into_http_body(), None)
}

/// `exchange` within the read timeout. The response to an input event stream may come only
/// after its last event, which the caller gives at its own pace: the timeout then runs from
/// the moment `sent` says the body has gone.
#[cfg(feature = "streaming")]
async fn within_read_timeout<T>(
    limit: Duration,
    exchange: impl std::future::Future<Output = T>,
    sent: Option<tokio::sync::oneshot::Receiver<()>>,
) -> Option<T> {
    let Some(sent) = sent else { return tokio::time::timeout(limit, exchange).await.ok() };
    let deadline = async {
        // A body dropped unsent ends the wait too.
        let _ = sent.await;
        tokio::time::sleep(limit).await;
    };
    let mut exchange = std::pin::pin!(exchange);
    let mut deadline = std::pin::pin!(deadline);
    std::future::poll_fn(|cx| match exchange.as_mut().poll(cx) {
        std::task::Poll::Ready(result) => std::task::Poll::Ready(Some(result)),
        std::task::Poll::Pending => deadline.as_mut().poll(cx).map(|()| None),
    })
    .await
}

/// The certificates of a PEM file (`AWS_CA_BUNDLE`).
fn load_ca_bundle_der(path: &std::path::Path) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, ConfigError> {
    use rustls::pki_types::pem::PemObject;
    let not_pem = |e: rustls::pki_types::pem::Error| ConfigError::new(format!("the CA bundle {} is not PEM: {e}", path.display()));
    let certificates = rustls::pki_types::CertificateDer::pem_file_iter(path)
        .map_err(not_pem)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(not_pem)?;
    if certificates.is_empty() {
        return Err(ConfigError::new(format!("the CA bundle {} holds no certificate", path.display())));
    }
    Ok(certificates)
}

/// A failed exchange: the I/O error underneath decides whether it is retried.
fn from_hyper(error: hyper::Error) -> TransportError {
    use std::error::Error as _;
    let mut source = error.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            let kind = TransportError::from_io(std::io::Error::new(io.kind(), io.to_string())).kind();
            return TransportError::new(kind, error.to_string()).with_source(error);
        }
        source = e.source();
    }
    let kind = if error.is_user() { TransportErrorKind::Other } else { TransportErrorKind::Io };
    TransportError::new(kind, error.to_string()).with_source(error)
}
