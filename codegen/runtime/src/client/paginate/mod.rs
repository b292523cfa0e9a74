//! The clients and the paginators: the blocking client is a paginator transport
//! (`ListSessions::paginate(input, &client)`), and both clients have paginators of their
//! own (`blocking_pages`, `async_pages`) whose pages are typed calls (`call_with`), with the
//! client's configuration and the call's own settings. All follow tokens with
//! `crate::paginate::Cursor`, so they yield the same pages and errors.

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
        let settings = crate::client::CallSettings::default().serialize_options(options);
        self.call_with::<O>(input, &settings).map_err(|e| match e {
            Error::Service(e) => PaginationError::Service(e),
            Error::Serialize(e) => PaginationError::Serialize(e),
            Error::Transport(e) => PaginationError::Transport(Error::Transport(e)),
            Error::Credentials(e) => PaginationError::Transport(Error::Credentials(e)),
            Error::Endpoint(e) => PaginationError::Transport(Error::Endpoint(e)),
            Error::Signing(e) => PaginationError::Transport(Error::Signing(e)),
            Error::Auth(e) => PaginationError::Transport(Error::Auth(e)),
        })
    }
}

#[cfg(feature = "blocking")]
impl crate::client::blocking::Client {
    /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`, an
    /// iterator of pages (or `.items()`), each a typed call of the client (`call_with`), as
    /// the async client's. A token the service returns a second time yields the page that
    /// carried it, then
    /// [`PaginationError::RepeatedToken`](crate::paginate::PaginationError::RepeatedToken),
    /// then nothing.
    pub fn paginate<O: crate::paginate::Paginated>(&self, input: O::Input) -> blocking_pages::Paginator<O> {
        blocking_pages::Paginator::new(self.clone(), input, crate::client::CallSettings::default())
    }
}

#[cfg(feature = "blocking")]
pub(crate) mod blocking_pages;

#[cfg(feature = "client")]
pub(crate) mod async_pages;
#[cfg(feature = "client")]
pub use async_pages::{Items, Paginator};
