//! Operations: the `Operation` impl (request serializer, response parser) and the error enum.

use super::validate::{self, Patterns};
use super::wire::{read_struct_fn, write_members_fn};
use super::{doc, doc_or, tokens};
use crate::ir::{Location, MemberIr, NamedKind, OperationIr, TypeRef, UriSegment};
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
    let http_doc = super::doc(&format!("`{} {}`", op.method, uri_display(op)));
    let method = format_ident!("{}", op.method);
    let build_uri = build_uri(op);
    let has_body = op.input.members.iter().any(|m| m.location == Location::Body);
    let request = if has_body {
        quote! {
            let mut body = crate::rt::json::Writer::new();
            write_input_body(&mut body, input);
            ::http::Request::builder()
                .method(::http::Method::#method)
                .uri(uri)
                .header(::http::header::CONTENT_TYPE, "application/json")
                .body(body.finish())
                .map_err(crate::error::common::SerializeError::http)
        }
    } else {
        quote! {
            ::http::Request::builder()
                .method(::http::Method::#method)
                .uri(uri)
                .body(::std::vec::Vec::new())
                .map_err(crate::error::common::SerializeError::http)
        }
    };
    let write_body = has_body.then(|| write_members_fn(&quote!(write_input_body), &tokens(&op.input.rust_path), &op.input.members));
    let read_output = read_struct_fn(&quote!(read_output), &op.output);
    let mut patterns = Patterns::default();
    let validate_input = validate::struct_fn(&quote!(validate_input), &op.input, &mut patterns);
    let error_arms = op.errors.iter().map(|e| {
        let code = &e.code;
        let variant = format_ident!("{}", e.variant);
        let module = tokens(&e.wire_module);
        quote! {
            Some(#code) => #module::read_error(body, meta).map_or_else(#error::InvalidResponse, #error::#variant),
        }
    });
    let dispatch = if op.errors.is_empty() {
        quote!(#error::Unhandled(crate::error::common::UnhandledError::from_parts(parts)))
    } else {
        quote! {
            let meta = crate::error::common::ErrorMetadata::new(parts.status, parts.request_id.clone());
            match parts.code.as_deref() {
                #(#error_arms)*
                _ => #error::Unhandled(crate::error::common::UnhandledError::from_parts(parts)),
            }
        }
    };
    let paginated = paginated_impl(op);
    vec![
        quote!(#![doc = #module_doc]),
        quote! {
            mod error;
            mod input;
            mod output;

            pub use error::#error;
            pub use input::{#input, #input_builder};
            pub use output::{#output, #output_builder};
        },
        quote! {
            #op_doc
            ///
            #http_doc
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
            pub struct #name;
        },
        quote! {
            impl crate::Operation for #name {
                const NAME: &'static str = #wire_name;
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
                    #build_uri
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
                    let mut output = crate::rt::read_response(body, None, &meta, read_output).map_err(#error::InvalidResponse)?;
                    output.request_id = meta.request_id;
                    Ok(output)
                }
            }
        },
        quote! {
            /// Maps an error response to the operation's error, by the code it carries.
            fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> #error {
                let parts = crate::rt::http::error_parts(status, headers, body);
                #dispatch
            }
        },
        paginated,
        validate_input,
        write_body.unwrap_or_default(),
        read_output,
    ]
    .into_iter()
    .chain(patterns.statics())
    .filter(|t| !t.is_empty())
    .collect()
}

/// The template as the model wrote it, for docs.
fn uri_display(op: &OperationIr) -> String {
    let mut s = String::new();
    for seg in &op.uri.path {
        match seg {
            UriSegment::Literal(l) => s.push_str(l),
            UriSegment::Label { model_name, greedy, .. } => {
                s.push_str(&format!("{{{model_name}{}}}", if *greedy { "+" } else { "" }))
            }
        }
    }
    for (i, (k, v)) in op.uri.query.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(k);
        if let Some(v) = v {
            s.push('=');
            s.push_str(v);
        }
    }
    s
}

/// Statements that leave the origin-form URI (path and query) in `uri`.
fn build_uri(op: &OperationIr) -> TokenStream {
    let path = op.uri.path.iter().map(|seg| match seg {
        UriSegment::Literal(l) if l.chars().count() == 1 => {
            let c = l.chars().next().unwrap_or('/');
            quote!(uri.push(#c);)
        }
        UriSegment::Literal(l) => quote!(uri.push_str(#l);),
        UriSegment::Label { field, model_name, greedy } => {
            let m = op.input.members.iter().find(|m| &m.field == field).expect("labels name input members");
            let f = tokens(field);
            let value = scalar_str(&m.ty, &quote!(input.#f), false);
            quote!(crate::rt::http::push_label(&mut uri, #model_name, #value, #greedy)?;)
        }
    });
    let constant = op.uri.query.iter().map(|(k, v)| match v {
        Some(v) => quote!(query.pair(#k, ::std::option::Option::Some(#v));),
        None => quote!(query.pair(#k, ::std::option::Option::None);),
    });
    let members: Vec<&MemberIr> = op.input.members.iter().filter(|m| m.location == Location::Query).collect();
    let bound = members.iter().map(|m| query_pairs(m));
    let has_query = !op.uri.query.is_empty() || !members.is_empty();
    let query = has_query.then(|| {
        quote! {
            let mut query = crate::rt::http::QueryWriter::new(&mut uri);
            #(#constant)*
            #(#bound)*
        }
    });
    quote! {
        let mut uri = ::std::string::String::new();
        #(#path)*
        #query
    }
}

fn query_pairs(m: &MemberIr) -> TokenStream {
    let field = tokens(&m.field);
    let key = &m.wire_name;
    let (item_ty, is_list) = match &m.ty {
        TypeRef::List(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let value = scalar_str(item_ty, &quote!(item), true);
    let push = if is_list {
        quote!(for item in item.iter() { query.pair(#key, ::std::option::Option::Some(#value)); })
    } else {
        quote!(query.pair(#key, ::std::option::Option::Some(#value));)
    };
    if m.is_optional() {
        quote!(if let ::std::option::Option::Some(item) = &input.#field { #push })
    } else {
        quote!({ let item = &input.#field; #push })
    }
}

/// A `&str` expression for a scalar bound to the URI (string, enum, boolean or integer);
/// `value` is a place of type `T`, or of type `&T` when `by_ref`.
fn scalar_str(ty: &TypeRef, value: &TokenStream, by_ref: bool) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#value.as_str()),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote!(#value.as_str()),
        TypeRef::Bool if by_ref => quote!(if *#value { "true" } else { "false" }),
        TypeRef::Bool => quote!(if #value { "true" } else { "false" }),
        _ => quote!(&#value.to_string()),
    }
}

pub fn emit_error_enum(op: &OperationIr) -> Vec<TokenStream> {
    let error = format_ident!("{}", op.error_enum);
    let docs = super::doc(&format!(
        "An error of [`{0}`](super::{0}): one variant per error the model lists, plus `Unhandled` for any other error response and `InvalidResponse` for a response that could not be read.",
        op.rust_name
    ));
    let variants: Vec<_> = op.errors.iter().map(|e| format_ident!("{}", e.variant)).collect();
    let paths: Vec<_> = op.errors.iter().map(|e| tokens(&e.rust_path)).collect();
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
                        #( Self::#variants(e) => e, )*
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
    let next_token = match member(&op.output, &p.output_token_field) {
        Some(m) if !m.is_optional() => quote!(Some(output.#output_token.as_str())),
        _ => quote!(output.#output_token.as_deref()),
    };
    let page_size = match p.page_size_field.as_ref().and_then(|f| member(&op.input, f)) {
        Some(m) if m.ty == TypeRef::Integer => {
            let field = tokens(&m.field);
            quote!(input.#field = Some(size);)
        }
        _ => quote!(let _ = (input, size);),
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
        " Pages of [`{0}`], following `{1}` until the service returns none. Iterate it for pages, or call `.items()` for the items of every page.",
        op.rust_name, p.output_token_field
    );
    quote! {
        impl crate::paginate::Paginated for #name {
            type Item = #item_ty;

            fn set_token(input: &mut #input, token: Option<String>) {
                input.#input_token = token;
            }

            fn next_token(output: &#output) -> Option<&str> {
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
