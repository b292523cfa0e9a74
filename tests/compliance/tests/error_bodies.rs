//! Error responses the suite has no case for, read the way botocore reads them: the code
//! from the `x-amzn-errortype` header, else the body's `code`, `Code` or `__type`; the
//! message from `message` before `Message`, in the typed error's member too.

use restjson::Operation;
use restjson::operation::greeting_with_errors::{GreetingWithErrors, GreetingWithErrorsError};

fn parse(headers: &[(&str, &str)], body: &str) -> GreetingWithErrorsError {
    let response = compliance::response(400, headers, body);
    match GreetingWithErrors::parse_response(&response) {
        Err(e) => e,
        Ok(output) => panic!("an error response parsed as the output {output:?}"),
    }
}

fn invalid_greeting_message(error: GreetingWithErrorsError) -> Option<String> {
    match error {
        GreetingWithErrorsError::InvalidGreeting(e) => e.message().map(str::to_owned),
        other => panic!("expected InvalidGreeting, got {other:?}"),
    }
}

#[test]
fn capitalized_code_in_the_body_names_the_error() {
    let error = parse(&[], r#"{"Code":"InvalidGreeting","Message":"hi"}"#);
    assert_eq!(invalid_greeting_message(error).as_deref(), Some("hi"));
}

#[test]
fn code_wins_over_capitalized_code_and_type() {
    let body = r#"{"__type":"FooError","Code":"ComplexError","code":"InvalidGreeting"}"#;
    assert_eq!(parse(&[], body).code(), "InvalidGreeting");
    let body = r#"{"__type":"FooError","Code":"aws.protocoltests.restjson#InvalidGreeting:http://x"}"#;
    assert_eq!(parse(&[], body).code(), "InvalidGreeting");
    let header = [("x-amzn-errortype", "FooError")];
    assert_eq!(parse(&header, r#"{"Code":"InvalidGreeting"}"#).code(), "FooError");
}

#[test]
fn lower_case_message_wins_in_either_order() {
    for body in [
        r#"{"code":"InvalidGreeting","Message":"upper","message":"lower"}"#,
        r#"{"code":"InvalidGreeting","message":"lower","Message":"upper"}"#,
    ] {
        let error = parse(&[], body);
        assert_eq!(error.message(), Some("lower"), "{body}");
        assert_eq!(invalid_greeting_message(error).as_deref(), Some("lower"), "{body}");
    }
    // Either spelling alone is the message; a null one leaves the other to fill it.
    let error = parse(&[], r#"{"code":"InvalidGreeting","message":null,"Message":"upper"}"#);
    assert_eq!(invalid_greeting_message(error).as_deref(), Some("upper"));
}
