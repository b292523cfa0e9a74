//! The async client: every operation as an `async` method, on tokio.

use super::auth::{AuthScheme, Chosen, Identity, OperationName, ProvideToken, Step, Token};
use super::call::{Shared, head_of};
use super::trace;
use super::config::Explicit;
use super::retry::Attempts;
use super::timeout::{within_attempt, within_operation};
use super::transport_async::{AsyncTransport, HyperTransport};
use super::{BlockingTransport, CallSettings, Config, ConfigError, Credentials, Error, Service, TransportError};
use std::convert::Infallible;
use std::sync::Arc;

/// An async client of the service: one method per operation
/// (`client.list_sessions().approval_team_arn(arn).send().await`), with credentials, SigV4 signing, the endpoint
/// and standard retries taken care of. It runs on tokio. Cheap to clone; clones share the
/// retry quota (and the adaptive mode's rate limiter). (The methods are those of a
/// generated crate's `Client`, which wraps this one for its service.)
#[derive(Debug, Clone)]
pub struct Client {
    /// Settings, endpoint and retry quota (the paginators read the request options).
    pub(crate) shared: Arc<Shared>,
    transport: Arc<dyn AsyncTransport>,
}

impl Client {
    /// A client of `service` with these settings (sharing their credentials provider) and
    /// the default transport (hyper, which needs a tokio runtime when requests are sent).
    pub fn from_config(service: &'static Service, config: &Config) -> Result<Client, ConfigError> {
        let transport = Arc::new(HyperTransport::new(config.transport_settings())?);
        Client::with_transport(service, config, transport)
    }

    /// A client of `service` with these settings, sending requests with `transport`.
    pub fn with_transport(service: &'static Service, config: &Config, transport: Arc<dyn AsyncTransport>) -> Result<Client, ConfigError> {
        Ok(Client { shared: Arc::new(Shared::new(service, config.clone())?), transport })
    }

    /// A mock client of `service`: `mock`'s rules answer its calls; nothing is sent.
    #[cfg(feature = "test-util")]
    pub fn from_mock(service: &'static Service, mock: super::mock::Mock) -> Result<Client, ConfigError> {
        let shared = Shared::mocked(service, mock)?;
        Ok(Client { shared: Arc::new(shared), transport: Arc::new(super::mock::NoNetwork) })
    }

    /// Calls an operation: serializes `input`, signs and sends it (retrying as configured),
    /// and reads the response.
    pub async fn call<O: crate::Operation>(&self, input: &O::Input) -> Result<O::Output, Error<O::Error>> {
        self.call_with::<O>(input, &CallSettings::default()).await
    }

    /// Calls an operation with this call's own settings over the client's. Every typed call
    /// of the client (plain, fluent, a paginator's pages) comes through here, a mock
    /// client's (feature `test-util`) included.
    pub async fn call_with<O: crate::Operation>(&self, input: &O::Input, settings: &CallSettings) -> Result<O::Output, Error<O::Error>> {
        let call = async {
            let options = settings.serialize_or(self.shared.config.serialize);
            let request = O::serialize_request_with(input, options).map_err(Error::Serialize)?;
            #[cfg(feature = "test-util")]
            if let Some(mock) = &self.shared.mock {
                return self.shared.mock_answer::<O>(mock, input, request);
            }
            let request = OperationName::mark::<O, _>(request);
            let response = self.send_with(request, settings).await.map_err(|e| e.map_service(|never| match never {}))?;
            O::parse_response(&response).map_err(Error::Service)
        };
        trace::instrument(call, self.shared.operation_span::<O>()).await
    }

    /// Sends an origin-form request (as an operation builds it) to the endpoint: signed
    /// again on every attempt, retried as configured. Any response is returned as it is.
    pub async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error<Infallible>> {
        self.send_with(request, &CallSettings::default()).await
    }

