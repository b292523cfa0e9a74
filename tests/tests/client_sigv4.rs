//! The SigV4 signer: the published test suite's facts, and agreement with an independent
//! signer (`aws-sigv4`) on many random requests.

use mpa::client::Credentials;
use mpa::client::sigv4::{SigningParams, canonical_path, canonical_query, canonical_request, sign};
use mpa::http;
use mpa_tests::loopback::{Keys, Recorded, verify};
use proptest::prelude::*;

/// The AWS SigV4 test suite's credentials and time.
fn suite_credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)
}

fn suite_params() -> SigningParams<'static> {
    SigningParams {
        service: "service",
        region: "us-east-1",
        time: time::macros::datetime!(2015-08-30 12:36:00 UTC),
    }
}

fn signed(method: &str, uri: &str, body: &str) -> http::Request<Vec<u8>> {
    let mut request = http::Request::builder().method(method).uri(uri).body(body.as_bytes().to_vec()).unwrap();
    sign(&mut request, &suite_credentials(), &suite_params()).unwrap();
    request
}

fn signature(request: &http::Request<Vec<u8>>) -> String {
    let authorization = request.headers()["authorization"].to_str().unwrap();
    authorization.split("Signature=").nth(1).unwrap().to_owned()
}

#[test]
fn get_vanilla() {
    let request = signed("GET", "https://example.amazonaws.com/", "");
    assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
    assert_eq!(
        canonical_request(&request).unwrap().text,
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\
         e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        request.headers()["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
}

#[test]
fn get_vanilla_query_order_key_case() {
    let request = signed("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", "");
    assert_eq!(signature(&request), "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

#[test]
fn post_vanilla() {
    let request = signed("POST", "https://example.amazonaws.com/", "");
    assert_eq!(signature(&request), "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

#[test]
fn canonical_parts() {
    // Non-S3 services: the path as sent is encoded once more.
    assert_eq!(canonical_path("/approval-teams/arn%3Aaws%3Ampa/sessions/"), "/approval-teams/arn%253Aaws%253Ampa/sessions/");
    assert_eq!(canonical_path(""), "/");
    // A bare key gets an empty value; pairs are sorted; values are encoded the strict way.
    assert_eq!(canonical_query("List"), "List=");
    assert_eq!(canonical_query("b=2&a=x%20y&a=1"), "a=1&a=x%20y&b=2");
    assert_eq!(canonical_query("k=a+b&k2=%7e"), "k=a%2Bb&k2=~");
}

#[test]
fn host_keeps_a_non_default_port_and_values_are_trimmed() {
    let mut request = http::Request::post("http://127.0.0.1:8123/x").header("x-amz-meta", "  a   b  ").body(Vec::new()).unwrap();
    sign(&mut request, &suite_credentials(), &suite_params()).unwrap();
    let canonical = canonical_request(&request).unwrap().text;
    assert!(canonical.contains("\nhost:127.0.0.1:8123\n"), "{canonical}");
    assert!(canonical.contains("\nx-amz-meta:a b\n"), "{canonical}");
    let mut default_port = http::Request::get("https://example.com:443/").body(Vec::new()).unwrap();
    sign(&mut default_port, &suite_credentials(), &suite_params()).unwrap();
    assert!(canonical_request(&default_port).unwrap().text.contains("\nhost:example.com\n"));
}

#[test]
fn signing_again_replaces_the_signature_headers() {
    let credentials = Credentials::new("AKID", "secret", Some("token".into()));
    let mut request = http::Request::get("https://example.com/").body(Vec::new()).unwrap();
    sign(&mut request, &credentials, &suite_params()).unwrap();
    sign(&mut request, &credentials, &suite_params()).unwrap();
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    assert_eq!(request.headers().get_all("x-amz-security-token").iter().count(), 1);
    assert_eq!(request.headers().get_all("x-amz-date").iter().count(), 1);
}

#[test]
fn credentials_debug_hides_the_secrets() {
    let credentials = Credentials::new("AKIDVISIBLE", "very-secret-key", Some("very-secret-token".into()));
    let shown = format!("{credentials:?}");
    assert!(shown.contains("AKIDVISIBLE"), "{shown}");
    assert!(!shown.contains("very-secret"), "{shown}");
}

/// Path segments, query keys and values, header values: printable ASCII and some UTF-8.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ -~é日]{0,12}").unwrap()
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn agrees_with_an_independent_signer(
        method in prop::sample::select(vec!["GET", "POST", "PUT", "DELETE"]),
        segments in prop::collection::vec("[a-zA-Z0-9:/ +%é]{1,10}", 0..4),
        query in prop::collection::vec((text(), prop::option::of(text())), 0..4),
        header in "[ -~]{0,12}",
        body in prop::collection::vec(any::<u8>(), 0..64),
        token in prop::option::of("[A-Za-z0-9+/=]{8,40}"),
        port in prop::option::of(1024u16..65535),
    ) {
        let mut target: String = segments.iter().map(|s| format!("/{}", encode(s))).collect();
        if target.is_empty() {
            target.push('/');
        }
        let pairs: Vec<String> = query
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, v)| match v {
                Some(v) => format!("{}={}", encode(k), encode(v)),
                None => encode(k),
            })
            .collect();
        if !pairs.is_empty() {
            target = format!("{target}?{}", pairs.join("&"));
        }
        let host = match port { Some(p) => format!("127.0.0.1:{p}"), None => "example.com".into() };
        let keys = Keys { session_token: token.clone(), ..Keys::test() };
        let credentials = Credentials::new(&keys.access_key_id, &keys.secret_access_key, token);
        let header = header.trim().to_owned();
        let mut request = http::Request::builder()
            .method(method)
            .uri(format!("http://{host}{target}"))
            .header("content-type", "application/json")
            .header("x-amz-user-value", header.as_str())
            .body(body.clone())
            .unwrap();
        let params = SigningParams { service: "mpa", region: "us-east-1", time: time::OffsetDateTime::now_utc() };
        sign(&mut request, &credentials, &params).unwrap();
        let mut headers: Vec<(String, String)> = vec![("host".into(), host)];
        headers.extend(request.headers().iter().map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())));
        let recorded = Recorded { method: method.to_owned(), target, headers, body, connection: 0, signature: Err(String::new()) };
        prop_assert_eq!(verify(&recorded, &keys), Ok(()));
    }
}
