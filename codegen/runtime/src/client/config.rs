//! Client settings: what the builder was told, else the environment, else the profile in
//! the shared config file, else the defaults. They are decided once into a [`Config`],
//! which builds the clients of any service; only the endpoint is decided per service.

use super::credentials::ProvideCredentials;
use super::env::Env;
use super::error::{ConfigError, SettingSource};
use super::profile::{Profiles, Section};
use super::retry::{RetryConfig, RetryMode};
use super::service::Service;
use super::timeout::CallTimeouts;
use super::transport::BlockingTransport;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Defaults: connect within 3.1 s, each read within 30 s.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);
pub(crate) const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// What the builder was told explicitly.
#[derive(Debug, Default, Clone)]
pub(crate) struct Explicit {
    pub env: Option<Env>,
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub use_fips: Option<bool>,
    pub use_dual_stack: Option<bool>,
    pub max_attempts: Option<u32>,
    pub initial_backoff: Option<Duration>,
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    pub attempt_timeout: Option<Duration>,
    pub operation_timeout: Option<Duration>,
    pub retry_mode: Option<RetryMode>,
    pub ca_bundle: Option<PathBuf>,
    pub credentials: Option<Arc<dyn ProvideCredentials>>,
    pub serialize: Option<crate::SerializeOptions>,
    pub mfa: Option<super::credentials::MfaTokenProvider>,
    pub proxy: super::proxy::ProxyChoice,
    /// Bearer token, API key, user name and password.
    pub identities: super::auth::Identities,
}

/// The settings of the clients of any service, decided once from what the builder was told,
/// the environment (`AWS_REGION`, `AWS_PROFILE`, ...) and the shared config files, as the
/// AWS CLI reads them.
///
/// Load it once and build each service's client from it
/// (`mpa::blocking::Client::from_config(&config)`): the clients share its credentials
/// provider, and so the one cache in front of the default chain, which refreshes the
/// credentials once for all of them. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Config {
    /// Empty when none is configured: only the clients of services that need one refuse that.
    pub(crate) region: String,
    /// The builder's endpoint URL, for every service; else each service's configured one.
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    /// The attempt and operation timeouts.
    pub(crate) timeouts: CallTimeouts,
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    /// The identities of the auth schemes other than SigV4.
    pub(crate) identities: super::auth::Identities,
    /// How each operation's request is built.
    pub(crate) serialize: crate::SerializeOptions,
    /// The default transports' settings.
    pub(crate) transport: TransportSettings,
    /// Where each service's own endpoint URL is read from.
    pub(crate) sources: Arc<Sources>,
}

/// The environment and the shared config files, as read when the settings were decided.
#[derive(Debug)]
pub(crate) struct Sources {
    env: Env,
    profiles: Arc<Profiles>,
    /// The chosen profile.
    profile: Section,
}

impl Config {
    /// The settings from the environment and the shared config files alone.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::builder().build()
    }

    /// A builder: what it is not told is read from the environment.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region; empty when none is configured (a client of a service that needs one
    /// then refuses to be built).
    pub fn region(&self) -> &str {
        &self.region
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// How calls are retried.
    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    /// How long one attempt may take, if that is bounded (by default not).
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.timeouts.attempt
    }

    /// How long a call may take in all, retries included, if that is bounded (by default not).
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.timeouts.operation
    }

    /// Where the credentials come from: the default chain behind its cache, or the
    /// builder's credentials or provider. Every client built from this configuration asks
    /// this one provider.
    pub fn credentials_provider(&self) -> &Arc<dyn ProvideCredentials> {
        &self.credentials
    }

    /// How each operation's request is built.
    pub fn serialize_options(&self) -> crate::SerializeOptions {
        self.serialize
    }

    /// The default transports' timeouts, certificate authorities and proxies.
    pub fn transport_settings(&self) -> &TransportSettings {
        &self.transport
    }

    /// The endpoint URL of `service`'s clients, if one is configured: the builder's, else
    /// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `services` section, the
    /// profile's `endpoint_url` (none of these when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is
    /// true). None leaves the endpoint to the service's rules. A service that is not AWS's
    /// reads its own variable ([`Service::endpoint_env`]) instead of AWS's.
    pub fn endpoint_url(&self, service: &Service) -> Result<Option<String>, ConfigError> {
        let sources = &*self.sources;
        let url = match (&self.endpoint_url, service.endpoint_env) {
            (Some(url), _) => Some(url.clone()),
            (None, Some(var)) => sources.env.get(var).map(str::to_owned),
            (None, None) => sources.configured_endpoint(service.config_key, service.env_suffix),
        };
        if let Some(url) = &url {
            check_endpoint(url)?;
        }
        Ok(url)
    }
}

