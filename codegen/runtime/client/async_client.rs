//! The async client: every operation as an `async` method, on tokio.

use super::call::Shared;
use super::config::Explicit;
use super::retry::Attempts;
use super::transport_async::{AsyncTransport, HyperTransport};
use super::{BlockingTransport, ConfigError, Credentials, Error, UreqTransport};
use std::convert::Infallible;
use std::sync::Arc;

/// An async client of the service: one method per operation
/// (`client.list_sessions(&input).await`), with credentials, SigV4 signing, the endpoint
/// and standard retries taken care of. It runs on tokio. Cheap to clone; clones share the
/// retry quota.
#[derive(Debug, Clone)]
pub struct Client {
    shared: Arc<Shared>,
    transport: Arc<dyn AsyncTransport>,
}

impl Client {
    /// A client configured from the environment and the shared config files, as the AWS
    /// CLI reads them (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL`, ...).
    pub fn from_env() -> Result<Client, ConfigError> {
        Client::builder().build()
    }

    /// A builder: what it is not told is read from the environment.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Calls an operation: serializes `input`, signs and sends it (retrying as configured),
    /// and reads the response.
    pub async fn call<O: crate::Operation>(&self, input: &O::Input) -> Result<O::Output, Error<O::Error>> {
        let request = O::serialize_request(input).map_err(Error::Serialize)?;
        let response = self.send(request).await.map_err(|e| e.map_service(|never| match never {}))?;
        O::parse_response(&response).map_err(Error::Service)
    }

    /// Sends an origin-form request (as an operation builds it) to the endpoint: signed
    /// again on every attempt, retried as configured. Any response is returned as it is.
    pub async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error<Infallible>> {
        let shared = &*self.shared;
        let request = shared.prepare(request)?;
        let mut attempts = Attempts::new(shared.config.retry, &shared.bucket);
        loop {
            let credentials = self.credentials().await?;
            let signed = shared.signed(&request, &credentials)?;
            let result = self.transport.send(signed).await;
            match attempts.after(shared.classify(&result)) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return result.map_err(Error::Transport),
            }
        }
    }

    /// Cached credentials at once; else the provider runs on tokio's blocking threads.
    async fn credentials(&self) -> Result<Credentials, Error<Infallible>> {
        let provider = &self.shared.config.credentials;
        if let Some(credentials) = provider.cached() {
            return Ok(credentials);
        }
        let provider = provider.clone();
        match tokio::task::spawn_blocking(move || provider.provide_credentials()).await {
            Ok(result) => result.map_err(Error::Credentials),
            Err(e) => Err(Error::Credentials(super::CredentialsError::failed("credentials provider", e.to_string()))),
        }
    }
}

/// Settings of a [`Client`]; see the setters. Whatever is not set comes from the
/// environment and the shared config files.
#[derive(Debug, Default)]
pub struct ClientBuilder {
    explicit: Explicit,
    transport: Option<Arc<dyn AsyncTransport>>,
}

super::builder_setters!(ClientBuilder);

impl ClientBuilder {
    /// Sends requests with this transport instead of the default one (hyper).
    pub fn transport(mut self, transport: impl AsyncTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The client, or what is wrong with its settings. The default transport needs a
    /// tokio runtime when requests are sent, not here.
    pub fn build(self) -> Result<Client, ConfigError> {
        let settings = self.explicit.transport_settings()?;
        let metadata: Arc<dyn BlockingTransport> = Arc::new(UreqTransport::new(&super::metadata_settings(&settings))?);
        let transport = match self.transport {
            Some(t) => t,
            None => Arc::new(HyperTransport::new(&settings)?),
        };
        let config = self.explicit.resolve(metadata)?;
        Ok(Client { shared: Arc::new(Shared::new(config)?), transport })
    }
}
