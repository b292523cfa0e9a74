//! HTTP proxies: which proxy, if any, each request goes through, decided from the builder's
//! settings or the environment, as curl and the AWS SDKs read it.
//!
//! - `http_proxy`, then `HTTP_PROXY`, then `all_proxy`, then `ALL_PROXY` name the proxy of
//!   `http://` endpoints; `https_proxy`, `HTTPS_PROXY`, `all_proxy`, `ALL_PROXY` (in that
//!   order) the proxy of `https://` endpoints. The lower-case spelling wins when both are set;
//!   an empty value counts as unset.
//! - `no_proxy`, else `NO_PROXY`: the hosts reached directly (see [`ProxySettings::no_proxy`]
//!   for the syntax). Loopback addresses and `localhost` are not exempt unless listed.
//! - Only `http://` proxies (`http://[user:password@]host[:port]`, port 80 by default; a URL
//!   without a scheme is taken as `http://`). A proxy of another scheme (`https://`,
//!   `socks5://`) is refused with a [`ConfigError`] naming the variable, never ignored: a
//!   request meant to go through a proxy must not go out directly.
//!
//! A request to an `http://` endpoint goes to the proxy with its absolute URI
//! (`GET http://host:port/path HTTP/1.1`), one to an `https://` endpoint through a
//! `CONNECT host:port` tunnel, with TLS to the endpoint inside it. Credentials in the proxy's
//! URL (percent-decoded) go in `Proxy-Authorization: Basic`, on the `CONNECT` or on each
//! plain request. Requests are signed for the endpoint's host, never the proxy's. Container
//! and instance metadata (credentials) are always fetched directly.

mod no_proxy;
#[cfg(test)]
mod tests;
#[cfg(feature = "client")]
pub(crate) mod tunnel;
#[cfg(feature = "blocking")]
pub(crate) mod ureq_forward;

use super::env::Env;
use super::error::{ConfigError, SettingSource};
use super::transport::{TransportError, TransportErrorKind};
use no_proxy::NoProxy;
use std::fmt;

/// The variables the proxy settings are read from (both spellings), which
/// [`Env::from_process`] captures.
pub(crate) const ENV_VARS: [&str; 8] =
    ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"];

/// Where the proxy of `http://` endpoints is read from, first found first.
const HTTP_VARS: [&str; 4] = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];
/// Where the proxy of `https://` endpoints is read from, first found first.
const HTTPS_VARS: [&str; 4] = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];

/// The environment's exceptions: `no_proxy`, else `NO_PROXY`.
fn no_proxy_of(env: &Env) -> NoProxy {
    env.get("no_proxy").or_else(|| env.get("NO_PROXY")).map(NoProxy::parse).unwrap_or_default()
}

/// Which HTTP proxy, if any, the default transports send each request through: one for
/// `http://` endpoints, one for `https://` endpoints, and the hosts reached directly. The
/// default is no proxy at all. Its `Debug` hides the proxies' passwords.
///
/// The builders decide it (see their `proxy_url`, `no_proxy` and `use_proxy`) into
/// [`TransportSettings`](super::TransportSettings); build one here for a transport made
/// by hand.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProxySettings {
    http: Option<Proxy>,
    https: Option<Proxy>,
    no_proxy: NoProxy,
}

