//! Credentials from an HTTP endpoint: the container credentials endpoint (ECS, EKS Pod
//! Identity) and EC2 instance metadata (IMDSv2).

use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::client::env::Env;
use crate::client::transport::BlockingTransport;
use std::sync::Arc;

const CONTAINER_HOST: &str = "http://169.254.170.2";
const IMDS_ENDPOINT: &str = "http://169.254.169.254";
const IMDS_ENDPOINT_IPV6: &str = "http://[fd00:ec2::254]";

/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on `169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
#[derive(Debug, Clone)]
pub struct ContainerProvider {
    env: Env,
    fetch: Arc<dyn BlockingTransport>,
}

impl ContainerProvider {
    pub(crate) fn new(env: Env, fetch: Arc<dyn BlockingTransport>) -> Self {
        ContainerProvider { env, fetch }
    }
}

impl ProvideCredentials for ContainerProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        const SOURCE: &str = "container";
        let failed = |why: String| CredentialsError::failed(SOURCE, why);
        let url = if let Some(relative) = self.env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            format!("{CONTAINER_HOST}{relative}")
        } else if let Some(full) = self.env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            check_full_uri(full).map_err(failed)?;
            full.to_owned()
        } else {
            let why = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set";
            return Err(CredentialsError::not_found(SOURCE, why));
        };
        let token = match self.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| failed(format!("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}: {e}")))?
                    .trim()
                    .to_owned(),
            ),
            None => self.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN").map(str::to_owned),
        };
        let mut request = http::Request::get(&url);
        if let Some(token) = token {
            let mut value = http::HeaderValue::from_str(&token)
                .map_err(|_| failed("the authorization token holds characters not allowed in a header".into()))?;
            value.set_sensitive(true);
            request = request.header("authorization", value);
        }
        let request = request.body(Vec::new()).map_err(|e| failed(format!("bad credentials URI {url}: {e}")))?;
        let body = call(&*self.fetch, request).map_err(failed)?;
        super::parse_json(&body, SOURCE).map_err(failed)
    }
}

/// A full URI must be HTTPS, or HTTP to a loopback address or the ECS/EKS link-local hosts.
fn check_full_uri(uri: &str) -> Result<(), String> {
    let parsed: http::Uri = uri.parse().map_err(|_| format!("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URI: {uri}"))?;
    let host = parsed.host().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
    let allowed_http = host == "localhost"
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        || matches!(host, "169.254.170.2" | "169.254.170.23" | "fd00:ec2::23");
    match parsed.scheme_str() {
        Some("https") => Ok(()),
        Some("http") if allowed_http => Ok(()),
        _ => Err(format!("AWS_CONTAINER_CREDENTIALS_FULL_URI must be HTTPS or HTTP to a loopback or container host: {uri}")),
    }
}

/// Where and how patiently instance metadata is asked: `AWS_EC2_METADATA_DISABLED`,
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` (or `_MODE`: `IPv4`, `IPv6`),
/// `AWS_METADATA_SERVICE_TIMEOUT` (seconds, default 1) and `AWS_METADATA_SERVICE_NUM_ATTEMPTS`
/// (default 1), or the profile's `ec2_metadata_service_endpoint`,
/// `ec2_metadata_service_endpoint_mode`, `metadata_service_timeout` and
/// `metadata_service_num_attempts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImdsSettings {
    pub disabled: bool,
    pub endpoint: String,
    pub timeout: std::time::Duration,
    pub attempts: u32,
}

