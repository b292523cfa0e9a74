//! What both clients share: the endpoint, signing each attempt, and deciding retries. Only
//! sending and sleeping differ between the blocking and the async client.

use super::auth::{Chosen, ClientAuth, Identity};
use super::config::Config;
use super::error::Error;
use super::retry::adaptive::RateLimiter;
use super::retry::{Attempts, Outcome, RetryMode, TokenBucket};
use super::trace;
use super::service::{EndpointSettings, Service};
use super::sigv4::{self, SigningParams};
use super::transport::TransportError;
use std::convert::Infallible;

/// A client's settled state: settings, endpoint, retry quota and, in the adaptive retry
/// mode, the rate limiter.
#[derive(Debug)]
pub(crate) struct Shared {
    pub service: &'static Service,
    pub config: Config,
    pub bucket: TokenBucket,
    /// The adaptive mode's limit on the sending rate, for every call of the client.
    limiter: Option<RateLimiter>,
    pub endpoint: ResolvedEndpoint,
    /// The endpoint's scheme and host when its URL has no path (as almost all have).
    origin: Option<(http::uri::Scheme, http::uri::Authority)>,
    keys: sigv4::KeyCache,
    /// The auth schemes of the service's operations, and the identities for them.
    pub auth: ClientAuth,
    /// A mock client's rules, which answer its calls instead of the service.
    #[cfg(feature = "test-util")]
    pub mock: Option<super::mock::Mock>,
}

/// Where requests go and how they are signed: what a [`Service`] resolves its endpoint to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    /// `https://mpa.us-east-1.api.aws`, without a trailing `/`.
    pub base: String,
    /// Headers every request carries.
    pub headers: Vec<(String, String)>,
    /// The SigV4 signing name.
    pub signing_name: String,
    /// The SigV4 signing region.
    pub signing_region: String,
}

impl Shared {
    /// The state of a client of `service` with these settings; the endpoint is resolved now.
    pub(crate) fn new(service: &'static Service, config: Config) -> Result<Self, super::error::ConfigError> {
        if config.region.is_empty() && service.needs_region() {
            return Err(super::config::no_region());
        }
        let endpoint_url = config.endpoint_url(service)?;
        let settings = EndpointSettings {
            region: &config.region,
            endpoint_url: endpoint_url.as_deref(),
            use_fips: config.use_fips,
            use_dual_stack: config.use_dual_stack,
        };
        let endpoint = (service.resolve_endpoint)(&settings).map_err(super::error::ConfigError::new)?;
        let origin = endpoint.base.parse::<http::Uri>().ok().and_then(|uri| {
            let bare = uri.path_and_query().is_none_or(|p| p.as_str() == "/");
            let http::uri::Parts { scheme, authority, .. } = uri.into_parts();
            scheme.zip(authority).filter(|_| bare)
        });
        let limiter = (config.retry.mode == RetryMode::Adaptive).then(RateLimiter::new);
        let auth = ClientAuth::new(&service.auth, &config.identities, config.sources.env());
        Ok(Shared {
            service,
            config,
            bucket: TokenBucket::default(),
            limiter,
            endpoint,
            origin,
            keys: sigv4::KeyCache::default(),
            auth,
            #[cfg(feature = "test-util")]
            mock: None,
        })
    }

    /// The state of a mock client of `service`: its calls are answered by `mock`. Requests
    /// are made for the service's endpoint in `us-east-1`, or, for a service without
    /// endpoint rules, for a placeholder.
    #[cfg(feature = "test-util")]
    pub(crate) fn mocked(service: &'static Service, mock: super::mock::Mock) -> Result<Self, super::error::ConfigError> {
        use super::mock::{PLACEHOLDER_ENDPOINT, config};
        let mut shared = match Shared::new(service, config(None)?) {
            Ok(shared) => shared,
            Err(_) => Shared::new(service, config(Some(PLACEHOLDER_ENDPOINT))?)?,
        };
        shared.mock = Some(mock);
        Ok(shared)
    }

    /// A mock client's answer to a call of `O`, whose request is built (and recorded) as a
    /// real call's.
    #[cfg(feature = "test-util")]
    pub(crate) fn mock_answer<O: crate::Operation>(
        &self,
        mock: &super::mock::Mock,
        input: &O::Input,
        request: http::Request<Vec<u8>>,
    ) -> Result<O::Output, Error<O::Error>> {
        match self.prepare(request) {
            Ok(request) => mock.answer::<O>(input, request),
            Err(e) => Err(e.map_service(|never| match never {})),
        }
    }

