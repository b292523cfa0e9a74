//! Auth schemes: how each call is authenticated.
//!
//! A generated crate states, for its service, the schemes each operation offers in order of
//! preference ([`ServiceAuth`], decided when the crate was generated from the model's
//! `smithy.api#auth`, the service's auth traits, `@optionalAuth`). Before every attempt the
//! clients take the first of them whose identity is at hand:
//!
//! - [`AuthScheme::SigV4`]: credentials from the configuration's provider (the default
//!   chain, or the builder's); a chain that finds nothing moves on to the next scheme, one
//!   whose source is configured but fails ends the call;
//! - [`AuthScheme::Bearer`]: `Authorization: Bearer <token>`, the token from the builder's
//!   `bearer_token` or `bearer_token_provider` (a [`ProvideToken`]), else, for the services
//!   the AWS SDKs read one for, `AWS_BEARER_TOKEN_BEDROCK`, which also puts bearer auth
//!   first;
//! - [`AuthScheme::ApiKey`]: the builder's `api_key` (or `api_key_provider`) in a header
//!   (after the model's scheme: `Authorization: ApiKey <key>`) or a query parameter;
//! - [`AuthScheme::Basic`]: the builder's `basic_auth(user, password)`, as
//!   `Authorization: Basic <base64(user:password)>`;
//! - [`AuthScheme::Anonymous`]: nothing; no identity is looked up.
//!
//! When none of an operation's schemes has an identity, the call ends unsent with an
//! [`AuthError`] naming each scheme tried and why (a call whose only scheme is SigV4 keeps
//! the credentials error it always had).

mod token;
#[cfg(test)]
mod tests;

pub use token::{Login, ProvideToken, Token, TokenCache, TokenError};

use super::credentials::{Credentials, CredentialsError};
use super::env::Env;
use super::error::Error;
use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;

/// An auth scheme an operation offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthScheme {
    /// `aws.auth#sigv4`: signed with AWS credentials.
    SigV4,
    /// `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`.
    Bearer,
    /// `smithy.api#httpApiKeyAuth`: an API key in a header or a query parameter.
    ApiKey {
        /// The header or query parameter.
        name: &'static str,
        /// Where the key goes.
        location: ApiKeyLocation,
        /// In a header, the scheme written before the key (`ApiKey` gives `ApiKey <key>`).
        scheme: Option<&'static str>,
    },
    /// `smithy.api#httpBasicAuth`: `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// No authentication (`@optionalAuth`, `@auth([])`, a service without auth schemes).
    Anonymous,
}

impl AuthScheme {
    /// The scheme's shape id in Smithy (`smithy.api#noAuth` for [`AuthScheme::Anonymous`]).
    pub fn id(&self) -> &'static str {
        match self {
            AuthScheme::SigV4 => "aws.auth#sigv4",
            AuthScheme::Bearer => "smithy.api#httpBearerAuth",
            AuthScheme::ApiKey { .. } => "smithy.api#httpApiKeyAuth",
            AuthScheme::Basic => "smithy.api#httpBasicAuth",
            AuthScheme::Anonymous => "smithy.api#noAuth",
        }
    }
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiKeyLocation {
    /// In a header.
    Header,
    /// In a query parameter.
    Query,
}

/// The auth schemes of a service's operations, as the generated crate states them.
#[derive(Debug, Clone, Copy)]
pub struct ServiceAuth {
    /// The schemes of every operation not listed in `operations` (and of requests sent with
    /// a client's `send`), in order of preference.
    pub default: &'static [AuthScheme],
    /// The operations whose schemes differ from `default`, by name in the model.
    pub operations: &'static [(&'static str, &'static [AuthScheme])],
    /// The variable a bearer token is read from when the builder has none; when it is set,
    /// bearer auth is tried first (the AWS SDKs' `AWS_BEARER_TOKEN_BEDROCK`).
    pub bearer_env: Option<&'static str>,
}

impl ServiceAuth {
    /// Every operation signed with SigV4.
    pub const SIGV4: ServiceAuth = ServiceAuth { default: &[AuthScheme::SigV4], operations: &[], bearer_env: None };

    /// The schemes of the operation named `operation` in the model, in order of preference.
    pub fn schemes(&self, operation: &str) -> &'static [AuthScheme] {
        self.operations.iter().find(|(name, _)| *name == operation).map_or(self.default, |(_, schemes)| schemes)
    }

    /// Whether some operation may be signed with SigV4.
    pub(crate) fn uses_sigv4(&self) -> bool {
        let all = std::iter::once(self.default).chain(self.operations.iter().map(|(_, schemes)| *schemes));
        all.flatten().any(|s| *s == AuthScheme::SigV4)
    }
}

/// The operation a request was built for, in its extensions: its schemes are that
/// operation's (else the service's default).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OperationName(pub &'static str);

impl OperationName {
    /// Marks `request` as built for `O`.
    pub(crate) fn mark<O: crate::Operation, B>(mut request: http::Request<B>) -> http::Request<B> {
        request.extensions_mut().insert(OperationName(O::NAME));
        request
    }
}

