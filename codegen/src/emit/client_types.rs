//! The crate's own client types: `blocking::Client` (`src/blocking.rs`) and (async)
//! `client::Client` (`src/client/async_client.rs`), each around the runtime's client of the
//! same kind for this crate's service, so that they can carry one method per operation
//! (`client/operations.rs`); and `crate::client`, which re-exports the rest of the runtime's
//! clients under the names users import.

use crate::ir::CrateIr;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/client/mod.rs`: the runtime's client types re-exported, and the async client's.
pub(crate) fn client_module(ir: &CrateIr) -> Vec<TokenStream> {
    // Input event streams: the async client takes a `Stream` of events, such as a channel's.
    let event_input = ir.operations.iter().any(|o| o.event_input.is_some()).then(|| {
        quote! {
            #[cfg(feature = "client")]
            pub use ::smithy_rt::client::{event_channel, EventChannel, EventSender, Stream};
        }
    });
    let streaming = ir.uses_streaming().then(|| {
        quote! {
            pub use ::smithy_rt::client::{Body, ResponseBody};
            #[cfg(feature = "client")]
            pub use ::smithy_rt::client::{AsyncResponseBody, BoxError};
            #event_input
        }
    });
    let paginators = paginates(ir).then(|| {
        quote! {
            #[cfg(feature = "client")]
            pub use ::smithy_rt::client::{Items, Paginator};
        }
    });
    let auth = ir.uses_identities().then(|| {
        quote! {
            pub use ::smithy_rt::client::{auth, AuthError, Login, ProvideToken, Token, TokenError};
        }
    });
    vec![
        quote! {
            //! Calling the service: credentials, SigV4 signing, the endpoint, standard retries and
            //! the transports behind `blocking::Client` (feature `blocking`) and `client::Client`
            //! (feature `client`, async), all the runtime's (`smithy_rt::client`) but the
            //! clients' methods.
            //!
            //! A [`Config`] loaded once builds the clients of any number of services generated
            //! with this runtime (`Client::from_config(&config)`); they share its credentials and
            //! their cache.
        },
        quote! {
            #[cfg(feature = "client")]
            mod async_client;
            mod operations;
            pub(crate) mod service;

            #[cfg(feature = "client")]
            pub use async_client::{Client, ClientBuilder};

            pub use ::smithy_rt::client::{
                credentials, sigv4, BlockingTransport, CallSettings, Config, ConfigBuilder, ConfigError, ConfigErrorKind, Credentials, CredentialsError, Env,
                Error, ProvideCredentials, RetryConfig, SettingSource, TransportError, TransportErrorKind, TransportSettings,
            };
            pub use ::smithy_rt::client::{AttemptDeadline, ExpiredTimeout, RetryMode};
            #[cfg(feature = "blocking")]
            pub use ::smithy_rt::client::UreqTransport;
            #[cfg(feature = "client")]
            pub use ::smithy_rt::client::{AsyncTransport, BoxFuture, HyperTransport};
            #[cfg(feature = "test-util")]
            pub use ::smithy_rt::client::mock;
            #streaming
            #paginators
            #auth
        },
    ]
}

/// The doc of the clients' `from_env`: what an AWS service's clients read, or the variable
/// a service that is not AWS's reads its endpoint from.
fn from_env_doc(ir: &CrateIr) -> TokenStream {
    match &ir.service.client.endpoint_env {
        None => quote! {
            /// A client configured from the environment and the shared config files, as the AWS
            /// CLI reads them (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL`, ...).
        },
        Some(var) => super::doc(&format!(
            "A client configured from the environment: the endpoint URL from `{var}` (the service is not AWS's; `AWS_ENDPOINT_URL` is not read), no region needed, retries, timeouts and proxies as for AWS services (`AWS_MAX_ATTEMPTS`, `HTTPS_PROXY`, ...)."
        )),
    }
}

