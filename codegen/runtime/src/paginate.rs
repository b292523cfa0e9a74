//! Pages and items of the paginated operations, following the token the service returns.
//!
//! No HTTP client is bundled: the [`Transport`] is yours, a closure or a type that turns an
//! `http::Request<Vec<u8>>` into an `http::Response<Vec<u8>>`.

use crate::Operation;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

/// Sends one request and returns the service's response.
pub trait Transport {
    /// What can go wrong on the way.
    type Error;

    /// Sends `request` (its URI holds the path and query only; add your endpoint).
    fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Self::Error>;

    /// The options to build requests with, when the transport is configured with its own
    /// (a client and its `serialize_options`); `None`, the default, for
    /// `SerializeOptions::default()`. [`Paginator::options`] overrides either.
    fn serialize_options(&self) -> Option<crate::SerializeOptions> {
        None
    }

    /// Fetches one page: builds the request of `O` from `input`, sends it and reads the
    /// response. A client overrides it to fetch pages through its own typed calls (so that
    /// a mock client answers them).
    #[doc(hidden)]
    fn fetch<O: Operation>(
        &mut self,
        input: &O::Input,
        options: crate::SerializeOptions,
    ) -> Result<O::Output, PaginationError<O::Error, Self::Error>> {
        let request = O::serialize_request_with(input, options).map_err(PaginationError::Serialize)?;
        let response = self.send(request).map_err(PaginationError::Transport)?;
        O::parse_response(&response).map_err(PaginationError::Service)
    }
}

impl<F, E> Transport for F
where
    F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
{
    type Error = E;

    fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E> {
        self(request)
    }
}

/// What a paginator needs to know of an operation: the model's `@paginated` trait.
pub trait Paginated: Operation {
    /// One item of a page.
    type Item;

    /// The page token, as the output holds it: `str` for a string token, a map for a map
    /// token (DynamoDB's `Query` and `Scan` page by maps of attribute values). The input
    /// takes its owned form.
    type Token: PageToken + ?Sized;

    /// Puts the token of the next page into the input.
    fn set_token(input: &mut Self::Input, token: Option<<Self::Token as ToOwned>::Owned>);

    /// The token of the page after this one, if any.
    fn next_token(output: &Self::Output) -> Option<&Self::Token>;

    /// Puts the page size into the input.
    fn set_page_size(input: &mut Self::Input, size: i32);

    /// The items of a page.
    fn into_items(output: Self::Output) -> Vec<Self::Item>;
}

/// A page token: Smithy's `@paginated` tokens are strings or maps. Tokens are compared for
/// equality only (a token returned twice ends the listing), so a map's values need no order
/// or hash.
pub trait PageToken: ToOwned + PartialEq {
    /// Whether the token says there is no next page (an empty string or map).
    fn is_empty(&self) -> bool;

    /// The token as text, for the error that reports it repeated: a string as it is, a map
    /// as its `Debug` form.
    fn to_text(&self) -> String;
}

impl PageToken for str {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }

    fn to_text(&self) -> String {
        self.to_owned()
    }
}

impl<V: Clone + PartialEq + fmt::Debug> PageToken for BTreeMap<String, V> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }

    fn to_text(&self) -> String {
        format!("{self:?}")
    }
}

/// Why a paginator stopped early.
#[derive(Debug)]
pub enum PaginationError<E, T> {
    /// The request could not be built (an invalid input).
    Serialize(crate::error::SerializeError),
    /// The transport failed.
    Transport(T),
    /// The service answered with an error.
    Service(E),
    /// The service returned a token it had already returned: following it would loop. The
    /// page that carried the token came before this error; the listing ends here, perhaps
    /// incomplete. The token as text ([`PageToken::to_text`]).
    RepeatedToken(String),
}

impl<E: fmt::Display, T: fmt::Display> fmt::Display for PaginationError<E, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaginationError::Serialize(e) => e.fmt(f),
            PaginationError::Transport(e) => write!(f, "transport error: {e}"),
            PaginationError::Service(e) => e.fmt(f),
            PaginationError::RepeatedToken(token) => {
                write!(f, "the service returned the page token `{token}` twice; stopped to avoid a loop")
            }
        }
    }
}

impl<E, T> std::error::Error for PaginationError<E, T>
where
    E: std::error::Error + 'static,
    T: std::error::Error + 'static,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PaginationError::Serialize(e) => Some(e),
            PaginationError::Transport(e) => Some(e),
            PaginationError::Service(e) => Some(e),
            PaginationError::RepeatedToken(_) => None,
        }
    }
}

