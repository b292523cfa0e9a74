//! What the clients tell `tracing` (feature `tracing`): a span per call (`operation`:
//! service, operation, region), a span per attempt inside it (`attempt`: its number, the
//! response's status and request id, the retry decision and its reason), and events for
//! retries (delay, reason) and credential refreshes (source, expiry).
//!
//! Only names, numbers, statuses, error codes and request ids are recorded: never a
//! header, a body, an input or output member, or anything of the credentials but where
//! they came from and when they expire. Without the feature every function here is empty.

#[cfg(feature = "tracing")]
pub(crate) use on::*;

#[cfg(not(feature = "tracing"))]
pub(crate) use off::*;

/// The end of an attempt, as far as tracing goes (read only when it is on).
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) struct AttemptEnd<'a> {
    pub result: Result<(http::StatusCode, &'a http::HeaderMap, &'a [u8]), &'a super::TransportError>,
    /// Whether retrying could help.
    pub retryable: bool,
    /// The wait before the next attempt, if there is one.
    pub retry_in: Option<std::time::Duration>,
}

#[cfg(feature = "tracing")]
mod on {
    use super::AttemptEnd;
    use std::time::SystemTime;
    use tracing::field::Empty;

    pub(crate) use tracing::Span;

    /// The span of a call of `operation`.
    pub(crate) fn operation_span(service: &str, operation: &str, region: &str) -> Span {
        tracing::info_span!("operation", service, operation, region)
    }

    /// The span of attempt `number` (from 1) of a call; what it got is recorded at its end.
    pub(crate) fn attempt_span(number: u32) -> Span {
        tracing::debug_span!("attempt", attempt = number, status = Empty, request_id = Empty, retry = Empty, reason = Empty)
    }

    /// Records how an attempt ended on its span, and the retry to come, if any.
    pub(crate) fn attempt_ended(span: &Span, end: AttemptEnd<'_>) {
        if span.is_disabled() {
            return;
        }
        let reason = match end.result {
            Ok((status, _, _)) if status.is_success() => None,
            Ok((status, headers, body)) => {
                let parts = crate::rt::error_parts_of_any(status.as_u16(), headers, body);
                Some(match parts.code {
                    Some(code) => format!("{} {code}", status.as_u16()),
                    None => format!("{}", status.as_u16()),
                })
            }
            Err(e) => Some(format!("transport error ({:?})", e.kind())),
        };
        if let Ok((status, headers, _)) = end.result {
            span.record("status", status.as_u16());
            if let Some(id) = crate::rt::http::request_id(headers) {
                span.record("request_id", id.as_str());
            }
        }
        let decision = match (&reason, end.retry_in) {
            (None, _) => "done",
            (Some(_), Some(_)) => "retry",
            (Some(_), None) if end.retryable => "retries exhausted",
            (Some(_), None) => "not retryable",
        };
        span.record("retry", decision);
        if let Some(reason) = &reason {
            span.record("reason", reason.as_str());
        }
        if let (Some(delay), Some(reason)) = (end.retry_in, &reason) {
            let _inside = span.enter();
            tracing::debug!(delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX), reason = reason.as_str(), "retrying");
        }
    }

    /// A credentials provider gave fresh credentials.
    pub(crate) fn credentials_refreshed(source: &str, expires: Option<SystemTime>) {
        match expires.map(rfc3339) {
            Some(expires) => tracing::info!(source, expires = expires.as_str(), "credentials refreshed"),
            None => tracing::info!(source, "credentials refreshed (they do not expire)"),
        }
    }

    /// Refreshing credentials failed; `kept` says whether the ones at hand still serve.
    pub(crate) fn credentials_refresh_failed(error: &super::super::CredentialsError, kept: bool) {
        tracing::warn!(error = %error, kept_previous = kept, "credentials refresh failed");
    }

    fn rfc3339(at: SystemTime) -> String {
        let at = time::OffsetDateTime::from(at);
        at.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| at.unix_timestamp().to_string())
    }

    /// `future` inside `span`.
    #[cfg(feature = "client")]
    pub(crate) fn instrument<F: std::future::Future>(future: F, span: Span) -> impl std::future::Future<Output = F::Output> {
        tracing::Instrument::instrument(future, span)
    }

    /// Runs `f` (on another thread) with the caller's subscriber and span, so that what
    /// it reports lands where the caller's does.
    #[cfg(feature = "client")]
    pub(crate) fn carried<T>(f: impl FnOnce() -> T) -> impl FnOnce() -> T {
        let dispatch = tracing::dispatcher::get_default(Clone::clone);
        let span = Span::current();
        move || tracing::dispatcher::with_default(&dispatch, || span.in_scope(f))
    }
}

#[cfg(not(feature = "tracing"))]
mod off {
    use super::AttemptEnd;
    use std::time::SystemTime;

    /// No span: tracing is off.
    #[derive(Clone)]
    pub(crate) struct Span;

    /// Inside no span (the blocking client enters its spans; the async one instruments
    /// futures).
    #[cfg(feature = "blocking")]
    pub(crate) struct Entered;

    #[cfg(feature = "blocking")]
    impl Span {
        pub(crate) fn enter(&self) -> Entered {
            Entered
        }
    }

    pub(crate) fn operation_span(_service: &str, _operation: &str, _region: &str) -> Span {
        Span
    }

    pub(crate) fn attempt_span(_number: u32) -> Span {
        Span
    }

    pub(crate) fn attempt_ended(_span: &Span, _end: AttemptEnd<'_>) {}

    pub(crate) fn credentials_refreshed(_source: &str, _expires: Option<SystemTime>) {}

    pub(crate) fn credentials_refresh_failed(_error: &super::super::CredentialsError, _kept: bool) {}

    #[cfg(feature = "client")]
    pub(crate) fn instrument<F: std::future::Future>(future: F, _span: Span) -> F {
        future
    }

    #[cfg(feature = "client")]
    pub(crate) fn carried<T>(f: impl FnOnce() -> T) -> impl FnOnce() -> T {
        f
    }
}
