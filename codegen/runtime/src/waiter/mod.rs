//! Waiters (`smithy.waiters#waitable`): call an operation until its result matches an
//! acceptor, sleeping between calls as the Smithy waiters specification says.
//!
//! The generated crate decides which acceptor a result matches (its expressions are compiled
//! into Rust); this module owns the rest: the delays ([`Delays`], [`Backoff`]), the states
//! ([`AcceptorState`]), the outcome ([`FinalPoll`], [`WaiterError`]), and the loops that sleep
//! on a thread ([`wait_blocking`]) or on tokio (`wait_async`, feature `client`).

use std::fmt;
use std::time::{Duration, Instant};

/// What an acceptor says about one call's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    /// The wait is over: the resource is in the awaited state.
    Success,
    /// The wait is over: the awaited state cannot come any more.
    Failure,
    /// Call again after a delay.
    Retry,
}

/// The delays between calls: the model's `minDelay` and `maxDelay` (2 and 120 seconds when it
/// gives none), which a caller may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delays {
    /// The shortest delay between two calls.
    pub min: Duration,
    /// The longest delay between two calls.
    pub max: Duration,
}

impl Delays {
    /// The model's delays, in seconds.
    pub const fn from_secs(min: u64, max: u64) -> Delays {
        Delays { min: Duration::from_secs(min), max: Duration::from_secs(max) }
    }
}

/// The delay before each retry: exponential from the minimum delay, up to the maximum once
/// the attempt ceiling is passed, each one a random point above the minimum (jitter), and
/// never so long that the next call would come after the caller's `max_wait`.
#[derive(Debug, Clone)]
pub struct Backoff {
    delays: Delays,
    max_wait: Duration,
    attempt_ceiling: u32,
}

impl Backoff {
    /// The backoff of one wait of at most `max_wait`.
    pub fn new(delays: Delays, max_wait: Duration) -> Backoff {
        let min = delays.min.as_secs_f64().max(f64::MIN_POSITIVE);
        let ratio = (delays.max.as_secs_f64() / min).max(1.0);
        // The attempt past which doubling the minimum would exceed the maximum.
        let attempt_ceiling = (ratio.log2() + 1.0).min(f64::from(u32::MAX)) as u32;
        Backoff { delays, max_wait, attempt_ceiling }
    }

    /// The delay after the `attempt`-th call (from 1), `elapsed` into the wait, with
    /// `fraction` in `[0, 1]` choosing the point between the minimum and the attempt's
    /// ceiling. `None`: no time is left for another call, the wait has timed out.
    pub fn delay(&self, attempt: u32, elapsed: Duration, fraction: f64) -> Option<Duration> {
        let Delays { min, max } = self.delays;
        let ceiling = if attempt > self.attempt_ceiling {
            max
        } else {
            min.saturating_mul(1u32 << attempt.saturating_sub(1).min(31)).min(max)
        };
        let ceiling = ceiling.max(min);
        let delay = min + (ceiling - min).mul_f64(fraction.clamp(0.0, 1.0));
        let remaining = self.max_wait.checked_sub(elapsed)?;
        if remaining <= min {
            return None;
        }
        // The last call comes no later than the minimum delay before the end of the wait.
        Some(if remaining.saturating_sub(delay) <= min { remaining - min } else { delay })
    }
}

/// The result of the call that ended a wait in success: the output, or the error an
/// `errorType` acceptor waited for (a resource being deleted ends in `NotFound`).
#[derive(Debug)]
pub struct FinalPoll<O, E> {
    result: Result<O, E>,
    attempts: u32,
}

impl<O, E> FinalPoll<O, E> {
    /// The last call's result.
    pub fn as_result(&self) -> Result<&O, &E> {
        self.result.as_ref()
    }

    /// The last call's result, taken.
    pub fn into_result(self) -> Result<O, E> {
        self.result
    }

    /// The last call's output, when it succeeded.
    pub fn output(&self) -> Option<&O> {
        self.result.as_ref().ok()
    }