    /// The origin-form request an operation built, sent to the endpoint.
    pub(crate) fn prepare(&self, request: http::Request<Vec<u8>>) -> Result<http::Request<Vec<u8>>, Error<Infallible>> {
        let (mut parts, body) = request.into_parts();
        parts.uri = self.endpoint_uri(&parts)?;
        for (name, value) in &self.endpoint.headers {
            let name: http::HeaderName = name.parse().map_err(|_| Error::Endpoint(format!("bad endpoint header `{name}`")))?;
            let value = http::HeaderValue::from_str(value).map_err(|_| Error::Endpoint(format!("bad value of endpoint header `{name}`")))?;
            parts.headers.append(name, value);
        }
        if !body.is_empty() || parts.method != http::Method::GET {
            parts.headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(body.len()));
        }
        Ok(http::Request::from_parts(parts, body))
    }

    /// The absolute URI of an origin-form request (`/path?query`) at the endpoint.
    fn endpoint_uri(&self, parts: &http::request::Parts) -> Result<http::Uri, Error<Infallible>> {
        let origin = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let bad = |uri: &str| Error::Endpoint(format!("`{uri}` is not a valid URI"));
        // An operation's `@endpoint(hostPrefix)` goes before the endpoint's host.
        if let Some(prefix) = parts.extensions.get::<crate::HostPrefix>() {
            let uri = format!("{}{origin}", self.endpoint.base);
            let uri = match uri.split_once("://") {
                Some((scheme, rest)) => format!("{scheme}://{}{rest}", prefix.as_str()),
                None => uri,
            };
            return uri.parse().map_err(|_| bad(&uri));
        }
        // An endpoint without a path takes the request's path and query as they are,
        // already checked, rather than parsing them again.
        if let (Some((scheme, authority)), Some(path_and_query)) = (&self.origin, parts.uri.path_and_query()) {
            let mut uri = http::uri::Parts::default();
            uri.scheme = Some(scheme.clone());
            uri.authority = Some(authority.clone());
            uri.path_and_query = Some(path_and_query.clone());
            return http::Uri::from_parts(uri).map_err(|_| bad(origin));
        }
        let uri = format!("{}{origin}", self.endpoint.base);
        uri.parse().map_err(|_| bad(&uri))
    }

    /// A copy of `request` for one attempt, authenticated as `chosen` says: signed with
    /// SigV4, with its token or key, or as it is.
    pub(crate) fn signed(&self, request: &http::Request<Vec<u8>>, chosen: &Chosen) -> Result<http::Request<Vec<u8>>, Error<Infallible>> {
        let mut copy = clone_request(request);
        match &chosen.identity {
            Identity::Credentials(credentials) => {
                sigv4::sign_with(&mut copy, credentials, &self.signing_params(), &self.keys).map_err(Error::Signing)?;
            }
            _ => {
                let (mut parts, body) = copy.into_parts();
                chosen.apply(&mut parts.headers, &mut parts.uri).map_err(Error::Auth)?;
                copy = http::Request::from_parts(parts, body);
            }
        }
        Ok(copy)
    }

    /// What this attempt is signed for: the endpoint's signing name and region, now.
    fn signing_params(&self) -> SigningParams<'_> {
        SigningParams {
            service: &self.endpoint.signing_name,
            region: &self.endpoint.signing_region,
            time: time::OffsetDateTime::now_utc(),
        }
    }


    /// Whether an attempt's result is final, from its status and headers and, for an error
    /// status, its body (a streamed call reads an error body whole: error bodies are small).
    /// In the adaptive mode, a response also goes to the rate limiter.
    pub(crate) fn classify_head(&self, result: Result<(http::StatusCode, &http::HeaderMap, &[u8]), &TransportError>) -> Outcome {
        match result {
            Ok((status, _, _)) if status.is_success() => {
                self.record_response(false);
                Outcome::Done { success: true }
            }
            Ok((status, headers, body)) => {
                let status = status.as_u16();
                let parts = crate::rt::error_parts_of_any(status, headers, body);
                self.record_response(super::retry::is_throttling_response(status, parts.code.as_deref()));
                if super::retry::is_retryable_response(status, parts.code.as_deref(), self.service.retryable_codes) {
                    Outcome::Retryable { timeout: false }
                } else {
                    Outcome::Done { success: false }
                }
            }
            Err(e) if e.is_retryable() => {
                Outcome::Retryable { timeout: e.kind() == super::transport::TransportErrorKind::Timeout }
            }
            Err(_) => Outcome::Done { success: false },
        }
    }

    /// After an attempt, inside its `span`: how long to wait before the next, or `None` to
    /// stop here (see [`classify_head`](Self::classify_head)).
    pub(crate) fn after_attempt(
        &self,
        attempts: &mut Attempts<'_>,
        span: &trace::Span,
        result: Result<(http::StatusCode, &http::HeaderMap, &[u8]), &TransportError>,
    ) -> Option<std::time::Duration> {
        let outcome = self.classify_head(result);
        let retry_in = attempts.after(outcome);
        let retryable = matches!(outcome, Outcome::Retryable { .. });
        trace::attempt_ended(span, trace::AttemptEnd { result, retryable, retry_in });
        retry_in
    }

    /// The span of a call of `O`.
    pub(crate) fn operation_span<O: crate::Operation>(&self) -> trace::Span {
        trace::operation_span(self.service.config_key, O::NAME, &self.config.region)
    }

    /// How long the next attempt waits for the adaptive mode's rate limiter, if at all.
    pub(crate) fn send_token(&self) -> Option<std::time::Duration> {
        self.limiter.as_ref().and_then(RateLimiter::acquire)
    }

    /// The adaptive mode's current limit on the sending rate, in attempts per second, once
    /// a throttling response turned it on.
    pub(crate) fn send_rate_limit(&self) -> Option<f64> {
        self.limiter.as_ref().and_then(RateLimiter::fill_rate)
    }

    fn record_response(&self, throttled: bool) {
        if let Some(limiter) = &self.limiter {
            limiter.record(throttled);
        }
    }
}

