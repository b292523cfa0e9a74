//! Smithy RPC v2 CBOR requests: `POST /service/{service}/operation/{operation}` with
//! `smithy-protocol: rpc-v2-cbor`, the whole input as a CBOR map, and no body at all (nor
//! `Content-Type`) for an operation without input.

use crate::emit::http_request::{body_rules, host_prefix};
use crate::emit::tokens;
use crate::emit::wire_cbor::{can_fail, write_members_fn};
use crate::ir::{CborFraming, Location, OperationIr};
use proc_macro2::TokenStream;
use quote::quote;

const MEDIA_TYPE: &str = "application/cbor";

pub(super) fn build_request(op: &OperationIr, cbor: &CborFraming) -> TokenStream {
    let path = &cbor.path;
    let host_prefix_statements = host_prefix(op);
    let host_extension = (!op.host_prefix.is_empty()).then(|| quote!(let builder = builder.extension(crate::HostPrefix::new(host_prefix));));
    let body_rules = body_rules(op);
    let mutable = (!op.body_rules.is_empty()).then(|| quote!(mut));
    let (write_body, body_headers) = if cbor.has_input {
        let fails = op.input.members.iter().any(|m| m.location == Location::Body && can_fail(&m.ty)).then(|| quote!(?));
        (
            quote! {
                let mut body = crate::rt::cbor::Encoder::new();
                write_input_body(&mut body, input, &options)#fails;
                let body = body.into_bytes();
            },
            quote! {
                .header(::http::header::CONTENT_TYPE, #MEDIA_TYPE)
                .header(::http::header::CONTENT_LENGTH, body.len())
            },
        )
    } else {
        // Nothing of the input is sent: the options have nothing to fill.
        (quote!(let _ = &options; let body = ::std::vec::Vec::new();), quote!())
    };
    quote! {
        #host_prefix_statements
        #write_body
        let #mutable builder = ::http::Request::builder()
            .method(::http::Method::POST)
            .uri(#path)
            .header("smithy-protocol", "rpc-v2-cbor")
            .header(::http::header::ACCEPT, #MEDIA_TYPE);
        #host_extension
        #body_rules
        builder
            #body_headers
            .body(body)
            .map_err(crate::error::common::SerializeError::http)
    }
}

/// The CBOR map writer of the input, when the operation has one.
pub(super) fn support_items(op: &OperationIr, cbor: &CborFraming) -> TokenStream {
    if !cbor.has_input {
        return quote!();
    }
    write_members_fn(&quote!(write_input_body), &tokens(&op.input.rust_path), &op.input.rust_name, &op.input.members, true)
}
