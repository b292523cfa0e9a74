//! Idempotency tokens inside nested structures (in a structure, a list, a map, a union, a
//! structure within those, an `@httpPayload` structure) come from the generator that
//! `SerializeOptions::idempotency_token` sets, like the tokens of an input's own members.
//! Through the `golden-tokens` crate, generated from `tests/fixtures/models/tokens.json`,
//! whose tokens are all nested.

use golden_tokens::operation::put_job_spec::{PutJobSpec, PutJobSpecInput};
use golden_tokens::operation::start_jobs::{StartJobs, StartJobsInput};
use golden_tokens::types::{Job, JobChoice, Receipt, Retry};
use golden_tokens::{Operation, SerializeOptions};
use serde_json::Value;

fn fixed() -> String {
    "fixed-token".to_owned()
}

fn body(request: &golden_tokens::http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).expect("a JSON body")
}

fn input() -> StartJobsInput {
    let unset = || Job::builder().name("unset").retry(Retry::builder().attempts(2).build()).build();
    let set = Job::builder().name("set").client_token("mine").retry(Retry::builder().retry_token("my-retry").build()).build();
    StartJobsInput::builder()
        .job(unset())
        .batch(unset())
        .batch(set)
        .by_name("a", unset())
        .choice(JobChoice::Job(unset()))
        .receipt(Receipt::builder().token("receipt").build())
        .build()
}

#[test]
fn a_custom_generator_fills_every_nested_token() {
    let request = StartJobs::serialize_request_with(&input(), SerializeOptions::default().idempotency_token(fixed)).expect("serialize");
    let body = body(&request);
    let unset_jobs = [&body["Job"], &body["Batch"][0], &body["ByName"]["a"], &body["Choice"]["Job"]];
    for job in unset_jobs {
        assert_eq!(job["ClientToken"], "fixed-token", "{job}");
        assert_eq!(job["Retry"]["RetryToken"], "fixed-token", "{job}");
    }
    // Tokens the caller set are sent as they are.
    assert_eq!(body["Batch"][1]["ClientToken"], "mine");
    assert_eq!(body["Batch"][1]["Retry"]["RetryToken"], "my-retry");
    assert_eq!(body["Receipt"]["Token"], "receipt");
}

#[test]
fn the_default_generator_gives_fresh_uuids() {
    let request = StartJobs::serialize_request(&input()).expect("serialize");
    let body = body(&request);
    let tokens: Vec<&str> = [&body["Job"], &body["Batch"][0], &body["ByName"]["a"], &body["Choice"]["Job"]]
        .iter()
        .flat_map(|job| [job["ClientToken"].as_str(), job["Retry"]["RetryToken"].as_str()])
        .map(|token| token.expect("a token"))
        .collect();
    for token in &tokens {
        assert_eq!(token.len(), 36, "{token}");
        assert_eq!(token.chars().filter(|c| *c == '-').count(), 4, "{token}");
    }
    let distinct: std::collections::BTreeSet<&&str> = tokens.iter().collect();
    assert_eq!(distinct.len(), tokens.len(), "{tokens:?}");
}

#[test]
fn a_payload_structure_takes_its_token_from_the_options_too() {
    let input = PutJobSpecInput::builder().name("n").spec(Job::builder().name("payload").build()).build();
    let request = PutJobSpec::serialize_request_with(&input, SerializeOptions::default().idempotency_token(fixed)).expect("serialize");
    assert_eq!(body(&request)["ClientToken"], "fixed-token");
    // An unset payload structure is sent as `{}`: no structure, no token.
    let request = PutJobSpec::serialize_request(&PutJobSpecInput::builder().name("n").build()).expect("serialize");
    assert_eq!(request.body().as_slice(), b"{}");
}
