//! Recorded cases of `ListSessions`: the requests it must build
//! (`tests/recorded/list_sessions/requests/`) and the responses it must read
//! (`tests/recorded/list_sessions/responses/`).

use mpa::operation::list_sessions::{ListSessions, ListSessionsError};
use mpa_tests::recorded;

mpa_tests::recorded_operation! {
    /// `ListSessions`, as the recorded-case runners drive it.
    struct ListSessionsCases => ListSessions,
        ListSessionsError {
            AccessDeniedException,
            InternalServerException,
            ResourceNotFoundException,
            ThrottlingException,
            ValidationException,
        }
}

#[test]
fn list_sessions_responses() {
    recorded::run_response_cases::<ListSessionsCases>("list_sessions/responses", 40);
}

#[test]
fn list_sessions_requests() {
    recorded::run_request_cases::<ListSessionsCases>("list_sessions/requests", 20);
}
