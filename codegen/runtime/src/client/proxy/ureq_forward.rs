//! The blocking transport's way through a proxy to an `http://` endpoint. ureq's own proxy
//! support tunnels every request with `CONNECT`, which proxies commonly allow to port 443
//! only (and ureq's `CONNECT` is what `https://` endpoints get); a plain request goes to the
//! proxy in absolute form instead (`GET http://host:port/path HTTP/1.1`), as HTTP/1.1 has
//! it. ureq writes the request line in origin form: the connection to the proxy rewrites
//! it, and so carries that one request, whose line is the first it sends, and is then
//! closed, never reused.

use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, TcpConnector, Transport};

/// First in a proxied agent's chain of connectors: for an `http://` endpoint, a TCP
/// connection to the agent's proxy that sends the request in absolute form; for any other,
/// nothing (ureq's `CONNECT` connector, next, makes the tunnel).
#[derive(Debug, Default)]
pub(crate) struct ForwardConnector;

impl Connector<()> for ForwardConnector {
    type Out = AbsoluteForm;

    fn connect(&self, details: &ConnectionDetails, _: Option<()>) -> Result<Option<AbsoluteForm>, ureq::Error> {
        // Without a proxy: a direct connection, or the one to the proxy itself.
        let Some(proxy) = details.config.proxy() else { return Ok(None) };
        let (Some("http"), Some(authority)) = (details.uri.scheme_str(), details.uri.authority()) else { return Ok(None) };
        let proxy_uri = proxy.uri();
        let to_proxy = ConnectionDetails {
            uri: proxy_uri,
            addrs: details.resolver.resolve(proxy_uri, details.config, details.timeout)?,
            config: details.config,
            request_level: details.request_level,
            resolver: details.resolver,
            now: details.now,
            timeout: details.timeout,
            current_time: details.current_time.clone(),
            run_connector: details.run_connector.clone(),
            register_shutdown: details.register_shutdown.clone(),
        };
        let tcp = Connector::<()>::connect(&TcpConnector::default(), &to_proxy, None)?.ok_or(ureq::Error::ConnectionFailed)?;
        Ok(Some(AbsoluteForm { inner: Box::new(tcp), origin: Some(format!("http://{authority}")) }))
    }
}

/// A connection to a proxy whose first request line gets the endpoint's origin before its
/// path.
#[derive(Debug)]
pub(crate) struct AbsoluteForm {
    inner: Box<dyn Transport>,
    /// `http://host:port`, until the request line has gone out.
    origin: Option<String>,
}

impl Transport for AbsoluteForm {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    /// The first output is the request's head (ureq sends the head alone, before any body).
    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let Some(origin) = self.origin.take() else { return self.inner.transmit_output(amount, timeout) };
        let head = absolute_form(&self.inner.buffers().output()[..amount], &origin);
        let room = self.inner.buffers().output().len().max(1);
        for part in head.chunks(room) {
            self.inner.buffers().output()[..part.len()].copy_from_slice(part);
            self.inner.transmit_output(part.len(), timeout)?;
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.inner.await_input(timeout)
    }

    /// Open for its one request only: a second would go out in origin form.
    fn is_open(&mut self) -> bool {
        self.origin.is_some() && self.inner.is_open()
    }
}

/// `head` with `origin` put before its request line's path (`GET /p HTTP/1.1` becomes
/// `GET http://host:port/p HTTP/1.1`); a target not in origin form is left alone.
pub(crate) fn absolute_form(head: &[u8], origin: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(head.len() + origin.len());
    match head.iter().position(|&b| b == b' ') {
        Some(space) if head.get(space + 1) == Some(&b'/') => {
            out.extend_from_slice(&head[..=space]);
            out.extend_from_slice(origin.as_bytes());
            out.extend_from_slice(&head[space + 1..]);
        }
        _ => out.extend_from_slice(head),
    }
    out
}
