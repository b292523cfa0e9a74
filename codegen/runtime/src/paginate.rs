//! Pages and items of the paginated operations, following the token the service returns.
//!
//! No HTTP client is bundled: the [`Transport`] is yours, a closure or a type that turns an
//! `http::Request<Vec<u8>>` into an `http::Response<Vec<u8>>`.

use crate::Operation;
use std::collections::HashSet;
use std::fmt;

/// Sends one request and returns the service's response.
pub trait Transport {
    /// What can go wrong on the way.
    type Error;

    /// Sends `request` (its URI holds the path and query only; add your endpoint).
    fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Self::Error>;
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

    /// Puts the token of the next page into the input.
    fn set_token(input: &mut Self::Input, token: Option<String>);

    /// The token of the page after this one, if any.
    fn next_token(output: &Self::Output) -> Option<&str>;

    /// Puts the page size into the input.
    fn set_page_size(input: &mut Self::Input, size: i32);

    /// The items of a page.
    fn into_items(output: Self::Output) -> Vec<Self::Item>;
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
    /// The service returned a token it had already returned: following it would loop.
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

enum State {
    First,
    Next(String),
    /// The last page repeated a token: say so, then stop.
    Repeated(String),
    Done,
}

/// An iterator over the pages of a paginated operation.
#[must_use = "a paginator sends nothing until it is iterated"]
pub struct Paginator<O: Paginated, T> {
    input: O::Input,
    transport: T,
    state: State,
    seen: HashSet<String>,
    options: crate::SerializeOptions,
}

impl<O: Paginated, T: Transport> Paginator<O, T> {
    /// The pages of `O` from `input`, sent with `transport` (`ListSessions::paginate` calls it).
    #[doc(hidden)]
    pub fn new(input: O::Input, transport: T) -> Self {
        Paginator { input, transport, state: State::First, seen: HashSet::new(), options: Default::default() }
    }

    /// Asks for pages of at most `size` items (the model's page size member).
    pub fn page_size(mut self, size: i32) -> Self {
        O::set_page_size(&mut self.input, size);
        self
    }

    /// Builds each request with these options.
    pub fn options(mut self, options: crate::SerializeOptions) -> Self {
        self.options = options;
        self
    }

    /// The items of every page, one by one.
    pub fn items(self) -> Items<O, T> {
        Items { pages: self, current: Vec::new().into_iter() }
    }

    fn fetch(&mut self, token: Option<String>) -> Result<O::Output, PaginationError<O::Error, T::Error>> {
        O::set_token(&mut self.input, token);
        let request = O::serialize_request_with(&self.input, self.options).map_err(PaginationError::Serialize)?;
        let response = self.transport.send(request).map_err(PaginationError::Transport)?;
        O::parse_response(&response).map_err(PaginationError::Service)
    }
}

impl<O: Paginated, T: Transport> Iterator for Paginator<O, T> {
    type Item = Result<O::Output, PaginationError<O::Error, T::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        let token = match std::mem::replace(&mut self.state, State::Done) {
            State::Done => return None,
            State::Repeated(token) => return Some(Err(PaginationError::RepeatedToken(token))),
            State::First => None,
            State::Next(token) => Some(token),
        };
        let output = match self.fetch(token) {
            Ok(output) => output,
            Err(e) => return Some(Err(e)),
        };
        self.state = match O::next_token(&output).filter(|t| !t.is_empty()) {
            None => State::Done,
            Some(next) if !self.seen.insert(next.to_owned()) => State::Repeated(next.to_owned()),
            Some(next) => State::Next(next.to_owned()),
        };
        Some(Ok(output))
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
