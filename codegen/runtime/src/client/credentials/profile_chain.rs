//! The credentials a profile of the shared files configures, in the order the AWS SDKs
//! document: `role_arn` (with `source_profile` or `credential_source`), then
//! `web_identity_token_file`, then IAM Identity Center (`sso_session`, or the legacy
//! `sso_start_url`), then `credential_process`, then static keys.
//!
//! A `source_profile` chain is followed to its end, any length: the last profile's own
//! credentials assume the roles of the profiles before it, innermost first. A source
//! profile with static keys ends the chain there, even if it names a role too (so a profile
//! may be its own source); a chain that comes back to a profile without them is a loop.

use super::services::Helpers;
use super::sts::{self, RoleRequest};
use super::web_identity::WebIdentityProvider;
use super::{ContainerProvider, Credentials, CredentialsError, EnvironmentProvider, ImdsProvider, ProcessProvider, ProvideCredentials};
use crate::client::env::Env;
use crate::client::profile::{Profiles, Section};
use crate::client::transport::BlockingTransport;
use std::fmt;
use std::sync::Arc;

/// Gives the code of an MFA device (`mfa_serial`) when a role asks for one: a prompt, a
/// TOTP generator. The error's message is shown as it is.
#[derive(Clone)]
pub struct MfaTokenProvider(Arc<MfaCode>);

/// What an [`MfaTokenProvider`] calls: the device's serial number or ARN in, its code out.
type MfaCode = dyn Fn(&str) -> Result<String, String> + Send + Sync;

impl MfaTokenProvider {
    /// A provider calling `code` with the device's serial number or ARN.
    pub fn new(code: impl Fn(&str) -> Result<String, String> + Send + Sync + 'static) -> Self {
        MfaTokenProvider(Arc::new(code))
    }
}

impl fmt::Debug for MfaTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MfaTokenProvider")
    }
}

/// What the providers of a profile need besides the files: the environment, the region of
/// STS, the helper services, the transport of container and instance metadata.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub env: Env,
    pub region: String,
    pub helpers: Helpers,
    pub metadata: Arc<dyn BlockingTransport>,
    pub imds: super::ImdsSettings,
    pub mfa: Option<MfaTokenProvider>,
}

/// The credentials of a profile of the shared files: see the module's documentation.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    profiles: Arc<Profiles>,
    name: String,
    context: Arc<Context>,
}

/// Where a chain's first credentials come from.
enum Base {
    Keys(Credentials),
    Provider(Box<dyn ProvideCredentials>),
    WebIdentity(WebIdentityProvider),
    Sso(super::sso::SsoSettings),
}

impl ProfileProvider {
    pub(crate) fn new(profiles: Arc<Profiles>, name: String, context: Arc<Context>) -> Self {
        ProfileProvider { profiles, name, context }
    }

    /// The base credentials and the roles to assume with them, outermost first.
    fn plan(&self) -> Result<(Base, Vec<RoleRequest>), CredentialsError> {
        let source = || format!("profile `{}`", self.name);
        let mut roles = Vec::new();
        let mut visited: Vec<String> = Vec::new();
        let mut current = self.name.clone();
        loop {
            let first = visited.is_empty();
            let Some(profile) = self.profiles.profile(&current) else {
                let why = format!("not in {}", self.profiles.describe_files());
                if first {
                    return Err(CredentialsError::not_found(source(), why));
                }
                return Err(CredentialsError::failed(source(), format!("its source_profile `{current}` is {why}")));
            };
            let within = |why: String| {
                let why = if first { why } else { format!("source_profile `{current}` {why}") };
                CredentialsError::failed(source(), why)
            };
            // A source profile with keys of its own ends the chain.
            if !first && let Some(keys) = static_keys(profile).map_err(within)? {
                return Ok((Base::Keys(keys), roles));
            }
            if visited.contains(&current) {
                visited.push(current);
                let why = format!("the profiles {} form a loop of source_profile", visited.join(" -> "));
                return Err(CredentialsError::failed(source(), why));
            }
            visited.push(current.clone());
            if let Some(role_arn) = profile.get("role_arn") {
                let role = self.role(role_arn, profile).map_err(within)?;
                if let Some(next) = profile.get("source_profile") {
                    roles.push(role);
                    current = next.to_owned();
                    continue;
                }
                if let Some(named) = profile.get("credential_source") {
                    roles.push(role);
                    return Ok((Base::Provider(self.credential_source(named).map_err(within)?), roles));
                }
                if let Some(file) = profile.get("web_identity_token_file") {
                    let origin = format!("web_identity_token_file of the profile `{current}`");
                    let context = &self.context;
                    let provider = WebIdentityProvider::new(file.into(), role, context.region.clone(), context.helpers.clone(), origin);
                    return Ok((Base::WebIdentity(provider), roles));
                }
                return Err(within("has role_arn but no source_profile, credential_source or web_identity_token_file".into()));
            }
            if profile.get("web_identity_token_file").is_some() {
                return Err(within("has web_identity_token_file but no role_arn".into()));
            }
            if let Some(sso) = super::sso::SsoSettings::of(&current, profile, &self.profiles).map_err(within)? {
                return Ok((Base::Sso(sso), roles));
            }
            if let Some(command) = profile.get("credential_process") {
                return Ok((Base::Provider(Box::new(ProcessProvider::new(command))), roles));
            }
            if let Some(keys) = static_keys(profile).map_err(within)? {
                return Ok((Base::Keys(keys), roles));
            }
            if first {
                return Err(CredentialsError::not_found(source(), "has no credentials"));
            }
            return Err(within("has no credentials".into()));
        }
    }

