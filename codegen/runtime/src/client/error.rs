//! The errors of a call: the service's answer kept apart from the request never getting one.

use super::credentials::CredentialsError;
use super::transport::TransportError;
use std::fmt;

/// The error of a client call. [`Error::Service`] holds the operation's own error enum (so
/// `match` on `ListSessionsError` still works); the other variants say the call never got a
/// usable answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The service said no (after any retries): the operation's typed error.
    Service(E),
    /// No response: connection refused or reset, timeout, TLS failure (after any retries).
    Transport(TransportError),
    /// No credentials to sign with.
    Credentials(CredentialsError),
    /// The request could not be built (an input that breaks the model's constraints).
    Serialize(crate::error::SerializeError),
    /// No endpoint: the region or settings have none, or they are invalid.
    Endpoint(String),
    /// The request could not be signed.
    Signing(super::sigv4::SigningError),
    /// None of the operation's auth schemes could be used (each named, with why), or a
    /// token provider failed.
    Auth(super::auth::AuthError),
}

impl<E> Error<E> {
    /// The service's error, if the service answered.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error, if the service answered.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn map_service<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Service(e) => Error::Service(f(e)),
            Error::Transport(e) => Error::Transport(e),
            Error::Credentials(e) => Error::Credentials(e),
            Error::Serialize(e) => Error::Serialize(e),
            Error::Endpoint(e) => Error::Endpoint(e),
            Error::Signing(e) => Error::Signing(e),
            Error::Auth(e) => Error::Auth(e),
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service(e) => e.fmt(f),
            Error::Transport(e) => write!(f, "no response: {e}"),
            Error::Credentials(e) => e.fmt(f),
            Error::Serialize(e) => e.fmt(f),
            Error::Endpoint(e) => write!(f, "no endpoint: {e}"),
            Error::Signing(e) => e.fmt(f),
            Error::Auth(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Service(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Credentials(e) => Some(e),
            Error::Serialize(e) => Some(e),
            Error::Endpoint(_) => None,
            Error::Signing(e) => Some(e),
            Error::Auth(e) => Some(e),
        }
    }
}

/// A client could not be configured: what is wrong, naming the setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    message: String,
}

/// What kind of setting a [`ConfigError`] is about, for the errors a program may want to
/// tell apart; the message says the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// The region is not one host label (1 to 63 ASCII letters, digits and hyphens, not
    /// starting with a hyphen: what the endpoint rules' `isValidHostLabel` accepts). Nothing
    /// was sent: such a value could change the host a request goes to or the scope it is
    /// signed for.
    InvalidRegion {
        /// The region, as it was given.
        region: String,
        /// Where it came from.
        source: SettingSource,
    },
    /// Any other setting; the message names it.
    Other,
}

/// Where a client setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SettingSource {
    /// The client builder.
    Builder,
    /// This environment variable.
    Environment(&'static str),
    /// A profile of the shared config files, by name.
    Profile(String),
}

impl fmt::Display for SettingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingSource::Builder => f.write_str("the client builder"),
            SettingSource::Environment(name) => write!(f, "the environment variable {name}"),
            SettingSource::Profile(name) => write!(f, "the profile `{name}`"),
        }
    }
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError { kind: ConfigErrorKind::Other, message: message.into() }
    }

    /// A region that is not a host label; `from` says where it was read (for the message:
    /// a profile's files).
    pub(crate) fn invalid_region(region: &str, source: SettingSource, from: &str) -> Self {
        let message = format!(
            "invalid region {region:?} (from {from}): a region is one host label of 1 to 63 ASCII letters, digits and hyphens, not starting with a hyphen, like \"us-east-1\""
        );
        ConfigError { kind: ConfigErrorKind::InvalidRegion { region: region.to_owned(), source }, message }
    }

    /// What kind of setting is wrong.
    pub fn kind(&self) -> &ConfigErrorKind {
        &self.kind
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot configure the client: {}", self.message)
    }
}

impl std::error::Error for ConfigError {}
