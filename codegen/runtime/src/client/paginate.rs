//! The clients and the paginators: the blocking client is a paginator transport, the async
//! client pages on its own. Both follow tokens with `crate::paginate::Cursor`, so they yield
//! the same pages and errors, and both build requests with the client's configured
//! `SerializeOptions`.

/// The blocking client works as the transport of the paginators, with its own request
/// options: `ListSessions::paginate(input, &client).items()`.
#[cfg(feature = "blocking")]
impl crate::paginate::Transport for &crate::client::blocking::Client {
    type Error = super::Error<std::convert::Infallible>;

    fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Self::Error> {
        crate::client::blocking::Client::send(self, request)
    }

    fn serialize_options(&self) -> Option<crate::SerializeOptions> {
        Some(self.shared.config.serialize)
    }

    /// Pages come through the client's typed calls, like every call (mocks answer them).
    fn fetch<O: crate::Operation>(
        &mut self,
        input: &O::Input,
        options: crate::SerializeOptions,
    ) -> Result<O::Output, crate::paginate::PaginationError<O::Error, Self::Error>> {
        use super::Error;
        use crate::paginate::PaginationError;
        self.call_with::<O>(input, options).map_err(|e| match e {
            Error::Service(e) => PaginationError::Service(e),
            Error::Serialize(e) => PaginationError::Serialize(e),
            Error::Transport(e) => PaginationError::Transport(Error::Transport(e)),
            Error::Credentials(e) => PaginationError::Transport(Error::Credentials(e)),
            Error::Endpoint(e) => PaginationError::Transport(Error::Endpoint(e)),
            Error::Signing(e) => PaginationError::Transport(Error::Signing(e)),
        })
    }
}

#[cfg(feature = "blocking")]
impl crate::client::blocking::Client {
    /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`, an
    /// iterator of pages (or `.items()`), the same as `ListSessions::paginate(input, &client)`.
    /// A token the service returns a second time yields the page that carried it, then
    /// [`PaginationError::RepeatedToken`](crate::paginate::PaginationError::RepeatedToken),
    /// then nothing.
    pub fn paginate<O: crate::paginate::Paginated>(&self, input: O::Input) -> crate::paginate::Paginator<O, &Self> {
        crate::paginate::Paginator::new(input, self)
    }
}

#[cfg(feature = "client")]
pub use self::pages::{Items, Paginator};

#[cfg(feature = "client")]
mod pages {
    use super::super::{Client, Error};
    use crate::paginate::{Cursor, Paginated, PaginationError};
    use std::convert::Infallible;

    impl Client {
        /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`, then
        /// `.next_page().await` or `.items()`.
        pub fn paginate<O: Paginated>(&self, input: O::Input) -> Paginator<'_, O> {
            Paginator { client: self, cursor: Cursor::new(input), options: self.shared.config.serialize }
        }
    }

    /// The pages of a paginated operation, fetched one by one as they are asked for.
    ///
    /// The listing ends after the page without a token, or after the first error. A token
    /// the service returns a second time yields the page that carried it, then
    /// [`PaginationError::RepeatedToken`], then nothing (following the token would loop),
    /// as the blocking paginator does.
    #[must_use = "a paginator sends nothing until it is polled"]
    pub struct Paginator<'c, O: Paginated> {
        client: &'c Client,
        cursor: Cursor<O>,
        options: crate::SerializeOptions,
    }

    impl<'c, O: Paginated> Paginator<'c, O> {
        /// Asks for pages of at most `size` items.
        pub fn page_size(mut self, size: i32) -> Self {
            self.cursor.set_page_size(size);
            self
        }

        /// Builds each request with these options instead of the client's.
        pub fn options(mut self, options: crate::SerializeOptions) -> Self {
            self.options = options;
            self
        }

        /// The next page, or `None` after the last.
        pub async fn next_page(&mut self) -> Option<Result<O::Output, Error<PaginationError<O::Error, Infallible>>>> {
            let input = match self.cursor.next()? {
                Ok(input) => input,
                Err(token) => return Some(Err(Error::Service(PaginationError::RepeatedToken(token)))),
            };
            // Through the client's typed calls, like every call (mocks answer them).
            let fetched = self.client.call_with::<O>(input, self.options).await.map_err(|e| e.map_service(PaginationError::Service));
            if let Ok(output) = &fetched {
                self.cursor.arrived(output);
            }
            Some(fetched)
        }

        /// The items of every page, one by one.
        pub fn items(self) -> Items<'c, O> {
            Items { pages: self, current: Vec::new().into_iter() }
        }
    }

    /// The items of every page of a paginated operation.
    pub struct Items<'c, O: Paginated> {
        pages: Paginator<'c, O>,
        current: std::vec::IntoIter<O::Item>,
    }

    impl<O: Paginated> Items<'_, O> {
        /// The next item, or `None` after the last.
        pub async fn next(&mut self) -> Option<Result<O::Item, Error<PaginationError<O::Error, Infallible>>>> {
            loop {
                if let Some(item) = self.current.next() {
                    return Some(Ok(item));
                }
                match self.pages.next_page().await? {
                    Ok(page) => self.current = O::into_items(page).into_iter(),
                    Err(e) => return Some(Err(e)),
                }
            }
        }
    }
}
