//! Test support (feature `test-util`): a client that answers from rules instead of a
//! service, to unit-test code that calls one.
//!
//! A [`Mock`] is a list of [`Rule`]s. Each call goes through the client's typed entry point
//! (`call::<O>`, which the operation methods and the paginators use): its input is
//! serialized as a real call's would be (so an invalid input fails the same way), the
//! request is recorded, and the first rule of the operation whose condition holds and whose
//! uses are not spent answers it. A call no rule answers fails with a
//! [`TransportError`] naming the operation. Mocked calls are neither signed nor retried:
//! one rule use answers one call.

use super::error::Error;
use super::transport::{TransportError, TransportErrorKind};
use crate::Operation;
use std::any::{Any, TypeId};
use std::fmt;
use std::sync::{Arc, Mutex};

/// The rules a mock client answers from, and the requests it was sent. Cheap to clone:
/// clones share both, so keep one to look at [`Mock::requests`] after handing the other to
/// the client.
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    rules: Vec<ErasedRule>,
    requests: Vec<Request>,
}

/// Whether a rule's condition holds for an input.
type Condition<I> = dyn Fn(&I) -> bool + Send + Sync;
/// A rule's answer, its types forgotten: a boxed `Result<O::Output, Error<O::Error>>` for an
/// input of `O`.
type ErasedAnswer = dyn Fn(&dyn Any) -> Box<dyn Any> + Send + Sync;
/// A rule's answer to an input.
type Answer<O> = dyn Fn(&<O as Operation>::Input) -> Result<<O as Operation>::Output, Error<<O as Operation>::Error>> + Send + Sync;

/// A rule of one operation, its type forgotten so that one list holds every operation's.
struct ErasedRule {
    operation: TypeId,
    name: &'static str,
    /// Whether the rule's condition holds for an input (of its operation).
    matches: Box<Condition<dyn Any>>,
    /// The answer, boxed: a `Result<O::Output, Error<O::Error>>`.
    answer: Arc<ErasedAnswer>,
    /// A copy of an input (of its operation), to record.
    copy_input: fn(&dyn Any) -> Option<Arc<dyn Any + Send + Sync>>,
    /// Uses left; `None` for always.
    left: Option<usize>,
}

impl Mock {
    /// A mock without rules: every call fails until rules are added.
    pub fn new() -> Self {
        Mock::default()
    }

    /// Adds a rule, tried after those added before it.
    pub fn rule<O: Operation>(self, rule: Rule<O>) -> Self
    where
        O::Input: Clone + Send + Sync,
    {
        let Rule { when, answer, left } = rule;
        let erased = ErasedRule {
            operation: TypeId::of::<O>(),
            name: O::NAME,
            matches: Box::new(move |input| match (input.downcast_ref::<O::Input>(), &when) {
                (Some(input), Some(when)) => when(input),
                (Some(_), None) => true,
                (None, _) => false,
            }),
            answer: Arc::new(move |input| {
                let answer: Result<O::Output, Error<O::Error>> = match (input.downcast_ref::<O::Input>(), &answer) {
                    (Some(input), Some(answer)) => answer(input),
                    (_, None) => Err(mock_error(format!("the mock rule of `{}` has no answer", O::NAME))),
                    (None, Some(_)) => Err(mock_error(format!("the mock rule of `{}` was asked another operation", O::NAME))),
                };
                Box::new(answer)
            }),
            copy_input: |input| input.downcast_ref::<O::Input>().map(|i| Arc::new(i.clone()) as Arc<dyn Any + Send + Sync>),
            left,
        };
        self.lock().rules.push(erased);
        self
    }

    /// Every request sent so far, in order, answered or not.
    pub fn requests(&self) -> Vec<Request> {
        self.lock().requests.clone()
    }