/// The identities a builder was given, beside the credentials.
#[derive(Debug, Clone, Default)]
pub(crate) struct Identities {
    pub bearer: Option<Arc<dyn ProvideToken>>,
    pub api_key: Option<Arc<dyn ProvideToken>>,
    pub basic: Option<Login>,
}

/// How one client authenticates: its service's schemes and the identities for them.
#[derive(Debug)]
pub(crate) struct ClientAuth {
    service: &'static ServiceAuth,
    bearer: Option<Arc<dyn ProvideToken>>,
    /// The service's bearer token variable is set: bearer auth goes first.
    prefer_bearer: bool,
    api_key: Option<Arc<dyn ProvideToken>>,
    basic: Option<Login>,
}

impl ClientAuth {
    /// The auth of a client of the service with these schemes, these identities, and `env`
    /// for the service's bearer token variable (the builder's token wins over it).
    pub(crate) fn new(service: &'static ServiceAuth, identities: &Identities, env: &Env) -> Self {
        let from_env = service.bearer_env.and_then(|var| env.get(var)).map(Token::new);
        let prefer_bearer = from_env.is_some();
        let from_env = from_env.map(|token| Arc::new(token) as Arc<dyn ProvideToken>);
        ClientAuth {
            service,
            bearer: identities.bearer.clone().or(from_env),
            prefer_bearer,
            api_key: identities.api_key.clone(),
            basic: identities.basic.clone(),
        }
    }

    /// The schemes a request is tried with, in order: its operation's (else the service's
    /// default), bearer auth first when its variable says so.
    pub(crate) fn schemes(&self, extensions: &http::Extensions) -> Vec<AuthScheme> {
        let listed = match extensions.get::<OperationName>() {
            Some(OperationName(operation)) => self.service.schemes(operation),
            None => self.service.default,
        };
        let mut schemes = listed.to_vec();
        if self.prefer_bearer
            && let Some(at) = schemes.iter().position(|s| *s == AuthScheme::Bearer)
        {
            let bearer = schemes.remove(at);
            schemes.insert(0, bearer);
        }
        schemes
    }

    /// A search through `schemes` for the first with an identity.
    pub(crate) fn search<'a>(&'a self, schemes: &'a [AuthScheme]) -> Search<'a> {
        Search { auth: self, schemes: schemes.iter(), tried: Vec::new(), credentials: None, only_sigv4: true }
    }

    fn missing_token(&self, what: &str, setters: &str) -> String {
        let from_env = self.service.bearer_env.filter(|_| what == "bearer token").map(|var| format!(", or {var}")).unwrap_or_default();
        format!("no {what}: set one with the builder's {setters}{from_env}")
    }
}

/// What a scheme's identity needs next.
pub(crate) enum Step {
    /// It is at hand.
    Ready(Identity),
    /// The configuration's credentials: ask its provider, then give the answer to
    /// [`Search::no_credentials`] if there are none.
    Credentials,
    /// A token: ask this provider (an error ends the search: [`Search::token_failed`]).
    Token(Arc<dyn ProvideToken>),
}

/// An identity, for the scheme it was chosen for.
#[derive(Debug, Clone)]
pub(crate) enum Identity {
    /// Nothing: the request goes as it is.
    None,
    Credentials(Credentials),
    Token(Token),
    Login(Login),
}

/// The scheme a request is sent with, and its identity.
#[derive(Debug, Clone)]
pub(crate) struct Chosen {
    pub scheme: AuthScheme,
    pub identity: Identity,
}

/// The search through a call's schemes for the first whose identity is at hand.
pub(crate) struct Search<'a> {
    auth: &'a ClientAuth,
    schemes: std::slice::Iter<'a, AuthScheme>,
    /// Each scheme passed over, with why.
    tried: Vec<(&'static str, String)>,
    /// The credentials chain's answer, when SigV4 was passed over.
    credentials: Option<CredentialsError>,
    only_sigv4: bool,
}

