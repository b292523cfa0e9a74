// Promise: every error response of ListSessions is read into a `ListSessionsError` variant
// callers can match on (each modeled error, `Unhandled` for codes the operation does not list,
// `InvalidResponse` for unreadable bodies), and every variant answers `code()`, `message()`,
// `request_id()` and `is_retryable()`. The enum is `#[non_exhaustive]`, so the match carries a
// wildcard arm.
#![deny(warnings)]

use mpa::Operation;
use mpa::http;
use mpa::operation::list_sessions::{ListSessions, ListSessionsError};

struct Case {
    response: http::Response<&'static str>,
    variant: &'static str,
    code: &'static str,
    message: Option<&'static str>,
    request_id: Option<&'static str>,
    retryable: bool,
}

fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &'static str,
) -> http::Response<&'static str> {
    let mut builder = http::Response::builder().status(status);
    for &(name, value) in headers {
        builder = builder.header(name, value);
    }
    builder.body(body).expect("a valid response")
}

/// Names the variant, checking that the typed error inside agrees with the enum's accessors.
fn variant(error: &ListSessionsError) -> &'static str {
    match error {
        ListSessionsError::AccessDeniedException(e) => {
            assert_eq!(Some(e.message()), error.message());
            assert_eq!(e.request_id(), error.request_id());
            "AccessDeniedException"
        }
        ListSessionsError::InternalServerException(e) => {
            assert_eq!(Some(e.message()), error.message());
            assert_eq!(e.meta().status(), 500);
            "InternalServerException"
        }
        ListSessionsError::ResourceNotFoundException(e) => {
            assert_eq!(Some(e.message()), error.message());
            assert_eq!(e.meta().status(), 404);
            "ResourceNotFoundException"
        }
        ListSessionsError::ThrottlingException(e) => {
            assert_eq!(Some(e.message()), error.message());
            assert_eq!(e.request_id(), error.request_id());
            "ThrottlingException"
        }
        ListSessionsError::ValidationException(e) => {
            assert_eq!(Some(e.message()), error.message());
            assert_eq!(e.meta().status(), 400);
            "ValidationException"
        }
        ListSessionsError::Unhandled(e) => {
            assert_eq!(e.code(), error.code());
            assert_eq!(e.message(), error.message());
            "Unhandled"
        }
        ListSessionsError::InvalidResponse(e) => {
            assert_eq!(e.code(), error.code());
            assert!(e.json_error().is_some_and(|j| !j.to_string().is_empty()));
            "InvalidResponse"
        }
        other => panic!("a variant this test does not know yet: {other:?}"),
    }
}

fn main() {
    let cases = vec![
        Case {
            response: response(
                403,
                &[
                    ("x-amzn-errortype", "AccessDeniedException"),
                    ("x-amzn-requestid", "req-403"),
                ],
                r#"{"message":"not allowed"}"#,
            ),
            variant: "AccessDeniedException",
            code: "AccessDeniedException",
            message: Some("not allowed"),
            request_id: Some("req-403"),
            retryable: false,
        },
        Case {
            response: response(
                500,
                &[("x-amzn-requestid", "req-500")],
                r#"{"__type":"com.amazonaws.mpa#InternalServerException","Message":"try again"}"#,
            ),
            variant: "InternalServerException",
            code: "InternalServerException",
            message: Some("try again"),
            request_id: Some("req-500"),
            retryable: true,
        },
        Case {
            response: response(
                404,
                &[("x-amz-request-id", "req-404")],
                r#"{"code":"ResourceNotFoundException","Message":"no such team"}"#,
            ),
            variant: "ResourceNotFoundException",
            code: "ResourceNotFoundException",
            message: Some("no such team"),
            request_id: Some("req-404"),
            retryable: false,
        },
        Case {
            response: response(
                429,
                &[
                    ("x-amzn-errortype", "ThrottlingException"),
                    ("x-amzn-requestid", "req-429"),
                ],
                r#"{"Message":"slow down"}"#,
            ),
            variant: "ThrottlingException",
            code: "ThrottlingException",
            message: Some("slow down"),
            request_id: Some("req-429"),
            retryable: true,
        },
        Case {
            response: response(
                400,
                &[(
                    "x-amzn-errortype",
                    "ValidationException:http://internal.amazon.com/coral/",
                )],
                r#"{"message":"MaxResults must be at most 100"}"#,
            ),
            variant: "ValidationException",
            code: "ValidationException",
            message: Some("MaxResults must be at most 100"),
            request_id: None,
            retryable: false,
        },
        // A code the service knows but this operation does not list.
        Case {
            response: response(
                409,
                &[
                    ("x-amzn-errortype", "ConflictException"),
                    ("x-amzn-requestid", "req-409"),
                ],
                r#"{"message":"busy"}"#,
            ),
            variant: "Unhandled",
            code: "ConflictException",
            message: Some("busy"),
            request_id: Some("req-409"),
            retryable: false,
        },
        // No code at all (a proxy's page): the status stands in for it.
        Case {
            response: response(502, &[], "<html><body>Bad Gateway</body></html>"),
            variant: "Unhandled",
            code: "502",
            message: None,
            request_id: None,
            retryable: true,
        },
        // A success whose body is not the JSON the model describes.
        Case {
            response: response(200, &[("x-amzn-requestid", "req-200")], r#"{"Sessions":"#),
            variant: "InvalidResponse",
            code: "InvalidResponse",
            message: None,
            request_id: Some("req-200"),
            retryable: false,
        },
        // A modeled error whose body is broken keeps the code it carried.
        Case {
            response: response(400, &[("x-amzn-errortype", "ValidationException")], "[1,"),
            variant: "InvalidResponse",
            code: "ValidationException",
            message: None,
            request_id: None,
            retryable: false,
        },
    ];

    for case in cases {
        let error =
            ListSessions::parse_response(&case.response).expect_err("every case is a failure");
        assert_eq!(variant(&error), case.variant, "{error:?}");
        assert_eq!(error.code(), case.code, "{error:?}");
        assert_eq!(error.message(), case.message, "{error:?}");
        assert_eq!(error.request_id(), case.request_id, "{error:?}");
        assert_eq!(error.is_retryable(), case.retryable, "{error:?}");
        assert!(error.to_string().starts_with(case.code), "{error}");
        assert!(std::error::Error::source(&error).is_some());
    }

    let denied = response(
        403,
        &[
            ("x-amzn-errortype", "AccessDeniedException"),
            ("x-amzn-requestid", "7c1f"),
        ],
        r#"{"message":"not allowed"}"#,
    );
    let error = ListSessions::parse_response(&denied).expect_err("403 is a failure");
    assert_eq!(
        error.to_string(),
        "AccessDeniedException: not allowed (request id 7c1f)"
    );
}
