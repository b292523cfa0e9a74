//! The default blocking transport, on ureq (feature `blocking`).

use super::config::TransportSettings;
use super::error::ConfigError;
use super::transport::{BlockingTransport, TransportError, TransportErrorKind};
use std::sync::Arc;

/// The default blocking transport, on `ureq`: HTTP/1.1, rustls, no redirects. A request's
/// [`AttemptDeadline`](super::AttemptDeadline) becomes ureq's global timeout for it, which
/// bounds the whole exchange, the response body included.
#[derive(Debug, Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl UreqTransport {
    /// A transport with these timeouts and certificate authorities.
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
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(settings.connect_timeout)
            .timeout_recv_response(settings.read_timeout)
            .timeout_recv_body(settings.read_timeout)
            .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build();
        Ok(UreqTransport { agent: config.new_agent() })
    }

    /// `request` with the time left to its attempt's deadline, if it has one, as ureq's
    /// global timeout for it.
    fn within_deadline<B: ureq::AsSendBody>(&self, request: http::Request<B>) -> http::Request<B> {
        match request.extensions().get::<super::AttemptDeadline>().copied() {
            Some(deadline) => self.agent.configure_request(request).timeout_global(Some(deadline.remaining())).build(),
            None => request,
        }
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
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self.agent.run(self.within_deadline(request)).map_err(from_ureq)?;
        let (parts, mut body) = response.into_parts();
        let bytes = body.with_config().limit(u64::MAX).read_to_vec().map_err(from_ureq)?;
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
        let (parts, body) = request.into_parts();
        let response = match body.into_bytes_or_self() {
            Ok(bytes) => self.agent.run(self.within_deadline(http::Request::from_parts(parts, bytes))),
            Err(body) => {
                let body = ureq::SendBody::from_owned_reader(body.into_reader());
                self.agent.run(self.within_deadline(http::Request::from_parts(parts, body)))
            }
        }
        .map_err(from_ureq)?;
        let (parts, body) = response.into_parts();
        let reader = body.into_with_config().limit(u64::MAX).reader();
        Ok(http::Response::from_parts(parts, super::body::ResponseBody::from_reader(reader)))
    }
}

fn from_ureq(error: ureq::Error) -> TransportError {
    match error {
        ureq::Error::Io(e) => TransportError::from_io(e),
        ureq::Error::Timeout(t) => TransportError::timeout(format!("{t}")),
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportError::connect(error.to_string()),
        ureq::Error::Protocol(_) | ureq::Error::BodyStalled => TransportError::io(error.to_string()).with_source(error),
        other => TransportError::new(TransportErrorKind::Other, other.to_string()).with_source(other),
    }
}