    /// The role a profile asks for.
    fn role(&self, role_arn: &str, profile: &Section) -> Result<RoleRequest, String> {
        let duration_seconds = match profile.get("duration_seconds") {
            Some(v) => Some(v.trim().parse().map_err(|_| format!("has duration_seconds `{v}`, which is not a number of seconds"))?),
            None => None,
        };
        let mfa = match profile.get("mfa_serial") {
            None => None,
            Some(serial) => {
                let Some(provider) = &self.context.mfa else {
                    return Err(format!(
                        "needs an MFA code for {serial} (mfa_serial): give the client builder an MFA token provider (mfa_token_provider)"
                    ));
                };
                let code = (provider.0)(serial).map_err(|why| format!("the MFA token provider gave no code for {serial}: {why}"))?;
                Some((serial.to_owned(), code))
            }
        };
        Ok(RoleRequest {
            role_arn: role_arn.to_owned(),
            session_name: profile.get("role_session_name").map(str::to_owned),
            external_id: profile.get("external_id").map(str::to_owned),
            duration_seconds,
            mfa,
        })
    }

    /// A `credential_source`: `Environment`, `Ec2InstanceMetadata` or `EcsContainer`.
    fn credential_source(&self, named: &str) -> Result<Box<dyn ProvideCredentials>, String> {
        let context = &self.context;
        match named {
            "Environment" => Ok(Box::new(EnvironmentProvider::new(context.env.clone()))),
            "Ec2InstanceMetadata" => Ok(Box::new(ImdsProvider::new(context.imds.clone(), context.metadata.clone()))),
            "EcsContainer" => Ok(Box::new(ContainerProvider::new(context.env.clone(), context.metadata.clone()))),
            other => Err(format!("has credential_source `{other}`: it must be Environment, Ec2InstanceMetadata or EcsContainer")),
        }
    }
}

/// The profile's static keys, if it has both.
fn static_keys(profile: &Section) -> Result<Option<Credentials>, String> {
    match (profile.get("aws_access_key_id"), profile.get("aws_secret_access_key")) {
        (Some(id), Some(secret)) => {
            let token = profile.get("aws_session_token").map(str::to_owned);
            Ok(Some(Credentials::new(id, secret, token).with_source("profile")))
        }
        (None, None) => Ok(None),
        _ => Err("has only one of aws_access_key_id and aws_secret_access_key".into()),
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let source = format!("profile `{}`", self.name);
        let (base, roles) = self.plan()?;
        let failed = |why: String| CredentialsError::failed(source.clone(), why);
        let mut credentials = match base {
            Base::Keys(keys) => keys,
            Base::Provider(provider) => provider.provide_credentials().map_err(|e| e.within(&source).into_failure())?,
            Base::WebIdentity(provider) => provider.fetch().map_err(failed)?,
            Base::Sso(settings) => {
                let context = &self.context;
                super::sso::role_credentials(&settings, context.env.home(), &context.helpers).map_err(failed)?
            }
        };
        for role in roles.iter().rev() {
            credentials = sts::assume_role(&self.context.helpers, &self.context.region, role, &credentials, "assumed role")
                .map_err(|why| failed(format!("assuming {}: {why}", role.role_arn)))?;
        }
        Ok(credentials)
    }
}