    /// How many times the operation was called.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// Why a wait ended without success. What it holds is boxed: the error stays small however
/// large the operation's output and error are.
#[derive(Debug)]
pub enum WaiterError<O, E> {
    /// A `failure` acceptor matched: the awaited state cannot come. Holds the last call's
    /// result.
    FailureState(Box<FinalPoll<O, E>>),
    /// `max_wait` passed with no acceptor ending the wait.
    TimedOut {
        /// How many times the operation was called.
        attempts: u32,
        /// The last call's result.
        last: Box<Result<O, E>>,
    },
    /// The operation failed with an error no acceptor expects.
    Operation {
        /// How many times the operation was called.
        attempts: u32,
        /// The error.
        error: Box<E>,
    },
}

impl<O, E> WaiterError<O, E> {
    /// The operation's error, when the wait ended on one (an unexpected error, or one a
    /// `failure` acceptor matched, or the last before the time ran out).
    pub fn operation_error(&self) -> Option<&E> {
        match self {
            WaiterError::FailureState(last) => last.as_result().err(),
            WaiterError::TimedOut { last, .. } => last.as_ref().as_ref().err(),
            WaiterError::Operation { error, .. } => Some(error),
        }
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::FailureState(last) => match last.as_result() {
                Ok(_) => write!(f, "the waiter reached a failure state after {} calls", last.attempts),
                Err(e) => write!(f, "the waiter reached a failure state after {} calls: {e}", last.attempts),
            },
            WaiterError::TimedOut { attempts, .. } => write!(f, "the waiter timed out after {attempts} calls"),
            WaiterError::Operation { attempts, error } => {
                write!(f, "the waited-on operation failed unexpectedly (call {attempts}): {error}")
            }
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.operation_error().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Where one call leaves a wait: over, or to be continued after a delay.
enum Step<O, E> {
    Done(Result<FinalPoll<O, E>, WaiterError<O, E>>),
    Sleep(Duration),
}

/// The decision after the `attempts`-th call: shared by both loops.
fn step<O, E>(
    backoff: &Backoff,
    attempts: u32,
    elapsed: Duration,
    result: Result<O, E>,
    state: Option<AcceptorState>,
) -> Step<O, E> {
    match (state, result) {
        (Some(AcceptorState::Success), result) => Step::Done(Ok(FinalPoll { result, attempts })),
        (Some(AcceptorState::Failure), result) => Step::Done(Err(WaiterError::FailureState(Box::new(FinalPoll { result, attempts })))),
        // An error that no acceptor expects ends the wait; an output no acceptor matches
        // is retried.
        (None, Err(error)) => Step::Done(Err(WaiterError::Operation { attempts, error: Box::new(error) })),
        (Some(AcceptorState::Retry) | None, last) => match backoff.delay(attempts, elapsed, random_fraction()) {
            Some(delay) => Step::Sleep(delay),
            None => Step::Done(Err(WaiterError::TimedOut { attempts, last: Box::new(last) })),
        },
    }
}

/// Calls `call` until `accept` gives success or failure, an unexpected error comes, or
/// `max_wait` passes; sleeps the thread between calls.
pub fn wait_blocking<O, E>(
    delays: Delays,
    max_wait: Duration,
    mut call: impl FnMut() -> Result<O, E>,
    accept: impl Fn(&Result<O, E>) -> Option<AcceptorState>,
) -> Result<FinalPoll<O, E>, WaiterError<O, E>> {
    let backoff = Backoff::new(delays, max_wait);
    let start = Instant::now();
    let mut attempts = 0;
    loop {
        let result = call();
        attempts += 1;
        let state = accept(&result);
        match step(&backoff, attempts, start.elapsed(), result, state) {
            Step::Done(outcome) => return outcome,
            Step::Sleep(delay) => std::thread::sleep(delay),
        }
    }
}

/// [`wait_blocking`] on tokio: the delays are tokio sleeps.
#[cfg(feature = "client")]
pub async fn wait_async<O, E, F: std::future::Future<Output = Result<O, E>>>(
    delays: Delays,
    max_wait: Duration,
    mut call: impl FnMut() -> F,
    accept: impl Fn(&Result<O, E>) -> Option<AcceptorState>,
) -> Result<FinalPoll<O, E>, WaiterError<O, E>> {
    let backoff = Backoff::new(delays, max_wait);
    let start = Instant::now();
    let mut attempts = 0;
    loop {
        let result = call().await;
        attempts += 1;
        let state = accept(&result);
        match step(&backoff, attempts, start.elapsed(), result, state) {
            Step::Done(outcome) => return outcome,
            Step::Sleep(delay) => tokio::time::sleep(delay).await,
        }
    }
}

/// A number in `[0, 1)` from the standard library's randomly keyed hasher: jitter needs no
/// cryptographic quality.
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(0x5eed);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests;
