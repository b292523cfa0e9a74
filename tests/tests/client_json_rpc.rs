//! awsJson1_0 services through the generated clients, against the loopback server: the
//! crate generated from the DynamoDB model with `GetItem`, `Query`, `ListTables` and
//! `DescribeTable`, and SQS's `GetQueueUrl` (an awsQuery-compatible service). Each request is `POST /` naming its operation in `X-Amz-Target`, signed
//! (checked by an independent signer), with the whole input as its JSON body; errors are
//! found by `__type`, throttling is retried, pages follow their token. Configuration is
//! explicit (an empty environment).

use golden_dynamodb::client::{Credentials, Env, Error};
use golden_dynamodb::operation::get_item::GetItemError;
use golden_dynamodb::types::AttributeValue;
use mpa_tests::loopback::{Keys, Recorded, Reply, Server};
use serde_json::{Value, json};
use std::time::Duration;

fn keys() -> Keys {
    Keys { service: "dynamodb".into(), ..Keys::test() }
}

fn blocking(server: &Server) -> golden_dynamodb::blocking::Client {
    let keys = keys();
    golden_dynamodb::blocking::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("blocking client")
}

fn async_client(server: &Server) -> golden_dynamodb::Client {
    let keys = keys();
    golden_dynamodb::Client::builder()
        .env(Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("async client")
}

/// A reply as DynamoDB sends it: awsJson1_0's content type and a request id.
fn reply(status: u16, body: Value) -> Reply {
    let headers = vec![
        ("content-type".to_owned(), "application/x-amz-json-1.0".to_owned()),
        ("x-amzn-requestid".to_owned(), format!("req-{status}")),
    ];
    Reply::Respond { status, headers, body: body.to_string() }
}

/// Checks the framing every awsJson1_0 request shares, and returns its body as JSON.
fn framed(request: &Recorded, operation: &str) -> Value {
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/");
    assert_eq!(request.header("x-amz-target"), Some(format!("DynamoDB_20120810.{operation}").as_str()));
    assert_eq!(request.header("content-type"), Some("application/x-amz-json-1.0"));
    assert_eq!(request.signature, Ok(()), "the independent signer accepts the signature");
    serde_json::from_slice(&request.body).expect("the body is JSON")
}

#[test]
fn get_item_sends_the_whole_input_as_json_and_reads_the_item() {
    let item = json!({"Item": {"pk": {"S": "user#1"}, "visits": {"N": "42"}, "tags": {"SS": ["a", "b"]}}});
    let server = Server::start(vec![reply(200, item)], keys());
    let output = blocking(&server)
        .get_item()
        .table_name("users")
        .key("pk", AttributeValue::S("user#1".to_owned()))
        .consistent_read(true)
        .send()
        .expect("GetItem succeeds");
    let read = output.item().expect("an item");
    assert_eq!(read.get("pk"), Some(&AttributeValue::S("user#1".to_owned())));
    assert_eq!(read.get("visits"), Some(&AttributeValue::N("42".to_owned())));
    assert_eq!(read.get("tags"), Some(&AttributeValue::Ss(vec!["a".to_owned(), "b".to_owned()])));
    assert_eq!(output.request_id(), Some("req-200"));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let body = framed(&requests[0], "GetItem");
    assert_eq!(body, json!({"TableName": "users", "Key": {"pk": {"S": "user#1"}}, "ConsistentRead": true}));
}

#[test]
fn errors_are_found_by_type_and_throttling_is_retried() {
    let throttled = json!({"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "slow down"});
    let missing = json!({"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "no table"});
    let server = Server::start(vec![reply(400, throttled), reply(400, missing)], keys());
    let result = blocking(&server).get_item().table_name("gone").key("pk", AttributeValue::S("x".to_owned())).send();
    match result {
        Err(Error::Service(GetItemError::ResourceNotFoundException(e))) => {
            assert_eq!(e.message(), Some("no table"));
            assert_eq!(e.request_id(), Some("req-400"));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "the throttled attempt is retried once, the missing table is not");
    assert_eq!(framed(&requests[0], "GetItem"), framed(&requests[1], "GetItem"));
}

#[test]
fn an_error_body_is_named_by_its_type_before_a_code_member() {
    // awsJson error bodies are the whole error structure: a `code` member of it sits beside
    // `__type`, which names the error.
    let body = json!({"code": "TableMissing", "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "no table"});
    let server = Server::start(vec![reply(400, body)], keys());
    match blocking(&server).get_item().table_name("gone").key("pk", AttributeValue::S("x".to_owned())).send() {
        Err(Error::Service(GetItemError::ResourceNotFoundException(e))) => assert_eq!(e.message(), Some("no table")),
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

#[test]
fn list_tables_pages_follow_their_token_on_the_async_client() {
    let pages = vec![
        reply(200, json!({"TableNames": ["alpha", "bravo"], "LastEvaluatedTableName": "bravo"})),
        reply(200, json!({"TableNames": ["charlie"]})),
    ];
    let server = Server::start(pages, keys());
    let client = async_client(&server);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let names = runtime.block_on(async {
        let mut names = Vec::new();
        let mut start: Option<String> = None;
        // Bounded: the script has two pages.
        for _ in 0..2 {
            let output = client
                .list_tables()
                .set_exclusive_start_table_name(start.clone())
                .limit(2)
                .send()
                .await
                .expect("ListTables succeeds");
            names.extend(output.table_names().iter().cloned());
            start = output.last_evaluated_table_name().map(str::to_owned);
            if start.is_none() {
                break;
            }
        }
        names
    });
    assert_eq!(names, ["alpha", "bravo", "charlie"]);
    let requests = server.requests();
    assert_eq!(framed(&requests[0], "ListTables"), json!({"Limit": 2}));
    assert_eq!(framed(&requests[1], "ListTables"), json!({"Limit": 2, "ExclusiveStartTableName": "bravo"}));
}

#[test]
fn the_blocking_paginator_gives_every_table_name() {
    let pages = vec![
        reply(200, json!({"TableNames": ["alpha", "bravo"], "LastEvaluatedTableName": "bravo"})),
        reply(200, json!({"TableNames": ["charlie"]})),
    ];
    let server = Server::start(pages, keys());
    let items: Vec<String> =
        blocking(&server).list_tables().into_paginator().items().take(10).map(|i| i.expect("an item")).collect();
    assert_eq!(items, ["alpha", "bravo", "charlie"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(framed(&requests[1], "ListTables"), json!({"ExclusiveStartTableName": "bravo"}));
}

/// Three pages of `Query`, chained by `LastEvaluatedKey`: maps of attribute values, sent
/// back as the next request's `ExclusiveStartKey`.
fn query_pages() -> Vec<Reply> {
    let item = |n: &str| json!({"pk": {"S": "user#1"}, "sk": {"N": n}});
    let key = |n: &str| json!({"pk": {"S": "user#1"}, "sk": {"N": n}});
    vec![
        reply(200, json!({"Items": [item("1"), item("2")], "Count": 2, "LastEvaluatedKey": key("2")})),
        reply(200, json!({"Items": [item("3"), item("4")], "Count": 2, "LastEvaluatedKey": key("4")})),
        reply(200, json!({"Items": [item("5")], "Count": 1})),
    ]
}

/// The `sk` of each item, in order.
fn sort_keys<'a>(items: impl IntoIterator<Item = &'a std::collections::BTreeMap<String, AttributeValue>>) -> Vec<String> {
    items
        .into_iter()
        .map(|item| match item.get("sk") {
            Some(AttributeValue::N(n)) => n.clone(),
            other => panic!("an item without a numeric sk: {other:?}"),
        })
        .collect()
}

/// Each request asks for the user's items, the first without a start key, the next ones
/// from the key the page before ended at.
fn assert_query_requests(server: &Server, limit: Option<i32>) {
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let start_keys: Vec<Value> = requests.iter().map(|r| framed(r, "Query")["ExclusiveStartKey"].clone()).collect();
    let key = |n: &str| json!({"pk": {"S": "user#1"}, "sk": {"N": n}});
    assert_eq!(start_keys, [Value::Null, key("2"), key("4")]);
    for request in &requests {
        let body = framed(request, "Query");
        assert_eq!(body["TableName"], "events");
        assert_eq!(body["KeyConditionExpression"], "pk = :pk");
        assert_eq!(body["Limit"], limit.map_or(Value::Null, Value::from));
    }
}

#[test]
fn the_blocking_query_paginator_follows_the_last_evaluated_key() {
    let server = Server::start(query_pages(), keys());
    let items: Vec<_> = blocking(&server)
        .query()
        .table_name("events")
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(":pk", AttributeValue::S("user#1".to_owned()))
        .into_paginator()
        .items()
        .take(10)
        .map(|i| i.expect("an item"))
        .collect();
    assert_eq!(sort_keys(&items), ["1", "2", "3", "4", "5"]);
    assert_query_requests(&server, None);
}

#[test]
fn the_async_query_paginator_follows_the_last_evaluated_key_page_by_page() {
    let server = Server::start(query_pages(), keys());
    let client = async_client(&server);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let pages = runtime.block_on(async {
        let mut paginator = client
            .query()
            .table_name("events")
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", AttributeValue::S("user#1".to_owned()))
            .into_paginator()
            .page_size(2);
        let mut pages = Vec::new();
        // Bounded: the script has three pages, and the paginator must end by itself.
        for _ in 0..5 {
            let Some(page) = paginator.next_page().await else { break };
            pages.push(sort_keys(page.expect("a page").items()));
        }
        pages
    });
    assert_eq!(pages, [vec!["1", "2"], vec!["3", "4"], vec!["5"]]);
    assert_query_requests(&server, Some(2));
}

#[test]
fn a_last_evaluated_key_returned_twice_stops_the_query_paginator() {
    let key = json!({"pk": {"S": "user#1"}, "sk": {"N": "2"}});
    let page = json!({"Items": [{"pk": {"S": "user#1"}, "sk": {"N": "2"}}], "LastEvaluatedKey": key});
    let server = Server::start(vec![reply(200, page.clone()), reply(200, page)], keys());
    let pages: Vec<_> = blocking(&server).query().table_name("events").into_paginator().take(10).collect();
    assert_eq!(pages.len(), 3, "two pages, then the error");
    assert!(pages[0].is_ok() && pages[1].is_ok());
    match &pages[2] {
        Err(Error::Service(golden_dynamodb::paginate::PaginationError::RepeatedToken(token))) => {
            assert!(token.contains("\"sk\"") && token.contains("\"2\""), "the repeated key is shown: {token}");
        }
        other => panic!("expected RepeatedToken, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 2, "the repeated key is not followed");
}

fn sqs(server: &Server) -> golden_sqs::blocking::Client {
    let keys = Keys { service: "sqs".into(), ..Keys::test() };
    golden_sqs::blocking::Client::builder()
        .env(golden_sqs::client::Env::from_pairs::<&str, &str>([]))
        .region(keys.region.clone())
        .credentials(golden_sqs::client::Credentials::new(&keys.access_key_id, &keys.secret_access_key, None))
        .endpoint_url(server.url())
        .max_attempts(1)
        .build()
        .expect("blocking client")
}

/// An SQS error reply, with `x-amzn-query-error` when `query` is given.
fn sqs_error(type_: &str, query: Option<&str>) -> Reply {
    let mut headers = vec![("content-type".to_owned(), "application/x-amz-json-1.0".to_owned())];
    if let Some(q) = query {
        headers.push(("x-amzn-query-error".to_owned(), q.to_owned()));
    }
    Reply::Respond { status: 400, headers, body: json!({"__type": type_, "message": "no such queue"}).to_string() }
}

#[test]
fn query_compatible_errors_carry_the_awsquery_code() {
    use golden_sqs::operation::get_queue_url::GetQueueUrlError;
    let replies = vec![
        sqs_error("com.amazonaws.sqs#QueueDoesNotExist", Some("AWS.SimpleQueueService.NonExistentQueue;Sender")),
        sqs_error("com.amazonaws.sqs#QueueDoesNotExist", None),
        sqs_error("com.amazonaws.sqs#SomethingNew", Some("AWS.SimpleQueueService.SomethingNew;Receiver")),
    ];
    let server = Server::start(replies, Keys { service: "sqs".into(), ..Keys::test() });
    let client = sqs(&server);
    let call = || client.get_queue_url().queue_name("orders").send().expect_err("an error reply");
    match call() {
        golden_sqs::client::Error::Service(e @ GetQueueUrlError::QueueDoesNotExist(_)) => {
            assert_eq!(e.code(), "AWS.SimpleQueueService.NonExistentQueue");
            assert_eq!(e.message(), Some("no such queue"));
        }
        other => panic!("expected QueueDoesNotExist, got {other:?}"),
    }
    match call() {
        golden_sqs::client::Error::Service(e @ GetQueueUrlError::QueueDoesNotExist(_)) => assert_eq!(e.code(), "QueueDoesNotExist"),
        other => panic!("expected QueueDoesNotExist, got {other:?}"),
    }
    match call() {
        golden_sqs::client::Error::Service(e @ GetQueueUrlError::Unhandled(_)) => assert_eq!(e.code(), "AWS.SimpleQueueService.SomethingNew"),
        other => panic!("expected an unhandled error, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].header("x-amz-target"), Some("AmazonSQS.GetQueueUrl"));
    assert_eq!(serde_json::from_slice::<Value>(&requests[0].body).expect("JSON"), json!({"QueueName": "orders"}));
}


#[test]
fn the_table_exists_waiter_polls_describe_table_until_the_table_is_active() {
    let missing = json!({"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "not yet"});
    let table = |status: &str| json!({"Table": {"TableName": "users", "TableStatus": status}});
    let replies = vec![reply(400, missing), reply(200, table("CREATING")), reply(200, table("ACTIVE"))];
    let server = Server::start(replies, keys());
    let tiny = Duration::from_millis(1);
    let done = blocking(&server)
        .wait_until_table_exists()
        .table_name("users")
        .min_delay(tiny)
        .max_delay(tiny)
        .wait(Duration::from_secs(20))
        .expect("the table exists");
    assert_eq!(done.attempts(), 3);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(framed(request, "DescribeTable"), json!({"TableName": "users"}));
    }
}
