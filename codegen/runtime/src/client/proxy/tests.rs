//! The `NO_PROXY` matcher, the environment's precedence, proxy URLs and their redaction.

use super::no_proxy::NoProxy;
use super::{Proxy, ProxyChoice, ProxySettings};
use crate::client::{Env, SettingSource};

fn direct(list: &str, host: &str, port: u16) -> bool {
    NoProxy::parse(list).matches(host, port)
}

#[test]
fn a_name_matches_itself_and_the_names_under_it() {
    for entry in ["example.com", ".example.com", "*.example.com", "EXAMPLE.com", "example.com."] {
        assert!(direct(entry, "example.com", 443), "{entry}");
        assert!(direct(entry, "api.example.com", 443), "{entry}");
        assert!(direct(entry, "a.b.EXAMPLE.COM", 80), "{entry}");
        assert!(direct(entry, "api.example.com.", 80), "{entry}: a fully qualified host");
        assert!(!direct(entry, "badexample.com", 443), "{entry}");
        assert!(!direct(entry, "example.com.evil.net", 443), "{entry}");
        assert!(!direct(entry, "com", 443), "{entry}");
    }
}

#[test]
fn lists_are_comma_separated_with_spaces_ignored() {
    let list = " internal.corp , 10.1.2.3,,localhost ";
    assert!(direct(list, "db.internal.corp", 443));
    assert!(direct(list, "10.1.2.3", 443));
    assert!(direct(list, "localhost", 80));
    assert!(!direct(list, "api.aws", 443));
    assert!(!direct("", "api.aws", 443));
}

#[test]
fn a_star_matches_every_host() {
    assert!(direct("*", "mpa.us-east-1.api.aws", 443));
    assert!(direct("example.com,*", "127.0.0.1", 8080));
    assert!(direct("*", "[::1]", 443));
}

#[test]
fn loopback_goes_through_the_proxy_unless_listed() {
    assert!(!direct("example.com", "127.0.0.1", 80));
    assert!(!direct("example.com", "localhost", 80));
    assert!(!direct("example.com", "[::1]", 80));
    assert!(direct("127.0.0.1,localhost,::1", "127.0.0.1", 80));
    assert!(direct("127.0.0.1,localhost,::1", "[::1]", 80));
}

#[test]
fn addresses_match_as_addresses() {
    assert!(direct("192.168.1.10", "192.168.1.10", 443));
    assert!(!direct("192.168.1.10", "192.168.1.100", 443));
    assert!(!direct("192.168.1.10", "192.168.1.1", 443));
    // However the IPv6 address is spelled, in the list or the URI.
    assert!(direct("::1", "[0:0::1]", 443));
    assert!(direct("[::1]", "[::1]", 443));
    assert!(direct("fd00::AB", "[fd00::ab]", 443));
    // A name never matches an address, nor the reverse: nothing is resolved.
    assert!(!direct("localhost", "127.0.0.1", 80));
    assert!(!direct("127.0.0.1", "localhost", 80));
}

#[test]
fn ranges_match_the_addresses_in_them() {
    assert!(direct("10.0.0.0/8", "10.200.3.4", 443));
    assert!(!direct("10.0.0.0/8", "11.0.0.1", 443));
    assert!(direct("192.168.4.0/22", "192.168.7.255", 443));
    assert!(!direct("192.168.4.0/22", "192.168.8.0", 443));
    assert!(direct("0.0.0.0/0", "203.0.113.9", 443));
    assert!(direct("127.0.0.1/32", "127.0.0.1", 443));
    assert!(direct("fd00::/8", "[fdab::1]", 443));
    assert!(!direct("fd00::/8", "[fe80::1]", 443));
    assert!(!direct("10.0.0.0/8", "[::ffff:10.0.0.1]", 443), "families apart");
    assert!(!direct("10.0.0.0/8", "ten.example", 443));
    // A prefix too long for its family makes an entry of no known form.
    assert!(!direct("10.0.0.0/33", "10.0.0.1", 443));
}

#[test]
fn an_entry_with_a_port_matches_that_port_only() {
    assert!(direct("example.com:8443", "api.example.com", 8443));
    assert!(!direct("example.com:8443", "api.example.com", 443));
    assert!(direct("127.0.0.1:8080", "127.0.0.1", 8080));
    assert!(!direct("127.0.0.1:8080", "127.0.0.1", 8081));
    assert!(direct("[::1]:443", "[::1]", 443));
    assert!(!direct("[::1]:443", "[::1]", 80));
}

