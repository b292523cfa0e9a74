//! Standard retries: up to `max_attempts`, exponential backoff with full jitter capped at
//! 20 s, and a retry quota (a token bucket) so that a failing service is not hammered. The
//! `adaptive` mode adds a client-side limit on the sending rate (`adaptive.rs`).

use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::time::Duration;

pub(crate) mod adaptive;

/// How many times and how patiently a call is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (default 3; 1 turns retries off).
    pub max_attempts: u32,
    /// The base of the exponential backoff (default 1 s).
    pub initial_backoff: Duration,
    /// The most one wait can be (20 s).
    pub max_backoff: Duration,
    /// Standard retries, or standard retries with a limit on the sending rate (default
    /// [`RetryMode::Standard`]).
    pub mode: RetryMode,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            mode: RetryMode::Standard,
        }
    }
}

/// The retry modes of the AWS SDKs (`AWS_RETRY_MODE`, the profile's `retry_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RetryMode {
    /// Retries with exponential backoff and a retry quota. (`legacy`, which the SDKs still
    /// accept, is read as this mode: the runtime has no other.)
    #[default]
    Standard,
    /// Standard retries, and a limit on how fast the client sends, which adapts to the
    /// service's throttling: the first throttling response turns it on, each one lowers it
    /// (by 30 %), and successes raise it again along a cubic curve (as TCP CUBIC grows its
    /// window). Every attempt then waits for its turn. One limit per client, shared by its
    /// clones and all their calls.
    Adaptive,
}

impl RetryMode {
    /// The mode named `value` (`standard`, `adaptive`, `legacy`; any case), if it is one.
    pub(crate) fn parse(value: &str) -> Option<RetryMode> {
        match value.trim().to_ascii_lowercase().as_str() {
            "standard" | "legacy" => Some(RetryMode::Standard),
            "adaptive" => Some(RetryMode::Adaptive),
            _ => None,
        }
    }
}

/// Capacity of the retry quota, and what a retry takes from it.
const QUOTA: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
/// What a success that needed no retry gives back.
const SUCCESS_REFUND: u32 = 1;

/// The retry quota, shared by every call of a client.
#[derive(Debug)]
pub(crate) struct TokenBucket {
    tokens: Mutex<u32>,
}

impl Default for TokenBucket {
    fn default() -> Self {
        TokenBucket { tokens: Mutex::new(QUOTA) }
    }
}

impl TokenBucket {
    fn take(&self, cost: u32) -> bool {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if *tokens < cost {
            return false;
        }
        *tokens -= cost;
        true
    }

    fn give(&self, amount: u32) {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        *tokens = (*tokens + amount).min(QUOTA);
    }
}

/// How an attempt ended, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A response that is final: a success, or an error retrying cannot fix.
    Done { success: bool },
    /// A throttling or server error, or a transport failure; `timeout` costs more quota.
    Retryable { timeout: bool },
}

/// The retry decisions of one call.
#[derive(Debug)]
pub(crate) struct Attempts<'a> {
    config: RetryConfig,
    bucket: &'a TokenBucket,
    attempt: u32,
    /// Quota taken for the retry now running.
    spent: u32,
}

impl<'a> Attempts<'a> {
    pub(crate) fn new(config: RetryConfig, bucket: &'a TokenBucket) -> Self {
        Attempts { config, bucket, attempt: 1, spent: 0 }
    }

    /// The number of the attempt now running, from 1.
    pub(crate) fn number(&self) -> u32 {
        self.attempt
    }

    /// After an attempt: how long to wait before the next, or `None` to stop here.
    pub(crate) fn after(&mut self, outcome: Outcome) -> Option<Duration> {
        match outcome {
            Outcome::Done { success } => {
                if success {
                    self.bucket.give(if self.spent > 0 { self.spent } else { SUCCESS_REFUND });
                }
                None
            }
            Outcome::Retryable { timeout } => {
                if self.attempt >= self.config.max_attempts {
                    return None;
                }
                let cost = if timeout { TIMEOUT_RETRY_COST } else { RETRY_COST };
                if !self.bucket.take(cost) {
                    return None;
                }
                self.spent = cost;
                let delay = backoff(&self.config, self.attempt, random_fraction());
                self.attempt += 1;
                Some(delay)
            }
        }
    }
}

/// Full jitter: a random share of `initial * 2^(attempt - 1)`, capped at `max_backoff`.
pub(crate) fn backoff(config: &RetryConfig, attempt: u32, fraction: f64) -> Duration {
    let exponent = attempt.saturating_sub(1).min(31);
    let ceiling = config.initial_backoff.saturating_mul(1u32 << exponent).min(config.max_backoff);
    ceiling.mul_f64(fraction.clamp(0.0, 1.0))
}

/// A number in `[0, 1)`, from the standard library's randomly keyed hasher (jitter needs
/// no cryptographic quality).
fn random_fraction() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether an error response is worth retrying: throttling (429, throttling codes), the
/// model's `@retryable` errors, and 500, 502, 503, 504.
pub(crate) fn is_retryable_response(status: u16, code: Option<&str>, retryable_codes: &[&str]) -> bool {
    const TRANSIENT: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];
    let by_code = code.is_some_and(|c| TRANSIENT.contains(&c) || retryable_codes.contains(&c));
    by_code || is_throttling_response(status, code) || matches!(status, 500 | 502 | 503 | 504)
}

/// Whether an error response says the client sends too fast (429, or a throttling code):
/// what lowers the adaptive mode's sending rate.
pub(crate) fn is_throttling_response(status: u16, code: Option<&str>) -> bool {
    const THROTTLING: &[&str] = &[
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    ];
    status == 429 || code.is_some_and(|c| THROTTLING.contains(&c))
}

#[cfg(test)]
mod tests;
