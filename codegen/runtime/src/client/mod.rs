//! Calling a service: configuration, credentials, SigV4 signing, the endpoint, standard
//! retries and the transports behind the blocking client (`blocking::Client`, feature
//! `blocking`) and the async one (`Client`, feature `client`).
//!
//! A generated crate wraps these clients in its own (`mpa::blocking::Client`, with one
//! method per operation) and describes its service to them with a [`Service`]. One
//! [`Config`], loaded once, builds the clients of any number of services, which then share
//! its credentials and their cache.
//!
//! Everything here is plain code over `http` types: [`sigv4::sign`] signs any request,
//! the credentials providers and the [`BlockingTransport`] and `AsyncTransport` traits can
//! be used and replaced on their own.

#[cfg(feature = "client")]
mod async_client;
pub mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(all(feature = "streaming", feature = "client"))]
mod async_body;
#[cfg(feature = "streaming")]
mod body;
pub(crate) mod call;
pub(crate) mod config;
pub mod credentials;
mod env;
mod error;
#[cfg(all(feature = "streaming", feature = "event-stream"))]
mod event_stream;
#[cfg(all(feature = "streaming", feature = "event-stream", any(feature = "blocking", feature = "client")))]
mod event_input;
#[cfg(feature = "test-util")]
pub mod loopback;
#[cfg(feature = "test-util")]
pub mod mock;
mod paginate;
pub(crate) mod profile;
mod proxy;
pub(crate) mod retry;
mod service;
mod settings;
pub mod sigv4;
mod timeout;
mod trace;
mod transport;
#[cfg(feature = "client")]
mod transport_async;
#[cfg(feature = "http2")]
mod transport_h2;
#[cfg(feature = "blocking")]
mod transport_ureq;

#[cfg(feature = "client")]
pub use async_client::{Client, ClientBuilder};
#[cfg(feature = "streaming")]
pub use body::{Body, ResponseBody};
#[cfg(all(feature = "streaming", feature = "client"))]
pub use async_body::{AsyncResponseBody, BoxError};
pub use config::{Config, ConfigBuilder, TransportSettings};
pub use auth::{AuthError, Login, ProvideToken, Token, TokenError};
pub use credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use env::Env;
#[cfg(all(feature = "streaming", feature = "event-stream"))]
pub use event_stream::EventIter;
#[cfg(all(feature = "streaming", feature = "event-stream", feature = "client"))]
pub use event_stream::EventReceiver;
#[cfg(all(feature = "streaming", feature = "event-stream", feature = "client"))]
pub use event_input::{EventChannel, EventSender, event_channel};
/// The trait of async streams, that the async client's input event streams take (and its
/// paginators and output event streams are).
#[cfg(feature = "client")]
pub use futures_core::Stream;
pub use error::{ConfigError, ConfigErrorKind, Error, SettingSource};
pub use proxy::ProxySettings;
#[cfg(feature = "client")]
pub use paginate::{Items, Paginator};
pub use retry::{RetryConfig, RetryMode};
pub use call::ResolvedEndpoint;
pub use service::{EndpointSettings, Service};
pub use settings::CallSettings;
pub use timeout::{AttemptDeadline, ExpiredTimeout};
pub use transport::{BlockingTransport, TransportError, TransportErrorKind};
#[cfg(feature = "client")]
pub use transport_async::{AsyncTransport, BoxFuture, HyperTransport};
#[cfg(feature = "blocking")]
pub use transport_ureq::UreqTransport;

/// Container and instance metadata endpoints answer at once or not at all: the metadata
/// timeout (`AWS_METADATA_SERVICE_TIMEOUT`, 1 s by default) bounds connecting and each read,
/// so that a machine without them does not wait long.
pub(crate) fn metadata_settings(settings: &TransportSettings, timeout: std::time::Duration) -> TransportSettings {
    TransportSettings {
        connect_timeout: Some(timeout),
        read_timeout: Some(timeout),
        ca_bundle: settings.ca_bundle.clone(),
        // They are on the machine or link-local: never through a proxy.
        proxy: ProxySettings::default(),
    }
}

/// Builds the transport container and instance credentials are fetched with, from its
/// settings (each client builder its own kind).
pub(crate) type MetadataTransport = fn(&TransportSettings) -> Result<std::sync::Arc<dyn BlockingTransport>, ConfigError>;