#[test]
fn entries_of_no_known_form_match_nothing() {
    for entry in ["example.com:http", "[::1", "[nope]", "a*b.com", "/8", "user@host"] {
        assert!(!direct(entry, "example.com", 443), "{entry}");
        assert!(!direct(entry, "a.b.com", 443), "{entry}");
    }
    assert!(direct("example.com:http,a.b.com", "a.b.com", 443), "the others still apply");
}

fn env(pairs: &[(&str, &str)]) -> Env {
    Env::from_pairs(pairs.iter().copied())
}

/// The proxy (as shown) a request to `url` goes through.
fn via(settings: &ProxySettings, url: &str) -> Option<String> {
    settings.proxy_for(&url.parse().unwrap()).map(ToString::to_string)
}

#[test]
fn each_scheme_has_its_variable_and_all_proxy_serves_both() {
    let settings = ProxySettings::from_env(&env(&[("HTTP_PROXY", "http://plain:3128"), ("HTTPS_PROXY", "http://secure:3129")])).unwrap();
    assert_eq!(via(&settings, "http://api.aws/x").as_deref(), Some("http://plain:3128"));
    assert_eq!(via(&settings, "https://api.aws/x").as_deref(), Some("http://secure:3129"));

    let only_http = ProxySettings::from_env(&env(&[("HTTP_PROXY", "http://plain:3128")])).unwrap();
    assert_eq!(via(&only_http, "https://api.aws"), None, "HTTP_PROXY is not for https endpoints");

    let all = ProxySettings::from_env(&env(&[("ALL_PROXY", "http://all:8080"), ("HTTPS_PROXY", "http://secure:3129")])).unwrap();
    assert_eq!(via(&all, "http://api.aws").as_deref(), Some("http://all:8080"));
    assert_eq!(via(&all, "https://api.aws").as_deref(), Some("http://secure:3129"), "the scheme's own first");

    assert_eq!(ProxySettings::from_env(&env(&[("AWS_REGION", "us-east-1")])).unwrap(), ProxySettings::default());
}

#[test]
fn lower_case_wins_and_empty_counts_as_unset() {
    let both = env(&[
        ("https_proxy", "http://lower:1"),
        ("HTTPS_PROXY", "http://upper:2"),
        ("all_proxy", "http://lower-all:3"),
        ("ALL_PROXY", "http://upper-all:4"),
        ("no_proxy", "lower.example"),
        ("NO_PROXY", "upper.example"),
    ]);
    let settings = ProxySettings::from_env(&both).unwrap();
    assert_eq!(via(&settings, "https://api.aws").as_deref(), Some("http://lower:1"));
    assert_eq!(via(&settings, "http://api.aws").as_deref(), Some("http://lower-all:3"));
    assert_eq!(via(&settings, "https://lower.example"), None);
    assert!(via(&settings, "https://upper.example").is_some());

    let empty = env(&[("https_proxy", ""), ("HTTPS_PROXY", "http://upper:2"), ("no_proxy", ""), ("NO_PROXY", "api.aws")]);
    let settings = ProxySettings::from_env(&empty).unwrap();
    assert_eq!(via(&settings, "https://s3.aws").as_deref(), Some("http://upper:2"));
    assert_eq!(via(&settings, "https://api.aws"), None);
}

#[test]
fn the_builder_replaces_the_environment_piece_by_piece() {
    let env = env(&[("HTTPS_PROXY", "http://env:1"), ("NO_PROXY", "internal.example")]);
    let choice = |url: Option<&str>, no_proxy: Option<&str>, enabled: Option<bool>| ProxyChoice {
        url: url.map(str::to_owned),
        no_proxy: no_proxy.map(str::to_owned),
        enabled,
    };
    // The builder's proxy, for both schemes; the environment's NO_PROXY still applies.
    let settings = choice(Some("http://builder:2"), None, None).resolve(&env).unwrap();
    assert_eq!(via(&settings, "http://api.aws").as_deref(), Some("http://builder:2"));
    assert_eq!(via(&settings, "https://api.aws").as_deref(), Some("http://builder:2"));
    assert_eq!(via(&settings, "https://db.internal.example"), None);
    // The builder's exceptions replace NO_PROXY's.
    let settings = choice(None, Some("api.aws"), None).resolve(&env).unwrap();
    assert_eq!(via(&settings, "https://api.aws"), None);
    assert_eq!(via(&settings, "https://db.internal.example").as_deref(), Some("http://env:1"));
    // Turned off: no proxy, whatever is configured.
    let settings = choice(Some("http://builder:2"), None, Some(false)).resolve(&env).unwrap();
    assert_eq!(settings, ProxySettings::default());
    assert_eq!(choice(None, None, Some(true)).resolve(&env).unwrap(), ProxySettings::from_env(&env).unwrap());
}