impl ProxySettings {
    /// The proxies the environment names, or none: for `https://` endpoints the first set
    /// of `https_proxy`, `HTTPS_PROXY`, `all_proxy`, `ALL_PROXY`; for `http://` endpoints
    /// the first of `http_proxy`, `HTTP_PROXY`, `all_proxy`, `ALL_PROXY`; the hosts reached
    /// directly from `no_proxy`, else `NO_PROXY` (an empty variable counts as unset). A
    /// proxy URL that does not parse, or is not `http://`, is an error naming its variable.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let pick = |names: [&'static str; 4]| -> Result<Option<Proxy>, ConfigError> {
            match names.into_iter().find_map(|name| env.get(name).map(|url| (name, url))) {
                Some((name, url)) => Proxy::parse(url, &SettingSource::Environment(name)).map(Some),
                None => Ok(None),
            }
        };
        Ok(ProxySettings { http: pick(HTTP_VARS)?, https: pick(HTTPS_VARS)?, no_proxy: no_proxy_of(env) })
    }

    /// Every request through the proxy at `url` (`http://[user:password@]host[:port]`),
    /// with no exceptions until [`no_proxy`](Self::no_proxy) gives some.
    pub fn from_url(url: &str) -> Result<Self, ConfigError> {
        let proxy = Proxy::parse(url, &SettingSource::Builder)?;
        Ok(ProxySettings { http: Some(proxy.clone()), https: Some(proxy), no_proxy: NoProxy::default() })
    }

    /// These hosts reached directly, instead of the exceptions so far: a comma-separated
    /// list, as `NO_PROXY` has it, case-insensitive:
    ///
    /// - `example.com`, `.example.com` and `*.example.com` each match `example.com` and
    ///   every name under it (`api.example.com`), not `badexample.com`;
    /// - `192.168.1.10`, `::1` or `[::1]`: that address, when the endpoint is given by it
    ///   (no name is resolved to decide); `10.0.0.0/8`, `fd00::/8`: the addresses in that
    ///   range;
    /// - any of these with `:port` (`example.com:8443`, `[::1]:443`): only for that port (the
    ///   endpoint's, 443 or 80 when its URL has none);
    /// - `*`: every host.
    ///
    /// Spaces around entries are ignored; an entry of another form matches no host.
    pub fn no_proxy(mut self, hosts: &str) -> Self {
        self.no_proxy = NoProxy::parse(hosts);
        self
    }

    /// The proxy a request to `uri` goes through, or none (directly).
    pub(crate) fn proxy_for(&self, uri: &http::Uri) -> Option<&Proxy> {
        let https = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("https") => true,
            Some(s) if s.eq_ignore_ascii_case("http") => false,
            _ => return None,
        };
        let proxy = if https { self.https.as_ref() } else { self.http.as_ref() }?;
        let host = uri.host()?;
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        (!self.no_proxy.matches(host, port)).then_some(proxy)
    }

    /// Each distinct proxy, once.
    #[cfg(feature = "blocking")]
    pub(crate) fn proxies(&self) -> impl Iterator<Item = &Proxy> {
        let https = self.https.as_ref().filter(|p| self.http.as_ref() != Some(*p));
        self.http.iter().chain(https)
    }
}

/// The proxies with their passwords hidden.
impl fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxySettings")
            .field("http", &self.http)
            .field("https", &self.https)
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// What a builder was told about proxies; [`resolve`](Self::resolve) adds the environment.
#[derive(Clone, Default)]
pub(crate) struct ProxyChoice {
    /// `proxy_url`: instead of the environment's proxies.
    pub url: Option<String>,
    /// `no_proxy`: instead of `NO_PROXY`.
    pub no_proxy: Option<String>,
    /// `use_proxy(false)`: no proxy, whatever else says.
    pub enabled: Option<bool>,
}

impl ProxyChoice {
    /// The settings: none when proxies are turned off; else the builder's proxy or the
    /// environment's, with the builder's exceptions or the environment's.
    pub fn resolve(&self, env: &Env) -> Result<ProxySettings, ConfigError> {
        if self.enabled == Some(false) {
            return Ok(ProxySettings::default());
        }
        let settings = match &self.url {
            Some(url) => ProxySettings { no_proxy: no_proxy_of(env), ..ProxySettings::from_url(url)? },
            None => ProxySettings::from_env(env)?,
        };
        Ok(match &self.no_proxy {
            Some(hosts) => settings.no_proxy(hosts),
            None => settings,
        })
    }
}

/// The builder's proxy URL shown with its password hidden.
impl fmt::Debug for ProxyChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self.url.as_deref().map(|url| match Proxy::parse(url, &SettingSource::Builder) {
            Ok(proxy) => proxy.to_string(),
            Err(_) => "(not a proxy URL)".to_owned(),
        });
        f.debug_struct("ProxyChoice").field("url", &url).field("no_proxy", &self.no_proxy).field("enabled", &self.enabled).finish()
    }
}