    /// How many rules can still answer a call (those with uses left, and `always` ones).
    pub fn rules_left(&self) -> usize {
        self.lock().rules.iter().filter(|rule| rule.left != Some(0)).count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer to a call of `O` with `input`, whose (unsigned) request is `request`.
    pub(crate) fn answer<O: Operation>(&self, input: &O::Input, request: http::Request<Vec<u8>>) -> Result<O::Output, Error<O::Error>> {
        let mut state = self.lock();
        let operation = TypeId::of::<O>();
        let of_operation = state.rules.iter().filter(|rule| rule.operation == operation).count();
        let found = state
            .rules
            .iter_mut()
            .find(|rule| rule.operation == operation && rule.left != Some(0) && (rule.matches)(input));
        let (answer, copy) = match found {
            Some(rule) => {
                if let Some(left) = &mut rule.left {
                    *left -= 1;
                }
                (Some((rule.answer.clone(), rule.name)), (rule.copy_input)(input))
            }
            None => (None, None),
        };
        state.requests.push(Request { operation: O::NAME, http: Arc::new(request), input: copy });
        let number = state.requests.len();
        // The answer is made without the lock: it is the test's code, which may look at the
        // mock.
        drop(state);
        let Some((answer, name)) = answer else {
            let why = match of_operation {
                0 => "the mock has no rule for it".to_owned(),
                n => format!("none of its {n} rules matches the input or has uses left"),
            };
            return Err(mock_error(format!("no mock rule answers call {number}, of `{}`: {why}", O::NAME)));
        };
        match answer(input).downcast::<Result<O::Output, Error<O::Error>>>() {
            Ok(answer) => *answer,
            Err(_) => Err(mock_error(format!("the mock rule of `{name}` answered another operation"))),
        }
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        let rules: Vec<&str> = state.rules.iter().map(|rule| rule.name).collect();
        f.debug_struct("Mock").field("rules", &rules).field("requests", &state.requests.len()).finish()
    }
}

fn mock_error<E>(message: String) -> Error<E> {
    Error::Transport(TransportError::new(TransportErrorKind::Other, message))
}

/// How a mock answers calls of one operation: `Rule::<ListSessions>::new()` (or
/// [`rule::<ListSessions>()`](rule)), optionally [`when`](Rule::when) its input is such, with
/// an answer ([`output`](Rule::output), [`error`](Rule::error),
/// [`http_response`](Rule::http_response), [`transport_error`](Rule::transport_error)), for
/// one call by default, [`times`](Rule::times)`(n)` or [`always`](Rule::always).
pub struct Rule<O: Operation> {
    when: Option<Box<Condition<O::Input>>>,
    answer: Option<Box<Answer<O>>>,
    left: Option<usize>,
}

/// A rule of `O`: the same as [`Rule::new`], with the operation named at the call
/// (`mock::rule::<ListSessions>()`).
pub fn rule<O: Operation>() -> Rule<O> {
    Rule::new()
}

impl<O: Operation> Default for Rule<O> {
    fn default() -> Self {
        Rule::new()
    }
}

impl<O: Operation> Rule<O> {
    /// A rule answering one call of `O`, whatever its input (without an answer yet).
    pub fn new() -> Self {
        Rule { when: None, answer: None, left: Some(1) }
    }

    /// Answers only calls whose input passes `condition` (which must not call the mock).
    pub fn when(mut self, condition: impl Fn(&O::Input) -> bool + Send + Sync + 'static) -> Self {
        self.when = Some(Box::new(condition));
        self
    }

    /// Answers with the output `make` returns.
    pub fn output(self, make: impl Fn() -> O::Output + Send + Sync + 'static) -> Self {
        self.answer(move |_| Ok(make()))
    }

    /// Answers with the operation's error `make` returns (a modeled error, as the service
    /// would send it).
    pub fn error(self, make: impl Fn() -> O::Error + Send + Sync + 'static) -> Self {
        self.answer(move |_| Err(Error::Service(make())))
    }

    /// Answers with the HTTP response `make` returns, read by the operation's parser as a
    /// service's response is: a success status gives the output, an error status the
    /// operation's error.
    pub fn http_response(self, make: impl Fn() -> http::Response<Vec<u8>> + Send + Sync + 'static) -> Self {
        self.answer(move |_| O::parse_response(&make()).map_err(Error::Service))
    }

