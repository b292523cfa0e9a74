//! Both clients through the loopback HTTP proxy: configured by the environment
//! (`Env::from_pairs`) or the builder, `NO_PROXY` exceptions, credentials in the proxy's URL,
//! and https endpoints through `CONNECT` tunnels. The loopback server behind the proxy checks
//! every signature with an independent signer: it covers the endpoint's host, never the
//! proxy's.

use mpa::client::{Env, Error, TransportErrorKind};
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::loopback::{Keys, Reply, Server, closed_port};
use mpa_tests::proxy::Proxy;
use mpa_tests::tls::{https_server, pki};

const PAGE: &str = r#"{"Sessions":[]}"#;
/// `Basic` of `alice:s:cret` (`printf alice:s:cret | base64`), sent for the URL's
/// `alice:s%3Acret`.
const ALICE: &str = "Basic YWxpY2U6czpjcmV0";

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

/// The environment of a client of `endpoint` with the loopback keys, with `extra` too.
fn env(endpoint: &str, extra: &[(&str, &str)]) -> Env {
    let keys = Keys::test();
    let mut vars = vec![
        ("AWS_REGION".to_owned(), keys.region),
        ("AWS_ENDPOINT_URL".to_owned(), endpoint.to_owned()),
        ("AWS_ACCESS_KEY_ID".to_owned(), keys.access_key_id),
        ("AWS_SECRET_ACCESS_KEY".to_owned(), keys.secret_access_key),
        ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
    ];
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Env::from_pairs(vars)
}

fn loopback() -> Server {
    Server::start(vec![Reply::json(200, PAGE), Reply::json(200, PAGE)], Keys::test())
}

/// The proxy got the server's one request in absolute form, which reached the server
/// signed for the server's own host.
fn assert_forwarded(proxy: &Proxy, server: &Server) {
    let seen = proxy.seen();
    let requests = server.requests();
    assert_eq!((seen.len(), requests.len()), (1, 1), "{seen:?}");
    assert_eq!(requests[0].signature, Ok(()));
    assert_eq!(requests[0].header("host"), Some(server.addr().to_string().as_str()));
    let absolute = format!("{} {}{} HTTP/1.1", requests[0].method, server.url(), requests[0].target);
    assert_eq!(seen[0].request_line, absolute);
}

#[test]
fn blocking_client_takes_http_proxy_from_the_environment() {
    let (proxy, server) = (Proxy::start(), loopback());
    let client = mpa::blocking::Client::builder().env(env(&server.url(), &[("HTTP_PROXY", &proxy.url())])).build().unwrap();
    client.list_sessions().from_input(input()).send().expect("a call through the proxy");
    assert_forwarded(&proxy, &server);
    assert_eq!(proxy.seen()[0].authorization, None);
}

#[tokio::test]
async fn async_client_takes_http_proxy_from_the_environment() {
    let (proxy, server) = (Proxy::start(), loopback());
    let client = mpa::Client::builder().env(env(&server.url(), &[("http_proxy", &proxy.url())])).build().unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a call through the proxy");
    assert_forwarded(&proxy, &server);
    assert_eq!(proxy.seen()[0].authorization, None);
}

#[test]
fn blocking_builder_proxy_replaces_the_environments() {
    let (proxy, server) = (Proxy::start(), loopback());
    let nowhere = format!("http://127.0.0.1:{}", closed_port());
    let client =
        mpa::blocking::Client::builder().env(env(&server.url(), &[("HTTP_PROXY", &nowhere)])).proxy_url(proxy.url()).build().unwrap();
    client.list_sessions().from_input(input()).send().expect("a call through the builder's proxy");
    assert_forwarded(&proxy, &server);
}

#[tokio::test]
async fn async_builder_proxy_replaces_the_environments() {
    let (proxy, server) = (Proxy::start(), loopback());
    let nowhere = format!("http://127.0.0.1:{}", closed_port());
    let client = mpa::Client::builder().env(env(&server.url(), &[("ALL_PROXY", &nowhere)])).proxy_url(proxy.url()).build().unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a call through the builder's proxy");
    assert_forwarded(&proxy, &server);
}

/// The server got one request directly, the proxy nothing.
fn assert_direct(proxy: &Proxy, server: &Server) {
    assert_eq!(proxy.connections(), 0, "{:?}", proxy.seen());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].signature, Ok(()));
}

