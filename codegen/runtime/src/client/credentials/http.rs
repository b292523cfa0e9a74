//! Credentials from an HTTP endpoint: the container credentials endpoint (ECS, EKS Pod
//! Identity) and EC2 instance metadata (IMDSv2).

use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::client::env::Env;
use crate::client::transport::BlockingTransport;
use std::sync::Arc;

const CONTAINER_HOST: &str = "http://169.254.170.2";
const IMDS_ENDPOINT: &str = "http://169.254.169.254";

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

/// EC2 instance metadata, IMDSv2 only: a session token (`PUT /latest/api/token`), the
/// instance's role name, then that role's credentials. `AWS_EC2_METADATA_DISABLED=true`
/// turns it off; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
#[derive(Debug, Clone)]
pub struct ImdsProvider {
    env: Env,
    fetch: Arc<dyn BlockingTransport>,
}

impl ImdsProvider {
    pub(crate) fn new(env: Env, fetch: Arc<dyn BlockingTransport>) -> Self {
        ImdsProvider { env, fetch }
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        const SOURCE: &str = "EC2 instance metadata";
        if self.env.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return Err(CredentialsError::not_found(SOURCE, "AWS_EC2_METADATA_DISABLED is true"));
        }
        let endpoint = self.env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").unwrap_or(IMDS_ENDPOINT).trim_end_matches('/');
        // No answer from the token endpoint means this is not an EC2 instance.
        let token_request = http::Request::put(format!("{endpoint}/latest/api/token"))
            .header("x-aws-ec2-metadata-token-ttl-seconds", "21600")
            .body(Vec::new())
            .map_err(|e| CredentialsError::failed(SOURCE, format!("bad endpoint {endpoint}: {e}")))?;
        let token = call(&*self.fetch, token_request).map_err(|why| CredentialsError::not_found(SOURCE, why))?;
        let token = String::from_utf8(token).map_err(|_| CredentialsError::failed(SOURCE, "the session token is not text"))?;
        let get = |path: &str| -> Result<Vec<u8>, CredentialsError> {
            let mut value = http::HeaderValue::from_str(token.trim())
                .map_err(|_| CredentialsError::failed(SOURCE, "the session token is not a header value"))?;
            value.set_sensitive(true);
            let request = http::Request::get(format!("{endpoint}{path}"))
                .header("x-aws-ec2-metadata-token", value)
                .body(Vec::new())
                .map_err(|e| CredentialsError::failed(SOURCE, e.to_string()))?;
            call(&*self.fetch, request).map_err(|why| CredentialsError::failed(SOURCE, why))
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
