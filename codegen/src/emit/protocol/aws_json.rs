//! awsJson1_0 and awsJson1_1 requests: `POST /` naming the operation in `X-Amz-Target`, the
//! whole input as a JSON object (`{}` when it has no members).

use crate::emit::http_request::{body_rules, host_prefix};
use crate::emit::tokens;
use crate::emit::wire::write_members_fn;
use crate::ir::{JsonRpcFraming, OperationIr};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn build_request(op: &OperationIr, rpc: &JsonRpcFraming) -> TokenStream {
    let content_type = &rpc.content_type;
    let target = &rpc.target;
    let host_prefix_statements = host_prefix(op);
    let host_extension = (!op.host_prefix.is_empty()).then(|| quote!(let builder = builder.extension(crate::HostPrefix::new(host_prefix));));
    let body_rules = body_rules(op);
    // Compression and checksums change the builder; without them it is not rebound.
    let mutable = (!op.body_rules.is_empty()).then(|| quote!(mut));
    quote! {
        #host_prefix_statements
        let mut body = crate::rt::json::Writer::new();
        write_input_body(&mut body, input, &options);
        let body = body.finish();
        let #mutable builder = ::http::Request::builder()
            .method(::http::Method::POST)
            .uri("/")
            .header(::http::header::CONTENT_TYPE, #content_type)
            .header("x-amz-target", #target);
        #host_extension
        #body_rules
        builder
            .header(::http::header::CONTENT_LENGTH, body.len())
            .body(body)
            .map_err(crate::error::common::SerializeError::http)
    }
}

/// The JSON object writer of the input: every member, even when there are none.
pub(super) fn support_items(op: &OperationIr) -> TokenStream {
    write_members_fn(&quote!(write_input_body), &tokens(&op.input.rust_path), &op.input.members, true)
}
