//! AWS credentials: the value, where it comes from, and a cache that refreshes it.
//!
//! The default chain tries, in this order (the one the AWS SDKs and Tools reference guide
//! documents): the environment (`AWS_ACCESS_KEY_ID`, ...; skipped when `AWS_PROFILE` names
//! a profile explicitly), web identity from the environment (`AWS_WEB_IDENTITY_TOKEN_FILE`
//! with `AWS_ROLE_ARN`), the profile of the shared files (assumed roles, web identity, IAM
//! Identity Center, `credential_process`, static keys: see [`ProfileProvider`]), container
//! credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`) and EC2 instance
//! metadata (IMDSv2). A source that is configured but fails stops the chain with its error.

mod http;
mod process;
mod profile_chain;
pub(crate) mod services;
mod sso;
mod sso_cache;
mod sts;
mod web_identity;

pub use self::http::{ContainerProvider, ImdsProvider};
pub(crate) use self::http::ImdsSettings;
pub use self::process::ProcessProvider;
pub use self::profile_chain::{MfaTokenProvider, ProfileProvider};
pub use self::web_identity::WebIdentityProvider;

use super::env::Env;
use super::profile::Profiles;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// An access key, its secret, and for temporary credentials a session token and expiry.
/// `Debug` shows the access key id only.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    // Shared, not copied: each attempt of each call takes the credentials anew.
    access_key_id: Arc<str>,
    secret_access_key: Arc<str>,
    session_token: Option<Arc<str>>,
    expires: Option<SystemTime>,
    source: &'static str,
}

impl Credentials {
    /// Long-term (or already obtained temporary) credentials.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>, session_token: Option<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into().into(),
            secret_access_key: secret_access_key.into().into(),
            session_token: session_token.filter(|t| !t.is_empty()).map(Into::into),
            expires: None,
            source: "explicit",
        }
    }

    /// The same credentials, expiring at `expires` (refreshed before then by the cache).
    pub fn expiring(mut self, expires: SystemTime) -> Self {
        self.expires = Some(expires);
        self
    }

    pub(crate) fn with_source(mut self, source: &'static str) -> Self {
        self.source = source;
        self
    }

    /// The access key id (`AKIA...`, `ASIA...`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials expire.
    pub fn expires(&self) -> Option<SystemTime> {
        self.expires
    }

    /// Where they came from (`environment`, `profile default`, `container`, ...).
    pub fn source(&self) -> &str {
        self.source
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .field("expires", &self.expires)
            .field("source", &self.source)
            .finish()
    }
}

/// Why credentials could not be had. It never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    /// Each source tried, with why it gave nothing.
    tried: Vec<(String, String)>,
    /// Whether a source was found but failed (rather than simply not configured).
    failed: bool,
}

impl CredentialsError {
    /// This source is not configured: the chain goes on to the next one.
    pub fn not_found(source: impl Into<String>, why: impl Into<String>) -> Self {
        CredentialsError { tried: vec![(source.into(), why.into())], failed: false }
    }

    /// This source is configured but failed: the chain stops here.
    pub fn failed(source: impl Into<String>, why: impl Into<String>) -> Self {
        CredentialsError { tried: vec![(source.into(), why.into())], failed: true }
    }

    /// Whether a configured source failed (as opposed to nothing being configured).
    pub fn is_failure(&self) -> bool {
        self.failed
    }

