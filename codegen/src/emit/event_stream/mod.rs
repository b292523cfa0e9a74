//! Event streams: `crate::event_streams`, one module per `@streaming` union with its error
//! enum and the reading of its messages into events (the runtime's `Unmarshal`); the
//! runtime's `Receiver` drives it over the bytes of a response body.

mod receive;

use super::Files;
use crate::error::Error;
use crate::ir::CrateIr;
use quote::{format_ident, quote};

/// Writes `src/event_streams/` when the crate has event streams.
pub fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    if ir.event_streams.is_empty() {
        return Ok(());
    }
    let mut items = vec![
        quote! {
            //! The event streams of the service's operations: each module has a stream's error
            //! enum, and reads its messages into the events of its union in `crate::types`.
            //!
            //! A [`Receiver`] of the union reads the events out of the bytes of the response
            //! body as they arrive, from any transport; the clients' streaming calls use it.
        },
        quote! {
            pub use ::smithy_rt::eventstream::{DecodeError, HeaderValue, Message, Receiver, StreamError, Unmarshal};
        },
    ];
    for stream in &ir.event_streams {
        let module = format_ident!("{}", stream.module);
        items.push(quote!(pub mod #module;));
        files.rust_job(format!("src/event_streams/{}.rs", super::file_stem(&stream.module)), || receive::emit(stream));
    }
    files.rust("src/event_streams/mod.rs", items)
}
