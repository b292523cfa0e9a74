//! The async client's paginator: pages (or items) as a `futures_core::Stream`, or one by
//! one with `.next_page().await`; each page is a typed call of the client (`call_with`).

use crate::client::{CallSettings, Client, Error};
use crate::paginate::{Cursor, Paginated, PaginationError};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// What a page or an item of a paginator is: the page (or item), or why the listing stopped.
pub type PageResult<T, O> = Result<T, Error<PaginationError<<O as crate::Operation>::Error, Infallible>>>;

/// The pages of a paginated operation, fetched one by one as they are asked for
/// (`client.list_sessions().approval_team_arn(arn).into_paginator()`, or
/// `client.paginate::<ListSessions>(input)`): a `futures_core::Stream` of pages, or
/// `.next_page().await`; [`items`](Paginator::items) for the items.
///
/// The listing ends after the page without a token, or after the first error (an item).
/// A token the service returns a second time yields the page that carried it, then
/// [`PaginationError::RepeatedToken`], then nothing (following the token would loop), as
/// the blocking paginator does. It owns a handle on the client: it is `Send` and `'static`,
/// to be spawned on a multi-threaded runtime.
#[must_use = "a paginator sends nothing until it is polled"]
pub struct Paginator<O: Paginated> {
    state: State<O>,
}

/// A page being fetched: the fetch owns the listing and the client until it is done, so
/// that the stream needs no borrow of itself.
type Fetch<O> = Pin<Box<dyn Future<Output = (Box<Fetcher<O>>, Option<PageResult<<O as crate::Operation>::Output, O>>)> + Send>>;

enum State<O: Paginated> {
    Idle(Box<Fetcher<O>>),
    Fetching(Fetch<O>),
    Over,
}

struct Fetcher<O: Paginated> {
    client: Client,
    cursor: Cursor<O>,
    settings: CallSettings,
}

impl<O: Paginated> Fetcher<O> {
    async fn next_page(&mut self) -> Option<PageResult<O::Output, O>> {
        let input = match self.cursor.next()? {
            Ok(input) => input,
            Err(token) => return Some(Err(Error::Service(PaginationError::RepeatedToken(token)))),
        };
        let fetched = self.client.call_with::<O>(input, &self.settings).await.map_err(|e| e.map_service(PaginationError::Service));
        if let Ok(output) = &fetched {
            self.cursor.arrived(output);
        }
        Some(fetched)
    }
}

impl<O: Paginated> Paginator<O> {
    /// The pages of `O` from `input`, each a call of `client` with these settings.
    pub fn new(client: Client, input: O::Input, settings: CallSettings) -> Self {
        Paginator { state: State::Idle(Box::new(Fetcher { client, cursor: Cursor::new(input), settings })) }
    }

    /// Asks for pages of at most `size` items (before the first page is asked for).
    pub fn page_size(mut self, size: i32) -> Self {
        if let State::Idle(fetcher) = &mut self.state {
            fetcher.cursor.set_page_size(size);
        }
        self
    }

    /// Builds each request with these options instead of the client's (before the first
    /// page is asked for).
    pub fn options(mut self, options: crate::SerializeOptions) -> Self {
        if let State::Idle(fetcher) = &mut self.state {
            fetcher.settings = std::mem::take(&mut fetcher.settings).serialize_options(options);
        }
        self
    }

    /// The pages, one by one (the paginator is itself their stream).
    pub fn pages(self) -> Self {
        self
    }

    /// The items of every page, one by one: a stream, or `.next().await`.
    pub fn items(self) -> Items<O> {
        Items { pages: self, current: Vec::new().into_iter() }
    }
}

impl<O> Paginator<O>
where
    O: Paginated + 'static,
    O::Input: Send + Sync,
    <O::Token as ToOwned>::Owned: Send,
    O::Output: Send,
    O::Error: Send,
{
    /// The next page, or `None` after the last.
    pub async fn next_page(&mut self) -> Option<PageResult<O::Output, O>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<PageResult<O::Output, O>>> {
        loop {
            match std::mem::replace(&mut self.state, State::Over) {
                State::Idle(mut fetcher) => {
                    self.state = State::Fetching(Box::pin(async move {
                        let page = fetcher.next_page().await;
                        (fetcher, page)
                    }));
                }
                State::Fetching(mut fetch) => {
                    let Poll::Ready((fetcher, page)) = fetch.as_mut().poll(cx) else {
                        self.state = State::Fetching(fetch);
                        return Poll::Pending;
                    };
                    if page.is_some() {
                        self.state = State::Idle(fetcher);
                    }
                    return Poll::Ready(page);
                }
                State::Over => return Poll::Ready(None),
            }
        }
    }
}

impl<O> futures_core::Stream for Paginator<O>
where
    O: Paginated + 'static,
    O::Input: Send + Sync,
    <O::Token as ToOwned>::Owned: Send,
    O::Output: Send,
    O::Error: Send,
{
    type Item = PageResult<O::Output, O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// The items of every page of a paginated operation: a `futures_core::Stream`, or
/// `.next().await`.
#[must_use = "a paginator sends nothing until it is polled"]
pub struct Items<O: Paginated> {
    pages: Paginator<O>,
    current: std::vec::IntoIter<O::Item>,
}

// Nothing in `Items` is pinned in place (the fetch in progress is boxed on its own), so a
// stream of items whose type is not `Unpin` can still be polled through `&mut`.
impl<O: Paginated> Unpin for Items<O> {}

impl<O> Items<O>
where
    O: Paginated + 'static,
    O::Input: Send + Sync,
    <O::Token as ToOwned>::Owned: Send,
    O::Output: Send,
    O::Error: Send,
{
    /// The next item, or `None` after the last.
    pub async fn next(&mut self) -> Option<PageResult<O::Item, O>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<PageResult<O::Item, O>>> {
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(self.pages.poll_page(cx)) {
                Some(Ok(page)) => self.current = O::into_items(page).into_iter(),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<O> futures_core::Stream for Items<O>
where
    O: Paginated + 'static,
    O::Input: Send + Sync,
    <O::Token as ToOwned>::Owned: Send,
    O::Output: Send,
    O::Error: Send,
{
    type Item = PageResult<O::Item, O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
