//! The default blocking transport, on ureq (feature `blocking`).

use super::config::TransportSettings;
use super::error::ConfigError;
use super::proxy::{Proxy, ProxySettings};
use super::transport::{BlockingTransport, TransportError, TransportErrorKind};
use std::sync::Arc;

/// The default blocking transport, on `ureq`: HTTP/1.1, rustls, no redirects, and the
/// proxies of its settings (ureq's own reading of the process's proxy variables is off).
/// A request's [`AttemptDeadline`](super::AttemptDeadline) becomes ureq's global timeout
/// for it, which bounds the whole exchange, the response body included.
#[derive(Debug, Clone)]
pub struct UreqTransport {
    direct: ureq::Agent,
    /// An agent for each proxy, which keeps the connections through it apart.
    proxied: Vec<(Proxy, ureq::Agent)>,
    proxy: ProxySettings,
}

impl UreqTransport {
    /// A transport with these timeouts, certificate authorities and proxies.
    pub fn new(settings: &TransportSettings) -> Result<Self, ConfigError> {
        let roots = match &settings.ca_bundle {
            Some(path) => ureq::tls::RootCerts::Specific(Arc::new(load_ca_bundle(path)?)),
            None => ureq::tls::RootCerts::WebPki,
        };
        super::sigv4::crypto_supported().map_err(ConfigError::new)?;
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(roots)
            .unversioned_rustls_crypto_provider(Arc::new(rustls_graviola::default_provider()))
            .build();
        let config = |proxy: Option<ureq::Proxy>| {
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_connect(settings.connect_timeout)
                .timeout_recv_response(settings.read_timeout)
                .timeout_recv_body(settings.read_timeout)
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .tls_config(tls.clone())
                .proxy(proxy)
                .build()
        };
        let mut proxied = Vec::new();
        for proxy in settings.proxy.proxies() {
            proxied.push((proxy.clone(), proxied_agent(config(Some(ureq_proxy(proxy)?)))));
        }
        Ok(UreqTransport { direct: config(None).new_agent(), proxied, proxy: settings.proxy.clone() })
    }

    /// The agent for `request`, which gets what its proxy needs to see.
    fn route<B>(&self, request: &mut http::Request<B>) -> (&ureq::Agent, Option<Via<'_>>) {
        let Some(proxy) = self.proxy.proxy_for(request.uri()) else { return (&self.direct, None) };
        let target = request.uri().authority().map_or_else(String::new, |a| a.to_string());
        let agent = self.proxied.iter().find(|(p, _)| p == proxy).map_or(&self.direct, |(_, agent)| agent);
        // A plain request carries the proxy's credentials itself; a tunnel's `CONNECT` does.
        if request.uri().scheme_str() == Some("http")
            && let Some(authorization) = proxy.authorization()
        {
            request.headers_mut().insert(http::header::PROXY_AUTHORIZATION, authorization);
        }
        (agent, Some(Via { proxy, target }))
    }
}

/// The proxy a request goes through, and its endpoint's `host:port`, for errors.
struct Via<'a> {
    proxy: &'a Proxy,
    target: String,
}

/// An agent whose connections go through its configured proxy: ureq's own connectors, with
/// the one that sends plain requests in absolute form first.
fn proxied_agent(config: ureq::config::Config) -> ureq::Agent {
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector, TcpConnector};
    let connector = ()
        .chain(super::proxy::ureq_forward::ForwardConnector)
        .chain(ConnectProxyConnector::default())
        .chain(TcpConnector::default())
        .chain(RustlsConnector::default());
    ureq::Agent::with_parts(config, connector, ureq::unversioned::resolver::DefaultResolver::default())
}

/// ureq's description of `proxy`, for its `CONNECT` tunnels.
fn ureq_proxy(proxy: &Proxy) -> Result<ureq::Proxy, ConfigError> {
    let mut builder = ureq::Proxy::builder(ureq::ProxyProtocol::Http).host(proxy.uri_host()).port(proxy.port());
    if let Some((user, password)) = proxy.credentials() {
        builder = builder.username(user);
        if let Some(password) = password {
            builder = builder.password(password);
        }
    }
    builder.build().map_err(|e| ConfigError::new(format!("the proxy {proxy}: {e}")))
}

