//! The blocking client: every operation as a method that waits for its answer.

use crate::client::auth::{AuthScheme, Chosen, Identity, OperationName, Step};
use crate::client::config::Explicit;
use crate::client::{BlockingTransport, CallSettings, Config, ConfigError, Error, Service, UreqTransport};
use crate::client::call::{Shared, head_of};
use crate::client::trace;
use crate::client::retry::Attempts;
use crate::client::timeout::CallClock;
use std::convert::Infallible;
use std::sync::Arc;

pub use super::paginate::blocking_pages::{Items, PageResult, Paginator};

/// A client of the service that blocks the calling thread: one method per operation
/// (`client.list_sessions().approval_team_arn(arn).send()`), with credentials, SigV4 signing, the endpoint and
/// standard retries taken care of. Cheap to clone; clones share the retry quota (and the
/// adaptive mode's rate limiter). (The methods are those of a generated crate's
/// `blocking::Client`, which wraps this one for its service.)
///
/// The attempt and operation timeouts reach the transport as each request's
/// [`AttemptDeadline`](crate::client::AttemptDeadline), which the default transport
/// honours; a thread cannot be interrupted, so fetching credentials and a transport that
/// ignores the deadline are only checked against the operation timeout once they return.
#[derive(Debug, Clone)]
pub struct Client {
    /// Settings, endpoint and retry quota (the paginators read the request options).
    pub(crate) shared: Arc<Shared>,
    transport: Arc<dyn BlockingTransport>,
}

impl Client {
    /// A client of `service` with these settings (sharing their credentials provider) and
    /// the default transport (`ureq`).
    pub fn from_config(service: &'static Service, config: &Config) -> Result<Client, ConfigError> {
        let transport = Arc::new(UreqTransport::new(config.transport_settings())?);
        Client::with_transport(service, config, transport)
    }

    /// A client of `service` with these settings, sending requests with `transport`.
    pub fn with_transport(service: &'static Service, config: &Config, transport: Arc<dyn BlockingTransport>) -> Result<Client, ConfigError> {
        Ok(Client { shared: Arc::new(Shared::new(service, config.clone())?), transport })
    }

    /// A mock client of `service`: `mock`'s rules answer its calls; nothing is sent.
    #[cfg(feature = "test-util")]
    pub fn from_mock(service: &'static Service, mock: crate::client::mock::Mock) -> Result<Client, ConfigError> {
        let shared = Shared::mocked(service, mock)?;
        Ok(Client { shared: Arc::new(shared), transport: Arc::new(crate::client::mock::NoNetwork) })
    }

    /// Calls an operation: serializes `input`, signs and sends it (retrying as configured),
    /// and reads the response.
    pub fn call<O: crate::Operation>(&self, input: &O::Input) -> Result<O::Output, Error<O::Error>> {
        self.call_with::<O>(input, &CallSettings::default())
    }

    /// Calls an operation with this call's own settings over the client's. Every typed call
    /// of the client (plain, fluent, a paginator's pages) comes through here, a mock
    /// client's (feature `test-util`) included.
    pub fn call_with<O: crate::Operation>(&self, input: &O::Input, settings: &CallSettings) -> Result<O::Output, Error<O::Error>> {
        let span = self.shared.operation_span::<O>();
        let _inside = span.enter();
        let options = settings.serialize_or(self.shared.config.serialize);
        let request = O::serialize_request_with(input, options).map_err(Error::Serialize)?;
        #[cfg(feature = "test-util")]
        if let Some(mock) = &self.shared.mock {
            return self.shared.mock_answer::<O>(mock, input, request);
        }
        let response = self.send_with(OperationName::mark::<O, _>(request), settings).map_err(|e| e.map_service(|never| match never {}))?;
        O::parse_response(&response).map_err(Error::Service)
    }

    /// Sends an origin-form request (as an operation builds it) to the endpoint: signed
    /// again on every attempt, retried as configured. Any response is returned as it is.
    pub fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error<Infallible>> {
        self.send_with(request, &CallSettings::default())
    }

    /// [`Client::send`] with this call's own timeouts, attempts and extra headers.
    pub fn send_with(&self, request: http::Request<Vec<u8>>, settings: &CallSettings) -> Result<http::Response<Vec<u8>>, Error<Infallible>> {
        let shared = &*self.shared;
        let clock = CallClock::start(settings.timeouts(shared.config.timeouts));
        let request = shared.prepare_call(request, settings)?;
        let schemes = shared.auth.schemes(request.extensions());
        let mut attempts = Attempts::new(settings.retry(shared.config.retry), &shared.bucket);
        loop {
            let (result, retry_in) = {
                let span = trace::attempt_span(attempts.number());
                let _inside = span.enter();
                let signed = self.signed_in_turn(&request, &clock, &schemes)?;
                let result = clock.attempt(signed, |signed| self.transport.send(signed));
                let retry_in = shared.after_attempt(&mut attempts, &span, head_of(&result));
                (result, retry_in)
            };
            match retry_in {
                Some(delay) => std::thread::sleep(clock.bounded(delay)),
                None => return result.map_err(Error::Transport),
            }
        }
    }

