//! Beyond the suite (which checks the request an operation builds): the blocking client
//! sends an operation with `@endpoint(hostPrefix: "foo.{label}.")` to the prefixed host of
//! the endpoint, and signs it for that host.

use restjson::client::{BlockingTransport, Credentials, Env, TransportError};
use restjson::operation::endpoint_with_host_label_operation::EndpointWithHostLabelOperationInput;
use std::sync::{Arc, Mutex};

/// Answers every request with an empty JSON object and keeps its URI and `authorization`.
#[derive(Debug, Clone, Default)]
struct Recorder(Arc<Mutex<Vec<(String, String)>>>);

impl BlockingTransport for Recorder {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let authorization = request.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        self.0.lock().unwrap().push((request.uri().to_string(), authorization));
        Ok(http::Response::builder().status(200).body(b"{}".to_vec()).unwrap())
    }
}

fn client(recorder: &Recorder) -> restjson::blocking::Client {
    restjson::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region("us-west-2")
        .credentials(Credentials::new("AKIDPREFIX", "prefix/secret", None))
        .endpoint_url("https://example.com:8443")
        .transport(recorder.clone())
        .build()
        .expect("client")
}

#[test]
fn the_host_prefix_with_its_label_goes_before_the_endpoint_host() {
    let recorder = Recorder::default();
    let input = EndpointWithHostLabelOperationInput::builder().label("bar").build();
    client(&recorder).endpoint_with_host_label_operation().from_input(input).send().expect("call");
    let sent = recorder.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "https://foo.bar.example.com:8443/EndpointWithHostLabelOperation");
    assert!(sent[0].1.starts_with("AWS4-HMAC-SHA256 Credential=AKIDPREFIX/"), "{}", sent[0].1);
}

#[test]
fn a_constant_host_prefix_goes_before_the_endpoint_host() {
    let recorder = Recorder::default();
    client(&recorder).endpoint_operation().send().expect("call");
    let sent = recorder.0.lock().unwrap().clone();
    assert_eq!(sent[0].0, "https://foo.example.com:8443/EndpointOperation");
}

#[test]
fn an_invalid_host_label_is_refused_before_anything_is_sent() {
    let recorder = Recorder::default();
    let input = EndpointWithHostLabelOperationInput::builder().label("not a label").build();
    let error = client(&recorder).endpoint_with_host_label_operation().from_input(input).send().unwrap_err();
    assert!(error.to_string().contains("label"), "{error}");
    assert!(recorder.0.lock().unwrap().is_empty());
}
