//! The hosts reached directly, not through the proxy: `NO_PROXY`'s list (the syntax is
//! documented on `ProxySettings::no_proxy`).

use std::fmt;
use std::net::IpAddr;

/// A parsed `NO_PROXY` list. Its `Debug` is the list as given (it holds no secret).
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct NoProxy {
    text: String,
    entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    /// `*`.
    Everything,
    /// A name and every name under it, lower-case, without leading or trailing dots.
    Domain { name: String, port: Option<u16> },
    /// One address.
    Address { address: IpAddr, port: Option<u16> },
    /// The addresses whose first `bits` bits are `network`'s.
    Range { network: IpAddr, bits: u8 },
}

impl NoProxy {
    /// The entries of a comma-separated list; those of no known form are left out (they would
    /// match no host anyway).
    pub(crate) fn parse(list: &str) -> NoProxy {
        NoProxy { text: list.to_owned(), entries: list.split(',').filter_map(Entry::parse).collect() }
    }

    /// Whether a request to `host` (as in a URI: an IPv6 address in brackets) on `port` goes
    /// directly.
    pub(crate) fn matches(&self, host: &str, port: u16) -> bool {
        let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
        let host = host.strip_suffix('.').unwrap_or(host);
        let address = host.parse::<IpAddr>().ok();
        let port_matches = |wanted: &Option<u16>| wanted.is_none_or(|p| p == port);
        self.entries.iter().any(|entry| match entry {
            Entry::Everything => true,
            Entry::Domain { name, port } => port_matches(port) && is_within(host, name),
            Entry::Address { address: a, port } => port_matches(port) && address == Some(*a),
            Entry::Range { network, bits } => address.is_some_and(|a| in_range(a, *network, *bits)),
        })
    }
}

impl fmt::Debug for NoProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl Entry {
    fn parse(entry: &str) -> Option<Entry> {
        let entry = entry.trim();
        if entry.is_empty() {
            return None;
        }
        if entry == "*" {
            return Some(Entry::Everything);
        }
        if let Some((network, bits)) = entry.split_once('/') {
            let network: IpAddr = network.parse().ok()?;
            let bits: u8 = bits.parse().ok()?;
            let max = if network.is_ipv4() { 32 } else { 128 };
            return (bits <= max).then_some(Entry::Range { network, bits });
        }
        // An IPv6 address without brackets has colons of its own: no port.
        if let Ok(address) = entry.parse::<IpAddr>() {
            return Some(Entry::Address { address, port: None });
        }
        if let Some(rest) = entry.strip_prefix('[') {
            let (address, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                after => Some(after.strip_prefix(':')?.parse().ok()?),
            };
            return Some(Entry::Address { address: address.parse().ok()?, port });
        }
        let (name, port) = match entry.rsplit_once(':') {
            Some((name, port)) => (name, Some(port.parse::<u16>().ok()?)),
            None => (entry, None),
        };
        if let Ok(address) = name.parse::<IpAddr>() {
            return Some(Entry::Address { address, port });
        }
        let name = name.strip_prefix("*.").unwrap_or(name).trim_start_matches('.');
        let name = name.strip_suffix('.').unwrap_or(name);
        if name.is_empty() || name.contains(['*', '/', '[', ']', '@']) {
            return None;
        }
        Some(Entry::Domain { name: name.to_ascii_lowercase(), port })
    }
}

/// `host` is `name` or a name under it (`api.example.com` under `example.com`), whatever the
/// case.
fn is_within(host: &str, name: &str) -> bool {
    let (host, name) = (host.as_bytes(), name.as_bytes());
    let Some(split) = host.len().checked_sub(name.len()) else { return false };
    host[split..].eq_ignore_ascii_case(name) && (split == 0 || host[split - 1] == b'.')
}

/// `address` is in `network/bits` (an IPv4 address never in an IPv6 range, nor the reverse).
fn in_range(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}