/// `request` with the time left to its attempt's deadline, if it has one, as ureq's global
/// timeout for it.
fn within_deadline<B: ureq::AsSendBody>(agent: &ureq::Agent, request: http::Request<B>) -> http::Request<B> {
    match request.extensions().get::<super::AttemptDeadline>().copied() {
        Some(deadline) => agent.configure_request(request).timeout_global(Some(deadline.remaining())).build(),
        None => request,
    }
}

/// The certificates of a PEM file (`AWS_CA_BUNDLE`).
fn load_ca_bundle(path: &std::path::Path) -> Result<Vec<ureq::tls::Certificate<'static>>, ConfigError> {
    let pem = std::fs::read(path).map_err(|e| ConfigError::new(format!("cannot read the CA bundle {}: {e}", path.display())))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certificates.push(c.to_owned()),
            Ok(_) => {}
            Err(e) => return Err(ConfigError::new(format!("the CA bundle {} is not PEM: {e}", path.display()))),
        }
    }
    if certificates.is_empty() {
        return Err(ConfigError::new(format!("the CA bundle {} holds no certificate", path.display())));
    }
    Ok(certificates)
}

impl BlockingTransport for UreqTransport {
    fn send(&self, mut request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        crate::RequiresHttp2::check(&mut request, "the blocking client (HTTP/1.1 through ureq; the async client, feature `client`, does)")
            .map_err(|e| TransportError::new(super::TransportErrorKind::Other, e))?;
        let (agent, via) = self.route(&mut request);
        let response = agent.run(within_deadline(agent, request)).map_err(|e| from_ureq(e, via.as_ref()))?;
        let (parts, mut body) = response.into_parts();
        let bytes = body.with_config().limit(u64::MAX).read_to_vec().map_err(|e| from_ureq(e, via.as_ref()))?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    /// Streams both ways: the request body is read as it is sent (with `Content-Length` when
    /// the request has it, else chunked), the response body as the caller reads it. The read
    /// timeout bounds the whole response body, as for `send`, and so does the attempt's
    /// deadline.
    #[cfg(feature = "streaming")]
    fn send_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> Result<http::Response<super::body::ResponseBody>, TransportError> {
        let mut request = request;
        crate::RequiresHttp2::check(&mut request, "the blocking client (HTTP/1.1 through ureq; the async client, feature `client`, does)")
            .map_err(|e| TransportError::new(super::TransportErrorKind::Other, e))?;
        let (agent, via) = self.route(&mut request);
        let (parts, body) = request.into_parts();
        let response = match body.into_bytes_or_self() {
            Ok(bytes) => agent.run(within_deadline(agent, http::Request::from_parts(parts, bytes))),
            Err(body) => {
                let body = ureq::SendBody::from_owned_reader(body.into_reader());
                agent.run(within_deadline(agent, http::Request::from_parts(parts, body)))
            }
        }
        .map_err(|e| from_ureq(e, via.as_ref()))?;
        let (parts, body) = response.into_parts();
        let reader = body.into_with_config().limit(u64::MAX).reader();
        Ok(http::Response::from_parts(parts, super::body::ResponseBody::from_reader(reader)))
    }
}

/// A failed exchange, naming the proxy it went through, if any.
fn from_ureq(error: ureq::Error, via: Option<&Via<'_>>) -> TransportError {
    let error = match (error, via) {
        (ureq::Error::ConnectProxyFailed(why), Some(via)) => {
            // ureq says `proxy server responded 407/407`, or `proxy server did not respond`.
            let status = why.split_once("responded ").and_then(|(_, answer)| answer.split('/').next()?.parse().ok());
            let reason = match status.and_then(|s| http::StatusCode::from_u16(s).ok()) {
                Some(status) => status.canonical_reason().unwrap_or_default(),
                None => why.as_str(),
            };
            return super::proxy::tunnel_refused(via.proxy, &via.target, status, reason);
        }
        (ureq::Error::Io(e), _) => TransportError::from_io(e),
        (ureq::Error::Timeout(t), _) => TransportError::timeout(format!("{t}")),
        (error @ (ureq::Error::HostNotFound | ureq::Error::ConnectionFailed), _) => TransportError::connect(error.to_string()),
        (error @ (ureq::Error::Protocol(_) | ureq::Error::BodyStalled), _) => TransportError::io(error.to_string()).with_source(error),
        (other, _) => TransportError::new(TransportErrorKind::Other, other.to_string()).with_source(other),
    };
    match via {
        Some(via) => error.context(format_args!("through the proxy {}", via.proxy)),
        None => error,
    }
}
