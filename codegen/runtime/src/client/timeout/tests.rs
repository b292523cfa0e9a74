//! Unit tests of the blocking client's call clock, with timeouts of zero (already expired)
//! or long (never reached): no test waits on the clock.

use super::{AttemptDeadline, CallClock, CallTimeouts, ExpiredTimeout};
use crate::client::{TransportError, TransportErrorKind};
use std::time::Duration;

const LONG: Duration = Duration::from_secs(3600);

fn clock(attempt: Option<Duration>, operation: Option<Duration>) -> CallClock {
    CallClock::start(CallTimeouts { attempt, operation })
}

/// What the transport saw: the deadline in the request's extensions.
fn seen_deadline(clock: &CallClock) -> Option<AttemptDeadline> {
    clock.attempt(http::Request::new(()), |request| Ok::<_, TransportError>(request.extensions().get::<AttemptDeadline>().copied())).unwrap()
}

#[test]
fn without_timeouts_nothing_is_bounded() {
    let clock = clock(None, None);
    assert!(clock.check().is_ok());
    assert_eq!(seen_deadline(&clock), None);
    assert_eq!(clock.bounded(LONG), LONG);
}

#[test]
fn the_transport_gets_the_sooner_deadline() {
    let deadline = seen_deadline(&clock(Some(Duration::from_secs(5)), Some(LONG))).expect("a deadline");
    assert_eq!(deadline.timeout(), ExpiredTimeout::Attempt(Duration::from_secs(5)));
    assert!(deadline.remaining() <= Duration::from_secs(5));
    let deadline = seen_deadline(&clock(Some(LONG), Some(Duration::from_secs(5)))).expect("a deadline");
    assert_eq!(deadline.timeout(), ExpiredTimeout::Operation(Duration::from_secs(5)));
    let deadline = seen_deadline(&clock(None, Some(LONG))).expect("a deadline");
    assert_eq!(deadline.timeout(), ExpiredTimeout::Operation(LONG));
}

#[test]
fn an_expired_operation_sends_nothing_and_is_not_retried() {
    let clock = clock(Some(LONG), Some(Duration::ZERO));
    let mut sent = false;
    let error = clock
        .attempt(http::Request::new(()), |_| {
            sent = true;
            Ok(())
        })
        .unwrap_err();
    assert!(!sent);
    assert_eq!(error.kind(), TransportErrorKind::Timeout);
    assert_eq!(error.expired_timeout(), Some(ExpiredTimeout::Operation(Duration::ZERO)));
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("the operation timeout of 0ns expired"), "{error}");
    // No backoff sleeps past it.
    assert_eq!(clock.bounded(LONG), Duration::ZERO);
}

#[test]
fn a_transport_timeout_past_the_attempt_deadline_is_the_attempt_timeout() {
    let clock = clock(Some(Duration::ZERO), None);
    let error = clock.attempt(http::Request::new(()), |_| Err::<(), _>(TransportError::timeout("timeout: global"))).unwrap_err();
    assert_eq!(error.expired_timeout(), Some(ExpiredTimeout::Attempt(Duration::ZERO)));
    assert!(error.is_retryable(), "an attempt timeout is retried");
    assert!(error.to_string().contains("the attempt timeout of 0ns expired"), "{error}");
    assert!(std::error::Error::source(&error).is_some_and(|s| s.to_string().contains("timeout: global")));
}

#[test]
fn other_failures_and_timeouts_before_the_deadline_stay_as_they_are() {
    let clock = clock(Some(LONG), None);
    let error = clock.attempt(http::Request::new(()), |_| Err::<(), _>(TransportError::timeout("read timeout"))).unwrap_err();
    assert_eq!(error.expired_timeout(), None);
    let clock = self::clock(Some(Duration::ZERO), None);
    let error = clock.attempt(http::Request::new(()), |_| Err::<(), _>(TransportError::io("reset"))).unwrap_err();
    assert_eq!((error.kind(), error.expired_timeout()), (TransportErrorKind::Io, None));
}