#[test]
fn proxy_urls_and_their_credentials() {
    let source = SettingSource::Builder;
    let proxy = Proxy::parse("http://us%40er:p%3Ass%2Fw@proxy.corp:3128/", &source).unwrap();
    assert_eq!((proxy.host(), proxy.port()), ("proxy.corp", 3128));
    assert_eq!(proxy.credentials, Some(("us@er".to_owned(), Some("p:ss/w".to_owned()))));
    // base64("us@er:p:ss/w")
    assert_eq!(proxy.authorization().unwrap(), "Basic dXNAZXI6cDpzcy93");
    assert!(proxy.authorization().unwrap().is_sensitive());

    let bare = Proxy::parse("proxy.corp", &source).unwrap();
    assert_eq!((bare.host(), bare.port(), bare.authorization()), ("proxy.corp", 80, None), "http:// and port 80 by default");
    let user_only = Proxy::parse("HTTP://alice@[::1]:8080", &source).unwrap();
    assert_eq!((user_only.host(), user_only.port()), ("::1", 8080));
    assert_eq!(user_only.authorization().unwrap(), "Basic YWxpY2U6", "base64(alice:)");
    assert_eq!(user_only.to_string(), "http://alice@[::1]:8080");
}

#[test]
fn passwords_are_never_shown() {
    let env = env(&[("HTTPS_PROXY", "http://alice:s3cr%3At@proxy:3128")]);
    let settings = ProxySettings::from_env(&env).unwrap();
    let shown = format!("{settings:?} {:?} {}", settings.https, settings.https.as_ref().unwrap());
    assert!(shown.contains("http://alice:***@proxy:3128"), "{shown}");
    assert!(!shown.contains("s3cr"), "{shown}");
    let choice = ProxyChoice { url: Some("http://alice:s3cr%3At@proxy:3128".into()), ..ProxyChoice::default() };
    assert!(!format!("{choice:?}").contains("s3cr"), "{choice:?}");
}

#[test]
fn unusable_proxy_urls_are_errors_naming_their_variable() {
    let error = |pairs: &[(&str, &str)]| ProxySettings::from_env(&env(pairs)).unwrap_err().to_string();
    let socks = error(&[("ALL_PROXY", "socks5://proxy:1080")]);
    assert!(socks.contains("ALL_PROXY") && socks.contains("socks5://") && socks.contains("only http:// proxies"), "{socks}");
    let https = error(&[("https_proxy", "https://proxy:443")]);
    assert!(https.contains("https_proxy") && https.contains("only http:// proxies"), "{https}");
    for bad in ["http://user:hunter2@", "http://user:hunter2@bad host:1", "http://user:hunter2@proxy:99999", "http://user:hunter2@proxy:port"] {
        let message = error(&[("HTTP_PROXY", bad)]);
        assert!(message.contains("HTTP_PROXY"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
    let not_utf8 = error(&[("HTTP_PROXY", "http://user:%FF@proxy:1")]);
    assert!(not_utf8.contains("UTF-8"), "{not_utf8}");
    // A scheme that could be part of a password is not repeated.
    let odd = error(&[("HTTP_PROXY", "user:pa ss@x://proxy")]);
    assert!(!odd.contains("pa ss"), "{odd}");
    let builder = ProxyChoice { url: Some("ftp://proxy".into()), ..ProxyChoice::default() }.resolve(&Env::default()).unwrap_err();
    assert!(builder.to_string().contains("the client builder"), "{builder}");
}

#[cfg(feature = "blocking")]
#[test]
fn plain_requests_go_to_the_proxy_in_absolute_form() {
    use super::ureq_forward::absolute_form;
    let head = b"GET /sessions?x=1 HTTP/1.1\r\nhost: 127.0.0.1:8000\r\n\r\n";
    let expected = b"GET http://127.0.0.1:8000/sessions?x=1 HTTP/1.1\r\nhost: 127.0.0.1:8000\r\n\r\n";
    assert_eq!(absolute_form(head, "http://127.0.0.1:8000"), expected);
    assert_eq!(absolute_form(b"OPTIONS * HTTP/1.1\r\n\r\n", "http://h"), b"OPTIONS * HTTP/1.1\r\n\r\n");
    assert_eq!(absolute_form(b"", "http://h"), b"");
}