/// An HTTP proxy: where it is, and the credentials it is given. `Display` and `Debug` show
/// its URL with the password hidden.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Proxy {
    /// As in a URI: an IPv6 address in brackets.
    host: String,
    port: u16,
    /// User name and password, percent-decoded.
    credentials: Option<(String, Option<String>)>,
}

impl Proxy {
    /// The proxy of `url`, which came from `source` (named by any error, which never shows
    /// the URL: it may hold a password).
    pub(crate) fn parse(url: &str, source: &SettingSource) -> Result<Proxy, ConfigError> {
        let url = url.trim();
        let rest = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some((scheme, _)) => {
                // The scheme is shown only when it cannot be part of a password.
                let shown = scheme.len() <= 16 && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
                let scheme = if shown { format!("{scheme}://") } else { "another scheme".to_owned() };
                return Err(ConfigError::new(format!(
                    "the proxy URL of {source} is {scheme}: only http:// proxies are supported"
                )));
            }
            None => url,
        };
        let invalid = |what: &str| {
            ConfigError::new(format!("the proxy URL of {source} is not http://[user:password@]host[:port]: {what}"))
        };
        // The path, if any, means nothing to a proxy.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        let parsed: http::uri::Authority = host_port.parse().map_err(|_| invalid("no valid host and port"))?;
        if parsed.host().is_empty() {
            return Err(invalid("no host"));
        }
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| invalid("the user name or password is not UTF-8 once percent-decoded"))
        };
        let credentials = match userinfo.filter(|u| !u.is_empty()) {
            Some(userinfo) => match userinfo.split_once(':') {
                Some((user, password)) => Some((decode(user)?, Some(decode(password)?))),
                None => Some((decode(userinfo)?, None)),
            },
            None => None,
        };
        // `http::uri::Authority` takes any text for a port, and then has none.
        let port = match host_port.strip_prefix(parsed.host()).and_then(|rest| rest.strip_prefix(':')).filter(|p| !p.is_empty()) {
            Some(port) => port.parse().ok().filter(|p| *p != 0).ok_or_else(|| invalid("the port is not a number from 1 to 65535"))?,
            None => 80,
        };
        Ok(Proxy { host: parsed.host().to_owned(), port, credentials })
    }

    /// The host to connect to: an IPv6 address without its brackets.
    #[cfg(any(feature = "client", test))]
    pub(crate) fn host(&self) -> &str {
        self.host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(&self.host)
    }

    /// The host as in a URI: an IPv6 address in brackets.
    #[cfg(feature = "blocking")]
    pub(crate) fn uri_host(&self) -> &str {
        &self.host
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The user name and password, if the URL has them.
    #[cfg(feature = "blocking")]
    pub(crate) fn credentials(&self) -> Option<(&str, Option<&str>)> {
        self.credentials.as_ref().map(|(user, password)| (user.as_str(), password.as_deref()))
    }

    /// The `Proxy-Authorization` header for the URL's credentials (`Basic`, of
    /// `user:password`), marked sensitive.
    pub(crate) fn authorization(&self) -> Option<http::HeaderValue> {
        use base64::Engine as _;
        let (user, password) = self.credentials.as_ref()?;
        let pair = format!("{user}:{}", password.as_deref().unwrap_or_default());
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        let mut value = http::HeaderValue::try_from(format!("Basic {encoded}")).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

/// `http://user:***@host:port`: never the password.
impl fmt::Display for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("http://")?;
        match &self.credentials {
            Some((user, Some(_))) => write!(f, "{user}:***@")?,
            Some((user, None)) => write!(f, "{user}@")?,
            None => {}
        }
        write!(f, "{}:{}", self.host, self.port)
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The proxy did not open a tunnel to `target`: a refusal for credentials or policy (a 4xx
/// status) is not retried; the proxy failing to reach the endpoint (a 5xx) or to answer is,
/// as a failed connection.
pub(crate) fn tunnel_refused(proxy: &Proxy, target: &str, status: Option<u16>, reason: &str) -> TransportError {
    let kind = match status {
        Some(400..=499) => TransportErrorKind::Other,
        _ => TransportErrorKind::Connect,
    };
    let status = status.map_or_else(String::new, |s| format!("{s} "));
    TransportError::new(kind, format!("the proxy {proxy} did not open a tunnel to {target}: {status}{reason}"))
}
