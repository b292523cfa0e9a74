//! The Smithy IDL (2.0, and 1.0 files as 1.0 reads them) into the JSON AST Smithy writes
//! for it: [`parse`] reads one file's statements, [`lower`] resolves its shape ids against
//! the whole model ([`ModelIndex`]) and writes the JSON; [`json_to_idl`] writes a JSON AST
//! back as IDL.

mod ast;
mod body;
mod cursor;
mod lower;
mod node;
mod parser;
mod prelude;
mod write;

pub use ast::ParsedFile;
pub use lower::{lower, Lowered, ModelIndex};
pub use parser::parse;
pub use write::json_to_idl;