    /// [`Client::send`] with this call's own timeouts, attempts and extra headers.
    pub async fn send_with(&self, request: http::Request<Vec<u8>>, settings: &CallSettings) -> Result<http::Response<Vec<u8>>, Error<Infallible>> {
        let shared = &*self.shared;
        let request = shared.prepare_call(request, settings)?;
        let schemes = shared.auth.schemes(request.extensions());
        let timeouts = settings.timeouts(shared.config.timeouts);
        let retry = settings.retry(shared.config.retry);
        within_operation(timeouts.operation, async {
            let mut attempts = Attempts::new(retry, &shared.bucket);
            loop {
                let span = trace::attempt_span(attempts.number());
                let attempt = async {
                    let signed = self.signed_in_turn(&request, &schemes).await?;
                    Ok::<_, Error<Infallible>>(within_attempt(timeouts.attempt, self.transport.send(signed)).await)
                };
                let result = trace::instrument(attempt, span.clone()).await?;
                match shared.after_attempt(&mut attempts, &span, head_of(&result)) {
                    Some(delay) => tokio::time::sleep(delay).await,
                    None => return result.map_err(Error::Transport),
                }
            }
        })
        .await
    }

    /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`, then
    /// `.next_page().await`, a stream of pages, or `.items()`.
    pub fn paginate<O: crate::paginate::Paginated>(&self, input: O::Input) -> super::Paginator<O> {
        super::Paginator::new(self.clone(), input, CallSettings::default())
    }

    /// The adaptive retry mode's current limit on this client's sending rate, in attempts
    /// per second: `None` in the standard mode, and until a throttling response turns the
    /// limit on. A diagnostic, to watch the limiter at work.
    pub fn send_rate_limit(&self) -> Option<f64> {
        self.shared.send_rate_limit()
    }

    /// A signed copy of `request` for the next attempt, once the adaptive mode's limiter lets
    /// it go.
    async fn signed_in_turn(&self, request: &http::Request<Vec<u8>>, schemes: &[AuthScheme]) -> Result<http::Request<Vec<u8>>, Error<Infallible>> {
        let chosen = self.choose(schemes).await?;
        if let Some(wait) = self.shared.send_token() {
            tokio::time::sleep(wait).await;
        }
        self.shared.signed(request, &chosen)
    }

    /// The first of `schemes` whose identity is at hand, with it (see [`super::auth`]).
    async fn choose(&self, schemes: &[AuthScheme]) -> Result<Chosen, Error<Infallible>> {
        let mut search = self.shared.auth.search(schemes);
        while let Some((scheme, step)) = search.next() {
            let identity = match step {
                Step::Ready(identity) => identity,
                Step::Credentials => match self.credentials().await {
                    Ok(credentials) => Identity::Credentials(credentials),
                    Err(e) => {
                        search.no_credentials(e)?;
                        continue;
                    }
                },
                Step::Token(provider) => match token(provider).await {
                    Ok(token) => Identity::Token(token),
                    Err(e) => return Err(search.token_failed(scheme, e)),
                },
            };
            return Ok(Chosen { scheme, identity });
        }
        Err(search.exhausted())
    }

    /// Cached credentials at once; else the provider runs on tokio's blocking threads.
    async fn credentials(&self) -> Result<Credentials, super::CredentialsError> {
        let provider = &self.shared.config.credentials;
        if let Some(credentials) = provider.cached() {
            return Ok(credentials);
        }
        let provider = provider.clone();
        match tokio::task::spawn_blocking(trace::carried(move || provider.provide_credentials())).await {
            Ok(result) => result,
            Err(e) => Err(super::CredentialsError::failed("credentials provider", e.to_string())),
        }
    }
}

/// A token at once when the provider has one at hand; else the provider runs on tokio's
/// blocking threads.
async fn token(provider: std::sync::Arc<dyn ProvideToken>) -> Result<Token, super::TokenError> {
    if let Some(token) = provider.cached() {
        return Ok(token);
    }
    match tokio::task::spawn_blocking(trace::carried(move || provider.provide_token())).await {
        Ok(result) => result,
        Err(e) => Err(super::TokenError::new(format!("the token provider panicked: {e}"))),
    }
}

/// Settings of a [`Client`]; see the setters. Whatever is not set comes from the
/// environment and the shared config files. (`C` is the client built: a generated crate's.)
#[derive(Debug)]
pub struct ClientBuilder<C> {
    explicit: Explicit,
    transport: Option<Arc<dyn AsyncTransport>>,
    service: &'static Service,
    wrap: fn(Client) -> C,
}

super::builder_setters!(ClientBuilder<C>);

impl<C> ClientBuilder<C> {
    /// A builder of clients of `service`, each a [`Client`] handed to `wrap`.
    pub fn new(service: &'static Service, wrap: fn(Client) -> C) -> Self {
        ClientBuilder { explicit: Explicit::default(), transport: None, service, wrap }
    }

    /// Sends requests with this transport instead of the default one (hyper).
    pub fn transport(mut self, transport: impl AsyncTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The client, or what is wrong with its settings. The default transport needs a
    /// tokio runtime when requests are sent, not here.
    pub fn build(self) -> Result<C, ConfigError> {
        let settings = self.explicit.transport_settings()?;
        // STS and IAM Identity Center are called like the service: with the same transport.
        let transport: Arc<dyn AsyncTransport> = match self.transport {
            Some(t) => t,
            None => Arc::new(HyperTransport::new(&settings)?),
        };
        let services = OnBlockingThread(transport.clone());
        let metadata: super::MetadataTransport = |settings| Ok(Arc::new(OnBlockingThread(Arc::new(HyperTransport::new(settings)?))));
        let config = self.explicit.resolve(settings, metadata, Arc::new(services))?;
        Ok((self.wrap)(Client::with_transport(self.service, &config, transport)?))
    }
}

/// The credentials providers are blocking code, run on tokio's blocking threads: there,
/// this sends their requests (container and instance metadata) with the async transport.
#[derive(Debug)]
pub(crate) struct OnBlockingThread(pub(crate) Arc<dyn AsyncTransport>);

impl BlockingTransport for OnBlockingThread {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|e| TransportError::new(super::TransportErrorKind::Other, format!("credentials fetched outside a tokio runtime: {e}")))?;
        runtime.block_on(self.0.send(request))
    }
}

#[cfg(feature = "streaming")]
use super::async_body::AsyncResponseBody;
#[cfg(feature = "streaming")]
use super::body::Body;

#[cfg(feature = "streaming")]
impl Client {
    /// Sends a request whose body streams (a streaming operation's head with its body) to
    /// the endpoint, signed, and returns the response as soon as its head has come, its body
    /// to be taken chunk by chunk as it arrives. A body of bytes is signed with its hash and
    /// retried as configured; a reader is sent once (it cannot be read again), read on
    /// tokio's blocking threads and signed as [`Body`] says. An error response is read whole
    /// (error bodies are small).
    ///
    /// The attempt and operation timeouts bound the call until the response head (and an
    /// error response's body) has come; the streamed body is then read within the read
    /// timeout for each chunk only.
    pub async fn send_streaming(&self, request: http::Request<Body>) -> Result<http::Response<AsyncResponseBody>, Error<Infallible>> {
        let shared = &*self.shared;
        let request = shared.prepare_streaming(request)?;
        let schemes = shared.auth.schemes(request.extensions());
        within_operation(shared.config.timeouts.operation, self.send_streaming_attempts(request, &schemes)).await
    }

    async fn send_streaming_attempts(
        &self,
        request: http::Request<Body>,
        schemes: &[AuthScheme],
    ) -> Result<http::Response<AsyncResponseBody>, Error<Infallible>> {
        let shared = &*self.shared;
        let attempt_timeout = shared.config.timeouts.attempt;
        let (parts, body) = request.into_parts();
        let body = match body.into_bytes_or_self() {
            Ok(bytes) => {
                let request = http::Request::from_parts(parts, bytes);
                let mut attempts = Attempts::new(shared.config.retry, &shared.bucket);
                loop {
                    let span = trace::attempt_span(attempts.number());
                    let attempt = async {
                        let signed = self.signed_in_turn(&request, schemes).await?;
                        let attempt = async { settle(self.transport.send_streaming(signed.map(Body::from)).await).await };
                        Ok::<_, Error<Infallible>>(within_attempt(attempt_timeout, attempt).await)
                    };
                    let result = trace::instrument(attempt, span.clone()).await?;
                    let head = match &result {
                        Ok((response, error_body)) => Ok((response.status(), response.headers(), error_body.as_slice())),
                        Err(e) => Err(e),
                    };
                    match shared.after_attempt(&mut attempts, &span, head) {
                        Some(delay) => tokio::time::sleep(delay).await,
                        None => return result.map(|(response, _)| response).map_err(Error::Transport),
                    }
                }
            }
            Err(body) => body,
        };
        let chosen = self.choose(schemes).await?;
        if let Some(wait) = shared.send_token() {
            tokio::time::sleep(wait).await;
        }
        let head = shared.signed_head(&parts, body.payload_hash(), &chosen)?;
        #[cfg(feature = "event-stream")]
        let body = {
            let mut body = body;
            shared.sign_events(&head, &mut body, &chosen)?;
            body
        };
        let attempt = async { settle(self.transport.send_streaming(head.map(|()| body)).await).await };
        let result = within_attempt(attempt_timeout, attempt).await;
        if let Ok((response, error_body)) = &result {
            // Only for the adaptive mode's limiter: a reader is never sent again.
            let _ = shared.classify_head(Ok((response.status(), response.headers(), error_body.as_slice())));
        }
        result.map(|(response, _)| response).map_err(Error::Transport)
    }

    /// Calls an operation whose input streams: `body` is the request's payload (the input's
    /// own payload member is not sent); the response is read whole.
    pub async fn call_with_body<O: crate::StreamingInput>(&self, input: &O::Input, body: Body) -> Result<O::Output, Error<O::Error>> {
        let call = async {
            let request = super::body::streaming_request::<O>(input, body, self.shared.config.serialize).map_err(Error::Serialize)?;
            let request = OperationName::mark::<O, _>(request);
            let response = self.send_streaming(request).await.map_err(|e| e.map_service(|never| match never {}))?;
            read_whole::<O>(response).await
        };
        trace::instrument(call, self.shared.operation_span::<O>()).await
    }

    /// Calls an operation whose output streams: the output (its payload member unset) and
    /// the response body, the payload, to take chunk by chunk as it arrives.
    pub async fn call_streaming<O: crate::StreamingOutput>(
        &self,
        input: &O::Input,
    ) -> Result<(O::Output, AsyncResponseBody), Error<O::Error>> {
        let call = async {
            let request = super::body::whole_request::<O>(input, self.shared.config.serialize).map_err(Error::Serialize)?;
            let request = OperationName::mark::<O, _>(request);
            self.streamed::<O>(request).await
        };
        trace::instrument(call, self.shared.operation_span::<O>()).await
    }

    /// Calls an operation whose input and output both stream: `body` is the request's
    /// payload; the output comes with the response body to take as it arrives.
    pub async fn call_streaming_with_body<O: crate::StreamingInput + crate::StreamingOutput>(
        &self,
        input: &O::Input,
        body: Body,
    ) -> Result<(O::Output, AsyncResponseBody), Error<O::Error>> {
        let call = async {
            let request = super::body::streaming_request::<O>(input, body, self.shared.config.serialize).map_err(Error::Serialize)?;
            let request = OperationName::mark::<O, _>(request);
            self.streamed::<O>(request).await
        };
        trace::instrument(call, self.shared.operation_span::<O>()).await
    }

    async fn streamed<O: crate::StreamingOutput>(
        &self,
        request: http::Request<Body>,
    ) -> Result<(O::Output, AsyncResponseBody), Error<O::Error>> {
        let response = self.send_streaming(request).await.map_err(|e| e.map_service(|never| match never {}))?;
        if response.status().is_success() {
            let output = O::parse_response_head(&response).map_err(Error::Service)?;
            return Ok((output, response.into_body()));
        }
        // The error's body was read whole: its message and members are read from it.
        read_whole::<O>(response).await.map(|output| (output, AsyncResponseBody::from_bytes(Vec::new())))
    }
}

/// An attempt's response, with its body read whole (and kept) when the status is an error.
#[cfg(feature = "streaming")]
async fn settle(
    result: Result<http::Response<AsyncResponseBody>, super::TransportError>,
) -> Result<(http::Response<AsyncResponseBody>, Vec<u8>), super::TransportError> {
    let response = result?;
    if response.status().is_success() {
        return Ok((response, Vec::new()));
    }
    let (parts, body) = response.into_parts();
    let bytes = body.read_all().await?;
    Ok((http::Response::from_parts(parts, AsyncResponseBody::from_bytes(bytes.clone())), bytes))
}

/// Reads a response whose body is read whole.
#[cfg(feature = "streaming")]
async fn read_whole<O: crate::Operation>(response: http::Response<AsyncResponseBody>) -> Result<O::Output, Error<O::Error>> {
    let (parts, body) = response.into_parts();
    let bytes = body.read_all().await.map_err(Error::Transport)?;
    O::parse_response(&http::Response::from_parts(parts, bytes)).map_err(Error::Service)
}
