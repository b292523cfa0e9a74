// Promise: `ListSessionsOutput` cannot be built with a struct literal: its fields are private
// and the struct is `#[non_exhaustive]`, so members can be added without breaking callers.
// Outputs come from `ListSessions::parse_response`, or from `ListSessionsOutput::builder()`.
use mpa::operation::list_sessions::ListSessionsOutput;

fn main() {
    let _output = ListSessionsOutput {
        next_token: None,
        sessions: None,
        request_id: None,
    };
}
