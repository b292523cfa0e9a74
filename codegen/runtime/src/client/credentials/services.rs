//! The AWS services credentials come from (STS, the IAM Identity Center portal and its OIDC
//! service), called with small hand-written requests: each takes one or two operations, so
//! generating whole clients for them would only add to the build.
//!
//! Their endpoints follow the SDKs' configured-endpoint rules (`AWS_ENDPOINT_URL_STS`,
//! `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL_SSO_OIDC`, then `AWS_ENDPOINT_URL`, then the
//! profile's `[services]` section, none of them under `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`),
//! else the region's standard host.

use crate::client::config::Sources;
use crate::client::transport::BlockingTransport;
use std::sync::Arc;

/// A service the credentials providers call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HelperService {
    /// AWS STS: `AssumeRole`, `AssumeRoleWithWebIdentity`.
    Sts,
    /// The IAM Identity Center portal: `GetRoleCredentials`.
    Sso,
    /// IAM Identity Center OIDC: `CreateToken` (refreshing a cached token).
    SsoOidc,
}

impl HelperService {
    /// `AWS_ENDPOINT_URL_<suffix>` and the `[services]` key.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            HelperService::Sts => ("STS", "sts"),
            HelperService::Sso => ("SSO", "sso"),
            HelperService::SsoOidc => ("SSO_OIDC", "sso_oidc"),
        }
    }

    /// The service's name in messages.
    pub(crate) fn title(self) -> &'static str {
        match self {
            HelperService::Sts => "AWS STS",
            HelperService::Sso => "the IAM Identity Center portal",
            HelperService::SsoOidc => "IAM Identity Center OIDC",
        }
    }

    /// The standard endpoint in `region`.
    fn standard_endpoint(self, region: &str) -> String {
        let suffix = dns_suffix(region);
        match self {
            HelperService::Sts => format!("https://sts.{region}.{suffix}"),
            HelperService::Sso => format!("https://portal.sso.{region}.{suffix}"),
            HelperService::SsoOidc => format!("https://oidc.{region}.{suffix}"),
        }
    }
}

/// The DNS suffix of the partition `region` is in (AWS's partition table: `cn-` regions are
/// under `amazonaws.com.cn`, the isolated partitions under their own domains).
pub(crate) fn dns_suffix(region: &str) -> &'static str {
    const PREFIXES: &[(&str, &str)] = &[
        ("cn-", "amazonaws.com.cn"),
        ("us-isob-", "sc2s.sgov.gov"),
        ("us-isof-", "csp.hci.ic.gov"),
        ("us-iso-", "c2s.ic.gov"),
        ("eu-isoe-", "cloud.adc-e.uk"),
        ("eusc-", "amazonaws.eu"),
    ];
    PREFIXES.iter().find(|(prefix, _)| region.starts_with(prefix)).map_or("amazonaws.com", |(_, suffix)| suffix)
}

/// How the providers reach the helper services: the transport (the client's own kind, with
/// its proxy and timeouts) and where the endpoint settings are read.
#[derive(Debug, Clone)]
pub(crate) struct Helpers {
    pub transport: Arc<dyn BlockingTransport>,
    pub sources: Arc<Sources>,
}

impl Helpers {
    /// The endpoint of `service` for `region`, without a trailing `/`.
    pub(crate) fn endpoint(&self, service: HelperService, region: &str) -> String {
        let (env_suffix, config_key) = service.names();
        match self.sources.configured_endpoint(config_key, env_suffix) {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => service.standard_endpoint(region),
        }
    }

    /// Sends `request`; the body of a 2xx answer, else a message naming the service, the
    /// status and the service's error code and message (which never hold a secret).
    pub(crate) fn call(&self, service: HelperService, request: http::Request<Vec<u8>>) -> Result<Vec<u8>, String> {
        let uri = request.uri().clone();
        let response = self.transport.send(request).map_err(|e| format!("{} ({uri}): {e}", service.title()))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response.into_body());
        }
        let (code, message) = error_of(response.headers(), response.body());
        let mut why = format!("{} ({uri}) answered HTTP {}", service.title(), status.as_u16());
        if let Some(code) = code {
            why.push_str(&format!(": {code}"));
        }
        if let Some(message) = message {
            why.push_str(&format!(": {message}"));
        }
        Err(why)
    }
}

/// The error code and message of an answer: STS answers in XML (`<Code>`, `<Message>`), the
/// IAM Identity Center services in JSON.
fn error_of(headers: &http::HeaderMap, body: &[u8]) -> (Option<String>, Option<String>) {
    let text = String::from_utf8_lossy(body);
    if text.trim_start().starts_with('<') {
        return (super::sts::xml_text(&text, "Code"), super::sts::xml_text(&text, "Message"));
    }
    let parts = crate::rt::http::error_parts(0, headers, body);
    // OIDC errors say what went wrong in `error` and `error_description`.
    let oidc = super::sso::oidc_error(body);
    (parts.code.or(oidc.0), parts.message.or(oidc.1))
}

#[cfg(all(test, feature = "endpoint"))]
mod tests {
    use super::dns_suffix;

    /// A region of each partition has the DNS suffix the partition table gives it.
    #[test]
    fn dns_suffixes_agree_with_the_partition_table() {
        let regions = [
            "us-east-1", "eu-west-3", "il-central-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1", "us-iso-east-1",
            "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1",
        ];
        for region in regions {
            let partition = crate::endpoint::fns::partition::partition(region).expect("a partition");
            assert_eq!(dns_suffix(region), partition.dns_suffix, "{region}");
        }
    }
}
