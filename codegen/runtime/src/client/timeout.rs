//! The clients' own timeouts, over the transport's connect and read timeouts: one bounds
//! each attempt, the other the whole call with its retries and waits. Neither is set by
//! default, as in the AWS SDKs: the connect and read timeouts already end an attempt with a
//! silent server, and a call whose response streams has no natural bound.
//!
//! The async client runs each attempt, and the call, under `tokio::time::timeout`. The
//! blocking client cannot interrupt a transport: it gives the transport each attempt's
//! deadline in the request's extensions ([`AttemptDeadline`]), and sleeps no further than
//! the operation's deadline.

use super::transport::TransportError;
use std::fmt;
use std::time::{Duration, Instant};

/// A timeout of the client's that expired, with the value it was set to; see
/// [`TransportError::expired_timeout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpiredTimeout {
    /// The attempt timeout: one attempt (connecting, sending, the whole response) took too
    /// long. Retried like any timeout.
    Attempt(Duration),
    /// The operation timeout: the call, retries and waits included, took too long. Never
    /// retried: the call ends with it.
    Operation(Duration),
}

impl ExpiredTimeout {
    /// The value the timeout was set to.
    pub fn duration(&self) -> Duration {
        match *self {
            ExpiredTimeout::Attempt(limit) | ExpiredTimeout::Operation(limit) => limit,
        }
    }
}

impl fmt::Display for ExpiredTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpiredTimeout::Attempt(limit) => write!(f, "the attempt timeout of {limit:?} expired"),
            ExpiredTimeout::Operation(limit) => write!(f, "the operation timeout of {limit:?} expired"),
        }
    }
}

impl TransportError {
    /// The error of a client timeout that expired.
    pub(crate) fn expired(timeout: ExpiredTimeout) -> Self {
        TransportError::timeout(timeout.to_string()).with_expired(timeout)
    }
}

/// When the attempt a blocking client sends must be over: the attempt timeout, or what is
/// left of the operation timeout if that ends sooner. The blocking client puts it in the
/// extensions of each request it gives its [`BlockingTransport`](super::BlockingTransport)
/// when either timeout is set; a transport should end the exchange (response body
/// included) by then with a [`TransportErrorKind::Timeout`](super::TransportErrorKind::Timeout)
/// error, as the default one does.
/// A transport that ignores it cannot be interrupted: the client then only sees the
/// deadline passed once the transport returns, and retries no further than the operation
/// timeout allows.
///
/// ```rust,ignore
/// fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
///     let limit = request.extensions().get::<AttemptDeadline>().map(AttemptDeadline::remaining);
///     self.0.execute_with_timeout(request, limit).map_err(|e| TransportError::io(e.to_string()))
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptDeadline {
    at: Instant,
    timeout: ExpiredTimeout,
}

impl AttemptDeadline {
    /// The moment the attempt must be over.
    pub fn at(&self) -> Instant {
        self.at
    }

    /// The time left until then (zero once it passed).
    pub fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// The timeout that sets the deadline.
    pub fn timeout(&self) -> ExpiredTimeout {
        self.timeout
    }
}

/// The attempt and operation timeouts of a client's calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CallTimeouts {
    pub attempt: Option<Duration>,
    pub operation: Option<Duration>,
}

/// The timeouts of one call of the blocking client, from its start.
#[cfg(feature = "blocking")]
#[derive(Debug)]
pub(crate) struct CallClock {
    attempt: Option<Duration>,
    /// When the operation timeout expires, and its value.
    operation: Option<(Instant, Duration)>,
}

#[cfg(feature = "blocking")]
impl CallClock {
    /// The clock of a call starting now.
    pub(crate) fn start(timeouts: CallTimeouts) -> Self {
        let now = Instant::now();
        CallClock { attempt: timeouts.attempt, operation: timeouts.operation.map(|limit| (now + limit, limit)) }
    }

    /// The operation timeout's error once it expired.
    pub(crate) fn check(&self) -> Result<(), TransportError> {
        match self.operation {
            Some((end, limit)) if Instant::now() >= end => Err(TransportError::expired(ExpiredTimeout::Operation(limit))),
            _ => Ok(()),
        }
    }

    /// `wait`, cut to the time the operation has left: no backoff sleeps past its end.
    pub(crate) fn bounded(&self, wait: Duration) -> Duration {
        match self.operation {
            Some((end, _)) => wait.min(end.saturating_duration_since(Instant::now())),
            None => wait,
        }
    }

    /// Sends one attempt with `send`, its deadline in the request's extensions, and tells a
    /// transport timeout at or past that deadline as the client timeout that set it (the
    /// transport's own message then as its source). Fails at once if the operation's time
    /// is up.
    pub(crate) fn attempt<B, R>(
        &self,
        mut request: http::Request<B>,
        send: impl FnOnce(http::Request<B>) -> Result<R, TransportError>,
    ) -> Result<R, TransportError> {
        self.check()?;
        let deadline = self.attempt_deadline();
        if let Some(deadline) = deadline {
            request.extensions_mut().insert(deadline);
        }
        send(request).map_err(|error| match deadline {
            Some(deadline) if error.kind() == super::TransportErrorKind::Timeout && Instant::now() >= deadline.at => {
                TransportError::expired(deadline.timeout).with_source(error)
            }
            _ => error,
        })
    }

    /// The deadline of an attempt starting now, if any timeout bounds it.
    fn attempt_deadline(&self) -> Option<AttemptDeadline> {
        let now = Instant::now();
        let attempt = self.attempt.map(|limit| AttemptDeadline { at: now + limit, timeout: ExpiredTimeout::Attempt(limit) });
        let operation = self.operation.map(|(end, limit)| AttemptDeadline { at: end, timeout: ExpiredTimeout::Operation(limit) });
        match (attempt, operation) {
            (Some(a), Some(o)) => Some(if o.at < a.at { o } else { a }),
            (a, o) => a.or(o),
        }
    }
}

#[cfg(feature = "client")]
pub(crate) use tokio_limits::{within_attempt, within_operation};

/// The async client's timeouts: tokio's timer around the attempt, and around the call.
#[cfg(feature = "client")]
mod tokio_limits {
    use super::{ExpiredTimeout, TransportError};
    use crate::client::Error;
    use std::convert::Infallible;
    use std::future::Future;
    use std::time::Duration;

    /// Runs `call` (all its attempts and waits) within the operation timeout, if one is set.
    pub(crate) async fn within_operation<T>(
        limit: Option<Duration>,
        call: impl Future<Output = Result<T, Error<Infallible>>>,
    ) -> Result<T, Error<Infallible>> {
        match limit {
            Some(limit) => tokio::time::timeout(limit, call)
                .await
                .unwrap_or_else(|_| Err(Error::Transport(TransportError::expired(ExpiredTimeout::Operation(limit))))),
            None => call.await,
        }
    }

    /// Runs one attempt within the attempt timeout, if one is set.
    pub(crate) async fn within_attempt<T>(
        limit: Option<Duration>,
        attempt: impl Future<Output = Result<T, TransportError>>,
    ) -> Result<T, TransportError> {
        match limit {
            Some(limit) => tokio::time::timeout(limit, attempt)
                .await
                .unwrap_or_else(|_| Err(TransportError::expired(ExpiredTimeout::Attempt(limit)))),
            None => attempt.await,
        }
    }
}

#[cfg(all(test, feature = "blocking"))]
mod tests;