impl ImdsSettings {
    /// The settings, or a message naming the variable or key that is wrong.
    pub(crate) fn read(env: &Env, profile: &crate::client::profile::Section) -> Result<ImdsSettings, String> {
        let setting = |var: &'static str, key: &'static str| {
            env.get(var).map(|v| (v, var)).or_else(|| profile.get(key).map(|v| (v, key)))
        };
        let disabled = env.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let endpoint = match setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint") {
            Some((url, name)) => {
                url.parse::<http::Uri>().ok().filter(|u| u.scheme().is_some() && u.host().is_some())
                    .ok_or_else(|| format!("{name} `{url}` is not an http(s) URL"))?;
                url.trim_end_matches('/').to_owned()
            }
            None => match setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode") {
                None => IMDS_ENDPOINT.to_owned(),
                Some((mode, _)) if mode.trim().eq_ignore_ascii_case("ipv4") => IMDS_ENDPOINT.to_owned(),
                Some((mode, _)) if mode.trim().eq_ignore_ascii_case("ipv6") => IMDS_ENDPOINT_IPV6.to_owned(),
                Some((mode, name)) => return Err(format!("{name} must be IPv4 or IPv6, not `{mode}`")),
            },
        };
        let timeout = match setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout") {
            Some((v, name)) => {
                let seconds: f64 = v.trim().parse().ok().filter(|s: &f64| s.is_finite() && *s > 0.0 && *s <= 3600.0)
                    .ok_or_else(|| format!("{name} must be a number of seconds above 0, not `{v}`"))?;
                std::time::Duration::from_secs_f64(seconds)
            }
            None => std::time::Duration::from_secs(1),
        };
        let attempts = match setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts") {
            Some((v, name)) => v.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| format!("{name} must be a whole number from 1, not `{v}`"))?,
            None => 1,
        };
        Ok(ImdsSettings { disabled, endpoint, timeout, attempts })
    }
}

/// EC2 instance metadata, IMDSv2 only: a session token (`PUT /latest/api/token`), the
/// instance's role name, then that role's credentials, each request tried as many times as
/// the settings say.
#[derive(Debug, Clone)]
pub struct ImdsProvider {
    settings: ImdsSettings,
    fetch: Arc<dyn BlockingTransport>,
}

impl ImdsProvider {
    pub(crate) fn new(settings: ImdsSettings, fetch: Arc<dyn BlockingTransport>) -> Self {
        ImdsProvider { settings, fetch }
    }

    /// One request, tried up to the configured number of attempts.
    fn call(&self, request: impl Fn() -> Result<http::Request<Vec<u8>>, String>) -> Result<Vec<u8>, String> {
        let mut last = String::new();
        for _ in 0..self.settings.attempts {
            match call(&*self.fetch, request()?) {
                Ok(body) => return Ok(body),
                Err(why) => last = why,
            }
        }
        Err(last)
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        const SOURCE: &str = "EC2 instance metadata";
        if self.settings.disabled {
            return Err(CredentialsError::not_found(SOURCE, "AWS_EC2_METADATA_DISABLED is true"));
        }
        let endpoint = &self.settings.endpoint;
        // No answer from the token endpoint means this is not an EC2 instance.
        let token = self
            .call(|| {
                http::Request::put(format!("{endpoint}/latest/api/token"))
                    .header("x-aws-ec2-metadata-token-ttl-seconds", "21600")
                    .body(Vec::new())
                    .map_err(|e| format!("bad endpoint {endpoint}: {e}"))
            })
            .map_err(|why| CredentialsError::not_found(SOURCE, why))?;
        let token = String::from_utf8(token).map_err(|_| CredentialsError::failed(SOURCE, "the session token is not text"))?;
        let mut value = http::HeaderValue::from_str(token.trim())
            .map_err(|_| CredentialsError::failed(SOURCE, "the session token is not a header value"))?;
        value.set_sensitive(true);
        let get = |path: &str| -> Result<Vec<u8>, CredentialsError> {
            self.call(|| {
                http::Request::get(format!("{endpoint}{path}"))
                    .header("x-aws-ec2-metadata-token", value.clone())
                    .body(Vec::new())
                    .map_err(|e| e.to_string())
            })
            .map_err(|why| CredentialsError::failed(SOURCE, why))
        };
        const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
        let roles = get(ROLE_PATH)?;
        let role = String::from_utf8_lossy(&roles).lines().next().unwrap_or("").trim().to_owned();
        if role.is_empty() {
            return Err(CredentialsError::failed(SOURCE, "the instance has no IAM role"));
        }
        let body = get(&format!("{ROLE_PATH}{role}"))?;
        super::parse_json(&body, SOURCE).map_err(|why| CredentialsError::failed(SOURCE, why))
    }
}

/// One request; the body of a 200 response, else why not.
fn call(fetch: &dyn BlockingTransport, request: http::Request<Vec<u8>>) -> Result<Vec<u8>, String> {
    let uri = request.uri().clone();
    let response = fetch.send(request).map_err(|e| format!("{uri}: {e}"))?;
    if response.status() != http::StatusCode::OK {
        return Err(format!("{uri} answered HTTP {}", response.status().as_u16()));
    }
    Ok(response.into_body())
}
