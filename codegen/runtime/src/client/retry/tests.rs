//! Unit tests of the clients' standard retry policy.

use super::{Attempts, Outcome, RetryConfig, RetryMode, TokenBucket, backoff, is_retryable_response, is_throttling_response};
use std::time::Duration;

#[test]
fn backoff_is_exponential_with_full_jitter_capped_at_20_seconds() {
    let config = RetryConfig::default();
    assert_eq!(backoff(&config, 1, 1.0), Duration::from_secs(1));
    assert_eq!(backoff(&config, 2, 1.0), Duration::from_secs(2));
    assert_eq!(backoff(&config, 4, 1.0), Duration::from_secs(8));
    assert_eq!(backoff(&config, 6, 1.0), Duration::from_secs(20));
    assert_eq!(backoff(&config, 60, 1.0), Duration::from_secs(20));
    assert_eq!(backoff(&config, 3, 0.0), Duration::ZERO);
    assert_eq!(backoff(&config, 3, 0.5), Duration::from_secs(2));
}

#[test]
fn attempts_stop_at_max_attempts() {
    let bucket = TokenBucket::default();
    let config = RetryConfig { initial_backoff: Duration::from_millis(1), ..RetryConfig::default() };
    let mut attempts = Attempts::new(config, &bucket);
    let retryable = Outcome::Retryable { timeout: false };
    assert!(attempts.after(retryable).is_some_and(|d| d <= Duration::from_millis(1)));
    assert!(attempts.after(retryable).is_some_and(|d| d <= Duration::from_millis(2)));
    assert_eq!(attempts.after(retryable), None, "three attempts in all");
}

#[test]
fn final_outcomes_are_not_retried() {
    let bucket = TokenBucket::default();
    let mut attempts = Attempts::new(RetryConfig::default(), &bucket);
    assert_eq!(attempts.after(Outcome::Done { success: false }), None);
}

#[test]
fn the_retry_quota_runs_out_and_successes_refill_it() {
    let bucket = TokenBucket::default();
    let config = RetryConfig { max_attempts: 2, initial_backoff: Duration::ZERO, ..RetryConfig::default() };
    // 500 tokens, 5 a retry: 100 retries, then none.
    let mut granted = 0;
    for _ in 0..150 {
        if Attempts::new(config, &bucket).after(Outcome::Retryable { timeout: false }).is_some() {
            granted += 1;
        }
    }
    assert_eq!(granted, 100);
    // Each success without a retry gives one token back: five make room for one retry.
    let mut attempts = Attempts::new(config, &bucket);
    assert_eq!(attempts.after(Outcome::Retryable { timeout: false }), None);
    for _ in 0..5 {
        Attempts::new(config, &bucket).after(Outcome::Done { success: true });
    }
    assert!(Attempts::new(config, &bucket).after(Outcome::Retryable { timeout: false }).is_some());
    // Timeouts cost 10.
    assert_eq!(Attempts::new(config, &bucket).after(Outcome::Retryable { timeout: true }), None);
}

#[test]
fn which_responses_are_retried() {
    for status in [429, 500, 502, 503, 504] {
        assert!(is_retryable_response(status, None, &[]), "{status}");
    }
    for status in [400, 401, 403, 404, 409, 501] {
        assert!(!is_retryable_response(status, None, &[]), "{status}");
    }
    assert!(is_retryable_response(400, Some("ThrottlingException"), &[]));
    assert!(is_retryable_response(400, Some("ConflictRetry"), &["ConflictRetry"]));
    assert!(!is_retryable_response(400, Some("ValidationException"), &["ConflictRetry"]));
}

#[test]
fn throttling_is_told_apart_from_other_retryable_errors() {
    assert!(is_throttling_response(429, None));
    assert!(is_throttling_response(400, Some("ThrottlingException")));
    assert!(is_throttling_response(503, Some("SlowDown")));
    for (status, code) in [(503, None), (500, Some("InternalError")), (400, Some("ConflictRetry"))] {
        assert!(is_retryable_response(status, code, &["ConflictRetry"]), "{status} {code:?}");
        assert!(!is_throttling_response(status, code), "{status} {code:?}");
    }
}

#[test]
fn retry_modes_are_read_in_any_case_and_legacy_is_standard() {
    assert_eq!(RetryMode::parse("standard"), Some(RetryMode::Standard));
    assert_eq!(RetryMode::parse("Adaptive"), Some(RetryMode::Adaptive));
    assert_eq!(RetryMode::parse(" ADAPTIVE "), Some(RetryMode::Adaptive));
    assert_eq!(RetryMode::parse("legacy"), Some(RetryMode::Standard));
    for other in ["", "bogus", "adaptive2", "standard adaptive"] {
        assert_eq!(RetryMode::parse(other), None, "{other:?}");
    }
}
