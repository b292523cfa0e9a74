//! The identities of the schemes other than SigV4: tokens (bearer tokens and API keys), and
//! the user name and password of HTTP basic auth. None shows its secret in `Debug`.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// A secret string: a bearer token (`smithy.api#httpBearerAuth`) or an API key
/// (`smithy.api#httpApiKeyAuth`), with an expiry when it has one. `Debug` shows nothing of
/// the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    value: Arc<str>,
    expires: Option<SystemTime>,
}

impl Token {
    /// A token that does not expire (or whose expiry the provider keeps track of).
    pub fn new(value: impl Into<String>) -> Self {
        Token { value: value.into().into(), expires: None }
    }

    /// The same token, expiring at `expires`: a [`TokenCache`] asks its provider for a new
    /// one shortly before then.
    pub fn expiring(mut self, expires: SystemTime) -> Self {
        self.expires = Some(expires);
        self
    }

    /// The secret itself.
    pub fn token(&self) -> &str {
        &self.value
    }

    /// When it expires, if it does.
    pub fn expires(&self) -> Option<SystemTime> {
        self.expires
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("token", &"** redacted **").field("expires", &self.expires).finish()
    }
}

/// Why a token could not be had. It never holds the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    message: String,
}

impl TokenError {
    /// A provider's failure, told by `message` (which must not contain a secret).
    pub fn new(message: impl Into<String>) -> Self {
        TokenError { message: message.into() }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not get a token: {}", self.message)
    }
}

impl std::error::Error for TokenError {}

/// A source of tokens (bearer tokens or API keys) that may change: implement it to fetch
/// them from a vault or refresh them before they expire
/// (`Client::builder().bearer_token_provider(MyProvider)`). The clients ask it before every
/// attempt, through a [`TokenCache`] that keeps a token until shortly before its expiry.
///
/// It may block; the async client calls it off its executor's threads.
pub trait ProvideToken: Send + Sync + fmt::Debug {
    /// A fresh token, or why there is none. A token whose expiry is set is asked for again
    /// five minutes before then.
    fn provide_token(&self) -> Result<Token, TokenError>;

    /// A token at hand without blocking, if any: the async client then skips moving the
    /// call off its executor.
    fn cached(&self) -> Option<Token> {
        None
    }
}

impl ProvideToken for Token {
    fn provide_token(&self) -> Result<Token, TokenError> {
        Ok(self.clone())
    }

    fn cached(&self) -> Option<Token> {
        Some(self.clone())
    }
}

/// How long before its expiry a token is asked for again.
const REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// Keeps the token a provider gave until shortly before it expires, then asks for a new
/// one (one caller at a time); a refresh that fails while the token is still valid keeps
/// it. The builders put one in front of every provider they are given.
#[derive(Debug)]
pub struct TokenCache {
    inner: Arc<dyn ProvideToken>,
    cached: Mutex<Option<Token>>,
}

impl TokenCache {
    /// A cache in front of `inner`.
    pub fn new(inner: Arc<dyn ProvideToken>) -> Self {
        TokenCache { inner, cached: Mutex::new(None) }
    }
}

fn is_fresh(token: &Token, now: SystemTime) -> bool {
    token.expires.is_none_or(|expires| now + REFRESH_BEFORE < expires)
}

impl ProvideToken for TokenCache {
    fn cached(&self) -> Option<Token> {
        // Never waits (see `CachingProvider::cached`).
        let cached = match self.cached.try_lock() {
            Ok(cached) => cached,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        cached.as_ref().filter(|t| is_fresh(t, SystemTime::now())).cloned()
    }

    fn provide_token(&self) -> Result<Token, TokenError> {
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        let now = SystemTime::now();
        if let Some(token) = cached.as_ref().filter(|t| is_fresh(t, now)) {
            return Ok(token.clone());
        }
        match self.inner.provide_token() {
            Ok(fresh) => {
                *cached = Some(fresh.clone());
                Ok(fresh)
            }
            Err(error) => match cached.as_ref().filter(|t| t.expires.is_some_and(|at| now < at)) {
                Some(still_valid) => Ok(still_valid.clone()),
                None => Err(error),
            },
        }
    }
}

/// The user name and password of HTTP basic auth (`smithy.api#httpBasicAuth`). `Debug`
/// shows the user name only.
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    username: Arc<str>,
    password: Arc<str>,
}

impl Login {
    /// This user name and password.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Login { username: username.into().into(), password: password.into().into() }
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The password.
    pub fn password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login").field("username", &self.username).field("password", &"** redacted **").finish()
    }
}
