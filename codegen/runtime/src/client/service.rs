//! What the clients need to know of the service they call, which a generated crate states
//! once (`crate::client::service::SERVICE`): its signing name, its configuration keys, the
//! codes of its retryable errors and how its endpoint is found.

use super::call::ResolvedEndpoint;

/// A service, as its clients see it.
#[derive(Debug)]
pub struct Service {
    /// The SigV4 signing name (the model's `aws.auth#sigv4` trait), unless the endpoint
    /// says otherwise.
    pub signing_name: &'static str,
    /// `AWS_ENDPOINT_URL_<ENV_SUFFIX>` names this service's endpoint.
    pub env_suffix: &'static str,
    /// This service's key in a shared config `[services]` section.
    pub config_key: &'static str,
    /// Codes of the model's `@retryable` errors.
    pub retryable_codes: &'static [&'static str],
    /// Where requests go and how they are signed, from the settings (the model's endpoint
    /// rules, or the configured URL); the error says why there is no endpoint.
    pub resolve_endpoint: fn(&EndpointSettings<'_>) -> Result<ResolvedEndpoint, String>,
    /// The auth schemes of each operation.
    pub auth: super::auth::ServiceAuth,
    /// For a service that is not AWS's, the variable its endpoint URL is read from when the
    /// builder has none (instead of `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL` and the
    /// profile's); its clients need no region unless some operation is signed with SigV4.
    pub endpoint_env: Option<&'static str>,
}

impl Service {
    /// Whether its clients need a region: an AWS service's endpoint rules or signature
    /// take one.
    pub(crate) fn needs_region(&self) -> bool {
        self.endpoint_env.is_none() || self.auth.uses_sigv4()
    }
}

/// The settings an endpoint is resolved from, for one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointSettings<'a> {
    /// The region (`us-east-1`; empty for a service that is not AWS's when none is set).
    pub region: &'a str,
    /// The endpoint URL configured for this service, if any: the builder's, else
    /// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the shared config file's.
    pub endpoint_url: Option<&'a str>,
    /// Whether a FIPS endpoint is asked for.
    pub use_fips: bool,
    /// Whether a dual-stack endpoint is asked for.
    pub use_dual_stack: bool,
}