/// Where a listing stands, the same for every paginator (this module's, over any transport,
/// and the async client's): the input, holding the token of the next page, and the tokens
/// the service has returned so far.
///
/// A page whose token was returned before is still a page the service sent, answering a
/// request made with a token never used before: its items are given to the caller, then the
/// repeated token is reported as an error (the listing may be incomplete), and nothing more
/// is fetched, since following the token would loop.
pub(crate) struct Cursor<O: Paginated> {
    input: O::Input,
    state: State<Owned<O>>,
    /// Tokens are only comparable, not hashable (a map of attribute values), so they are
    /// searched in order; a listing has few enough pages for that.
    seen: Vec<Owned<O>>,
}

/// The owned form of `O`'s token, as the input holds it.
type Owned<O> = <<O as Paginated>::Token as ToOwned>::Owned;

enum State<T> {
    First,
    Next(T),
    /// The last page repeated a token: say so (as text), then stop.
    Repeated(String),
    Done,
}

impl<O: Paginated> Cursor<O> {
    pub(crate) fn new(input: O::Input) -> Self {
        Cursor { input, state: State::First, seen: Vec::new() }
    }

    pub(crate) fn set_page_size(&mut self, size: i32) {
        O::set_page_size(&mut self.input, size);
    }

    /// What comes next: `Ok(input)` to send for the next page (its token set), `Err(token)`
    /// when the last page repeated a token, `None` when the listing is over. The listing
    /// counts as over until [`Cursor::arrived`] is told of the page, so that an error in
    /// between ends it.
    pub(crate) fn next(&mut self) -> Option<Result<&O::Input, String>> {
        let token = match std::mem::replace(&mut self.state, State::Done) {
            State::Done => return None,
            State::Repeated(token) => return Some(Err(token)),
            State::First => None,
            State::Next(token) => Some(token),
        };
        O::set_token(&mut self.input, token);
        Some(Ok(&self.input))
    }

    /// A page came: its token (none or empty for the last page) says what follows.
    pub(crate) fn arrived(&mut self, output: &O::Output) {
        self.state = match O::next_token(output).filter(|t| !t.is_empty()) {
            None => State::Done,
            Some(next) if self.seen.iter().any(|seen| seen.borrow() == next) => State::Repeated(next.to_text()),
            Some(next) => {
                self.seen.push(next.to_owned());
                State::Next(next.to_owned())
            }
        };
    }
}

/// An iterator over the pages of a paginated operation.
///
/// It ends after the page without a token, or after the first error. A token the service
/// returns a second time yields the page that carried it, then
/// [`PaginationError::RepeatedToken`], then nothing (following the token would loop).
#[must_use = "a paginator sends nothing until it is iterated"]
pub struct Paginator<O: Paginated, T> {
    cursor: Cursor<O>,
    transport: T,
    options: crate::SerializeOptions,
}

impl<O: Paginated, T: Transport> Paginator<O, T> {
    /// The pages of `O` from `input`, sent with `transport` (`ListSessions::paginate` calls
    /// it), with the transport's options if it has its own.
    #[doc(hidden)]
    pub fn new(input: O::Input, transport: T) -> Self {
        let options = transport.serialize_options().unwrap_or_default();
        Paginator { cursor: Cursor::new(input), transport, options }
    }

    /// Asks for pages of at most `size` items (the model's page size member).
    pub fn page_size(mut self, size: i32) -> Self {
        self.cursor.set_page_size(size);
        self
    }

    /// Builds each request with these options, instead of the transport's (a client's
    /// configured options) or the defaults.
    pub fn options(mut self, options: crate::SerializeOptions) -> Self {
        self.options = options;
        self
    }

    /// The items of every page, one by one.
    pub fn items(self) -> Items<O, T> {
        Items { pages: self, current: Vec::new().into_iter() }
    }
}

impl<O: Paginated, T: Transport> Iterator for Paginator<O, T> {
    type Item = Result<O::Output, PaginationError<O::Error, T::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        let input = match self.cursor.next()? {
            Ok(input) => input,
            Err(token) => return Some(Err(PaginationError::RepeatedToken(token))),
        };
        let fetched = self.transport.fetch::<O>(input, self.options);
        if let Ok(output) = &fetched {
            self.cursor.arrived(output);
        }
        Some(fetched)
    }
}

/// An iterator over the items of every page.
pub struct Items<O: Paginated, T> {
    pages: Paginator<O, T>,
    current: std::vec::IntoIter<O::Item>,
}

impl<O: Paginated, T: Transport> Iterator for Items<O, T> {
    type Item = Result<O::Item, PaginationError<O::Error, T::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = O::into_items(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
