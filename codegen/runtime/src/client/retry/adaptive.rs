//! The `adaptive` retry mode's client-side rate limiter, by the rules the AWS SDKs share:
//!
//! - a bucket of send tokens, one per attempt, refilled at the *fill rate* (tokens per
//!   second) up to a capacity of one second's worth (at least one token). It stays off until
//!   the first throttling response: before that nothing waits.
//! - the *measured send rate*: responses counted in half-second time buckets, each finished
//!   bucket's rate smoothed into the estimate (80 % new, 20 % old).
//! - after each response a new fill rate, never more than twice the measured rate: a
//!   throttling response cuts the rate it was sending at (the measured rate, or the fill
//!   rate if lower) to 70 % and remembers it as `W_max`; a success follows the CUBIC curve
//!   `C * (t - K)^3 + W_max` (`t` seconds since the last throttle, `C` = 0.4,
//!   `K = cbrt(W_max * (1 - 0.7) / C)`), which starts at the cut rate, flattens out at
//!   `W_max` after `K` seconds, then probes above it.
//!
//! [`SendRate`] is the arithmetic, with time passed in (seconds from any fixed origin), so
//! tests can replay responses at chosen times; [`RateLimiter`] is what a client holds: a
//! `SendRate` behind a lock, on a monotonic clock.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The lowest fill rate, in tokens per second, and the smallest capacity.
const MIN_FILL_RATE: f64 = 0.5;
const MIN_CAPACITY: f64 = 1.0;
/// The weight of the latest time bucket in the measured rate.
const SMOOTH: f64 = 0.8;
/// What a throttling response keeps of the sending rate.
const BETA: f64 = 0.7;
/// CUBIC's scale constant `C`: how fast the rate grows back.
const SCALE: f64 = 0.4;
/// The width of the measured rate's time buckets, in seconds.
const TIME_BUCKET: f64 = 0.5;

/// The limiter's state; every method takes the time now, in seconds.
#[derive(Debug, Clone)]
pub(crate) struct SendRate {
    /// Whether attempts wait for tokens (after the first throttling response).
    enabled: bool,
    /// Tokens added per second.
    fill_rate: f64,
    /// The most tokens the bucket holds.
    capacity: f64,
    /// Tokens in the bucket; below zero when attempts have reserved tokens still to come.
    tokens: f64,
    /// When the bucket was last refilled.
    last_refill: Option<f64>,
    /// The smoothed rate of responses, per second.
    measured_rate: f64,
    /// The start of the current time bucket, and the responses counted in it so far.
    bucket_start: f64,
    bucket_count: u32,
    /// `W_max`: the rate when the last throttling response came.
    last_max_rate: f64,
    /// When the last throttling response came.
    last_throttle: f64,
}

impl SendRate {
    /// A limiter, off, started at `now`.
    pub(crate) fn new(now: f64) -> Self {
        SendRate {
            enabled: false,
            fill_rate: MIN_FILL_RATE,
            capacity: MIN_CAPACITY,
            tokens: 0.0,
            last_refill: None,
            measured_rate: 0.0,
            bucket_start: now.floor(),
            bucket_count: 0,
            last_max_rate: 0.0,
            last_throttle: now,
        }
    }

    /// Takes a token for an attempt about to be sent: how long to wait first, if at all.
    /// A token not there yet is reserved, so that attempts waiting together are spaced out
    /// rather than all woken at once.
    pub(crate) fn acquire(&mut self, now: f64) -> Option<Duration> {
        if !self.enabled {
            return None;
        }
        self.refill(now);
        self.tokens -= 1.0;
        (self.tokens < 0.0).then(|| Duration::from_secs_f64(-self.tokens / self.fill_rate))
    }

    /// Takes in a response that came at `now`: a throttling one lowers the fill rate, and
    /// turns the limiter on; any other raises it.
    pub(crate) fn record(&mut self, now: f64, throttled: bool) {
        self.measure(now);
        let rate = if throttled {
            let sending = if self.enabled { self.measured_rate.min(self.fill_rate) } else { self.measured_rate };
            self.last_max_rate = sending;
            self.last_throttle = now;
            self.enabled = true;
            sending * BETA
        } else {
            cubic_success(now - self.last_throttle, self.last_max_rate)
        };
        self.set_fill_rate(now, rate.min(2.0 * self.measured_rate));
    }

    /// The fill rate, once the limiter is on.
    pub(crate) fn fill_rate(&self) -> Option<f64> {
        self.enabled.then_some(self.fill_rate)
    }

    /// The smoothed rate of responses, per second.
    #[cfg(test)]
    pub(crate) fn measured_rate(&self) -> f64 {
        self.measured_rate
    }

    /// Counts a response in its time bucket; when a new bucket starts, the finished ones'
    /// rate goes into the measured rate.
    fn measure(&mut self, now: f64) {
        let bucket = (now / TIME_BUCKET).floor() * TIME_BUCKET;
        self.bucket_count += 1;
        if bucket > self.bucket_start {
            let rate = f64::from(self.bucket_count) / (bucket - self.bucket_start);
            self.measured_rate = rate * SMOOTH + self.measured_rate * (1.0 - SMOOTH);
            self.bucket_count = 0;
            self.bucket_start = bucket;
        }
    }

    fn refill(&mut self, now: f64) {
        if let Some(last) = self.last_refill {
            self.tokens = (self.tokens + (now - last).max(0.0) * self.fill_rate).min(self.capacity);
        }
        self.last_refill = Some(now);
    }

    fn set_fill_rate(&mut self, now: f64, rate: f64) {
        self.refill(now);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.capacity = rate.max(MIN_CAPACITY);
        self.tokens = self.tokens.min(self.capacity);
    }
}

/// The CUBIC curve: the rate `since_throttle` seconds after a throttling response cut
/// `last_max_rate`. It starts at `last_max_rate * BETA` (since `SCALE * K^3` is
/// `last_max_rate * (1 - BETA)`) and reaches `last_max_rate` after `K` seconds.
pub(crate) fn cubic_success(since_throttle: f64, last_max_rate: f64) -> f64 {
    let k = (last_max_rate * (1.0 - BETA) / SCALE).cbrt();
    SCALE * (since_throttle - k).powi(3) + last_max_rate
}

/// A client's rate limiter: one [`SendRate`] for all its calls, timed from when the client
/// was built.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    origin: Instant,
    rate: Mutex<SendRate>,
}

impl RateLimiter {
    pub(crate) fn new() -> Self {
        RateLimiter { origin: Instant::now(), rate: Mutex::new(SendRate::new(0.0)) }
    }

    /// How long an attempt about to be sent waits for its token, if at all.
    pub(crate) fn acquire(&self) -> Option<Duration> {
        let now = self.now();
        self.lock().acquire(now)
    }

    /// Takes in a response, throttling or not.
    pub(crate) fn record(&self, throttled: bool) {
        let now = self.now();
        self.lock().record(now, throttled);
    }

    /// The fill rate in tokens (attempts) per second, once a throttling response turned the
    /// limiter on.
    pub(crate) fn fill_rate(&self) -> Option<f64> {
        self.lock().fill_rate()
    }

    fn now(&self) -> f64 {
        self.origin.elapsed().as_secs_f64()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SendRate> {
        self.rate.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
