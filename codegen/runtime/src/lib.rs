//! The runtime of the Rust crates generated from Smithy models by this repository's
//! generator: what every service's crate needs and no model decides.
//!
//! A generated crate holds its model's types, their wire code, its operations and errors,
//! its compiled endpoint rules and the glue of its clients; it depends on this crate for the
//! rest, and re-exports what its users name (`mpa::Operation`, `mpa::primitives::Blob`,
//! `mpa::client::Credentials`, ...), so one program calling several services has one
//! `Credentials`, one `Blob`, one `client::Config` whose credentials cache all its clients
//! share.
//!
//! - [`Operation`] and [`SerializeOptions`]: an operation as a request serializer and a
//!   response parser, over `http` types, with no transport.
//! - [`builder`], [`error`], [`paginate`], [`primitives`], [`waiter`], [`UnknownValue`]: the building
//!   blocks of the generated API.
//! - `endpoint` (feature `endpoint`): what compiled endpoint rules return and call.
//! - `client` (features `blocking`, `client`): configuration, credentials, SigV4,
//!   retries, transports.
//! - `eventstream` (feature `event-stream`): the frames of event streams, a decoder that
//!   takes bytes as they arrive, an encoder, and with a client the signing of input streams.
//!
//! Every optional part is a Cargo feature, none on by default; a generated crate turns on
//! those its model needs: `blob`, `document`, `big-numbers`, `media-type-headers`,
//! `regex-patterns`, `ecma-patterns`, `gzip`, `content-md5`, `checksums`,
//! `idempotency-token`, `endpoint`, `streaming`, `event-stream`, `serde`, and the clients
//! `blocking` (ureq) and `client` (async, hyper on tokio).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod builder;
#[cfg(any(feature = "client", feature = "blocking"))]
pub mod client;
#[cfg(feature = "endpoint")]
pub mod endpoint;
#[cfg(feature = "event-stream")]
pub mod eventstream;
pub mod error;
mod operation;
pub mod paginate;
pub mod primitives;
pub mod waiter;
#[doc(hidden)]
pub mod rt;
mod unknown_value;

pub use operation::{HostPrefix, Http2, Operation, RequiresHttp2, SerializeOptions};
#[cfg(feature = "streaming")]
pub use operation::{StreamingInput, StreamingOutput};
pub use unknown_value::UnknownValue;
