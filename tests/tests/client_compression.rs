//! Request compression as the clients configure it: `AWS_DISABLE_REQUEST_COMPRESSION` and
//! `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` (or their profile keys), and the builder's
//! `serialize_options`, which wins over both. Through the golden crate of
//! `tests/fixtures/models/checksums.json`, whose `PutNote` allows gzip. Every case names its
//! whole environment; requests go to an in-memory transport that keeps them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use golden_checksums::SerializeOptions;
use golden_checksums::blocking::Client;
use golden_checksums::client::{BlockingTransport, Credentials, Env, TransportError};
use golden_checksums::http;
use golden_checksums::operation::put_note::PutNoteInput;

/// Keeps each request it is given and answers `200 {}`.
#[derive(Debug, Clone, Default)]
struct Keep(Arc<Mutex<Vec<http::Request<Vec<u8>>>>>);

impl BlockingTransport for Keep {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.0.lock().unwrap().push(request);
        Ok(http::Response::builder().status(200).body(b"{}".to_vec()).unwrap())
    }
}

fn client(env: &[(&str, &str)], options: Option<SerializeOptions>, transport: &Keep) -> Result<Client, String> {
    let mut builder = Client::builder()
        .env(Env::from_pairs(env.iter().copied()))
        .region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .transport(transport.clone());
    if let Some(options) = options {
        builder = builder.serialize_options(options);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Sends a note of `len` characters; true when its body went gzipped.
fn sends_gzipped(env: &[(&str, &str)], options: Option<SerializeOptions>, len: usize) -> bool {
    let transport = Keep::default();
    let client = client(env, options, &transport).expect("client");
    let input = PutNoteInput::builder().text("n".repeat(len)).build();
    client.put_note().from_input(input).send().expect("call");
    let sent = transport.0.lock().unwrap();
    assert_eq!(sent.len(), 1);
    let encoding = sent[0].headers().get("content-encoding").map(|v| v.to_str().unwrap().to_owned());
    let gzipped = encoding.as_deref() == Some("gzip");
    // The body is what the header says: gzip's magic bytes, or the JSON itself.
    assert_eq!(sent[0].body().starts_with(&[0x1f, 0x8b]), gzipped, "{encoding:?}");
    gzipped
}

fn temp_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("mpa-compression-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn by_default_bodies_from_10_kib_are_gzipped() {
    assert!(!sends_gzipped(&[], None, 100));
    assert!(sends_gzipped(&[], None, 20_000));
}

#[test]
fn the_environment_turns_compression_off_or_lowers_its_threshold() {
    assert!(!sends_gzipped(&[("AWS_DISABLE_REQUEST_COMPRESSION", "true")], None, 20_000));
    assert!(sends_gzipped(&[("AWS_DISABLE_REQUEST_COMPRESSION", "false")], None, 20_000));
    assert!(sends_gzipped(&[("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "16")], None, 100));
    let both = [("AWS_DISABLE_REQUEST_COMPRESSION", "TRUE"), ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "16")];
    assert!(!sends_gzipped(&both, None, 100));
}

#[test]
fn the_profile_says_the_same_and_the_environment_wins() {
    let dir = temp_dir();
    let config = dir.join("config");
    std::fs::write(&config, "[default]\ndisable_request_compression = true\n\n[profile small]\nrequest_min_compression_size_bytes = 16\n").unwrap();
    let credentials = dir.join("credentials");
    let files = [("AWS_CONFIG_FILE", config.to_str().unwrap()), ("AWS_SHARED_CREDENTIALS_FILE", credentials.to_str().unwrap())];
    assert!(!sends_gzipped(&files, None, 20_000));
    assert!(sends_gzipped(&[files[0], files[1], ("AWS_DISABLE_REQUEST_COMPRESSION", "false")], None, 20_000));
    assert!(sends_gzipped(&[files[0], files[1], ("AWS_PROFILE", "small")], None, 100));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_builders_options_win_over_the_environment() {
    let env = [("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "16")];
    let off = SerializeOptions::default().request_compression(false);
    assert!(!sends_gzipped(&env, Some(off), 20_000));
    let low = SerializeOptions::default().min_compression_size(16);
    assert!(sends_gzipped(&[("AWS_DISABLE_REQUEST_COMPRESSION", "true")], Some(low), 100));
}

#[test]
fn bad_values_are_refused_naming_the_setting() {
    for (name, value) in [
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761"),
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "-1"),
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "ten"),
        ("AWS_DISABLE_REQUEST_COMPRESSION", "maybe"),
    ] {
        let error = client(&[(name, value)], None, &Keep::default()).expect_err(value);
        assert!(error.contains(name) && error.contains(value), "{error}");
    }
    // From the profile, the error names the profile's key.
    let dir = temp_dir();
    let config = dir.join("config");
    std::fs::write(&config, "[default]\nrequest_min_compression_size_bytes = 20000000\n").unwrap();
    let error = client(&[("AWS_CONFIG_FILE", config.to_str().unwrap())], None, &Keep::default()).expect_err("too large");
    assert!(error.contains("request_min_compression_size_bytes") && error.contains("20000000"), "{error}");
    std::fs::remove_dir_all(dir).unwrap();
    // The largest allowed threshold is taken.
    assert!(client(&[("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485760")], None, &Keep::default()).is_ok());
}
