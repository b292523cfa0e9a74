//! The blocking client's own paginator: an iterator of pages (or of items), each page a
//! typed call of the client (`call_with`).

use crate::client::blocking::Client;
use crate::client::{CallSettings, Error};
use crate::paginate::{Cursor, Paginated, PaginationError};
use std::convert::Infallible;

/// What a page or an item of a paginator is: the page (or item), or why the listing stopped.
pub type PageResult<T, O> = Result<T, Error<PaginationError<<O as crate::Operation>::Error, Infallible>>>;

/// The pages of a paginated operation, fetched one by one as they are iterated
/// (`client.list_sessions().approval_team_arn(arn).into_paginator()`, or
/// `client.paginate::<ListSessions>(input)`); iterate it for the
/// pages, or call [`items`](Paginator::items).
///
/// The listing ends after the page without a token, or after the first error (an item).
/// A token the service returns a second time yields the page that carried it, then
/// [`PaginationError::RepeatedToken`], then nothing, as the async paginator does. It owns
/// a handle on the client: it can be kept, and sent to another thread.
#[must_use = "a paginator sends nothing until it is iterated"]
pub struct Paginator<O: Paginated> {
    client: Client,
    cursor: Cursor<O>,
    settings: CallSettings,
}

impl<O: Paginated> Paginator<O> {
    /// The pages of `O` from `input`, each a call of `client` with these settings.
    pub fn new(client: Client, input: O::Input, settings: CallSettings) -> Self {
        Paginator { client, cursor: Cursor::new(input), settings }
    }

    /// Asks for pages of at most `size` items (the model's page size member).
    pub fn page_size(mut self, size: i32) -> Self {
        self.cursor.set_page_size(size);
        self
    }

    /// Builds each request with these options instead of the client's.
    pub fn options(mut self, options: crate::SerializeOptions) -> Self {
        self.settings = std::mem::take(&mut self.settings).serialize_options(options);
        self
    }

    /// The pages, one by one (the paginator is itself their iterator).
    pub fn pages(self) -> Self {
        self
    }

    /// The items of every page, one by one.
    pub fn items(self) -> Items<O> {
        Items { pages: self, current: Vec::new().into_iter() }
    }
}

impl<O: Paginated> Iterator for Paginator<O> {
    type Item = PageResult<O::Output, O>;

    fn next(&mut self) -> Option<Self::Item> {
        let input = match self.cursor.next()? {
            Ok(input) => input,
            Err(token) => return Some(Err(Error::Service(PaginationError::RepeatedToken(token)))),
        };
        let fetched = self.client.call_with::<O>(input, &self.settings).map_err(|e| e.map_service(PaginationError::Service));
        if let Ok(output) = &fetched {
            self.cursor.arrived(output);
        }
        Some(fetched)
    }
}

/// The items of every page of a paginated operation, an iterator.
#[must_use = "a paginator sends nothing until it is iterated"]
pub struct Items<O: Paginated> {
    pages: Paginator<O>,
    current: std::vec::IntoIter<O::Item>,
}

impl<O: Paginated> Iterator for Items<O> {
    type Item = PageResult<O::Item, O>;

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
