//! `@streaming` payloads: an operation whose input streams (a blob, or an event stream) gets
//! `StreamingInput` (the request head without its body, for a caller that sends the body
//! itself, or for the clients' event streams), one whose output
//! streams gets `StreamingOutput` (the output read from the response head, the body left to
//! the caller). The whole-body `Operation` functions stay as they are, for small bodies.

use super::http_request::{build_uri, header_statement, host_prefix};
use crate::ir::{Location, OperationIr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The `StreamingInput` and `StreamingOutput` impls the operation needs (none for most).
pub(super) fn impls(op: &OperationIr) -> TokenStream {
    let input = op.streams_input().then(|| streaming_input(op));
    let output = op.streams_output().then(|| streaming_output(op));
    quote!(#input #output)
}

fn streaming_input(op: &OperationIr) -> TokenStream {
    let name = format_ident!("{}", op.rust_name);
    let input = format_ident!("{}", op.input.rust_name);
    let method = format_ident!("{}", op.method);
    let uri = build_uri(op);
    let host = host_prefix(op);
    let host_extension = (!op.host_prefix.is_empty()).then(|| quote!(builder = builder.extension(crate::HostPrefix::new(host_prefix));));
    let explicit: Vec<String> =
        op.input.members.iter().filter(|m| matches!(m.location, Location::Header { .. })).map(|m| m.wire_name.clone()).collect();
    let headers = op.input.members.iter().filter_map(|m| header_statement(m, &explicit));
    let payload = op.streaming_input().and_then(|m| match &m.location {
        Location::Payload(p) => Some((m, p)),
        _ => None,
    });
    let content_type = match (payload, &op.event_input) {
        (Some((_, p)), _) => p.content_type.clone(),
        (None, Some(_)) => "application/vnd.amazon.eventstream".to_owned(),
        (None, None) => "application/octet-stream".to_owned(),
    };
    // `@requiresLength`: the service must be told the length up front.
    let require_length = payload.filter(|(_, p)| p.requires_length).map(|(m, _)| {
        let member = &m.model_name;
        quote! {
            if content_length.is_none() {
                return Err(crate::error::common::SerializeError::invalid(crate::error::common::ValidationError::new(
                    ::std::string::String::from(#member),
                    ::std::string::String::from("@requiresLength: the streamed body's length must be given"),
                )));
            }
        }
    });
    quote! {
        impl crate::StreamingInput for #name {
            fn serialize_request_head_with(
                input: &#input,
                content_length: ::std::option::Option<u64>,
                options: crate::SerializeOptions,
            ) -> ::std::result::Result<::http::Request<()>, crate::error::common::SerializeError> {
                let root = crate::rt::validate::Path::root(options.validates());
                validate_input(input, &root).map_err(crate::error::common::SerializeError::invalid)?;
                #require_length
                #uri
                #host
                let mut builder = ::http::Request::builder().method(::http::Method::#method).uri(uri);
                #host_extension
                #(#headers)*
                // A member bound to `Content-Type` itself wins.
                builder = crate::rt::http_bind::default_content_type(builder, #content_type);
                if let ::std::option::Option::Some(length) = content_length {
                    builder = builder.header(::http::header::CONTENT_LENGTH, length);
                }
                builder.body(()).map_err(crate::error::common::SerializeError::http)
            }
        }
    }
}

fn streaming_output(op: &OperationIr) -> TokenStream {
    let name = format_ident!("{}", op.rust_name);
    let output = format_ident!("{}", op.output.rust_name);
    let error = format_ident!("{}", op.error_enum);
    // The body is not read: a streaming payload stays unset, the caller streams it (an event
    // stream is no member of the output at all).
    let bind = super::http_response::has_bindings(&op.output).then(|| {
        quote! {
            read_bindings(&mut output, status, response.headers(), b"")
                .map_err(|e| #error::InvalidResponse(crate::error::common::InvalidResponse::new(None, meta.clone(), e)))?;
        }
    });
    quote! {
        impl crate::StreamingOutput for #name {
            fn parse_response_head<B>(response: &::http::Response<B>) -> ::std::result::Result<#output, #error> {
                let status = response.status().as_u16();
                if !response.status().is_success() {
                    return Err(parse_error(status, response.headers(), b""));
                }
                let meta = crate::error::common::ErrorMetadata::new(status, crate::rt::http::request_id(response.headers()));
                let mut output = crate::rt::read_response(b"", None, &meta, read_output).map_err(#error::InvalidResponse)?;
                #bind
                output.request_id = meta.into_request_id();
                Ok(output)
            }
        }
    }
}
