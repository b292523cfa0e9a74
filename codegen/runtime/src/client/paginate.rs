//! The clients and the paginators: the blocking client is a paginator transport, the async
//! client pages on its own.

/// The blocking client works as the transport of the paginators:
/// `ListSessions::paginate(input, &client).items()`.
#[cfg(feature = "blocking")]
impl crate::paginate::Transport for &crate::client::blocking::Client {
    type Error = super::Error<std::convert::Infallible>;

    fn send(&mut self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Self::Error> {
        crate::client::blocking::Client::send(self, request)
    }
}

#[cfg(feature = "client")]
pub use self::pages::{Items, Paginator};

#[cfg(feature = "client")]
mod pages {
    use super::super::{Client, Error};
    use crate::paginate::Paginated;
    use std::convert::Infallible;

    impl Client {
        /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`, then
        /// `.next_page().await` or `.items()`.
        pub fn paginate<O: Paginated>(&self, input: O::Input) -> Paginator<'_, O> {
            Paginator { client: self, input, next: Some(None), seen: Default::default() }
        }
    }

    /// The pages of a paginated operation, fetched one by one as they are asked for.
    #[must_use = "a paginator sends nothing until it is polled"]
    pub struct Paginator<'c, O: Paginated> {
        client: &'c Client,
        input: O::Input,
        /// `Some(token)` while there is a page to fetch.
        next: Option<Option<String>>,
        seen: std::collections::HashSet<String>,
    }

    impl<'c, O: Paginated> Paginator<'c, O> {
        /// Asks for pages of at most `size` items.
        pub fn page_size(mut self, size: i32) -> Self {
            O::set_page_size(&mut self.input, size);
            self
        }

        /// The next page, or `None` after the last. A token the service returns twice ends the
        /// listing with an error rather than a loop.
        pub async fn next_page(&mut self) -> Option<Result<O::Output, Error<crate::paginate::PaginationError<O::Error, Infallible>>>> {
            let token = self.next.take()?;
            O::set_token(&mut self.input, token);
            let output = match self.client.call::<O>(&self.input).await {
                Ok(output) => output,
                Err(e) => return Some(Err(e.map_service(crate::paginate::PaginationError::Service))),
            };
            match O::next_token(&output).filter(|t| !t.is_empty()) {
                None => {}
                Some(token) if !self.seen.insert(token.to_owned()) => {
                    let repeated = crate::paginate::PaginationError::RepeatedToken(token.to_owned());
                    return Some(Err(Error::Service(repeated)));
                }
                Some(token) => self.next = Some(Some(token.to_owned())),
            }
            Some(Ok(output))
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
        pub async fn next(&mut self) -> Option<Result<O::Item, Error<crate::paginate::PaginationError<O::Error, Infallible>>>> {
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
