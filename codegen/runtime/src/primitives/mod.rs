//! Value types for Smithy kinds that have no plain Rust counterpart, each behind the feature
//! of the same name: `Blob` (`blob`), `Document` and `Number` (`document`), `BigInteger`
//! and `BigDecimal` (`big-numbers`).

#[cfg(feature = "big-numbers")]
mod big;
#[cfg(feature = "blob")]
mod blob;
#[cfg(feature = "document")]
mod document;

#[cfg(feature = "big-numbers")]
pub use big::{BigDecimal, BigInteger, ParseBigNumberError};
#[cfg(feature = "blob")]
pub use blob::Blob;
#[cfg(feature = "document")]
pub use document::{Document, Number};