/// Settings of a [`Config`]; see the setters. Whatever is not set comes from the
/// environment and the shared config files.
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    explicit: Explicit,
}

super::builder_setters!(ConfigBuilder);

impl ConfigBuilder {
    /// The settings, or what is wrong with them.
    pub fn build(self) -> Result<Config, ConfigError> {
        self.explicit.load()
    }
}

/// How the builders read a transport's TLS, timeout and proxy settings.
#[derive(Debug, Clone, Default)]
pub struct TransportSettings {
    /// Connect timeout.
    pub connect_timeout: Option<Duration>,
    /// Timeout of each read.
    pub read_timeout: Option<Duration>,
    /// PEM file of the certificate authorities to trust instead of the built-in roots.
    pub ca_bundle: Option<PathBuf>,
    /// The HTTP proxies requests go through (none by default).
    pub proxy: super::proxy::ProxySettings,
}

impl Explicit {
    /// The transport settings, from the builder, the environment and the profile (not the
    /// proxies: the AWS CLI reads them from the environment alone).
    pub fn transport_settings(&self) -> Result<TransportSettings, ConfigError> {
        let env = self.env.clone().unwrap_or_else(Env::from_process);
        let profiles = Profiles::load(&env).map_err(ConfigError::new)?;
        let name = profile_name(self, &env);
        let profile = profiles.profile(&name);
        let ca_bundle = self
            .ca_bundle
            .clone()
            .or_else(|| env.get("AWS_CA_BUNDLE").map(PathBuf::from))
            .or_else(|| profile.and_then(|p| p.get("ca_bundle")).map(PathBuf::from));
        Ok(TransportSettings {
            connect_timeout: Some(self.connect_timeout.unwrap_or(CONNECT_TIMEOUT)),
            read_timeout: Some(self.read_timeout.unwrap_or(READ_TIMEOUT)),
            ca_bundle,
            proxy: self.proxy.resolve(&env)?,
        })
    }

    /// Decides every setting, with the default transport for container and instance
    /// credentials.
    pub fn load(&self) -> Result<Config, ConfigError> {
        let transport = self.transport_settings()?;
        let services = super::blocking_transport(&transport)?;
        self.resolve(transport, super::blocking_transport, services)
    }

