//! Operations: the `Operation` impl (request serializer, response parser) and the error enum.

use super::validate::{self, Patterns};
use super::{doc, doc_or, tokens};
use crate::ir::{OperationIr, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit_module(op: &OperationIr) -> Vec<TokenStream> {
    let name = format_ident!("{}", op.rust_name);
    let input = format_ident!("{}", op.input.rust_name);
    let output = format_ident!("{}", op.output.rust_name);
    let error = format_ident!("{}", op.error_enum);
    let input_builder = format_ident!("{}", op.input.builder_name);
    let output_builder = format_ident!("{}", op.output.builder_name);
    let module_doc = format!(" The `{}` operation: its input, output and errors.", op.rust_name);
    let op_doc = doc_or(&op.docs, &format!("The `{}` operation.", op.rust_name));
    let wire_name = &op.model_name;
    // The clients send the requests of an operation whose event stream the service takes
    // over HTTP/2 as this says.
    let http2 = match op.http2 {
        crate::ir::Http2::No => None,
        crate::ir::Http2::Preferred => Some(quote!(const HTTP2: ::smithy_rt::Http2 = ::smithy_rt::Http2::Preferred;)),
        crate::ir::Http2::Required => Some(quote!(const HTTP2: ::smithy_rt::Http2 = ::smithy_rt::Http2::Required;)),
    };
    let deprecated = super::deprecated_attr(op.deprecated.as_deref());
    let http_doc = super::doc(&super::protocol::call_doc(op));
    let request = match &op.event_input {
        Some(stream) => {
            let member = &stream.model_name;
            quote!(::std::result::Result::Err(crate::error::common::SerializeError::event_stream_input(#member)))
        }
        None => super::protocol::build_request(op),
    };
    let write_body = super::protocol::support_items(op);
    let read_output = super::protocol::read_output_fn(op);
    let mut patterns = Patterns::default();
    let validate_input = validate::struct_fn(&quote!(validate_input), &op.input, &mut patterns);
    let error_arms = op.errors.iter().map(|e| {
        let code = &e.code;
        let variant = format_ident!("{}", e.variant);
        let module = tokens(&e.wire_module);
        let wrap = if e.boxed { quote!(|e| #error::#variant(::std::boxed::Box::new(e))) } else { quote!(#error::#variant) };
        quote! {
            Some(#code) => #module::read_error(headers, body, meta).map_or_else(#error::InvalidResponse, #wrap),
        }
    });
    let unhandled_parts = super::protocol::unhandled_parts(op);
    let query_code = super::protocol::query_code(op);
    let dispatch = if op.errors.is_empty() {
        quote!(#error::Unhandled(crate::error::common::UnhandledError::from_parts(#unhandled_parts)))
    } else {
        quote! {
            let meta = crate::error::common::ErrorMetadata::new(parts.status, parts.request_id.clone()) #query_code;
            match parts.code.as_deref() {
                #(#error_arms)*
                _ => #error::Unhandled(crate::error::common::UnhandledError::from_parts(#unhandled_parts)),
            }
        }
    };
    let paginated = paginated_impl(op);
    let read_response = super::protocol::read_response_path(op);
    let error_parts = super::protocol::error_parts_path(op);
    // An event stream's body is read by its receiver, as it arrives.
    let json_body = if super::http_response::has_payload(&op.output) || op.event_output.is_some() { quote!(b"") } else { quote!(body) };
    let bind_output = super::http_response::has_bindings(&op.output).then(|| {
        quote! {
            read_bindings(&mut output, status, response.headers(), body)
                .map_err(|e| #error::InvalidResponse(crate::error::common::InvalidResponse::new(None, meta.clone(), e)))?;
        }
    });
    let read_bindings = super::http_response::read_bindings_fn(&op.output);
    let fluent = super::fluent::has_fluent(op).then(|| {
        let fluent = format_ident!("{}", op.fluent_builder);
        quote! {
            #[cfg(any(feature = "blocking", feature = "client"))]
            mod fluent;
            #[cfg(any(feature = "blocking", feature = "client"))]
            pub use fluent::#fluent;
        }
    });
    vec![
        quote!(#![doc = #module_doc]),
        quote! {
            mod error;
            mod input;
            mod output;

            pub use error::#error;
            pub use input::{#input, #input_builder};
            pub use output::{#output, #output_builder};
            #fluent
        },
        quote! {
            #op_doc
            ///
            #http_doc
            #deprecated
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
            pub struct #name;
        },
        quote! {
            impl crate::Operation for #name {
                const NAME: &'static str = #wire_name;
                #http2
                type Input = #input;
                type Output = #output;
                type Error = #error;

                fn serialize_request_with(
                    input: &#input,
                    options: crate::SerializeOptions,
                ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::common::SerializeError> {
                    // With validation off, constraints are skipped but an input that
                    // cannot be written (an unknown union member) is still refused.
                    let root = crate::rt::validate::Path::root(options.validates());
                    validate_input(input, &root).map_err(crate::error::common::SerializeError::invalid)?;
                    #request
                }

                fn parse_response<B: ::std::convert::AsRef<[u8]>>(
                    response: &::http::Response<B>,
                ) -> ::std::result::Result<#output, #error> {
                    let body = response.body().as_ref();
                    let status = response.status().as_u16();
                    if !response.status().is_success() {
                        return Err(parse_error(status, response.headers(), body));
                    }
                    let meta = crate::error::common::ErrorMetadata::new(status, crate::rt::http::request_id(response.headers()));
                    let mut output = #read_response(#json_body, None, &meta, read_output).map_err(#error::InvalidResponse)?;
                    #bind_output
                    output.request_id = meta.into_request_id();
                    Ok(output)
                }
            }
        },
        quote! {
            /// Maps an error response to the operation's error, by the code it carries.
            fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> #error {
                let parts = #error_parts(status, headers, body);
                #dispatch
            }
        },
        paginated,
        super::streaming::impls(op),
        validate_input,
        write_body,
        read_output,
        read_bindings,
    ]
    .into_iter()
    .chain(patterns.statics())
    .filter(|t| !t.is_empty())
    .collect()
}

pub fn emit_error_enum(op: &OperationIr) -> Vec<TokenStream> {
    let error = format_ident!("{}", op.error_enum);
    let boxed_note = if op.errors.iter().any(|e| e.boxed) {
        " Errors with members besides their message are boxed, which keeps the enum (and every `Result` carrying it) small."
    } else {
        ""
    };
    let docs = super::doc(&format!(
        "An error of [`{0}`](super::{0}): one variant per error the model lists, plus `Unhandled` for any other error response and `InvalidResponse` for a response that could not be read.{boxed_note}",
        op.rust_name
    ));
    let variants: Vec<_> = op.errors.iter().map(|e| format_ident!("{}", e.variant)).collect();
    let paths: Vec<_> = op
        .errors
        .iter()
        .map(|e| {
            let path = tokens(&e.rust_path);
            if e.boxed { quote!(::std::boxed::Box<#path>) } else { path }
        })
        .collect();
    let inners = op.errors.iter().map(|e| if e.boxed { quote!(&**e) } else { quote!(e) });
    let variant_docs = op.errors.iter().map(|e| doc(&format!("[`{0}`]({1}).", e.code, e.rust_path)));
    vec![
        quote! {
            #docs
            #[derive(Debug)]
            #[non_exhaustive]
            pub enum #error {
                #( #variant_docs #variants(#paths), )*
                /// An error response the model does not describe for this operation.
                Unhandled(crate::error::common::UnhandledError),
                /// A response that could not be read.
                InvalidResponse(crate::error::common::InvalidResponse),
            }
        },
        quote! {
            impl #error {
                /// The error itself, whichever variant holds it.
                fn inner(&self) -> &dyn crate::error::common::ServiceError {
                    match self {
                        #( Self::#variants(e) => #inners, )*
                        Self::Unhandled(e) => e,
                        Self::InvalidResponse(e) => e,
                    }
                }

                /// The error code: the modeled error's name, the code the service sent, or the
                /// HTTP status when it sent none.
                pub fn code(&self) -> &str {
                    self.inner().code()
                }

                /// The message the service sent, if any.
                pub fn message(&self) -> ::std::option::Option<&str> {
                    self.inner().message()
                }

                /// The request id the service sent (`x-amzn-requestid`).
                pub fn request_id(&self) -> ::std::option::Option<&str> {
                    self.inner().request_id()
                }

                /// Whether the same request may succeed later: the error is `@retryable` in
                /// the model, a throttling error, or a server-side (5xx) failure.
                pub fn is_retryable(&self) -> bool {
                    self.inner().is_retryable()
                }
            }
        },
        quote! {
            impl ::std::fmt::Display for #error {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Display::fmt(self.inner(), f)
                }
            }
        },
        quote! {
            impl ::std::error::Error for #error {
                fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                    ::std::option::Option::Some(self.inner())
                }
            }
        },
    ]
}

/// `Paginated` for an operation with `@paginated`, and its `paginate` constructor.
fn paginated_impl(op: &OperationIr) -> TokenStream {
    let Some(p) = &op.pagination else { return quote!() };
    let name = format_ident!("{}", op.rust_name);
    let input = format_ident!("{}", op.input.rust_name);
    let output = format_ident!("{}", op.output.rust_name);
    let member = |s: &crate::ir::StructIr, field: &str| s.members.iter().find(|m| m.field == field).cloned();
    let input_token = tokens(&p.input_token_field);
    let output_token = tokens(&p.output_token_field);
    let optional = member(&op.output, &p.output_token_field).is_none_or(|m| m.is_optional());
    // A string token is lent as `str`; a map token as the map the output holds.
    let (token, owned, lent, next_token) = match &p.token_type {
        TypeRef::String => (
            quote!(str),
            quote!(String),
            quote!(str),
            if optional { quote!(output.#output_token.as_deref()) } else { quote!(Some(output.#output_token.as_str())) },
        ),
        map => (
            super::structure::rust_type(map),
            quote!(Self::Token),
            quote!(Self::Token),
            if optional { quote!(output.#output_token.as_ref()) } else { quote!(Some(&output.#output_token)) },
        ),
    };
    // The page size member is an integer or a long (checked in lowering).
    let page_size = match p.page_size_field.as_ref().and_then(|f| member(&op.input, f)) {
        Some(m) if m.ty == TypeRef::Long => {
            let field = tokens(&m.field);
            quote!(input.#field = Some(i64::from(size));)
        }
        Some(m) => {
            let field = tokens(&m.field);
            quote!(input.#field = Some(size);)
        }
        None => quote!(let _ = (input, size);),
    };
    let (item_ty, items) = match (&p.items_type, &p.items_field) {
        (Some(TypeRef::List(inner)), Some(field)) => {
            let f = tokens(field);
            let body = match member(&op.output, field) {
                Some(m) if !m.is_optional() => quote!(output.#f),
                _ => quote!(output.#f.unwrap_or_default()),
            };
            (super::structure::rust_type(inner), body)
        }
        _ => (quote!(::std::convert::Infallible), quote!({ let _ = output; Vec::new() })),
    };
    let doc = format!(
        " Pages of [`{0}`], following `{1}` until the service returns none. Iterate it for pages, or call `.items()` for the items of every page. A token the service returns twice yields the page that carried it, then `PaginationError::RepeatedToken`. Requests are built with the transport's options (a client's configured `SerializeOptions`) or the defaults.",
        op.rust_name, p.output_token_field
    );
    quote! {
        impl crate::paginate::Paginated for #name {
            type Item = #item_ty;
            type Token = #token;

            fn set_token(input: &mut #input, token: Option<#owned>) {
                input.#input_token = token;
            }

            fn next_token(output: &#output) -> Option<&#lent> {
                #next_token
            }

            fn set_page_size(input: &mut #input, size: i32) {
                #page_size
            }

            fn into_items(output: #output) -> Vec<Self::Item> {
                #items
            }
        }

        impl #name {
            #[doc = #doc]
            pub fn paginate<T: crate::paginate::Transport>(input: #input, transport: T) -> crate::paginate::Paginator<Self, T> {
                crate::paginate::Paginator::new(input, transport)
            }
        }
    }
}

