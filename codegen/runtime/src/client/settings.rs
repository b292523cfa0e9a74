//! One call's own settings over its client's: timeouts, attempts, request options and
//! extra headers, for the calls that need something the client was not built with.

use super::call::Shared;
use super::error::Error;
use super::retry::RetryConfig;
use super::timeout::CallTimeouts;
use std::convert::Infallible;
use std::time::Duration;

/// Settings of one call that replace the client's: what is not set here is the client's.
/// A fluent call takes them with `.customize(|c| c.max_attempts(1))`; the typed entry
/// points take them as `call_with::<O>(&input, &settings)`.
///
/// ```
/// use smithy_rt::client::CallSettings;
/// use std::time::Duration;
///
/// let settings = CallSettings::default()
///     .operation_timeout(Duration::from_secs(5))
///     .max_attempts(1)
///     .header("x-trace", "batch-7");
/// assert_eq!(settings.max_attempts_override(), Some(1));
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct CallSettings {
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    max_attempts: Option<u32>,
    serialize: Option<crate::SerializeOptions>,
    headers: Vec<(String, String)>,
}

impl CallSettings {
    /// Bounds each attempt of this call (the client's attempt timeout otherwise).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Bounds this call, retries and waits included (the client's operation timeout otherwise).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Attempts in all for this call, the first included: 1 turns retries off for it. Zero
    /// counts as 1.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// Builds this call's request with these options instead of the client's.
    pub fn serialize_options(mut self, options: crate::SerializeOptions) -> Self {
        self.serialize = Some(options);
        self
    }

    /// Adds a header to every attempt of this call (signed with the rest). A name or value
    /// that is not valid in HTTP makes the call fail with [`Error::Serialize`], unsent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The attempts this call is limited to, if it says.
    pub fn max_attempts_override(&self) -> Option<u32> {
        self.max_attempts
    }

    /// The call's request options: its own, else the client's.
    pub(crate) fn serialize_or(&self, client: crate::SerializeOptions) -> crate::SerializeOptions {
        self.serialize.unwrap_or(client)
    }

    /// The call's timeouts: its own, else the client's.
    pub(crate) fn timeouts(&self, client: CallTimeouts) -> CallTimeouts {
        CallTimeouts {
            attempt: self.attempt_timeout.or(client.attempt),
            operation: self.operation_timeout.or(client.operation),
        }
    }

    /// The call's retries: the client's, with this call's number of attempts.
    pub(crate) fn retry(&self, client: RetryConfig) -> RetryConfig {
        RetryConfig { max_attempts: self.max_attempts.unwrap_or(client.max_attempts), ..client }
    }
}

impl Shared {
    /// `prepare`, then this call's extra headers.
    pub(crate) fn prepare_call(
        &self,
        request: http::Request<Vec<u8>>,
        settings: &CallSettings,
    ) -> Result<http::Request<Vec<u8>>, Error<Infallible>> {
        let mut request = self.prepare(request)?;
        for (name, value) in &settings.headers {
            let bad = |e: http::Error| Error::Serialize(crate::error::SerializeError::http(e));
            let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| bad(e.into()))?;
            let value = http::HeaderValue::from_str(value).map_err(|e| bad(e.into()))?;
            request.headers_mut().append(name, value);
        }
        Ok(request)
    }
}
