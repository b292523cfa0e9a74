//! Event stream signing, checked against aws-sigv4's: the same chain of signatures and the
//! same envelope bytes for a sequence of messages, at fixed times and keys.

use aws_smithy_runtime_api::client::identity::Identity;
use smithy_rt::client::Credentials;
use smithy_rt::eventstream::{EventSigner, HeaderValue, Message, seed_signature};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SEED: &str = "e1d8e8c8815e60969f2a34765c9a15945ffc0badbaa4b7e3b163ea19131e949b";

/// 2015-08-30T12:36:00Z plus `millis`.
fn at(millis: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_440_938_160) + Duration::from_millis(millis)
}

fn their_frame(message: &aws_smithy_types::event_stream::Message) -> Vec<u8> {
    let mut out = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(message, &mut out).unwrap();
    out
}

/// What aws-sigv4 makes of `frames` (`None`: the final empty frame) signed one after the
/// other from `seed`: each envelope's frame and the signature.
fn their_chain(frames: &[(Option<&Message>, SystemTime)], region: &str, service: &str) -> Vec<(Vec<u8>, String)> {
    let identity: Identity = aws_credential_types::Credentials::new(ACCESS_KEY, SECRET, None, None, "test").into();
    let mut last = SEED.to_owned();
    let mut out = Vec::new();
    for (message, time) in frames {
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(service)
            .time(*time)
            .settings(())
            .build()
            .unwrap();
        let signed = match message {
            Some(message) => {
                // Their message from our frame, through their decoder.
                let theirs = aws_smithy_eventstream::frame::read_message_from(&message.to_frame().unwrap()[..]).unwrap();
                aws_sigv4::event_stream::sign_message(&theirs, &last, &params)
            }
            None => aws_sigv4::event_stream::sign_empty_message(&last, &params),
        };
        let (envelope, signature) = signed.unwrap().into_parts();
        out.push((their_frame(&envelope), signature.clone()));
        last = signature;
    }
    out
}

fn our_chain(frames: &[(Option<&Message>, SystemTime)], region: &str, service: &str) -> Vec<(Vec<u8>, String)> {
    let credentials = Credentials::new(ACCESS_KEY, SECRET, None);
    let mut signer = EventSigner::new(credentials, region, service, SEED).unwrap();
    frames
        .iter()
        .map(|(message, time)| {
            let time = time::OffsetDateTime::from(*time);
            let envelope = match message {
                Some(message) => signer.sign(message, time).unwrap(),
                None => signer.sign_end(time),
            };
            (envelope.to_frame().unwrap(), signer.last_signature().to_owned())
        })
        .collect()
}

fn event(payload: &str, kind: &str) -> Message {
    Message::new(payload.as_bytes())
        .with_header(":message-type", HeaderValue::String("event".into()))
        .with_header(":event-type", HeaderValue::String(kind.into()))
        .with_header(":content-type", HeaderValue::String("application/json".into()))
}

#[test]
fn a_chain_of_envelopes_matches_aws_sigv4() {
    let audio = Message::new(vec![0u8; 3200]).with_header(":event-type", HeaderValue::String("AudioEvent".into()));
    let first = event(r#"{"text":"hello"}"#, "chunk");
    let second = event(r#"{"text":"world"}"#, "chunk");
    let empty = Message::default();
    // Times with milliseconds, which the signature drops, and one a day later (another
    // signing key, from the same signer).
    let frames = [
        (Some(&first), at(0)),
        (Some(&audio), at(999)),
        (Some(&second), at(1_500)),
        (Some(&empty), at(86_400_000)),
        (None, at(86_401_250)),
    ];
    for (region, service) in [("us-east-1", "transcribe"), ("eu-west-3", "bedrock")] {
        let ours = our_chain(&frames, region, service);
        let theirs = their_chain(&frames, region, service);
        assert_eq!(ours.len(), 5);
        for (i, (ours, theirs)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(ours.1, theirs.1, "signature {i} in {region}/{service}");
            assert_eq!(ours.0, theirs.0, "envelope {i} in {region}/{service}");
        }
        // Each signature depends on the ones before: no two are alike.
        let mut signatures: Vec<&String> = ours.iter().map(|(_, s)| s).collect();
        signatures.sort();
        signatures.dedup();
        assert_eq!(signatures.len(), 5);
    }
}

#[test]
fn an_envelope_carries_the_date_the_signature_and_the_message() {
    let message = event("{}", "chunk");
    let mut signer = EventSigner::new(Credentials::new(ACCESS_KEY, SECRET, None), "us-east-1", "svc", SEED).unwrap();
    let envelope = signer.sign(&message, time::OffsetDateTime::from(at(250))).unwrap();
    assert_eq!(envelope.header(":date"), Some(&HeaderValue::Timestamp(1_440_938_160_000)));
    let Some(HeaderValue::Bytes(signature)) = envelope.header(":chunk-signature") else {
        panic!("no :chunk-signature in {envelope:?}")
    };
    assert_eq!(signature.len(), 32);
    let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, signer.last_signature());
    assert_eq!(envelope.payload, message.to_frame().unwrap());
    assert!(!format!("{signer:?}").contains(SECRET));

    let end = signer.sign_end(time::OffsetDateTime::from(at(1_000)));
    assert!(end.payload.is_empty());
    assert_eq!(end.headers.len(), 2);
}

#[test]
fn a_message_too_large_to_wrap_is_refused_and_the_chain_kept() {
    let mut signer = EventSigner::new(Credentials::new(ACCESS_KEY, SECRET, None), "us-east-1", "svc", SEED).unwrap();
    let payload_len = smithy_rt::eventstream::MAX_PAYLOAD_LEN;
    let result = signer.sign(&Message::new(vec![0; payload_len]), time::OffsetDateTime::from(at(0)));
    assert_eq!(
        result,
        Err(smithy_rt::eventstream::EventSigningError::Encode(smithy_rt::eventstream::EncodeError::PayloadTooLong {
            len: payload_len + 16
        }))
    );
    assert_eq!(signer.last_signature(), SEED);
}

#[test]
fn the_seed_is_the_signature_of_the_opening_request() {
    let mut request = http::Request::builder()
        .method("POST")
        .uri("https://transcribestreaming.us-east-1.amazonaws.com/stream-transcription")
        .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-EVENTS")
        .body(Vec::new())
        .unwrap();
    let params = smithy_rt::client::sigv4::SigningParams {
        service: "transcribe",
        region: "us-east-1",
        time: time::OffsetDateTime::from(at(0)),
    };
    smithy_rt::client::sigv4::sign(&mut request, &Credentials::new(ACCESS_KEY, SECRET, None), &params).unwrap();
    let authorization = request.headers()["authorization"].to_str().unwrap();
    let seed = seed_signature(request.headers()).unwrap();
    assert_eq!(seed.len(), 64);
    assert!(authorization.ends_with(&format!(", Signature={seed}")));
    assert_eq!(seed_signature(&http::HeaderMap::new()), None);
}
