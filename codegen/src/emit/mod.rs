//! Step 4, *emit*: the crate's IR to the files of the generated crate (the endpoint rules
//! are their own family: `crate::endpoint::emit`).
//!
//! Each Rust item is built with `quote!` and handed to the output toolkit
//! ([`crate::output::Files`]), which parses, prints and puts each file behind its header, the
//! files of shapes, operations and client methods on worker threads. Files that are not Rust
//! (`Cargo.toml`, `README.md`) come from minijinja templates. What to write is decided
//! elsewhere.

mod builder;
mod client;
mod client_types;
mod crate_files;
mod defaults;
mod deprecation;
mod enums;
mod event_stream;
mod example_code;
mod example_program;
mod fluent;
mod http_request;
mod http_response;
mod operation;
mod protocol;
mod readme;
mod smoke;
mod streaming;
mod structure;
mod union;
mod validate;
mod waiter_expr;
mod waiters;
mod wire;
mod wire_cbor;
mod wire_read;

use crate::error::Error;
use crate::ir::CrateIr;
use crate::output::FilePass;
// The toolkit, under the names this step's files use.
pub(crate) use crate::output::{Files, deprecated_attr, doc, doc_or, file_stem, format_items, tokens};

/// Writes the crate's files (all but the endpoint family's) into `files`.
pub fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    crate_files::emit(ir, files)?;
    waiters::emit(ir, files)?;
    smoke::emit(ir, files)?;
    event_stream::emit(ir, files)?;
    // The shape codecs of the protocol's body format.
    let cbor = ir.service.protocol.codec == crate::ir::Codec::Cbor;
    let emit_struct = move |s| if cbor { wire_cbor::emit_struct(s) } else { wire::emit_struct(s) };
    let emit_union = move |u| if cbor { wire_cbor::emit_union(u) } else { wire::emit_union(u) };
    for ty in &ir.types {
        match ty {
            crate::ir::TypeIr::Struct(s) => {
                files.rust_job(format!("src/types/{}.rs", file_stem(&s.module)), || structure::emit(s));
                files.rust_job(format!("src/wire/{}.rs", file_stem(&s.module)), move || emit_struct(s));
            }
            crate::ir::TypeIr::Enum(e) => files.rust_job(format!("src/types/{}.rs", file_stem(&e.module)), || enums::emit(e)),
            crate::ir::TypeIr::Union(u) => {
                files.rust_job(format!("src/types/{}.rs", file_stem(&u.module)), || union::emit(u));
                files.rust_job(format!("src/wire/{}.rs", file_stem(&u.module)), move || emit_union(u));
            }
        }
    }
    for e in &ir.errors {
        files.rust_job(format!("src/error/{}.rs", file_stem(&e.module)), || structure::emit(e));
        files.rust_job(format!("src/wire/{}.rs", file_stem(&e.module)), move || emit_struct(e));
    }
    for op in &ir.operations {
        let dir = format!("src/operation/{}", file_stem(&op.module));
        files.rust_job(format!("{dir}/mod.rs"), || operation::emit_module(op));
        files.rust_job(format!("{dir}/input.rs"), || structure::emit(&op.input));
        files.rust_job(format!("{dir}/output.rs"), || structure::emit(&op.output));
        files.rust_job(format!("{dir}/error.rs"), || operation::emit_error_enum(op));
        if fluent::has_fluent(op) {
            files.rust_job(format!("{dir}/fluent.rs"), || fluent::module(op));
        }
    }
    Ok(())
}

/// The pass every Rust file of the crate goes through: `allow`s on the crate's own uses of
/// what the model deprecates, so only users see the warnings.
pub fn deprecation_pass(ir: &CrateIr) -> FilePass<'static> {
    let deprecated = deprecation::Deprecated::of(ir);
    Box::new(move |file| deprecated.allow_uses(file))
}