#[test]
fn blocking_client_reaches_no_proxy_hosts_directly() {
    let (proxy, server) = (Proxy::start(), loopback());
    let vars = [("HTTP_PROXY", proxy.url()), ("NO_PROXY", "example.com, 127.0.0.1".to_owned())];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let client = mpa::blocking::Client::builder().env(env(&server.url(), &vars)).build().unwrap();
    client.list_sessions().from_input(input()).send().expect("a direct call");
    assert_direct(&proxy, &server);
}

#[tokio::test]
async fn async_client_reaches_no_proxy_hosts_directly() {
    let (proxy, server) = (Proxy::start(), loopback());
    let no_proxy = format!("127.0.0.1:{}", server.addr().port());
    let client = mpa::Client::builder()
        .env(env(&server.url(), &[("HTTP_PROXY", &proxy.url()), ("NO_PROXY", &no_proxy)]))
        .build()
        .unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a direct call");
    assert_direct(&proxy, &server);
}

#[test]
fn builder_exceptions_and_switch_send_requests_directly() {
    let (proxy, server) = (Proxy::start(), loopback());
    let client = mpa::blocking::Client::builder().env(env(&server.url(), &[("HTTP_PROXY", &proxy.url())])).use_proxy(false).build().unwrap();
    client.list_sessions().from_input(input()).send().expect("a direct call");
    assert_direct(&proxy, &server);

    let (proxy, other) = (Proxy::start(), loopback());
    let client = mpa::blocking::Client::builder().env(env(&other.url(), &[])).proxy_url(proxy.url()).no_proxy("*").build().unwrap();
    client.list_sessions().from_input(input()).send().expect("a direct call");
    assert_direct(&proxy, &other);
}

#[tokio::test]
async fn async_builder_exceptions_send_requests_directly() {
    let (proxy, server) = (Proxy::start(), loopback());
    let client = mpa::Client::builder().env(env(&server.url(), &[("HTTP_PROXY", &proxy.url())])).no_proxy("localhost,127.0.0.1").build().unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a direct call");
    assert_direct(&proxy, &server);
}

/// Nothing shows the password (`s%3Acret`, `s:cret`), nor the credentials' base64.
fn assert_hidden(debug: &str) {
    for secret in ["s%3Acret", "s:cret", "czpjcmV0"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}

#[test]
fn blocking_client_sends_the_urls_credentials_and_hides_them() {
    let (proxy, server) = (Proxy::requiring(ALICE), loopback());
    let env = env(&server.url(), &[("HTTP_PROXY", &proxy.url_with("alice:s%3Acret"))]);
    let client = mpa::blocking::Client::builder().env(env.clone()).build().unwrap();
    client.list_sessions().from_input(input()).send().expect("a call with the proxy's credentials");
    assert_forwarded(&proxy, &server);
    assert_eq!(proxy.seen()[0].authorization.as_deref(), Some(ALICE));
    assert_hidden(&format!("{client:?}"));
    assert_hidden(&format!("{:?}", mpa::client::Config::builder().env(env.clone()).build().unwrap()));
    assert_hidden(&format!("{:?}", mpa::blocking::Client::builder().env(env).proxy_url(proxy.url_with("alice:s%3Acret"))));
}

#[tokio::test]
async fn async_client_sends_the_urls_credentials_and_hides_them() {
    let (proxy, server) = (Proxy::requiring(ALICE), loopback());
    let client = mpa::Client::builder().env(env(&server.url(), &[])).proxy_url(proxy.url_with("alice:s%3Acret")).build().unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a call with the proxy's credentials");
    assert_forwarded(&proxy, &server);
    assert_eq!(proxy.seen()[0].authorization.as_deref(), Some(ALICE));
    assert_hidden(&format!("{client:?}"));
}

/// The proxy opened one tunnel to the TLS server, with the credentials, for both calls;
/// the server checked both signatures.
fn assert_tunneled(proxy: &Proxy, server: &Server) {
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "one tunnel, kept for the second call: {seen:?}");
    assert_eq!(seen[0].request_line, format!("CONNECT 127.0.0.1:{} HTTP/1.1", server.addr().port()));
    assert_eq!(seen[0].authorization.as_deref(), Some(ALICE));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.signature == Ok(()) && r.header("host") == Some(&server.addr().to_string())), "{requests:?}");
}