/// A transport the credentials providers of a [`Config`] (not yet tied to a client) send
/// with (to container and instance metadata, to STS and IAM Identity Center): the blocking client's when it is built in (the
/// providers are blocking code, which the async client runs on tokio's blocking threads),
/// else the async one's, there. A client builder uses its own kind.
pub(crate) fn blocking_transport(settings: &TransportSettings) -> Result<std::sync::Arc<dyn BlockingTransport>, ConfigError> {
    let settings = settings.clone();
    #[cfg(feature = "blocking")]
    let transport = UreqTransport::new(&settings)?;
    #[cfg(not(feature = "blocking"))]
    let transport = async_client::OnBlockingThread(std::sync::Arc::new(HyperTransport::new(&settings)?));
    Ok(std::sync::Arc::new(transport))
}

/// The setters of [`ConfigBuilder`] and of both client builders.
macro_rules! builder_setters {
    ($builder:ident $(<$param:ident>)?) => {
        impl $(<$param>)? $builder $(<$param>)? {
            /// The region (`us-east-1`); else `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's
            /// `region`. Wherever it comes from, `build` refuses one that is not a host label
            /// ([`ConfigErrorKind::InvalidRegion`](crate::client::ConfigErrorKind::InvalidRegion)).
            pub fn region(mut self, region: impl Into<String>) -> Self {
                self.explicit.region = Some(region.into());
                self
            }

            /// These credentials; else the default chain (environment, shared files,
            /// container, instance metadata).
            pub fn credentials(mut self, credentials: $crate::client::Credentials) -> Self {
                self.explicit.credentials = Some(::std::sync::Arc::new(credentials));
                self
            }

            /// Credentials from this provider (cached by the provider itself, if at all).
            pub fn credentials_provider(mut self, provider: impl $crate::client::ProvideCredentials + 'static) -> Self {
                self.explicit.credentials = Some(::std::sync::Arc::new(provider));
                self
            }

            /// This bearer token for the operations that offer `smithy.api#httpBearerAuth`
            /// (`Authorization: Bearer <token>`); else, for the services the AWS SDKs read
            /// one for, `AWS_BEARER_TOKEN_BEDROCK`.
            pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
                self.explicit.identities.bearer = Some(::std::sync::Arc::new($crate::client::Token::new(token)));
                self
            }

            /// Bearer tokens from this provider, asked before each attempt through a
            /// [`TokenCache`](crate::client::auth::TokenCache) (a token with an expiry is
            /// asked for again five minutes before then).
            pub fn bearer_token_provider(mut self, provider: impl $crate::client::ProvideToken + 'static) -> Self {
                let cache = $crate::client::auth::TokenCache::new(::std::sync::Arc::new(provider));
                self.explicit.identities.bearer = Some(::std::sync::Arc::new(cache));
                self
            }

            /// This API key for the operations that offer `smithy.api#httpApiKeyAuth` (in the
            /// header or query parameter the model names).
            pub fn api_key(mut self, key: impl Into<String>) -> Self {
                self.explicit.identities.api_key = Some(::std::sync::Arc::new($crate::client::Token::new(key)));
                self
            }

            /// API keys from this provider, asked before each attempt through a
            /// [`TokenCache`](crate::client::auth::TokenCache).
            pub fn api_key_provider(mut self, provider: impl $crate::client::ProvideToken + 'static) -> Self {
                let cache = $crate::client::auth::TokenCache::new(::std::sync::Arc::new(provider));
                self.explicit.identities.api_key = Some(::std::sync::Arc::new(cache));
                self
            }

            /// This user name and password for the operations that offer
            /// `smithy.api#httpBasicAuth` (`Authorization: Basic ...`).
            pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.explicit.identities.basic = Some($crate::client::Login::new(username, password));
                self
            }

            /// The profile of the shared files to read; else `AWS_PROFILE`, else `default`.
            pub fn profile(mut self, name: impl Into<String>) -> Self {
                self.explicit.profile = Some(name.into());
                self
            }

            /// Sends every request to this URL (`http://127.0.0.1:8123`); else
            /// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's (a service that
            /// is not AWS's reads its own variable instead, which its crate documents).
            pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
                self.explicit.endpoint_url = Some(url.into());
                self
            }

            /// Whether to use the FIPS endpoint; else `AWS_USE_FIPS_ENDPOINT`.
            pub fn use_fips(mut self, use_fips: bool) -> Self {
                self.explicit.use_fips = Some(use_fips);
                self
            }

            /// Whether to use the dual-stack (IPv4 and IPv6) endpoint; else
            /// `AWS_USE_DUALSTACK_ENDPOINT`. Services whose endpoints are all dual-stack ignore it.
            pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
                self.explicit.use_dual_stack = Some(use_dual_stack);
                self
            }

            /// Attempts per call, the first included; else `AWS_MAX_ATTEMPTS`, else 3.
            pub fn max_attempts(mut self, attempts: u32) -> Self {
                self.explicit.max_attempts = Some(attempts);
                self
            }

            /// How calls are retried: [`RetryMode::Standard`](crate::client::RetryMode::Standard),
            /// or [`RetryMode::Adaptive`](crate::client::RetryMode::Adaptive) to also limit the
            /// sending rate after throttling; else `AWS_RETRY_MODE`, the profile's
            /// `retry_mode`, else standard.
            pub fn retry_mode(mut self, mode: $crate::client::RetryMode) -> Self {
                self.explicit.retry_mode = Some(mode);
                self
            }

            /// The base of the retry backoff (1 s by default; each wait is a random share of
            /// `base * 2^retry`, at most 20 s).
            pub fn initial_backoff(mut self, base: ::std::time::Duration) -> Self {
                self.explicit.initial_backoff = Some(base);
                self
            }

            /// How long connecting may take (3.1 s by default).
            pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.explicit.connect_timeout = Some(timeout);
                self
            }

            /// How long waiting for the response may take (30 s by default).
            pub fn read_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.explicit.read_timeout = Some(timeout);
                self
            }

            /// How long one attempt may take: connecting, sending, and the whole response
            /// (for the streaming calls, see each client's `send_streaming`). An attempt
            /// that runs out is retried like any timeout. None by default, as in the AWS
            /// SDKs: the connect and read timeouts already end an attempt with a silent
            /// server.
            pub fn attempt_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.explicit.attempt_timeout = Some(timeout);
                self
            }

            /// How long a call may take in all: every attempt, the waits between them
            /// (backoff, and the adaptive mode's) and fetching credentials. When it runs
            /// out the call ends at once with a [`TransportError`](crate::client::TransportError)
            /// whose [`expired_timeout`](crate::client::TransportError::expired_timeout) says
            /// so; it is not retried. None by default, as in the AWS SDKs.
            pub fn operation_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.explicit.operation_timeout = Some(timeout);
                self
            }

            /// Trusts the certificate authorities of this PEM file instead of the built-in
            /// roots; else `AWS_CA_BUNDLE`, the profile's `ca_bundle`.
            pub fn ca_bundle(mut self, path: impl Into<::std::path::PathBuf>) -> Self {
                self.explicit.ca_bundle = Some(path.into());
                self
            }

            /// Sends requests through this HTTP proxy, `http://[user:password@]host[:port]`
            /// (credentials percent-encoded), whatever the endpoint's scheme, instead of the
            /// proxies of `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY`; `NO_PROXY` still applies
            /// unless [`no_proxy`](Self::no_proxy) is set. Only `http://` proxies are supported:
            /// `build` refuses another scheme.
            pub fn proxy_url(mut self, url: impl Into<String>) -> Self {
                self.explicit.proxy.url = Some(url.into());
                self
            }

            /// The hosts reached directly, not through the proxy, instead of `NO_PROXY`'s: a
            /// comma-separated list such as `localhost,127.0.0.1,.internal.example.com,10.0.0.0/8`
            /// (`*` for every host; the syntax is [`ProxySettings::no_proxy`](crate::client::ProxySettings::no_proxy)'s).
            pub fn no_proxy(mut self, hosts: impl Into<String>) -> Self {
                self.explicit.proxy.no_proxy = Some(hosts.into());
                self
            }

            /// Whether requests may go through a proxy at all (yes by default): `false` sends
            /// every request directly, whatever `proxy_url` and the environment say.
            pub fn use_proxy(mut self, use_proxy: bool) -> Self {
                self.explicit.proxy.enabled = Some(use_proxy);
                self
            }

            /// How each operation's request is built ([`SerializeOptions`](crate::SerializeOptions):
            /// input validation, compression, ...); else the defaults, with compression (of the
            /// operations that compress) as `AWS_DISABLE_REQUEST_COMPRESSION` and
            /// `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` (or the profile's
            /// `disable_request_compression` and `request_min_compression_size_bytes`) say.
            pub fn serialize_options(mut self, options: $crate::SerializeOptions) -> Self {
                self.explicit.serialize = Some(options);
                self
            }

            /// Asks `provider` for the code of the MFA device a profile's role names
            /// (`mfa_serial`); without one, such a profile is an error saying so.
            pub fn mfa_token_provider(mut self, provider: $crate::client::credentials::MfaTokenProvider) -> Self {
                self.explicit.mfa = Some(provider);
                self
            }

            /// Reads configuration from these variables instead of the process's
            /// environment.
            pub fn env(mut self, env: $crate::client::Env) -> Self {
                self.explicit.env = Some(env);
                self
            }
        }
    };
}
pub(crate) use builder_setters;