    /// Fails the call with the transport error `make` returns (no response: refused, timed
    /// out, reset).
    pub fn transport_error(self, make: impl Fn() -> TransportError + Send + Sync + 'static) -> Self {
        self.answer(move |_| Err(Error::Transport(make())))
    }

    /// Answers with whatever `answer` makes of the input: any result of the call.
    pub fn answer(
        mut self,
        answer: impl Fn(&O::Input) -> Result<O::Output, Error<O::Error>> + Send + Sync + 'static,
    ) -> Self {
        self.answer = Some(Box::new(answer));
        self
    }

    /// Answers one call (the default).
    pub fn once(self) -> Self {
        self.times(1)
    }

    /// Answers `n` calls.
    pub fn times(mut self, n: usize) -> Self {
        self.left = Some(n);
        self
    }

    /// Answers every call: the rules after it are never tried for calls it matches.
    pub fn always(mut self) -> Self {
        self.left = None;
        self
    }
}

impl<O: Operation> fmt::Debug for Rule<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("operation", &O::NAME)
            .field("conditional", &self.when.is_some())
            .field("answers", &self.answer.is_some())
            .field("uses", &self.left)
            .finish()
    }
}

/// A request a mock client was sent: its operation, its input (when a rule answered it) and
/// the HTTP request a real client would have signed and sent.
#[derive(Clone)]
pub struct Request {
    operation: &'static str,
    http: Arc<http::Request<Vec<u8>>>,
    input: Option<Arc<dyn Any + Send + Sync>>,
}

impl Request {
    /// The operation's name in the model (`ListSessions`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The input, if this is a call of `O` that a rule answered (a call no rule answered
    /// has only its HTTP request).
    pub fn input<O: Operation>(&self) -> Option<&O::Input> {
        self.input.as_deref().and_then(|input| input.downcast_ref::<O::Input>())
    }

    /// The request as serialized, at the client's endpoint, unsigned.
    pub fn http(&self) -> &http::Request<Vec<u8>> {
        &self.http
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", self.http.method())
            .field("uri", self.http.uri())
            .finish_non_exhaustive()
    }
}

/// What a mock client sends requests with when they bypass the operations (`send`): it
/// answers none of them, since rules answer operations.
#[derive(Debug)]
pub(crate) struct NoNetwork;

impl NoNetwork {
    fn refuse(request: &http::Request<Vec<u8>>) -> TransportError {
        let why = format!("a mock client answers operations only: no rule for the raw request {} {}", request.method(), request.uri());
        TransportError::new(TransportErrorKind::Other, why)
    }
}

impl super::transport::BlockingTransport for NoNetwork {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        Err(NoNetwork::refuse(&request))
    }
}

#[cfg(feature = "client")]
impl super::transport_async::AsyncTransport for NoNetwork {
    fn send(&self, request: http::Request<Vec<u8>>) -> super::transport_async::BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(std::future::ready(Err(NoNetwork::refuse(&request))))
    }
}

/// A mock client's endpoint when its service has no endpoint rules (nothing is sent there).
pub(crate) const PLACEHOLDER_ENDPOINT: &str = "http://localhost";

/// The settings of a mock client: `us-east-1`, fixed credentials, this endpoint URL if any
/// (else the service's rules decide), nothing read from the environment or the files.
pub(crate) fn config(endpoint_url: Option<&str>) -> Result<super::Config, super::ConfigError> {
    let explicit = super::config::Explicit {
        env: Some(super::Env::from_pairs::<&str, &str>([])),
        region: Some("us-east-1".to_owned()),
        endpoint_url: endpoint_url.map(str::to_owned),
        credentials: Some(Arc::new(super::Credentials::new("AKIDMOCK", "mock-secret", None))),
        ..Default::default()
    };
    let metadata: super::MetadataTransport = |_| Ok(Arc::new(NoNetwork));
    explicit.resolve(super::TransportSettings::default(), metadata, Arc::new(NoNetwork))
}