    /// Decides every setting. `metadata` builds the transport of container and instance
    /// credentials, `services` calls STS and IAM Identity Center for them.
    pub fn resolve(
        &self,
        transport: TransportSettings,
        metadata: super::MetadataTransport,
        services: Arc<dyn BlockingTransport>,
    ) -> Result<Config, ConfigError> {
        let env = self.env.clone().unwrap_or_else(Env::from_process);
        let profiles = Profiles::load(&env).map_err(ConfigError::new)?;
        let name = profile_name(self, &env);
        let profile = profiles.profile(&name).cloned().unwrap_or_default();
        let chosen = self.profile.is_some() || env.get("AWS_PROFILE").is_some();
        if chosen && profiles.profile(&name).is_none() && self.credentials.is_none() {
            let why = format!("the profile `{name}` is not in {}", profiles.describe_files());
            return Err(ConfigError::new(why));
        }

        let region = configured_region(self, &env, &profile, &name, &profiles)?.unwrap_or_default();

        let endpoint_url = self.endpoint_url.clone();
        if let Some(url) = &endpoint_url {
            check_endpoint(url)?;
        }

        let use_fips = match self.use_fips {
            Some(v) => v,
            None => match env.get("AWS_USE_FIPS_ENDPOINT").or_else(|| profile.get("use_fips_endpoint")) {
                Some(v) => parse_bool("AWS_USE_FIPS_ENDPOINT", v)?,
                None => false,
            },
        };

        let use_dual_stack = match self.use_dual_stack {
            Some(v) => v,
            None => match env.get("AWS_USE_DUALSTACK_ENDPOINT").or_else(|| profile.get("use_dualstack_endpoint")) {
                Some(v) => parse_bool("AWS_USE_DUALSTACK_ENDPOINT", v)?,
                None => false,
            },
        };

        let mode = match self.retry_mode {
            Some(mode) => mode,
            None => configured_retry_mode(&env, &profile, &name)?,
        };
        let max_attempts = match self.max_attempts {
            Some(n) => n,
            None => match env.get("AWS_MAX_ATTEMPTS").or_else(|| profile.get("max_attempts")) {
                Some(v) => v.trim().parse().map_err(|_| ConfigError::new(format!("max attempts `{v}` is not a number")))?,
                None => RetryConfig::default().max_attempts,
            },
        };
        if max_attempts == 0 {
            return Err(ConfigError::new("max attempts must be at least 1"));
        }
        let mut retry = RetryConfig { max_attempts, mode, ..RetryConfig::default() };
        if let Some(backoff) = self.initial_backoff {
            retry.initial_backoff = backoff;
        }

        let serialize = match self.serialize {
            Some(options) => options,
            None => configured_serialize_options(&env, &profile)?,
        };

        let profiles = Arc::new(profiles);
        let sources = Arc::new(Sources { env: env.clone(), profiles: profiles.clone(), profile });
        let credentials: Arc<dyn ProvideCredentials> = match &self.credentials {
            Some(c) => c.clone(),
            None => {
                let imds = super::credentials::ImdsSettings::read(&env, &sources.profile).map_err(ConfigError::new)?;
                let metadata = metadata(&super::metadata_settings(&transport, imds.timeout))?;
                let helpers = super::credentials::services::Helpers { transport: services, sources: sources.clone() };
                let context = super::credentials::Context { env, region: region.clone(), helpers, metadata, imds, mfa: self.mfa.clone() };
                Arc::new(super::credentials::default_chain(profiles, name, context))
            }
        };
        Ok(Config {
            region,
            endpoint_url,
            use_fips,
            use_dual_stack,
            retry,
            timeouts: CallTimeouts { attempt: self.attempt_timeout, operation: self.operation_timeout },
            credentials,
            identities: self.identities.clone(),
            serialize,
            transport,
            sources,
        })
    }
}

/// The default request options, with compression as configured:
/// `AWS_DISABLE_REQUEST_COMPRESSION` (or the profile's `disable_request_compression`) and
/// `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` (`request_min_compression_size_bytes`), a
/// number of bytes from 0 to 10485760.
#[cfg(feature = "gzip")]
fn configured_serialize_options(env: &Env, profile: &Section) -> Result<crate::SerializeOptions, ConfigError> {
    let mut options = crate::SerializeOptions::default();
    if let Some(v) = env.get("AWS_DISABLE_REQUEST_COMPRESSION").or_else(|| profile.get("disable_request_compression")) {
        options = options.request_compression(!parse_bool("AWS_DISABLE_REQUEST_COMPRESSION (disable_request_compression)", v)?);
    }
    if let Some(v) = env.get("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES").or_else(|| profile.get("request_min_compression_size_bytes")) {
        let bytes = v.trim().parse::<u32>().ok().filter(|n| *n <= 10_485_760).ok_or_else(|| {
            let name = "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES (request_min_compression_size_bytes)";
            ConfigError::new(format!("{name} must be a number of bytes from 0 to 10485760, not `{v}`"))
        })?;
        options = options.min_compression_size(bytes);
    }
    Ok(options)
}

/// The default request options (without the feature `gzip`, nothing the environment
/// configures).
#[cfg(not(feature = "gzip"))]
fn configured_serialize_options(_: &Env, _: &Section) -> Result<crate::SerializeOptions, ConfigError> {
    Ok(crate::SerializeOptions::default())
}

/// The retry mode from `AWS_RETRY_MODE`, else the profile's `retry_mode`, else standard:
/// `standard`, `adaptive` or `legacy` (the SDKs' former default, read as standard), in any
/// case.
fn configured_retry_mode(env: &Env, profile: &Section, profile_name: &str) -> Result<RetryMode, ConfigError> {
    let (value, from) = match env.get("AWS_RETRY_MODE") {
        Some(value) => (value, "the environment variable AWS_RETRY_MODE".to_owned()),
        None => match profile.get("retry_mode") {
            Some(value) => (value, format!("`retry_mode` of the profile `{profile_name}`")),
            None => return Ok(RetryMode::Standard),
        },
    };
    RetryMode::parse(value).ok_or_else(|| {
        ConfigError::new(format!("retry mode `{value}` (from {from}) is not one of `standard`, `adaptive`, `legacy`"))
    })
}