#[test]
fn blocking_client_tunnels_https_through_connect() {
    let pki = pki("proxy-blocking");
    let (server, url, _) = https_server(&pki, vec![Reply::json(200, PAGE), Reply::json(200, PAGE)]);
    let proxy = Proxy::requiring(ALICE);
    let ca = pki.ca_pem_file.to_str().unwrap();
    let client = mpa::blocking::Client::builder()
        .env(env(&url, &[("AWS_CA_BUNDLE", ca), ("HTTPS_PROXY", &proxy.url_with("alice:s%3Acret"))]))
        .build()
        .unwrap();
    client.list_sessions().from_input(input()).send().expect("a call through the tunnel");
    client.list_sessions().from_input(input()).send().expect("a second call through the tunnel");
    assert_tunneled(&proxy, &server);
}

#[tokio::test]
async fn async_client_tunnels_https_through_connect() {
    let pki = pki("proxy-async");
    let (server, url, _) = https_server(&pki, vec![Reply::json(200, PAGE), Reply::json(200, PAGE)]);
    let proxy = Proxy::requiring(ALICE);
    let ca = pki.ca_pem_file.to_str().unwrap();
    let client = mpa::Client::builder()
        .env(env(&url, &[("AWS_CA_BUNDLE", ca), ("https_proxy", &proxy.url_with("alice:s%3Acret"))]))
        .build()
        .unwrap();
    client.list_sessions().from_input(input()).send().await.expect("a call through the tunnel");
    client.list_sessions().from_input(input()).send().await.expect("a second call through the tunnel");
    assert_tunneled(&proxy, &server);
}

/// A refused tunnel: an error naming the proxy (password hidden) and its status, not retried.
fn assert_refused<E: std::fmt::Debug>(result: Result<E, Error<mpa::operation::list_sessions::ListSessionsError>>, proxy: &Proxy) {
    let Err(Error::Transport(error)) = result else { panic!("expected a transport error, got {result:?}") };
    let message = error.to_string();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{message}");
    assert!(message.contains(&proxy.url_with("alice:***")) && message.contains("407"), "{message}");
    assert_hidden(&format!("{message} {error:?}"));
    assert_eq!(proxy.seen().len(), 1, "not retried");
}

#[test]
fn blocking_client_reports_a_refused_tunnel() {
    let pki = pki("proxy-refused-blocking");
    let (server, url, _) = https_server(&pki, vec![]);
    let proxy = Proxy::requiring("Basic c29tZW9uZTplbHNl");
    let ca = pki.ca_pem_file.to_str().unwrap();
    let client = mpa::blocking::Client::builder()
        .env(env(&url, &[("AWS_CA_BUNDLE", ca), ("HTTPS_PROXY", &proxy.url_with("alice:s%3Acret"))]))
        .build()
        .unwrap();
    assert_refused(client.list_sessions().from_input(input()).send(), &proxy);
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn async_client_reports_a_refused_tunnel() {
    let pki = pki("proxy-refused-async");
    let (server, url, _) = https_server(&pki, vec![]);
    let proxy = Proxy::requiring("Basic c29tZW9uZTplbHNl");
    let ca = pki.ca_pem_file.to_str().unwrap();
    let client = mpa::Client::builder()
        .env(env(&url, &[("AWS_CA_BUNDLE", ca), ("HTTPS_PROXY", &proxy.url_with("alice:s%3Acret"))]))
        .build()
        .unwrap();
    assert_refused(client.list_sessions().from_input(input()).send().await, &proxy);
    assert_eq!(server.connections(), 0);
}

#[test]
fn unsupported_or_broken_proxy_urls_are_configuration_errors() {
    let socks = mpa::blocking::Client::builder().env(env("http://127.0.0.1:1", &[("HTTPS_PROXY", "socks5://127.0.0.1:1080")])).build();
    let message = socks.unwrap_err().to_string();
    assert!(message.contains("HTTPS_PROXY") && message.contains("only http:// proxies"), "{message}");
    let broken = mpa::Client::builder().env(env("http://127.0.0.1:1", &[("http_proxy", "http://alice:s%3Acret@")])).build();
    let message = broken.unwrap_err().to_string();
    assert!(message.contains("http_proxy"), "{message}");
    assert_hidden(&message);
    let config = mpa::client::Config::builder().env(env("http://127.0.0.1:1", &[])).proxy_url("socks5h://proxy").build();
    assert!(config.unwrap_err().to_string().contains("the client builder"));
}
