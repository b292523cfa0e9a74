//! One awsJson1_0 call, DynamoDB's `Query`: the generated crate (`golden-dynamodb`) and
//! aws-sdk-dynamodb on the same page of items, and a check that both read the same values.

use bytes::Bytes;
use golden_dynamodb::Operation as _;
use golden_dynamodb::operation::query::{Query, QueryInput, QueryOutput};
use golden_dynamodb::types::AttributeValue;
use std::fmt::Write as _;
use std::hint::black_box;

const TABLE: &str = "Orders";
const KEY_CONDITION: &str = "pk = :pk";
const PARTITION: &str = "customer#0042";
const REQUEST_ID: &str = "KBQ0J4VQ6D3OU0SH8F1B8N2V9RVV4KQNSO5AEMVJF66Q9ASUAAJG";
const ENDPOINT: &str = "https://dynamodb.us-east-1.amazonaws.com";

/// A `Query` response body of `items` items, compact JSON as the service sends it. Each item
/// holds strings, numbers, a boolean, a nested map (an address) and a list (tags: strings and
/// numbers), the attribute values DynamoDB items are made of.
pub fn query_page(items: usize) -> Vec<u8> {
    let mut out = String::from("{\"Items\":[");
    for i in 0..items {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"pk\":{{\"S\":\"{PARTITION}\"}},\"sk\":{{\"S\":\"order#2026-03-{:02}#{i:05}\"}},\
             \"status\":{{\"S\":\"{}\"}},\"total\":{{\"N\":\"{}.{:02}\"}},\"quantity\":{{\"N\":\"{}\"}},\
             \"gift\":{{\"BOOL\":{}}},\"address\":{{\"M\":{{\"street\":{{\"S\":\"{} Market Street\"}},\
             \"city\":{{\"S\":\"Springfield\"}},\"zip\":{{\"S\":\"{:05}\"}},\"floor\":{{\"N\":\"{}\"}}}}}},\
             \"tags\":{{\"L\":[{{\"S\":\"priority\"}},{{\"S\":\"batch-{}\"}},{{\"N\":\"{}\"}}]}}}}",
            i % 28 + 1,
            ["PENDING", "SHIPPED", "DELIVERED"][i % 3],
            10 + i * 7 % 990,
            i * 13 % 100,
            i % 9 + 1,
            i % 2 == 0,
            100 + i,
            10_000 + i * 37 % 90_000,
            i % 12,
            i % 7,
            i * 3,
        );
    }
    let _ = write!(
        out,
        "],\"Count\":{items},\"ScannedCount\":{items},\"LastEvaluatedKey\":{{\"pk\":{{\"S\":\"{PARTITION}\"}},\
         \"sk\":{{\"S\":\"order#2026-03-28#{items:05}\"}}}}}}"
    );
    out.into_bytes()
}

/// The reply the in-memory transport gives, built per call for both clients alike.
pub fn reply(body: Bytes) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amzn-requestid", REQUEST_ID)
        .body(body)
        .expect("a valid response")
}

fn input() -> QueryInput {
    QueryInput::builder()
        .table_name(TABLE)
        .key_condition_expression(KEY_CONDITION)
        .expression_attribute_values(":pk", AttributeValue::S(PARTITION.into()))
        .limit(100)
        .build()
}

/// The generated crate: build the input, serialize the request, (transport), parse the reply.
pub fn ours_call(body: &Bytes) -> QueryOutput {
    let request = Query::serialize_request(&input()).expect("request");
    black_box(&request);
    Query::parse_response(&reply(body.clone())).expect("response")
}

/// The generated crate, request only.
pub fn ours_serialize() -> http::Request<Vec<u8>> {
    Query::serialize_request(&input()).expect("request")
}

/// The generated crate, response only (the response is already built).
pub fn ours_parse(response: &http::Response<Bytes>) -> QueryOutput {
    Query::parse_response(response).expect("response")
}

/// Returns the page for every request, like the SDK's in-memory HTTP client.
#[derive(Debug)]
struct InMemory(Bytes);

impl golden_dynamodb::client::BlockingTransport for InMemory {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, golden_dynamodb::client::TransportError> {
        black_box(&request);
        Ok(reply(self.0.clone()).map(|body| body.to_vec()))
    }
}

/// The generated crate's blocking client with an in-memory transport: build the input,
/// serialize, resolve the endpoint, sign (SigV4, static credentials), send, parse.
pub struct OursSigned {
    client: golden_dynamodb::blocking::Client,
}

impl OursSigned {
    pub fn new(body: Bytes) -> Self {
        use golden_dynamodb::client::{Credentials, Env};
        let client = golden_dynamodb::blocking::Client::builder()
            .env(Env::from_pairs::<&str, &str>([]))
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
            .endpoint_url(ENDPOINT)
            .transport(InMemory(body))
            .build()
            .expect("client");
        OursSigned { client }
    }