impl Search<'_> {
    /// The next scheme to try and what its identity needs, passing over the schemes with
    /// none configured; `None` when every scheme was tried.
    pub(crate) fn next(&mut self) -> Option<(AuthScheme, Step)> {
        let auth = self.auth;
        for &scheme in self.schemes.by_ref() {
            self.only_sigv4 &= scheme == AuthScheme::SigV4;
            let step = match scheme {
                AuthScheme::Anonymous => Some(Step::Ready(Identity::None)),
                AuthScheme::SigV4 => Some(Step::Credentials),
                AuthScheme::Bearer => auth.bearer.clone().map(Step::Token),
                AuthScheme::ApiKey { .. } => auth.api_key.clone().map(Step::Token),
                AuthScheme::Basic => auth.basic.clone().map(|login| Step::Ready(Identity::Login(login))),
            };
            if let Some(step) = step {
                return Some((scheme, step));
            }
            let why = match scheme {
                AuthScheme::Bearer => auth.missing_token("bearer token", "`bearer_token` or `bearer_token_provider`"),
                AuthScheme::ApiKey { .. } => auth.missing_token("API key", "`api_key` or `api_key_provider`"),
                _ => "no user name and password: set them with the builder's `basic_auth`".to_owned(),
            };
            self.tried.push((scheme.id(), why));
        }
        None
    }

    /// The credentials provider found none: the search goes on. A source that is
    /// configured but failed ends it with its error.
    pub(crate) fn no_credentials(&mut self, error: CredentialsError) -> Result<(), Error<Infallible>> {
        if error.is_failure() {
            return Err(Error::Credentials(error));
        }
        self.tried.push((AuthScheme::SigV4.id(), error.to_string()));
        self.credentials = Some(error);
        Ok(())
    }

    /// A token provider failed: the call ends with its error.
    pub(crate) fn token_failed(self, scheme: AuthScheme, error: TokenError) -> Error<Infallible> {
        let mut tried = self.tried;
        tried.push((scheme.id(), error.to_string()));
        Error::Auth(AuthError { tried, failed: true })
    }

    /// No scheme had an identity: the error naming each (the credentials error itself when
    /// SigV4 was the only scheme).
    pub(crate) fn exhausted(self) -> Error<Infallible> {
        match self.credentials {
            Some(error) if self.only_sigv4 => Error::Credentials(error),
            _ => Error::Auth(AuthError { tried: self.tried, failed: false }),
        }
    }
}

impl Chosen {
    /// Puts the identity on a request's head: a header or a query parameter (SigV4 is
    /// signed by the caller, which has the signing parameters).
    pub(crate) fn apply(&self, headers: &mut http::HeaderMap, uri: &mut http::Uri) -> Result<(), AuthError> {
        let fail = |why: &str| AuthError { tried: vec![(self.scheme.id(), why.to_owned())], failed: true };
        let secret_header = |value: String, what: &str| {
            let mut value = http::HeaderValue::try_from(value).map_err(|_| fail(&format!("the {what} cannot be sent in a header (it has characters HTTP headers cannot carry)")))?;
            value.set_sensitive(true);
            Ok::<_, AuthError>(value)
        };
        match (&self.scheme, &self.identity) {
            (AuthScheme::Bearer, Identity::Token(token)) => {
                headers.insert(http::header::AUTHORIZATION, secret_header(format!("Bearer {}", token.token()), "bearer token")?);
            }
            (AuthScheme::ApiKey { name, location: ApiKeyLocation::Header, scheme }, Identity::Token(key)) => {
                let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| fail(&format!("`{name}` is not a header name")))?;
                let value = match scheme {
                    Some(scheme) => format!("{scheme} {}", key.token()),
                    None => key.token().to_owned(),
                };
                headers.insert(name, secret_header(value, "API key")?);
            }
            (AuthScheme::ApiKey { name, location: ApiKeyLocation::Query, .. }, Identity::Token(key)) => {
                *uri = with_query_param(uri, name, key.token()).ok_or_else(|| fail("the request's URI cannot take the API key"))?;
            }
            (AuthScheme::Basic, Identity::Login(login)) => {
                use base64::Engine as _;
                let pair = format!("{}:{}", login.username(), login.password());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                headers.insert(http::header::AUTHORIZATION, secret_header(format!("Basic {encoded}"), "user name or password")?);
            }
            _ => {}
        }
        Ok(())
    }
}

/// Bytes encoded in a query parameter: everything but RFC 3986 unreserved characters.
const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `uri` with `name=value` appended to its query (both percent-encoded).
fn with_query_param(uri: &http::Uri, name: &str, value: &str) -> Option<http::Uri> {
    use percent_encoding::utf8_percent_encode as encode;
    let mut parts = uri.clone().into_parts();
    let path_and_query = parts.path_and_query.as_ref().map_or("/", |p| p.as_str());
    let separator = match uri.query() {
        Some("") => "",
        Some(_) => "&",
        None if path_and_query.ends_with('?') => "",
        None => "?",
    };
    let joined = format!("{path_and_query}{separator}{}={}", encode(name, QUERY), encode(value, QUERY));
    parts.path_and_query = Some(joined.parse().ok()?);
    http::Uri::from_parts(parts).ok()
}

/// None of a call's auth schemes could be used: each scheme tried, with why. It never holds
/// a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    tried: Vec<(&'static str, String)>,
    failed: bool,
}

impl AuthError {
    /// The schemes tried (their Smithy shape ids, in order), each with why it was not used.
    pub fn tried(&self) -> impl Iterator<Item = (&str, &str)> {
        self.tried.iter().map(|(scheme, why)| (*scheme, why.as_str()))
    }

    /// Whether an identity was found but failed (a token provider's error, a token HTTP
    /// cannot carry), rather than none being configured.
    pub fn is_failure(&self) -> bool {
        self.failed
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.failed {
            f.write_str("cannot authenticate the request")?;
        } else if self.tried.is_empty() {
            f.write_str("the operation offers no auth scheme the client implements")?;
        } else {
            f.write_str("no auth scheme of the operation has an identity")?;
        }
        for (i, (scheme, why)) in self.tried.iter().enumerate() {
            let sep = if i == 0 { ": " } else { "; " };
            write!(f, "{sep}{scheme}: {why}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AuthError {}
