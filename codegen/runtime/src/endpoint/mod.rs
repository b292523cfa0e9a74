//! Endpoint rules: what a generated crate's compiled rule set returns ([`Endpoint`],
//! [`ResolveError`]) and the functions it calls (the rules language's standard library and
//! AWS's: `aws.partition`, `aws.parseArn`, `parseURL`, ...), with the AWS partition table.

#[doc(hidden)]
pub mod fns;
mod types;

pub use types::{AuthScheme, Endpoint, ResolveError, ResolveErrorKind, Value};
#[doc(hidden)]
pub use types::EndpointBuilder;
