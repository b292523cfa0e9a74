//! `parseURL`: a URL taken apart the way endpoint rules need it.

use ::std::string::String;

/// The parts of a URL (`parseURL`'s `URL` structure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    /// `https`, without `://`.
    pub scheme: &'a str,
    /// Host and port as written (`example.com:8443`, `[fe80::1]`), without user info.
    pub authority: &'a str,
    /// The path as written: empty when the URL has none.
    pub path: &'a str,
    /// The path, starting and ending with `/`.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

/// `parseURL(value)`: None for anything that is not an absolute `scheme://authority[/path]`
/// URL, and for any URL with a query (`?`) or a fragment (`#`).
pub fn parse_url(value: &str) -> ::std::option::Option<Url<'_>> {
    let (scheme, rest) = value.split_once("://")?;
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.contains(['?', '#']) || rest.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    // User info is not part of the authority rules see.
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (host, port) = split_port(authority)?;
    if host.is_empty() || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let is_ip = if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        // A zone index (`%25eth0`) may follow the address.
        let address = inner.split_once('%').map_or(inner, |(a, _)| a);
        address.parse::<::std::net::Ipv6Addr>().ok()?;
        true
    } else {
        crate::endpoint::fns::is_ipv4(host)
    };
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url { scheme, authority, path, normalized_path, is_ip })
}

/// Host and port (None when the authority has no port); None when brackets do not match.
fn split_port(authority: &str) -> ::std::option::Option<(&str, ::std::option::Option<&str>)> {
    if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        return match after.strip_prefix(':') {
            Some(port) => Some((host, Some(port))),
            None if after.is_empty() => Some((host, None)),
            None => None,
        };
    }
    Some(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}
