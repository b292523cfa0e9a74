//! A Smithy RPC v2 CBOR service through the generated clients, against the loopback server:
//! the crate generated from the Marketplace Entitlement Service model (which offers CBOR
//! beside awsJson1_1, and so speaks CBOR). Each request is `POST
//! /service/{service}/operation/{operation}` with `smithy-protocol: rpc-v2-cbor`, signed
//! (checked by an independent signer), with the whole input as a CBOR map; outputs are read
//! from CBOR, errors are found by the body's `__type`, throttling is retried. Configuration
//! is explicit (an empty environment).

use golden_entitlement_cbor::client::{Credentials, Env, Error};
use golden_entitlement_cbor::operation::get_entitlements::GetEntitlementsError;
use golden_entitlement_cbor::types::GetEntitlementFilterName;
use mpa_tests::loopback::{Keys, Recorded, Reply, Server};
use smithy_rt::rt::cbor::{Decoder, Encoder};
use std::collections::BTreeMap;
use std::time::Duration;

const PATH: &str = "/service/AWSMPEntitlementService/operation/GetEntitlements";

fn keys() -> Keys {
    Keys { service: "aws-marketplace".into(), ..Keys::test() }
}

fn blocking(server: &Server) -> golden_entitlement_cbor::blocking::Client {
    let keys = keys();
    golden_entitlement_cbor::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("blocking client")
}

fn async_client(server: &Server) -> golden_entitlement_cbor::Client {
    let keys = keys();
    golden_entitlement_cbor::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("async client")
}

/// A reply as an RPC v2 CBOR service sends it.
fn reply(status: u16, body: Encoder) -> Reply {
    let headers = vec![
        ("content-type".to_owned(), "application/cbor".to_owned()),
        ("smithy-protocol".to_owned(), "rpc-v2-cbor".to_owned()),
        ("x-amzn-requestid".to_owned(), format!("req-{status}")),
    ];
    Reply::RespondBytes { status, headers, body: body.into_bytes() }
}

/// A page of one entitlement (with a nested structure and a timestamp), and its token.
fn page(customer: &str, next_token: Option<&str>) -> Encoder {
    let mut e = Encoder::new();
    e.map(if next_token.is_some() { 2 } else { 1 });
    e.str("Entitlements").array(1);
    // Indefinite lengths, as a service may send them.
    e.begin_map();
    e.str("ProductCode").str("prod-1");
    e.str("CustomerIdentifier").str(customer);
    e.str("Value").map(1).str("IntegerValue").i64(5);
    e.str("ExpirationDate").tag(1).f64(1_772_705_730.5);
    e.str("SomethingNew").array(2).bool(true).null();
    e.end();
    if let Some(token) = next_token {
        e.str("NextToken").str(token);
    }
    e
}

/// Checks the framing every request shares, and returns the top-level text entries of its
/// body and the keys of its `Filter` map (each with its text values).
fn framed(request: &Recorded) -> (BTreeMap<String, String>, BTreeMap<String, Vec<String>>) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, PATH);
    assert_eq!(request.header("smithy-protocol"), Some("rpc-v2-cbor"));
    assert_eq!(request.header("content-type"), Some("application/cbor"));
    assert_eq!(request.header("accept"), Some("application/cbor"));
    assert_eq!(request.header("x-amz-target"), None);
    assert_eq!(request.signature, Ok(()), "the independent signer accepts the signature");
    let mut d = Decoder::new(&request.body);
    let mut text = BTreeMap::new();
    let mut filter = BTreeMap::new();
    d.begin_map().expect("the body is a CBOR map");
    while let Some(key) = d.next_key().expect("a key") {
        let key = key.into_owned();
        if key == "Filter" {
            d.begin_map().expect("the filter is a map");
            while let Some(name) = d.next_key().expect("a filter name") {
                let name = name.into_owned();
                let mut values = Vec::new();
                d.begin_array().expect("a list of values");
                while d.has_next().expect("more values") {
                    values.push(d.str().expect("a text value").into_owned());
                }
                filter.insert(name, values);
            }
        } else if key == "MaxResults" {
            text.insert(key, d.i64().expect("an integer").to_string());
        } else {
            text.insert(key, d.str().expect("a text value").into_owned());
        }
    }
    d.finish().expect("one item");
    (text, filter)
}

