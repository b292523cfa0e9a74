//! Fluent calls: `client.list_sessions().approval_team_arn(arn).send()`. Each operation
//! (but those that stream, which keep their methods taking the input) gets a fluent
//! builder, `src/operation/<op>/fluent.rs`, generic over the client: it wraps the input's
//! builder, so required members stay type parameters (`send()` compiles once they are
//! set), forwards its setters, and carries the call's own settings
//! (`smithy_rt::client::CallSettings`). Both clients send it through their typed entry
//! point, `call_with`.

use super::builder::setters;
use crate::ir::{OperationIr, Presence};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Whether an operation is called fluently (streaming operations keep their methods).
pub(crate) fn has_fluent(op: &OperationIr) -> bool {
    !op.is_streaming()
}

/// `src/operation/<op>/fluent.rs`.
pub(crate) fn module(op: &OperationIr) -> Vec<TokenStream> {
    let s = &op.input;
    let op_name = format_ident!("{}", op.rust_name);
    let input = format_ident!("{}", s.rust_name);
    let output = format_ident!("{}", op.output.rust_name);
    let error = format_ident!("{}", op.error_enum);
    let input_builder = format_ident!("{}", s.builder_name);
    let fluent = format_ident!("{}", op.fluent_builder);
    let required: Vec<_> = s.members.iter().filter(|m| m.presence == Presence::Required).collect();
    let params: Vec<syn::Ident> = required.iter().map(|m| format_ident!("{}", m.type_param)).collect();
    let settled: Vec<TokenStream> = required.iter().map(|m| super::structure::field_type(m)).collect();
    let bounds: Vec<TokenStream> = required
        .iter()
        .zip(&params)
        .map(|(m, p)| {
            let ty = super::structure::field_type(m);
            quote!(#p: crate::builder::Required<#ty>)
        })
        .collect();
    let defaults = params.iter().map(|p| quote!(#p = crate::builder::Missing));
    // A setter that keeps the builder's type changes it in place; one that settles a
    // required member moves it into the fluent builder of the new type.
    let forwarded = setters(s).into_iter().map(|setter| {
        let (docs, name, params_decl, args, bound) = (&setter.docs, &setter.name, &setter.params, &setter.args, &setter.bound);
        // The forwarding setter of a deprecated member is deprecated itself (its docs say
        // so); the call it forwards to is the one use of the builder's that is expected.
        let allow = s.members.iter().any(|m| m.field == setter.member && m.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]));
        match &setter.out_params {
            Some(out) => quote! {
                #docs
                #allow
                pub fn #name(self, #params_decl) -> #fluent<C, #(#out),*> #bound {
                    #fluent { client: self.client, input: self.input.#name(#args), settings: self.settings }
                }
            },
            None => quote! {
                #docs
                #allow
                pub fn #name(mut self, #params_decl) -> Self #bound {
                    self.input = self.input.#name(#args);
                    self
                }
            },
        }
    });
    let type_doc = super::doc(&format!(
        "A call of [`{0}`] being set up: `client.{1}()` on either client starts it. Set the members as on [`{2}`] (`send()` compiles once the required ones are set), or start from a whole input with `from_input`; `customize` changes the client's settings for this call alone.",
        op.rust_name,
        super::file_stem(&op.module),
        s.builder_name,
    ));
    let blocking_pages = op.pagination.is_some().then(|| {
        quote! {
            /// The pages of the call, fetched as they are iterated (or `.items()`), each with
            /// this call's settings.
            pub fn into_paginator(self) -> ::smithy_rt::client::blocking::Paginator<#op_name> {
                ::smithy_rt::client::blocking::Paginator::new(self.client.0, self.input.build(), self.settings)
            }
        }
    });
    let async_pages = op.pagination.is_some().then(|| {
        quote! {
            /// The pages of the call, a stream (or `.items()`), each fetched with this call's
            /// settings.
            pub fn into_paginator(self) -> ::smithy_rt::client::Paginator<#op_name> {
                ::smithy_rt::client::Paginator::new(self.client.0, self.input.build(), self.settings)
            }
        }
    });
    vec![
        quote! {
            //! The fluent call of the operation: its builder, on either client.
        },
        quote! {
            use super::{#error, #input, #input_builder, #op_name, #output};
        },
        quote! {
            #type_doc
            #[must_use = "a call is sent by `send()`"]
            pub struct #fluent<C, #(#defaults),*> {
                client: C,
                input: #input_builder<#(#params),*>,
                settings: crate::client::CallSettings,
            }

            impl<C> #fluent<C> {
                /// A call with no member set, by `client`.
                pub(crate) fn new(client: C) -> Self {
                    #fluent { client, input: #input::builder(), settings: ::std::default::Default::default() }
                }
            }

            impl<C, #(#params),*> #fluent<C, #(#params),*> {
                #(#forwarded)*

                /// Starts from a whole input: its members replace those set so far.
                pub fn from_input(self, input: #input) -> #fluent<C, #(#settled),*> {
                    #fluent { client: self.client, input: input.into_builder(), settings: self.settings }
                }

                /// Changes the client's settings for this call alone (timeouts, attempts,
                /// request options, extra headers): `.customize(|c| c.max_attempts(1))`.
                pub fn customize(
                    mut self,
                    change: impl ::std::ops::FnOnce(crate::client::CallSettings) -> crate::client::CallSettings,
                ) -> Self {
                    self.settings = change(self.settings);
                    self
                }
            }

            #[cfg(feature = "blocking")]
            impl<#(#params),*> #fluent<crate::blocking::Client, #(#params),*>
            where
                #(#bounds),*
            {
                /// Sends the call (signed, retrying as configured) and waits for its answer.
                pub fn send(self) -> ::std::result::Result<#output, crate::client::Error<#error>> {
                    self.client.call_with::<#op_name>(&self.input.build(), &self.settings)
                }

                #blocking_pages
            }

            #[cfg(feature = "client")]
            impl<#(#params),*> #fluent<crate::client::Client, #(#params),*>
            where
                #(#bounds),*
            {
                /// Sends the call (signed, retrying as configured): a future of its answer,
                /// `Send` and `'static`, to await or spawn.
                pub async fn send(self) -> ::std::result::Result<#output, crate::client::Error<#error>> {
                    self.client.call_with::<#op_name>(&self.input.build(), &self.settings).await
                }

                #async_pages
            }
        },
    ]
}

/// The client methods that start the fluent calls: `(async, blocking)`.
pub(crate) fn client_methods(op: &OperationIr, method: &TokenStream) -> (TokenStream, TokenStream) {
    let module = super::tokens(&op.module_path);
    let fluent = format_ident!("{}", op.fluent_builder);
    let deprecated = super::deprecated_attr(op.deprecated.as_deref());
    let doc = |how: &str| {
        super::doc(&format!(
            "Calls [`{0}`]({1}::{0}): set its members on the builder this returns, then `{how}` (signed, retrying as configured). `client.call::<{0}>(&input)` calls it with a whole input.",
            op.rust_name, op.module_path,
        ))
    };
    let (async_doc, blocking_doc) = (doc("send().await"), doc("send()"));
    (
        quote! {
            #async_doc
            #deprecated
            pub fn #method(&self) -> #module::#fluent<super::Client> {
                #module::#fluent::new(self.clone())
            }
        },
        quote! {
            #blocking_doc
            #deprecated
            pub fn #method(&self) -> #module::#fluent<crate::blocking::Client> {
                #module::#fluent::new(self.clone())
            }
        },
    )
}
