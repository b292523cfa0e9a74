//! The blocking client: every operation as a method that waits for its answer.

use crate::client::config::Explicit;
use crate::client::{BlockingTransport, ConfigError, Error, UreqTransport};
use crate::client::call::Shared;
use crate::client::retry::Attempts;
use std::convert::Infallible;
use std::sync::Arc;

/// A client of the service that blocks the calling thread: one method per operation
/// (`client.list_sessions(&input)`), with credentials, SigV4 signing, the endpoint and
/// standard retries taken care of. Cheap to clone; clones share the retry quota.
#[derive(Debug, Clone)]
pub struct Client {
    shared: Arc<Shared>,
    transport: Arc<dyn BlockingTransport>,
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
    pub fn call<O: crate::Operation>(&self, input: &O::Input) -> Result<O::Output, Error<O::Error>> {
        let request = O::serialize_request(input).map_err(Error::Serialize)?;
        let response = self.send(request).map_err(|e| e.map_service(|never| match never {}))?;
        O::parse_response(&response).map_err(Error::Service)
    }

    /// Sends an origin-form request (as an operation builds it) to the endpoint: signed
    /// again on every attempt, retried as configured. Any response is returned as it is.
    pub fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error<Infallible>> {
        let shared = &*self.shared;
        let request = shared.prepare(request)?;
        let mut attempts = Attempts::new(shared.config.retry, &shared.bucket);
        loop {
            let credentials = shared.config.credentials.provide_credentials().map_err(Error::Credentials)?;
            let signed = shared.signed(&request, &credentials)?;
            let result = self.transport.send(signed);
            match attempts.after(shared.classify(&result)) {
                Some(delay) => std::thread::sleep(delay),
                None => return result.map_err(Error::Transport),
            }
        }
    }
}

/// Settings of a [`Client`]; see the setters. Whatever is not set comes from the
/// environment and the shared config files.
#[derive(Debug, Default)]
pub struct ClientBuilder {
    explicit: Explicit,
    transport: Option<Arc<dyn BlockingTransport>>,
}

crate::client::builder_setters!(ClientBuilder);

impl ClientBuilder {
    /// Sends requests with this transport instead of the default one (`ureq`).
    pub fn transport(mut self, transport: impl BlockingTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The client, or what is wrong with its settings.
    pub fn build(self) -> Result<Client, ConfigError> {
        let settings = self.explicit.transport_settings()?;
        let metadata: Arc<dyn BlockingTransport> = Arc::new(UreqTransport::new(&crate::client::metadata_settings(&settings))?);
        let transport = match self.transport {
            Some(t) => t,
            None => Arc::new(UreqTransport::new(&settings)?),
        };
        let config = self.explicit.resolve(metadata)?;
        Ok(Client { shared: Arc::new(Shared::new(config)?), transport })
    }
}