#[cfg(feature = "streaming")]
impl Shared {
    /// `prepare` for a request whose body streams: the endpoint's URI and headers, and
    /// `Content-Length` only when the body's length is known (else the body goes chunked).
    pub(crate) fn prepare_streaming(
        &self,
        request: http::Request<super::body::Body>,
    ) -> Result<http::Request<super::body::Body>, Error<Infallible>> {
        let (parts, body) = request.into_parts();
        let (mut parts, _) = self.prepare(http::Request::from_parts(parts, Vec::new()))?.into_parts();
        match body.len() {
            Some(length) => parts.headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(length)),
            None => parts.headers.remove(http::header::CONTENT_LENGTH),
        };
        Ok(http::Request::from_parts(parts, body))
    }

    /// A copy of a streaming request's head for one attempt, authenticated as `chosen`
    /// says (SigV4: see [`sigv4::sign_head`]).
    pub(crate) fn signed_head(
        &self,
        head: &http::request::Parts,
        payload_hash: &str,
        chosen: &Chosen,
    ) -> Result<http::Request<()>, Error<Infallible>> {
        let mut copy = http::Request::new(());
        *copy.method_mut() = head.method.clone();
        *copy.uri_mut() = head.uri.clone();
        *copy.version_mut() = head.version;
        *copy.headers_mut() = head.headers.clone();
        match &chosen.identity {
            Identity::Credentials(credentials) => {
                sigv4::sign_head_with(&mut copy, payload_hash, credentials, &self.signing_params(), &self.keys).map_err(Error::Signing)?;
            }
            _ => {
                let (mut parts, ()) = copy.into_parts();
                chosen.apply(&mut parts.headers, &mut parts.uri).map_err(Error::Auth)?;
                copy = http::Request::from_parts(parts, ());
            }
        }
        Ok(copy)
    }
}

#[cfg(all(feature = "streaming", feature = "event-stream"))]
impl Shared {
    /// For an input event stream sent with a head signed by SigV4: its messages are signed
    /// in a chain seeded by the head's signature, with the same credentials, region and
    /// service. A stream sent with another scheme (a bearer token, say) goes unsigned.
    pub(crate) fn sign_events(
        &self,
        head: &http::Request<()>,
        body: &mut super::body::Body,
        chosen: &Chosen,
    ) -> Result<(), Error<Infallible>> {
        let Identity::Credentials(credentials) = &chosen.identity else { return Ok(()) };
        if !body.is_events() {
            return Ok(());
        }
        let seed = crate::eventstream::seed_signature(head.headers())
            .ok_or_else(|| Error::Signing(sigv4::SigningError("the signed request has no signature to seed its events".into())))?;
        let params = self.signing_params();
        let signer = crate::eventstream::EventSigner::new(credentials.clone(), params.region, params.service, seed)
            .map_err(|e| Error::Signing(sigv4::SigningError(e.to_string())))?;
        body.sign_events(signer);
        Ok(())
    }
}

fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// An attempt's result as [`Shared::classify_head`] reads it.
pub(crate) fn head_of(
    result: &Result<http::Response<Vec<u8>>, TransportError>,
) -> Result<(http::StatusCode, &http::HeaderMap, &[u8]), &TransportError> {
    match result {
        Ok(response) => Ok((response.status(), response.headers(), response.body().as_slice())),
        Err(e) => Err(e),
    }
}
