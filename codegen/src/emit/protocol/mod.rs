//! The protocol's part of an operation's code: how the request is framed, what the operation
//! module needs besides, and how an error response names its error. Each framing of the IR
//! has its module; the shape codecs (`wire`) are shared by the protocols of a body format.

mod aws_json;
mod rpcv2_cbor;

use crate::ir::{Framing, OperationIr};
use proc_macro2::TokenStream;
use quote::quote;

/// Statements ending in the `Result<http::Request<Vec<u8>>, SerializeError>` expression.
pub(super) fn build_request(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::RestJson => super::http_request::build_request(op),
        Framing::JsonRpc(rpc) => aws_json::build_request(op, rpc),
        Framing::Rpcv2Cbor(cbor) => rpcv2_cbor::build_request(op, cbor),
    }
}

/// The functions `build_request` calls.
pub(super) fn support_items(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::RestJson => super::http_request::support_items(op),
        Framing::JsonRpc(_) => aws_json::support_items(op),
        Framing::Rpcv2Cbor(cbor) => rpcv2_cbor::support_items(op, cbor),
    }
}

/// A line of the operation's docs on how it is called (`` `GET /sessions/{Arn}` ``).
pub(super) fn call_doc(op: &OperationIr) -> String {
    match &op.framing {
        Framing::RestJson => format!("`{} {}`", op.method, super::http_request::uri_display(op)),
        Framing::JsonRpc(rpc) => format!("`POST /` with `X-Amz-Target: {}`", rpc.target),
        Framing::Rpcv2Cbor(cbor) => format!("`POST {}` (Smithy RPC v2 CBOR)", cbor.path),
    }
}

/// The function reading the operation's output from its body (`read_output`).
pub(super) fn read_output_fn(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::RestJson | Framing::JsonRpc(_) => super::wire::read_struct_fn(&quote!(read_output), &op.output),
        Framing::Rpcv2Cbor(_) => super::wire_cbor::read_struct_fn(&quote!(read_output), &op.output),
    }
}

/// The runtime function reading a whole response body into an `InvalidResponse` result.
pub(super) fn read_response_path(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::RestJson | Framing::JsonRpc(_) => quote!(crate::rt::read_response),
        Framing::Rpcv2Cbor(_) => quote!(crate::rt::cbor_body::read_response),
    }
}

/// The runtime function reading what an error response says about itself (`ErrorParts`).
pub(super) fn error_parts_path(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::RestJson => quote!(crate::rt::http::error_parts),
        Framing::JsonRpc(_) => quote!(crate::rt::http::json_rpc_error_parts),
        Framing::Rpcv2Cbor(_) => quote!(crate::rt::cbor_body::error_parts),
    }
}

/// `.with_query_code(..)` on the `ErrorMetadata` of an awsQuery-compatible service's
/// modeled errors: their `code()` is then the awsQuery code, when the response has one.
pub(super) fn query_code(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::JsonRpc(rpc) if rpc.query_compatible => quote!(.with_query_code(crate::rt::http::query_error_code(headers))),
        _ => quote!(),
    }
}

/// The `ErrorParts` (`parts`, the error response's) an error the model does not know is
/// built from: an awsQuery-compatible service gives it the awsQuery code of
/// `x-amzn-query-error`, when the response carries one.
pub(super) fn unhandled_parts(op: &OperationIr) -> TokenStream {
    match &op.framing {
        Framing::JsonRpc(rpc) if rpc.query_compatible => quote!(crate::rt::http::with_query_error_code(parts, headers)),
        _ => quote!(parts),
    }
}