    /// The adaptive retry mode's current limit on this client's sending rate, in attempts
    /// per second: `None` in the standard mode, and until a throttling response turns the
    /// limit on. A diagnostic, to watch the limiter at work.
    pub fn send_rate_limit(&self) -> Option<f64> {
        self.shared.send_rate_limit()
    }

    /// A signed copy of `request` for the next attempt, once the adaptive mode's limiter lets
    /// it go (within the operation timeout).
    fn signed_in_turn(
        &self,
        request: &http::Request<Vec<u8>>,
        clock: &CallClock,
        schemes: &[AuthScheme],
    ) -> Result<http::Request<Vec<u8>>, Error<Infallible>> {
        let shared = &*self.shared;
        clock.check().map_err(Error::Transport)?;
        let chosen = self.choose(schemes)?;
        if let Some(wait) = shared.send_token() {
            std::thread::sleep(clock.bounded(wait));
        }
        shared.signed(request, &chosen)
    }

    /// The first of `schemes` whose identity is at hand, with it (see [`crate::client::auth`]).
    fn choose(&self, schemes: &[AuthScheme]) -> Result<Chosen, Error<Infallible>> {
        let mut search = self.shared.auth.search(schemes);
        while let Some((scheme, step)) = search.next() {
            let identity = match step {
                Step::Ready(identity) => identity,
                Step::Credentials => match self.shared.config.credentials.provide_credentials() {
                    Ok(credentials) => Identity::Credentials(credentials),
                    Err(e) => {
                        search.no_credentials(e)?;
                        continue;
                    }
                },
                Step::Token(provider) => match provider.provide_token() {
                    Ok(token) => Identity::Token(token),
                    Err(e) => return Err(search.token_failed(scheme, e)),
                },
            };
            return Ok(Chosen { scheme, identity });
        }
        Err(search.exhausted())
    }
}

/// Settings of a [`Client`]; see the setters. Whatever is not set comes from the
/// environment and the shared config files. (`C` is the client built: a generated crate's.)
#[derive(Debug)]
pub struct ClientBuilder<C> {
    explicit: Explicit,
    transport: Option<Arc<dyn BlockingTransport>>,
    service: &'static Service,
    wrap: fn(Client) -> C,
}

crate::client::builder_setters!(ClientBuilder<C>);

impl<C> ClientBuilder<C> {
    /// A builder of clients of `service`, each a [`Client`] handed to `wrap`.
    pub fn new(service: &'static Service, wrap: fn(Client) -> C) -> Self {
        ClientBuilder { explicit: Explicit::default(), transport: None, service, wrap }
    }

    /// Sends requests with this transport instead of the default one (`ureq`).
    pub fn transport(mut self, transport: impl BlockingTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The client, or what is wrong with its settings.
    pub fn build(self) -> Result<C, ConfigError> {
        let settings = self.explicit.transport_settings()?;
        // STS and IAM Identity Center are called like the service: with the same transport.
        let transport: Arc<dyn BlockingTransport> = match self.transport {
            Some(t) => t,
            None => Arc::new(UreqTransport::new(&settings)?),
        };
        let metadata: crate::client::MetadataTransport = |settings| Ok(Arc::new(UreqTransport::new(settings)?));
        let config = self.explicit.resolve(settings, metadata, transport.clone())?;
        Ok((self.wrap)(Client::with_transport(self.service, &config, transport)?))
    }
}

#[cfg(feature = "streaming")]
use crate::client::{Body, ResponseBody};

#[cfg(feature = "streaming")]
impl Client {
    /// Sends a request whose body streams (a streaming operation's head with its body) to
    /// the endpoint, signed, and returns the response as soon as its head has come, its body
    /// to be read as it arrives. A body of bytes is signed with its hash and retried as
    /// configured; a reader is sent once (it cannot be read again), signed as
    /// [`Body`] says. An error response is read whole (error bodies are small).
    ///
    /// The attempt and operation timeouts bound each attempt as in [`send`](Self::send),
    /// through the transport: the default one (ureq) keeps them running while the streamed
    /// response body is read, so they must leave time for it.
    pub fn send_streaming(&self, request: http::Request<Body>) -> Result<http::Response<ResponseBody>, Error<Infallible>> {
        let shared = &*self.shared;
        let clock = CallClock::start(shared.config.timeouts);
        let request = shared.prepare_streaming(request)?;
        let schemes = shared.auth.schemes(request.extensions());
        let (parts, body) = request.into_parts();
        let body = match body.into_bytes_or_self() {
            Ok(bytes) => {
                let request = http::Request::from_parts(parts, bytes);
                let mut attempts = Attempts::new(shared.config.retry, &shared.bucket);
                loop {
                    let (result, retry_in) = {
                        let span = trace::attempt_span(attempts.number());
                        let _inside = span.enter();
                        let signed = self.signed_in_turn(&request, &clock, &schemes)?;
                        let result = clock.attempt(signed.map(Body::from), |signed| settle(self.transport.send_streaming(signed)));
                        let head = match &result {
                            Ok((response, error_body)) => Ok((response.status(), response.headers(), error_body.as_slice())),
                            Err(e) => Err(e),
                        };
                        let retry_in = shared.after_attempt(&mut attempts, &span, head);
                        (result, retry_in)
                    };
                    match retry_in {
                        Some(delay) => std::thread::sleep(clock.bounded(delay)),
                        None => return result.map(|(response, _)| response).map_err(Error::Transport),
                    }
                }
            }
            Err(body) => body,
        };
        let chosen = self.choose(&schemes)?;
        if let Some(wait) = shared.send_token() {
            std::thread::sleep(clock.bounded(wait));
        }
        let head = shared.signed_head(&parts, body.payload_hash(), &chosen)?;
        #[cfg(feature = "event-stream")]
        let body = {
            let mut body = body;
            shared.sign_events(&head, &mut body, &chosen)?;
            body
        };
        let result = clock.attempt(head.map(|()| body), |request| settle(self.transport.send_streaming(request)));
        if let Ok((response, error_body)) = &result {
            // Only for the adaptive mode's limiter: a reader is never sent again.
            let _ = shared.classify_head(Ok((response.status(), response.headers(), error_body.as_slice())));
        }
        result.map(|(response, _)| response).map_err(Error::Transport)
    }