    /// The sources tried, each with what it said.
    pub fn tried(&self) -> impl Iterator<Item = (&str, &str)> {
        self.tried.iter().map(|(s, w)| (s.as_str(), w.as_str()))
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.failed {
            f.write_str("could not load credentials")?;
        } else {
            f.write_str("no credentials found")?;
        }
        for (i, (source, why)) in self.tried.iter().enumerate() {
            let sep = if i == 0 { ": " } else { "; " };
            write!(f, "{sep}{source}: {why}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CredentialsError {}

/// A source of credentials. Implement it to plug in one that is not built in (SSO, web
/// identity, a vault): `Client::builder().credentials_provider(MyProvider)`.
///
/// It may block (read files, run a process, call an endpoint); the async client calls it
/// off its executor's threads.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Fresh credentials, or why there are none.
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError>;

    /// Credentials at hand without blocking (a cache's fresh ones), if any: the async
    /// client then skips moving the call off its executor.
    fn cached(&self) -> Option<Credentials> {
        None
    }
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.clone())
    }

    fn cached(&self) -> Option<Credentials> {
        Some(self.clone())
    }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
#[derive(Debug, Clone)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    pub(crate) fn new(env: Env) -> Self {
        EnvironmentProvider { env }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        const SOURCE: &str = "environment";
        match (self.env.get("AWS_ACCESS_KEY_ID"), self.env.get("AWS_SECRET_ACCESS_KEY")) {
            (None, None) => Err(CredentialsError::not_found(SOURCE, "AWS_ACCESS_KEY_ID is not set")),
            (Some(_), None) => Err(CredentialsError::failed(SOURCE, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
            (None, Some(_)) => Err(CredentialsError::failed(SOURCE, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")),
            (Some(id), Some(secret)) => {
                let token = self.env.get("AWS_SESSION_TOKEN").map(str::to_owned);
                Ok(Credentials::new(id, secret, token).with_source(SOURCE))
            }
        }
    }
}

impl CredentialsError {
    /// The same error, told as part of `source`.
    fn within(mut self, source: &str) -> Self {
        for (s, _) in &mut self.tried {
            *s = format!("{source}: {s}");
        }
        self
    }

    /// The same error, as a failure that stops the chain.
    fn into_failure(mut self) -> Self {
        self.failed = true;
        self
    }
}

/// Tries each provider in turn; the first that has credentials wins, and one that is
/// configured but fails stops the chain. With none, the error lists every source tried.
#[derive(Debug)]
pub struct ChainProvider {
    providers: Vec<Box<dyn ProvideCredentials>>,
}

impl ChainProvider {
    /// The chain of these providers, in order.
    pub fn new(providers: Vec<Box<dyn ProvideCredentials>>) -> Self {
        ChainProvider { providers }
    }
}

impl ProvideCredentials for ChainProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let mut tried = Vec::new();
        for provider in &self.providers {
            match provider.provide_credentials() {
                Ok(credentials) => return Ok(credentials),
                Err(e) if e.failed => return Err(e),
                Err(e) => tried.extend(e.tried),
            }
        }
        Err(CredentialsError { tried, failed: false })
    }
}

/// How long before expiry credentials are refreshed.
const REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// Keeps the credentials a provider gave until shortly before they expire.
#[derive(Debug)]
pub struct CachingProvider {
    inner: Box<dyn ProvideCredentials>,
    cached: Mutex<Option<Credentials>>,
}

impl CachingProvider {
    /// A cache in front of `inner`.
    pub fn new(inner: Box<dyn ProvideCredentials>) -> Self {
        CachingProvider { inner, cached: Mutex::new(None) }
    }

}

fn is_fresh(credentials: &Credentials, now: SystemTime) -> bool {
    match credentials.expires {
        None => true,
        Some(expires) => now + REFRESH_BEFORE < expires,
    }
}

impl ProvideCredentials for CachingProvider {
    fn cached(&self) -> Option<Credentials> {
        // Never waits: the async client asks from its executor's threads, which must stay
        // free to drive the refresh another call may be running (its requests run there).
        let cached = match self.cached.try_lock() {
            Ok(cached) => cached,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        cached.as_ref().filter(|c| is_fresh(c, SystemTime::now())).cloned()
    }

    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        // One refresh at a time: callers waiting on the lock then find fresh credentials.
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        let now = SystemTime::now();
        if let Some(credentials) = cached.as_ref().filter(|c| is_fresh(c, now)) {
            return Ok(credentials.clone());
        }
        match self.inner.provide_credentials() {
            Ok(fresh) => {
                super::trace::credentials_refreshed(fresh.source(), fresh.expires());
                *cached = Some(fresh.clone());
                Ok(fresh)
            }
            // Refreshing early failed (STS throttled, the network blinked): the credentials
            // at hand serve until they expire, and the next call tries again.
            Err(error) => {
                let still_valid = cached.as_ref().filter(|c| c.expires.is_some_and(|at| now < at));
                super::trace::credentials_refresh_failed(&error, still_valid.is_some());
                match still_valid {
                    Some(still_valid) => Ok(still_valid.clone()),
                    None => Err(error),
                }
            }
        }
    }
}

/// Web identity as the environment configures it, decided on each call.
#[derive(Debug)]
struct EnvironmentWebIdentity {
    context: Arc<profile_chain::Context>,
}

impl ProvideCredentials for EnvironmentWebIdentity {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let context = &self.context;
        match WebIdentityProvider::from_env(&context.env, &context.region, &context.helpers)? {
            Some(provider) => provider.provide_credentials(),
            None => Err(CredentialsError::not_found("web identity", "AWS_WEB_IDENTITY_TOKEN_FILE is not set")),
        }
    }
}

/// The default chain for a profile, in front of a cache.
pub(crate) fn default_chain(profiles: Arc<Profiles>, profile: String, context: profile_chain::Context) -> CachingProvider {
    let context = Arc::new(context);
    let env = &context.env;
    let mut providers: Vec<Box<dyn ProvideCredentials>> = Vec::new();
    // An explicitly chosen profile takes precedence over keys in the environment.
    let explicit_profile = env.get("AWS_PROFILE").is_some();
    if !explicit_profile {
        providers.push(Box::new(EnvironmentProvider::new(env.clone())));
    }
    providers.push(Box::new(EnvironmentWebIdentity { context: context.clone() }));
    providers.push(Box::new(ProfileProvider::new(profiles, profile, context.clone())));
    providers.push(Box::new(ContainerProvider::new(env.clone(), context.metadata.clone())));
    providers.push(Box::new(ImdsProvider::new(context.imds.clone(), context.metadata.clone())));
    CachingProvider::new(Box::new(ChainProvider::new(providers)))
}

pub(crate) use profile_chain::Context;

/// Reads the JSON credentials document that `credential_process`, container endpoints and
/// instance metadata all return (`AccessKeyId`, `SecretAccessKey`, `Token` or
/// `SessionToken`, `Expiration`).
pub(crate) fn parse_json(body: &[u8], source: &'static str) -> Result<Credentials, String> {
    let mut reader = crate::rt::json::Reader::new(body);
    let (mut id, mut secret, mut token, mut expiration) = (None, None, None, None);
    let mut read = || -> crate::rt::json::Result<()> {
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            let slot = match &*key {
                "AccessKeyId" => &mut id,
                "SecretAccessKey" => &mut secret,
                "Token" | "SessionToken" => &mut token,
                "Expiration" => &mut expiration,
                _ => {
                    reader.skip_value()?;
                    continue;
                }
            };
            *slot = reader.string_or_skip()?.map(|v| v.into_owned());
        }
        reader.finish()
    };
    // The reader's errors quote no input, so they are safe to show.
    read().map_err(|e| format!("the credentials document is not valid JSON: {e}"))?;
    let (Some(id), Some(secret)) = (id, secret) else {
        return Err("the credentials document lacks AccessKeyId or SecretAccessKey".into());
    };
    let mut credentials = Credentials::new(id, secret, token).with_source(source);
    if let Some(expiration) = expiration {
        let at = time::OffsetDateTime::parse(&expiration, &time::format_description::well_known::Rfc3339)
            .map_err(|_| format!("`Expiration` is not an RFC 3339 time: {expiration}"))?;
        credentials = credentials.expiring(SystemTime::from(at));
    }
    Ok(credentials)
}

#[cfg(test)]
mod tests;