fn profile_name(explicit: &Explicit, env: &Env) -> String {
    explicit.profile.clone().or_else(|| env.get("AWS_PROFILE").map(str::to_owned)).unwrap_or_else(|| "default".to_owned())
}

impl Sources {
    /// The environment the settings were read from.
    pub(crate) fn env(&self) -> &Env {
        &self.env
    }

    /// The endpoint URL configured for the service with this `[services]` key (`mpa`, `sts`)
    /// and `AWS_ENDPOINT_URL_<SUFFIX>` suffix (`MPA`, `STS`): `AWS_ENDPOINT_URL_<SUFFIX>`,
    /// `AWS_ENDPOINT_URL`, the profile's `services` section, the profile's `endpoint_url`;
    /// none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.
    pub(crate) fn configured_endpoint(&self, config_key: &str, env_suffix: &str) -> Option<String> {
        let (env, profiles, profile) = (&self.env, &self.profiles, &self.profile);
        let ignore = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").or_else(|| profile.get("ignore_configured_endpoint_urls"));
        if ignore.is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return None;
        }
        let service_key = format!("{config_key}.endpoint_url");
        env.get(&format!("AWS_ENDPOINT_URL_{env_suffix}"))
            .or_else(|| env.get("AWS_ENDPOINT_URL"))
            .or_else(|| profile.get("services").and_then(|s| profiles.services(s)).and_then(|s| s.get(&service_key)))
            .or_else(|| profile.get("endpoint_url"))
            .map(str::to_owned)
    }
}

/// The region, from the builder, `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile, checked
/// here, before anything can be sent, whatever then chooses the endpoint. None may be set:
/// the clients of services that need one refuse that ([`no_region`]).
fn configured_region(explicit: &Explicit, env: &Env, profile: &Section, name: &str, profiles: &Profiles) -> Result<Option<String>, ConfigError> {
    let from_env = |var: &'static str| env.get(var).map(|r| (r, SettingSource::Environment(var)));
    let Some((region, source)) = explicit
        .region
        .as_deref()
        .map(|r| (r, SettingSource::Builder))
        .or_else(|| from_env("AWS_REGION"))
        .or_else(|| from_env("AWS_DEFAULT_REGION"))
        .or_else(|| profile.get("region").map(|r| (r, SettingSource::Profile(name.to_owned()))))
    else {
        return Ok(None);
    };
    if is_region(region) {
        return Ok(Some(region.to_owned()));
    }
    let from = match &source {
        SettingSource::Profile(name) => format!("`region` of the profile `{name}` in {}", profiles.describe_files()),
        other => other.to_string(),
    };
    Err(ConfigError::invalid_region(region, source, &from))
}

/// Whether `region` is one host label, as the endpoint rules check a region
/// (`isValidHostLabel(Region, false)`): 1 to 63 ASCII letters, digits and hyphens, not
/// starting with a hyphen. Anything else could steer a request to another host or into
/// another signing scope; a region of the rules' own is never refused.
fn is_region(region: &str) -> bool {
    (1..=63).contains(&region.len()) && !region.starts_with('-') && region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A client of a service that needs a region, configured without one.
pub(crate) fn no_region() -> ConfigError {
    ConfigError::new("no region: set AWS_REGION, `region` in the profile, or the builder's region")
}

fn check_endpoint(url: &str) -> Result<(), ConfigError> {
    let uri: http::Uri = url.parse().map_err(|_| ConfigError::new(format!("the endpoint URL `{url}` is not a URL")))?;
    match (uri.scheme_str(), uri.authority()) {
        (Some("http" | "https"), Some(_)) if uri.query().is_none() => Ok(()),
        _ => Err(ConfigError::new(format!("the endpoint URL `{url}` must be http(s)://host[:port][/path]"))),
    }
}

fn parse_bool(name: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ConfigError::new(format!("{name} must be true or false, not `{value}`"))),
    }
}