    pub fn call(&self) -> QueryOutput {
        self.client
            .query()
            .table_name(TABLE)
            .key_condition_expression(KEY_CONDITION)
            .expression_attribute_values(":pk", AttributeValue::S(PARTITION.into()))
            .limit(100)
            .send()
            .expect("signed call")
    }
}

/// aws-sdk-dynamodb with an in-memory HTTP client that always returns the page, static
/// credentials and region, on a current-thread tokio runtime.
pub struct Sdk {
    runtime: tokio::runtime::Runtime,
    client: aws_sdk_dynamodb::Client,
}

impl Sdk {
    pub fn new(body: Bytes) -> Self {
        use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
        let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| reply(body.clone()));
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "bench"))
            .http_client(http)
            .build();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
        Sdk { runtime, client: aws_sdk_dynamodb::Client::from_conf(config) }
    }

    pub fn call(&self) -> aws_sdk_dynamodb::operation::query::QueryOutput {
        use aws_sdk_dynamodb::types::AttributeValue as A;
        self.runtime
            .block_on(
                self.client
                    .query()
                    .table_name(TABLE)
                    .key_condition_expression(KEY_CONDITION)
                    .expression_attribute_values(":pk", A::S(PARTITION.into()))
                    .limit(100)
                    .send(),
            )
            .expect("aws-sdk-dynamodb call")
    }
}

/// One attribute value as text, map keys in order, so that both readers can be compared.
fn ours_value(v: &AttributeValue) -> String {
    match v {
        AttributeValue::S(s) => format!("S:{s}"),
        AttributeValue::N(n) => format!("N:{n}"),
        AttributeValue::Bool(b) => format!("BOOL:{b}"),
        AttributeValue::M(m) => format!("M{{{}}}", m.iter().map(|(k, v)| format!("{k}={}", ours_value(v))).collect::<Vec<_>>().join(",")),
        AttributeValue::L(l) => format!("L[{}]", l.iter().map(ours_value).collect::<Vec<_>>().join(",")),
        other => format!("other:{other:?}"),
    }
}

fn sdk_value(v: &aws_sdk_dynamodb::types::AttributeValue) -> String {
    use aws_sdk_dynamodb::types::AttributeValue as A;
    match v {
        A::S(s) => format!("S:{s}"),
        A::N(n) => format!("N:{n}"),
        A::Bool(b) => format!("BOOL:{b}"),
        A::M(m) => format!("M{{{}}}", sdk_item(m)),
        A::L(l) => format!("L[{}]", l.iter().map(sdk_value).collect::<Vec<_>>().join(",")),
        other => format!("other:{other:?}"),
    }
}

fn sdk_item(m: &std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>) -> String {
    let mut entries: Vec<_> = m.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter().map(|(k, v)| format!("{k}={}", sdk_value(v))).collect::<Vec<_>>().join(",")
}

fn ours_lines(output: &QueryOutput) -> Vec<String> {
    let item = |m: &std::collections::BTreeMap<String, AttributeValue>| {
        m.iter().map(|(k, v)| format!("{k}={}", ours_value(v))).collect::<Vec<_>>().join(",")
    };
    let mut lines = vec![format!(
        "count={} scanned={} last={:?} request_id={:?}",
        output.count(),
        output.scanned_count(),
        output.last_evaluated_key().map(item),
        output.request_id()
    )];
    lines.extend(output.items().iter().map(item));
    lines
}

fn sdk_lines(output: &aws_sdk_dynamodb::operation::query::QueryOutput) -> Vec<String> {
    use aws_sdk_dynamodb::operation::RequestId as _;
    let mut lines = vec![format!(
        "count={} scanned={} last={:?} request_id={:?}",
        output.count(),
        output.scanned_count(),
        output.last_evaluated_key().map(sdk_item),
        output.request_id()
    )];
    lines.extend(output.items().iter().map(sdk_item));
    lines
}

/// Reads `body` with both clients and fails unless they read `items` items with the same
/// attributes and values (and every item has all eight attributes), so that both
/// benchmarks do the same, complete work.
pub fn cross_check(body: &Bytes, items: usize) -> Result<(), String> {
    let ours = ours_lines(&ours_call(body));
    let signed = ours_lines(&OursSigned::new(body.clone()).call());
    let sdk = sdk_lines(&Sdk::new(body.clone()).call());
    if ours.len() != items + 1 {
        return Err(format!("the generated crate read {} items, not {items}", ours.len() - 1));
    }
    if let Some(line) = ours.iter().skip(1).find(|l| l.matches('=').count() != 12 || l.contains("other:")) {
        return Err(format!("an item is not read whole: {line}"));
    }
    for (name, other) in [("its blocking client", &signed), ("aws-sdk-dynamodb", &sdk)] {
        if let Some((a, b)) = ours.iter().zip(other.iter()).find(|(a, b)| a != b) {
            return Err(format!("the generated crate and {name} disagree:\n  {a}\n  {b}"));
        }
        if ours.len() != other.len() {
            return Err(format!("the generated crate and {name} read different numbers of items"));
        }
    }
    Ok(())
}
