//! Web identity: a token file (Kubernetes service account tokens on EKS, CI systems' OIDC
//! tokens) exchanged for a role's credentials with STS `AssumeRoleWithWebIdentity`. The file
//! is read again on every refresh: Kubernetes rotates it.

use super::services::Helpers;
use super::sts::{self, RoleRequest};
use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::client::env::Env;
use std::path::PathBuf;

/// `AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN` (and `AWS_ROLE_SESSION_NAME`), or a
/// profile's `web_identity_token_file` with its `role_arn`.
#[derive(Debug, Clone)]
pub struct WebIdentityProvider {
    token_file: PathBuf,
    role: RoleRequest,
    region: String,
    helpers: Helpers,
    /// Where the settings came from, for messages.
    origin: String,
}

const SOURCE: &str = "web identity";

impl WebIdentityProvider {
    pub(crate) fn new(token_file: PathBuf, role: RoleRequest, region: String, helpers: Helpers, origin: String) -> Self {
        WebIdentityProvider { token_file, role, region, helpers, origin }
    }

    /// The provider the environment configures; Ok(None) without `AWS_WEB_IDENTITY_TOKEN_FILE`.
    pub(crate) fn from_env(env: &Env, region: &str, helpers: &Helpers) -> Result<Option<Self>, CredentialsError> {
        let Some(file) = env.get("AWS_WEB_IDENTITY_TOKEN_FILE") else { return Ok(None) };
        let role_arn = env
            .get("AWS_ROLE_ARN")
            .ok_or_else(|| CredentialsError::failed(SOURCE, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not"))?;
        let role = RoleRequest {
            role_arn: role_arn.to_owned(),
            session_name: env.get("AWS_ROLE_SESSION_NAME").map(str::to_owned),
            ..RoleRequest::default()
        };
        let origin = "AWS_WEB_IDENTITY_TOKEN_FILE".to_owned();
        Ok(Some(WebIdentityProvider::new(PathBuf::from(file), role, region.to_owned(), helpers.clone(), origin)))
    }

    /// The role's credentials for the token the file holds now; the message of an error.
    pub(crate) fn fetch(&self) -> Result<Credentials, String> {
        let token = std::fs::read_to_string(&self.token_file)
            .map_err(|e| format!("cannot read the token file {} ({}): {e}", self.token_file.display(), self.origin))?;
        let token = token.trim();
        if token.is_empty() {
            return Err(format!("the token file {} ({}) is empty", self.token_file.display(), self.origin));
        }
        sts::assume_role_with_web_identity(&self.helpers, &self.region, &self.role, token)
            .map_err(|why| format!("role {}: {why}", self.role.role_arn))
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.fetch().map_err(|why| CredentialsError::failed(SOURCE, why))
    }
}
