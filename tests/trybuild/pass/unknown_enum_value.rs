// Promise: enums convert from the service's string with `From<&str>`; a value the model did not
// know becomes `Unknown` and keeps its text (`as_str()`, `Display`, `String::from`), is equal to
// no known variant, and a known string always picks its named variant.
#![deny(warnings)]

use mpa::types::SessionStatus;

fn main() {
    let future = SessionStatus::from("FUTURE_STATUS");
    assert_eq!(future.as_str(), "FUTURE_STATUS");
    assert_eq!(future.to_string(), "FUTURE_STATUS");
    assert!(matches!(&future, SessionStatus::Unknown(value) if value.as_str() == "FUTURE_STATUS"));
    for known in [
        SessionStatus::Pending,
        SessionStatus::Cancelled,
        SessionStatus::Approved,
        SessionStatus::Failed,
        SessionStatus::Creating,
    ] {
        assert_ne!(future, known);
    }
    assert!(!SessionStatus::VALUES.contains(&future.as_str()));
    assert_eq!(SessionStatus::from(String::from("FUTURE_STATUS")), future);
    assert_eq!(String::from(future.clone()), "FUTURE_STATUS");

    // Known values pick their variant, and read back as the same wire string.
    assert_eq!(SessionStatus::from("PENDING"), SessionStatus::Pending);
    assert_eq!(SessionStatus::Pending.as_str(), "PENDING");
    for &value in SessionStatus::VALUES {
        let status = SessionStatus::from(value);
        assert!(
            !matches!(status, SessionStatus::Unknown(_)),
            "{value} is known"
        );
        assert_eq!(status.as_str(), value);
    }

    // Matching is by wire string: a near miss is not the known value.
    assert_ne!(SessionStatus::from("pending"), SessionStatus::Pending);
}