/// `src/blocking.rs`: the blocking client.
pub(crate) fn blocking_module(ir: &CrateIr) -> Vec<TokenStream> {
    let from_env_doc = from_env_doc(ir);
    let streaming = ir.uses_streaming().then(|| {
        quote! {
            /// Sends a request whose body streams (a streaming operation's head with its body),
            /// signed, and returns the response as soon as its head has come, its body to be read
            /// as it arrives. A body of bytes is signed with its hash and retried as configured;
            /// a reader is sent once, signed as [`Body`](crate::client::Body) says.
            pub fn send_streaming(
                &self,
                request: ::http::Request<crate::client::Body>,
            ) -> ::std::result::Result<::http::Response<crate::client::ResponseBody>, crate::client::Error<::std::convert::Infallible>> {
                self.0.send_streaming(request)
            }

            /// Calls an operation whose input streams: `body` is the request's payload (the
            /// input's own payload member is not sent); the response is read whole.
            pub fn call_with_body<O: crate::StreamingInput>(
                &self,
                input: &O::Input,
                body: crate::client::Body,
            ) -> ::std::result::Result<O::Output, crate::client::Error<O::Error>> {
                self.0.call_with_body::<O>(input, body)
            }

            /// Calls an operation whose output streams: the output (its payload member unset)
            /// and the response body, the payload, to read as it arrives.
            pub fn call_streaming<O: crate::StreamingOutput>(
                &self,
                input: &O::Input,
            ) -> ::std::result::Result<(O::Output, crate::client::ResponseBody), crate::client::Error<O::Error>> {
                self.0.call_streaming::<O>(input)
            }

            /// Calls an operation whose input and output both stream: `body` is the request's
            /// payload; the output comes with the response body to read as it arrives.
            pub fn call_streaming_with_body<O: crate::StreamingInput + crate::StreamingOutput>(
                &self,
                input: &O::Input,
                body: crate::client::Body,
            ) -> ::std::result::Result<(O::Output, crate::client::ResponseBody), crate::client::Error<O::Error>> {
                self.0.call_streaming_with_body::<O>(input, body)
            }
        }
    });
    let paginator_transport = paginates(ir).then(|| {
        quote! {
            /// The blocking client works as the transport of the paginators:
            /// `ListSessions::paginate(input, &client).items()`.
            impl ::smithy_rt::paginate::Transport for &Client {
                type Error = crate::client::Error<::std::convert::Infallible>;

                fn send(
                    &mut self,
                    request: ::http::Request<::std::vec::Vec<u8>>,
                ) -> ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, Self::Error> {
                    self.0.send(request)
                }

                fn serialize_options(&self) -> ::std::option::Option<crate::SerializeOptions> {
                    ::smithy_rt::paginate::Transport::serialize_options(&&self.0)
                }

                fn fetch<O: crate::Operation>(
                    &mut self,
                    input: &O::Input,
                    options: crate::SerializeOptions,
                ) -> ::std::result::Result<O::Output, crate::paginate::PaginationError<O::Error, Self::Error>> {
                    ::smithy_rt::paginate::Transport::fetch::<O>(&mut &self.0, input, options)
                }
            }

            pub use ::smithy_rt::client::blocking::{Items, Paginator};

            impl Client {
                /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`,
                /// an iterator of pages (or `.items()`), each a call of the client, as the fluent
                /// call's `into_paginator()` gives them.
                pub fn paginate<O: ::smithy_rt::paginate::Paginated>(&self, input: O::Input) -> Paginator<O> {
                    self.0.paginate::<O>(input)
                }
            }
        }
    });
    vec![
        quote! {
            //! The blocking client: every operation as a method that waits for its answer.
        },
        quote! {
            /// A client of the service that blocks the calling thread: one fluent call per
            /// operation (`client.list_sessions().approval_team_arn(arn).send()`), with
            /// credentials, SigV4 signing, the endpoint and standard retries taken care of.
            /// Cheap to clone; clones share the retry quota (and the adaptive retry mode's rate
            /// limiter).
            #[derive(Debug, Clone)]
            pub struct Client(pub(crate) ::smithy_rt::client::blocking::Client);

            /// Settings of a [`Client`]; see the setters. Whatever is not set comes from the
            /// environment and the shared config files.
            pub type ClientBuilder = ::smithy_rt::client::blocking::ClientBuilder<Client>;

            impl Client {
                #from_env_doc
                pub fn from_env() -> ::std::result::Result<Client, crate::client::ConfigError> {
                    Client::builder().build()
                }

                /// A builder: what it is not told is read from the environment.
                pub fn builder() -> ClientBuilder {
                    ClientBuilder::new(&crate::client::service::SERVICE, Client)
                }

                /// A client with these settings, loaded once for the clients of any number of
                /// services: they share its credentials provider and its cache.
                pub fn from_config(config: &crate::client::Config) -> ::std::result::Result<Client, crate::client::ConfigError> {
                    ::smithy_rt::client::blocking::Client::from_config(&crate::client::service::SERVICE, config).map(Client)
                }

                /// A client whose calls `mock`'s rules answer, for tests: nothing is sent.
                #[cfg(feature = "test-util")]
                pub fn from_mock(mock: crate::client::mock::Mock) -> ::std::result::Result<Client, crate::client::ConfigError> {
                    ::smithy_rt::client::blocking::Client::from_mock(&crate::client::service::SERVICE, mock).map(Client)
                }

                /// Calls an operation: serializes `input`, signs and sends it (retrying as
                /// configured), and reads the response.
                pub fn call<O: crate::Operation>(
                    &self,
                    input: &O::Input,
                ) -> ::std::result::Result<O::Output, crate::client::Error<O::Error>> {
                    self.0.call::<O>(input)
                }

                /// Calls an operation with this call's own settings over the client's (what a
                /// fluent call's `customize` sets).
                pub fn call_with<O: crate::Operation>(
                    &self,
                    input: &O::Input,
                    settings: &crate::client::CallSettings,
                ) -> ::std::result::Result<O::Output, crate::client::Error<O::Error>> {
                    self.0.call_with::<O>(input, settings)
                }

                /// Sends an origin-form request (as an operation builds it) to the endpoint: signed
                /// again on every attempt, retried as configured. Any response is returned as it is.
                pub fn send(
                    &self,
                    request: ::http::Request<::std::vec::Vec<u8>>,
                ) -> ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, crate::client::Error<::std::convert::Infallible>> {
                    self.0.send(request)
                }

                /// The adaptive retry mode's current limit on this client's sending rate, in
                /// attempts per second: `None` in the standard mode, and until a throttling
                /// response turns the limit on. A diagnostic, to watch the limiter at work.
                pub fn send_rate_limit(&self) -> ::std::option::Option<f64> {
                    self.0.send_rate_limit()
                }

                #streaming
            }

            #paginator_transport
        },
    ]
}

/// `src/client/async_client.rs`: the async client (feature `client`).
pub(crate) fn async_client_module(ir: &CrateIr) -> Vec<TokenStream> {
    let from_env_doc = from_env_doc(ir);
    let streaming = ir.uses_streaming().then(|| {
        quote! {
            /// Sends a request whose body streams (a streaming operation's head with its body),
            /// signed, and returns the response as soon as its head has come, its body to be
            /// taken chunk by chunk as it arrives. A body of bytes is signed with its hash and
            /// retried as configured; a reader is sent once, signed as [`Body`] says.
            pub async fn send_streaming(
                &self,
                request: ::http::Request<Body>,
            ) -> ::std::result::Result<::http::Response<AsyncResponseBody>, Error<::std::convert::Infallible>> {
                self.0.send_streaming(request).await
            }

            /// Calls an operation whose input streams: `body` is the request's payload (the
            /// input's own payload member is not sent); the response is read whole.
            pub async fn call_with_body<O: crate::StreamingInput>(
                &self,
                input: &O::Input,
                body: Body,
            ) -> ::std::result::Result<O::Output, Error<O::Error>> {
                self.0.call_with_body::<O>(input, body).await
            }

            /// Calls an operation whose output streams: the output (its payload member unset)
            /// and the response body, the payload, to take chunk by chunk as it arrives.
            pub async fn call_streaming<O: crate::StreamingOutput>(
                &self,
                input: &O::Input,
            ) -> ::std::result::Result<(O::Output, AsyncResponseBody), Error<O::Error>> {
                self.0.call_streaming::<O>(input).await
            }

            /// Calls an operation whose input and output both stream: `body` is the request's
            /// payload; the output comes with the response body to take as it arrives.
            pub async fn call_streaming_with_body<O: crate::StreamingInput + crate::StreamingOutput>(
                &self,
                input: &O::Input,
                body: Body,
            ) -> ::std::result::Result<(O::Output, AsyncResponseBody), Error<O::Error>> {
                self.0.call_streaming_with_body::<O>(input, body).await
            }
        }
    });
    let paginate = paginates(ir).then(|| {
        quote! {
            /// The pages of a paginated operation: `client.paginate::<ListSessions>(input)`, then
            /// `.next_page().await`, a stream of pages, or `.items()`.
            pub fn paginate<O: ::smithy_rt::paginate::Paginated>(&self, input: O::Input) -> Paginator<O> {
                self.0.paginate::<O>(input)
            }
        }
    });
    let streaming_names = ir.uses_streaming().then(|| quote!(use super::{AsyncResponseBody, Body};));
    let paginator_name = paginates(ir).then(|| quote!(use super::Paginator;));
    let items = quote! {
        /// An async client of the service: one fluent call per operation
        /// (`client.list_sessions().approval_team_arn(arn).send().await`), with credentials,
        /// SigV4 signing, the endpoint and standard retries taken care of. It runs on tokio;
        /// it, its calls' futures and its paginators are `Send` and `'static`. Cheap to clone;
        /// clones share the retry quota (and the adaptive retry mode's rate limiter).
        #[derive(Debug, Clone)]
        pub struct Client(pub(crate) ::smithy_rt::client::Client);

        /// Settings of a [`Client`]; see the setters. Whatever is not set comes from the
        /// environment and the shared config files.
        pub type ClientBuilder = ::smithy_rt::client::ClientBuilder<Client>;

        impl Client {
            #from_env_doc
            pub fn from_env() -> ::std::result::Result<Client, ConfigError> {
                Client::builder().build()
            }

            /// A builder: what it is not told is read from the environment.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(&super::service::SERVICE, Client)
            }

            /// A client with these settings, loaded once for the clients of any number of
            /// services: they share its credentials provider and its cache. The default
            /// transport needs a tokio runtime when requests are sent, not here.
            pub fn from_config(config: &Config) -> ::std::result::Result<Client, ConfigError> {
                ::smithy_rt::client::Client::from_config(&super::service::SERVICE, config).map(Client)
            }

            /// A client whose calls `mock`'s rules answer, for tests: nothing is sent.
            #[cfg(feature = "test-util")]
            pub fn from_mock(mock: super::mock::Mock) -> ::std::result::Result<Client, ConfigError> {
                ::smithy_rt::client::Client::from_mock(&super::service::SERVICE, mock).map(Client)
            }

            /// Calls an operation: serializes `input`, signs and sends it (retrying as
            /// configured), and reads the response.
            pub async fn call<O: crate::Operation>(&self, input: &O::Input) -> ::std::result::Result<O::Output, Error<O::Error>> {
                self.0.call::<O>(input).await
            }

            /// Calls an operation with this call's own settings over the client's (what a
            /// fluent call's `customize` sets).
            pub async fn call_with<O: crate::Operation>(
                &self,
                input: &O::Input,
                settings: &super::CallSettings,
            ) -> ::std::result::Result<O::Output, Error<O::Error>> {
                self.0.call_with::<O>(input, settings).await
            }

            /// Sends an origin-form request (as an operation builds it) to the endpoint: signed
            /// again on every attempt, retried as configured. Any response is returned as it is.
            pub async fn send(
                &self,
                request: ::http::Request<::std::vec::Vec<u8>>,
            ) -> ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, Error<::std::convert::Infallible>> {
                self.0.send(request).await
            }

            /// The adaptive retry mode's current limit on this client's sending rate, in
            /// attempts per second: `None` in the standard mode, and until a throttling
            /// response turns the limit on. A diagnostic, to watch the limiter at work.
            pub fn send_rate_limit(&self) -> ::std::option::Option<f64> {
                self.0.send_rate_limit()
            }

            #paginate
            #streaming
        }
    };
    vec![
        quote! {
            //! The async client: every operation as an `async` method, on tokio.
        },
        quote! {
            use super::{Config, ConfigError, Error};
            #streaming_names
            #paginator_name
        },
        items,
    ]
}

/// Whether some operation is paginated.
fn paginates(ir: &CrateIr) -> bool {
    ir.operations.iter().any(|o| o.pagination.is_some())
}