#[test]
fn get_entitlements_sends_a_cbor_map_and_reads_the_page() {
    let server = Server::start(vec![reply(200, page("cust-1", Some("t2")))], keys());
    let output = blocking(&server)
        .get_entitlements()
        .product_code("prod-1")
        .filter(GetEntitlementFilterName::CustomerIdentifier.as_str(), vec!["cust-1".to_owned()])
        .max_results(10)
        .send()
        .expect("GetEntitlements succeeds");
    assert_eq!(output.request_id(), Some("req-200"));
    assert_eq!(output.next_token(), Some("t2"));
    let [entitlement] = output.entitlements() else { panic!("one entitlement: {output:?}") };
    assert_eq!(entitlement.customer_identifier(), Some("cust-1"));
    assert_eq!(entitlement.value().and_then(|v| v.integer_value()), Some(5));
    let expires = entitlement.expiration_date().expect("an expiration date");
    assert_eq!((expires.unix_timestamp(), expires.millisecond()), (1_772_705_730, 500));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let (text, filter) = framed(&requests[0]);
    let expected: BTreeMap<String, String> =
        [("ProductCode", "prod-1"), ("MaxResults", "10")].into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    assert_eq!(text, expected);
    assert_eq!(filter, BTreeMap::from([("CUSTOMER_IDENTIFIER".to_owned(), vec!["cust-1".to_owned()])]));
}

#[test]
fn errors_are_found_by_type_and_throttling_is_retried() {
    let error = |ty: &str, message: &str| {
        let mut e = Encoder::new();
        e.map(2).str("__type").str(ty).str("message").str(message);
        e
    };
    let throttled = error("com.amazonaws.marketplaceentitlementservice#ThrottlingException", "slow down");
    let invalid = error("com.amazonaws.marketplaceentitlementservice#InvalidParameterException", "bad filter");
    let server = Server::start(vec![reply(400, throttled), reply(400, invalid)], keys());
    let result = blocking(&server).get_entitlements().product_code("prod-1").send();
    match result {
        Err(Error::Service(GetEntitlementsError::InvalidParameterException(e))) => {
            assert_eq!(e.message(), Some("bad filter"));
            assert_eq!(e.request_id(), Some("req-400"));
        }
        other => panic!("expected InvalidParameterException, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "the throttled attempt is retried once, the invalid parameter is not");
    assert_eq!(framed(&requests[0]), framed(&requests[1]));
}

#[test]
fn a_body_that_is_not_cbor_is_an_invalid_response_naming_the_problem() {
    let headers = vec![("content-type".to_owned(), "application/cbor".to_owned())];
    let server = Server::start(vec![Reply::RespondBytes { status: 200, headers, body: b"{\"Entitlements\":[]}".to_vec() }], keys());
    match blocking(&server).get_entitlements().product_code("prod-1").send() {
        Err(Error::Service(GetEntitlementsError::InvalidResponse(e))) => {
            assert!(e.json_error().is_none());
            let cbor = e.cbor_error().expect("a CBOR error");
            assert!(cbor.to_string().contains("expected map"), "{cbor}");
        }
        other => panic!("expected InvalidResponse, got {other:?}"),
    }
}

#[test]
fn pages_follow_their_token_on_the_async_client() {
    let pages = vec![reply(200, page("cust-1", Some("t2"))), reply(200, page("cust-2", None))];
    let server = Server::start(pages, keys());
    let client = async_client(&server);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let customers = runtime.block_on(async {
        let mut customers = Vec::new();
        let mut token: Option<String> = None;
        // Bounded: the script has two pages.
        for _ in 0..2 {
            let output = client
                .get_entitlements()
                .product_code("prod-1")
                .set_next_token(token.clone())
                .send()
                .await
                .expect("GetEntitlements succeeds");
            customers.extend(output.entitlements().iter().filter_map(|e| e.customer_identifier().map(str::to_owned)));
            token = output.next_token().map(str::to_owned);
            if token.is_none() {
                break;
            }
        }
        customers
    });
    assert_eq!(customers, ["cust-1", "cust-2"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(framed(&requests[0]).0.get("NextToken"), None);
    assert_eq!(framed(&requests[1]).0.get("NextToken").map(String::as_str), Some("t2"));
}
