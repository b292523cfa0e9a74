// Promise: `mpa::types::SessionStatus` is `#[non_exhaustive]`. A match that names every
// variant of today's model (even `Unknown`) still needs a wildcard arm, so that a value added
// by a later model is a new variant, not a breaking change for callers.
use mpa::types::SessionStatus;

fn describe(status: &SessionStatus) -> &'static str {
    match status {
        SessionStatus::Pending => "waiting for approvers",
        SessionStatus::Cancelled => "cancelled",
        SessionStatus::Approved => "approved",
        SessionStatus::Failed => "failed",
        SessionStatus::Creating => "being created",
        SessionStatus::Unknown(_) => "a status this crate does not know",
    }
}

fn main() {
    assert_eq!(describe(&SessionStatus::Pending), "waiting for approvers");
}
