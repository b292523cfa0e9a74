//! Event streams: `crate::event_streams`, one module per `@streaming` union with its error
//! enum and the reading of its messages into events (the runtime's `Unmarshal`); the
//! runtime's `Receiver` drives it over the bytes of a response body. An input stream's union
//! also turns its events into messages (the runtime's `Marshal`).

mod receive;
mod send;

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
            //! The union of an input stream implements [`Marshal`]: each event becomes its
            //! [`Message`], whose frame `Message::to_frame` writes; the clients' methods of
            //! operations with an input stream take its events and send them as they come,
            //! each signed in turn when the call is signed with SigV4.
        },
        quote! {
            pub use ::smithy_rt::eventstream::{DecodeError, Decoder, Header, HeaderValue, Marshal, MarshalError, Message, Receiver, StreamError, Unmarshal};
        },
    ];
    for stream in &ir.event_streams {
        let module = format_ident!("{}", stream.module);
        items.push(quote!(pub mod #module;));
        files.rust_job(format!("src/event_streams/{}.rs", super::file_stem(&stream.module)), || {
            let mut items = receive::emit(stream);
            if stream.write {
                items.extend(send::emit(ir, stream));
            }
            items
        });
    }
    files.rust("src/event_streams/mod.rs", items)
}
