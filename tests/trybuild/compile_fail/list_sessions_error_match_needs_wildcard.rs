// Promise: `ListSessionsError` is `#[non_exhaustive]`. A match that names every variant of
// today's model (even `Unhandled` and `InvalidResponse`) still needs a wildcard arm, so that an
// error added to the operation by a later model is not a breaking change for callers.
use mpa::Operation;
use mpa::operation::list_sessions::{ListSessions, ListSessionsError};

fn should_retry(error: &ListSessionsError) -> bool {
    match error {
        ListSessionsError::AccessDeniedException(_) => false,
        ListSessionsError::InternalServerException(_) => true,
        ListSessionsError::ResourceNotFoundException(_) => false,
        ListSessionsError::ThrottlingException(_) => true,
        ListSessionsError::ValidationException(_) => false,
        ListSessionsError::Unhandled(_) => false,
        ListSessionsError::InvalidResponse(_) => false,
    }
}

fn main() {
    let response = mpa::http::Response::builder()
        .status(429)
        .header("x-amzn-errortype", "ThrottlingException")
        .body("{}")
        .unwrap();
    let error = ListSessions::parse_response(&response).unwrap_err();
    assert!(should_retry(&error));
}
