//! The output toolkit every family's emitter writes through: the file tree, Rust files
//! built and printed on worker threads ([`Files`]), formatting ([`format`]), and the token
//! and doc helpers ([`tokens`]).
//!
//! A leaf of the pipeline: it knows nothing of the IR. The crate's emitter (`emit`) and the
//! endpoint family (`endpoint::emit`) both write into one [`Files`], which `lib::generate`
//! creates and finishes.

mod files;
pub mod format;
pub mod tokens;

pub use files::{FilePass, Files};
pub use format::format_items;
pub use tokens::{deprecated_attr, doc, doc_or, file_stem, tokens};

/// Relative path (with `/`) to file contents.
pub type FileTree = std::collections::BTreeMap<String, String>;
