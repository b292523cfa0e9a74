//! Tests of `rt::http`: request URIs and error responses.

use smithy_rt::rt::http::*;
use http::{HeaderMap, HeaderValue};

fn label(value: &str, greedy: bool) -> String {
    let mut uri = String::from("/x/");
    push_label(&mut uri, "Member", value, greedy).unwrap();
    uri
}

#[test]
fn labels() {
    assert_eq!(
        label(
            "arn:aws:mpa:us-east-1:123456789012:approval-team/abc",
            false
        ),
        "/x/arn%3Aaws%3Ampa%3Aus-east-1%3A123456789012%3Aapproval-team%2Fabc"
    );
    assert_eq!(label("a b/c~d_e.f-g", false), "/x/a%20b%2Fc~d_e.f-g");
    assert_eq!(label("dir/sub dir/é", true), "/x/dir/sub%20dir/%C3%A9");
    for greedy in [false, true] {
        let error = push_label(&mut String::new(), "Arn", "", greedy).unwrap_err();
        assert_eq!(error.member(), Some("Arn"));
    }
}

#[test]
fn query() {
    let mut uri = String::from("/teams");
    let mut q = QueryWriter::new(&mut uri);
    q.pair("token", Some("a+b/c=d"));
    q.pair("name", Some("Ünïcode ✓"));
    q.pair("List", None);
    assert_eq!(
        uri,
        "/teams?token=a%2Bb%2Fc%3Dd&name=%C3%9Cn%C3%AFcode%20%E2%9C%93&List"
    );

    // A literal query from the model's URI pattern is continued, not restarted.
    for (start, expected) in [("/p?fixed=1", "/p?fixed=1&k=v"), ("/p?", "/p?k=v")] {
        let mut uri = String::from(start);
        QueryWriter::new(&mut uri).pair("k", Some("v"));
        assert_eq!(uri, expected);
    }
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for &(name, value) in pairs {
        map.insert(name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn parts(pairs: &[(&'static str, &str)], body: &str) -> (Option<String>, Option<String>) {
    let parts = error_parts(400, &headers(pairs), body.as_bytes());
    assert_eq!(parts.status, 400);
    (parts.code, parts.message)
}

fn some(code: &str, message: &str) -> (Option<String>, Option<String>) {
    (Some(code.to_owned()), Some(message.to_owned()))
}

#[test]
fn error_codes_and_messages() {
    let header = [(
        "x-amzn-errortype",
        "ConflictException:http://internal.amazon.com/",
    )];
    assert_eq!(
        parts(&header, r#"{"code":"Other","message":"m"}"#),
        some("ConflictException", "m")
    );
    assert_eq!(
        parts(&[], r#"{"code":"A","__type":"B","Message":"M"}"#),
        some("A", "M")
    );
    // `Code` after `code`, before `__type`; the header before them all.
    assert_eq!(
        parts(&[], r#"{"__type":"T","Code":"Upper","code":"lower"}"#).0.as_deref(),
        Some("lower")
    );
    assert_eq!(
        parts(&[], r#"{"__type":"T","Code":"aws#Upper:http://x"}"#).0.as_deref(),
        Some("Upper")
    );
    assert_eq!(
        parts(&[("x-amzn-errortype", "H")], r#"{"Code":"Upper"}"#).0.as_deref(),
        Some("H")
    );
    // An empty `code` falls through to the next source.
    assert_eq!(
        parts(&[], r#"{"code":"","Code":"Upper"}"#).0.as_deref(),
        Some("Upper")
    );
    let body =
        r#"{"__type":"aws.protocols#restJson1#ValidationException:http://x","message":"m"}"#;
    assert_eq!(parts(&[], body), some("ValidationException", "m"));
    // `message` wins over `Message` whatever the order; non-string values are skipped.
    let body = r#"{"Message":"upper","nested":{"code":"No"},"code":7,"message":"lower"}"#;
    assert_eq!(parts(&[], body), (None, Some("lower".into())));
    let body = r#"{"message":"lower","Message":"upper"}"#;
    assert_eq!(parts(&[], body), (None, Some("lower".into())));
    assert_eq!(
        parts(&[], r#"{"errorMessage":"e","code":" # "}"#),
        (None, Some("e".into()))
    );
    // Broken bodies: headers only, and what came before the error is kept.
    let header = [
        ("x-amzn-errortype", "Throttled"),
        ("x-amzn-errormessage", "slow down"),
    ];
    assert_eq!(
        parts(&header, "<html><body>502</body></html>"),
        some("Throttled", "slow down")
    );
    assert_eq!(parts(&[], ""), (None, None));
    assert_eq!(
        parts(&[], r#"{"code":"Partial","message":"#),
        (Some("Partial".into()), None)
    );
    assert_eq!(parts(&[], "[1,2]"), (None, None));
}

#[test]
fn json_rpc_errors_are_named_by_type_before_code() {
    let rpc = |pairs: &[(&'static str, &str)], body: &str| json_rpc_error_parts(400, &headers(pairs), body.as_bytes()).code;
    // The error structure is the whole body: its own `code` member does not name the error.
    let body = r#"{"code":"E042","__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"m"}"#;
    assert_eq!(rpc(&[], body).as_deref(), Some("ResourceNotFoundException"));
    assert_eq!(parts(&[], body).0.as_deref(), Some("E042"), "restJson1 keeps botocore's order");
    let body = r#"{"__type":"ns#Gone:http://internal","Code":"Upper"}"#;
    assert_eq!(rpc(&[], body).as_deref(), Some("Gone"));
    // Without a `__type` (or with an empty one), `code` then `Code` name it; the header
    // comes before them all.
    assert_eq!(rpc(&[], r#"{"__type":"","code":"lower","Code":"Upper"}"#).as_deref(), Some("lower"));
    assert_eq!(rpc(&[], r#"{"Code":"ns#Upper"}"#).as_deref(), Some("Upper"));
    assert_eq!(rpc(&[("x-amzn-errortype", "H:http://x")], r#"{"__type":"T"}"#).as_deref(), Some("H"));
    // Broken bodies give what the headers say, as for restJson1.
    assert_eq!(rpc(&[], "<html>502</html>"), None);
    let full = json_rpc_error_parts(503, &headers(&[("x-amzn-errormessage", "busy")]), b"");
    assert_eq!((full.code, full.message.as_deref(), full.status), (None, Some("busy"), 503));
    // The clients' retry decisions read the body the same way, told by the content type.
    let body = br#"{"code":"E042","__type":"ns#ThrottlingException"}"#;
    let of_any = |content_type: &str| smithy_rt::rt::error_parts_of_any(400, &headers(&[("content-type", content_type)]), body).code;
    assert_eq!(of_any("application/x-amz-json-1.0").as_deref(), Some("ThrottlingException"));
    assert_eq!(of_any("application/x-amz-json-1.1").as_deref(), Some("ThrottlingException"));
    assert_eq!(of_any("application/json").as_deref(), Some("E042"));
}

#[test]
fn request_ids() {
    let both = headers(&[("x-amz-request-id", "old"), ("x-amzn-RequestId", "new")]);
    assert_eq!(request_id(&both).as_deref(), Some("new"));
    assert_eq!(
        request_id(&headers(&[("x-amz-request-id", "old")])).as_deref(),
        Some("old")
    );
    assert_eq!(request_id(&HeaderMap::new()), None);
    let parts = error_parts(503, &both, b"");
    assert_eq!(
        (parts.request_id.as_deref(), parts.status),
        (Some("new"), 503)
    );
}

#[test]
fn sanitize() {
    assert_eq!(
        sanitize_error_code("aws.protocols#restJson1#ValidationException:http://a"),
        "ValidationException"
    );
    assert_eq!(sanitize_error_code("com.amazon#Foo"), "Foo");
    assert_eq!(sanitize_error_code(" Bar "), "Bar");
    assert_eq!(sanitize_error_code("Baz:http://x#frag"), "Baz");
}

#[test]
fn query_error_header_gives_the_code_of_query_compatible_services() {
    let body = br#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#;
    let with_header = headers(&[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")]);
    let parts = with_query_error_code(error_parts(400, &with_header, body), &with_header);
    assert_eq!(parts.code.as_deref(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(parts.message.as_deref(), Some("gone"));
    // Without the header (or with an empty code) the JSON code stays.
    let none = headers(&[]);
    assert_eq!(with_query_error_code(error_parts(400, &none, body), &none).code.as_deref(), Some("QueueDoesNotExist"));
    let empty = headers(&[("x-amzn-query-error", ";Sender")]);
    assert_eq!(with_query_error_code(error_parts(400, &empty, body), &empty).code.as_deref(), Some("QueueDoesNotExist"));
}

#[test]
fn error_metadata_keeps_its_ids_out_of_line() {
    use smithy_rt::error::ErrorMetadata;
    let plain = ErrorMetadata::new(400, Some("req-1".to_owned()));
    assert_eq!(plain.request_id(), Some("req-1"));
    assert_eq!(plain.query_code(), None);
    assert_eq!(format!("{plain:?}"), r#"ErrorMetadata { status: 400, request_id: Some("req-1") }"#);
    let query = ErrorMetadata::new(400, None).with_query_code(Some("AWS.Queue.Gone".to_owned()));
    assert_eq!((query.request_id(), query.query_code()), (None, Some("AWS.Queue.Gone")));
    assert_eq!(format!("{query:?}"), r#"ErrorMetadata { status: 400, request_id: None, query_code: "AWS.Queue.Gone" }"#);
    assert_eq!(ErrorMetadata::new(503, None).with_query_code(None), ErrorMetadata::new(503, None));
    // A status and one pointer: every variant of every error enum holds one.
    assert!(std::mem::size_of::<ErrorMetadata>() <= 16);
    assert_eq!(plain.into_request_id().as_deref(), Some("req-1"));
}