    /// Calls an operation whose input streams: `body` is the request's payload (the input's
    /// own payload member is not sent); the response is read whole.
    pub fn call_with_body<O: crate::StreamingInput>(&self, input: &O::Input, body: Body) -> Result<O::Output, Error<O::Error>> {
        let span = self.shared.operation_span::<O>();
        let _inside = span.enter();
        let request = crate::client::body::streaming_request::<O>(input, body, self.shared.config.serialize).map_err(Error::Serialize)?;
        let request = OperationName::mark::<O, _>(request);
        let response = self.send_streaming(request).map_err(|e| e.map_service(|never| match never {}))?;
        read_whole::<O>(response)
    }

    /// Calls an operation whose output streams: the output (its payload member unset) and
    /// the response body, the payload, to read as it arrives.
    pub fn call_streaming<O: crate::StreamingOutput>(&self, input: &O::Input) -> Result<(O::Output, ResponseBody), Error<O::Error>> {
        let span = self.shared.operation_span::<O>();
        let _inside = span.enter();
        let request = crate::client::body::whole_request::<O>(input, self.shared.config.serialize).map_err(Error::Serialize)?;
        let request = OperationName::mark::<O, _>(request);
        self.streamed::<O>(request)
    }

    /// Calls an operation whose input and output both stream: `body` is the request's
    /// payload; the output comes with the response body to read as it arrives.
    pub fn call_streaming_with_body<O: crate::StreamingInput + crate::StreamingOutput>(
        &self,
        input: &O::Input,
        body: Body,
    ) -> Result<(O::Output, ResponseBody), Error<O::Error>> {
        let span = self.shared.operation_span::<O>();
        let _inside = span.enter();
        let request = crate::client::body::streaming_request::<O>(input, body, self.shared.config.serialize).map_err(Error::Serialize)?;
        let request = OperationName::mark::<O, _>(request);
        self.streamed::<O>(request)
    }

    fn streamed<O: crate::StreamingOutput>(&self, request: http::Request<Body>) -> Result<(O::Output, ResponseBody), Error<O::Error>> {
        let response = self.send_streaming(request).map_err(|e| e.map_service(|never| match never {}))?;
        if response.status().is_success() {
            let output = O::parse_response_head(&response).map_err(Error::Service)?;
            return Ok((output, response.into_body()));
        }
        // The error's body was read whole: its message and members are read from it.
        read_whole::<O>(response).map(|output| (output, ResponseBody::from_bytes(Vec::new())))
    }
}

/// An attempt's response, with its body read whole (and kept) when the status is an error.
#[cfg(feature = "streaming")]
fn settle(
    result: Result<http::Response<ResponseBody>, crate::client::TransportError>,
) -> Result<(http::Response<ResponseBody>, Vec<u8>), crate::client::TransportError> {
    let response = result?;
    if response.status().is_success() {
        return Ok((response, Vec::new()));
    }
    let (parts, body) = response.into_parts();
    let bytes = body.read_all()?;
    Ok((http::Response::from_parts(parts, ResponseBody::from_bytes(bytes.clone())), bytes))
}

/// Reads a response whose body is read whole.
#[cfg(feature = "streaming")]
fn read_whole<O: crate::Operation>(response: http::Response<ResponseBody>) -> Result<O::Output, Error<O::Error>> {
    let (parts, body) = response.into_parts();
    let bytes = body.read_all().map_err(Error::Transport)?;
    O::parse_response(&http::Response::from_parts(parts, bytes)).map_err(Error::Service)
}
