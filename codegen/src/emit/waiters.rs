//! `crate::waiters`: one type per waiter, built by the clients' `wait_until_<name>()`, that
//! takes the operation's members through its input builder (required ones checked when
//! `wait` is called, at compile time) and calls the operation until an acceptor ends the
//! wait; the acceptors as one function over the input and the call's result.

use super::builder::setters;
use super::waiter_expr::{reads_input, value};
use super::{Files, doc, file_stem, tokens};
use crate::error::Error;
use crate::ir::waiter::*;
use crate::ir::{CrateIr, OperationIr, Presence};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    if ir.waiters.is_empty() {
        return Ok(());
    }
    let mods = ir.waiters.iter().map(|w| {
        let m = format_ident!("{}", file_stem(&w.module));
        let name = format_ident!("{}", w.name);
        quote!(pub mod #m; pub use #m::#name;)
    });
    files.rust(
        "src/waiters/mod.rs",
        vec![
            quote! {
                //! Waiters: `client.wait_until_<name>()`, the operation's members, then
                //! `.wait(max_wait)`, which calls the operation until the model's acceptors say
                //! the resource reached the awaited state (or cannot), sleeping between calls
                //! with jittered exponential backoff.
            },
            quote! {
                pub use ::smithy_rt::waiter::{AcceptorState, Delays, FinalPoll, WaiterError};
                #(#mods)*
            },
        ],
    )?;
    for w in &ir.waiters {
        let op = ir.operations.iter().find(|o| o.rust_name == w.operation).expect("a waiter's operation is generated");
        files.rust_job(format!("src/waiters/{}.rs", file_stem(&w.module)), move || waiter(w, op));
    }
    Ok(())
}

fn waiter(w: &WaiterIr, op: &OperationIr) -> Vec<TokenStream> {
    let name = format_ident!("{}", w.name);
    let input = tokens(&op.input.rust_path);
    let builder = tokens(&format!("{}::{}", op.module_path, op.input.builder_name));
    let output = tokens(&op.output.rust_path);
    let operation = tokens(&format!("{}::{}", op.module_path, op.rust_name));
    let error = tokens(&format!("crate::client::Error<{}::{}>", op.module_path, op.error_enum));
    let (min, max) = (proc_macro2::Literal::u64_unsuffixed(w.min_delay), proc_macro2::Literal::u64_unsuffixed(w.max_delay));
    let params: Vec<syn::Ident> = op.input.members.iter().filter(|m| m.presence == Presence::Required).map(|m| format_ident!("{}", m.type_param)).collect();
    let bounds = op.input.members.iter().filter(|m| m.presence == Presence::Required).map(|m| {
        let (p, ty) = (format_ident!("{}", m.type_param), super::structure::rust_type(&m.ty));
        quote!(#p: crate::builder::Required<#ty>)
    });
    let bounds = quote!(#(#bounds),*);
    // The input builder's own setters, passed through: one that settles a required member
    // changes the builder's type, so the waiter's.
    let setters = setters(&op.input).into_iter().map(|s| {
        let (method, params_decl, args, bound) = (&s.name, &s.params, &s.args, &s.bound);
        let returns = match &s.out_params {
            Some(out) => quote!(#builder<#(#out),*>),
            None => quote!(#builder<#(#params),*>),
        };
        let docs = doc(&format!("Sets the input's [`{0}`]({1}::{0}).", file_stem(&s.member), op.input.rust_path));
        quote! {
            #docs
            pub fn #method(self, #params_decl) -> #name<'c, C, #returns> #bound {
                #name { client: self.client, input: self.input.#method(#args), delays: self.delays }
            }
        }
    });
    let op_path = format!("{}::{}", op.module_path, op.rust_name);
    let title = format!("The waiter `{}`: calls [`{}`]({op_path}) until it {}.", w.name, op.rust_name, outcome(w));
    let mut docs = title;
    if !w.docs.is_empty() {
        docs.push_str("\n\n");
        docs.push_str(&w.docs);
    }
    docs.push_str(&format!(
        "\n\nBuilt by `client.{}()`; set the operation's members, then `.wait(max_wait)`. Between calls it waits {min} to {max} seconds (the model's delays), unless [`min_delay`](Self::min_delay) and [`max_delay`](Self::max_delay) say otherwise.",
        w.method
    ));
    if w.deprecated {
        docs.push_str("\n\nThe model marks this waiter deprecated.");
    }
    let docs = doc(&docs);
    let method = format_ident!("{}", w.method);
    let method_docs = doc(&format!("Starts the waiter [`{}`].", w.name));
    let result_ty = quote!(::std::result::Result<::smithy_rt::waiter::FinalPoll<#output, #error>, ::smithy_rt::waiter::WaiterError<#output, #error>>);
    let accept = acceptors(w, &output, &error, &input);
    let item = quote! {
        #docs
        #[must_use]
        pub struct #name<'c, C, B = #builder> {
            client: &'c C,
            input: B,
            delays: ::smithy_rt::waiter::Delays,
        }

        impl<'c, C> #name<'c, C> {
            fn new(client: &'c C) -> Self {
                #name { client, input: #input::builder(), delays: ::smithy_rt::waiter::Delays::from_secs(#min, #max) }
            }
        }

        impl<C, B> #name<'_, C, B> {
            /// Sets the shortest delay between two calls (the model's `minDelay` otherwise).
            pub fn min_delay(mut self, delay: ::std::time::Duration) -> Self {
                self.delays.min = delay;
                self
            }
            /// Sets the longest delay between two calls (the model's `maxDelay` otherwise).
            pub fn max_delay(mut self, delay: ::std::time::Duration) -> Self {
                self.delays.max = delay;
                self
            }
        }

        impl<'c, C, #(#params),*> #name<'c, C, #builder<#(#params),*>> {
            #(#setters)*
        }

        #[cfg(feature = "blocking")]
        impl<#(#params),*> #name<'_, crate::blocking::Client, #builder<#(#params),*>> where #bounds {
            /// Calls the operation until an acceptor ends the wait, or `max_wait` passes.
            pub fn wait(self, max_wait: ::std::time::Duration) -> #result_ty {
                let input = self.input.build();
                ::smithy_rt::waiter::wait_blocking(self.delays, max_wait, || self.client.call::<#operation>(&input), |result| acceptor_state(&input, result))
            }
        }

        #[cfg(feature = "client")]
        impl<#(#params),*> #name<'_, crate::client::Client, #builder<#(#params),*>> where #bounds {
            /// Calls the operation until an acceptor ends the wait, or `max_wait` passes.
            pub async fn wait(self, max_wait: ::std::time::Duration) -> #result_ty {
                let input = self.input.build();
                ::smithy_rt::waiter::wait_async(self.delays, max_wait, || self.client.call::<#operation>(&input), |result| acceptor_state(&input, result)).await
            }
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            #method_docs
            pub fn #method(&self) -> #name<'_, Self> {
                #name::new(self)
            }
        }

        #[cfg(feature = "client")]
        impl crate::client::Client {
            #method_docs
            pub fn #method(&self) -> #name<'_, Self> {
                #name::new(self)
            }
        }

        #accept
    };
    let header = format!(" The waiter `{}` of [`{}`]({op_path}).", w.name, op.rust_name);
    vec![quote!(#![doc = #header]), item]
}

/// What the waiter waits for, in a few words, for its docs.
fn outcome(w: &WaiterIr) -> &'static str {
    let success = w.acceptors.iter().filter(|a| a.state == AcceptorState::Success).map(|a| &a.matcher);
    if success.clone().all(|m| matches!(m, MatcherIr::ErrorType(_))) && w.acceptors.iter().any(|a| a.state == AcceptorState::Success) {
        "answers with the awaited error"
    } else {
        "reaches the awaited state"
    }
}

/// `fn accept(input, result) -> Option<AcceptorState>`: the acceptors in the model's order,
/// the first that matches deciding.
fn acceptors(w: &WaiterIr, output: &TokenStream, error: &TokenStream, input: &TokenStream) -> TokenStream {
    let uses_input = w.acceptors.iter().any(|a| matches!(&a.matcher, MatcherIr::Path { expr, .. } if reads_input(expr)));
    let input_name = if uses_input { quote!(input) } else { quote!(_input) };
    let checks = w.acceptors.iter().map(|a| {
        let state = match a.state {
            AcceptorState::Success => quote!(Success),
            AcceptorState::Failure => quote!(Failure),
            AcceptorState::Retry => quote!(Retry),
        };
        let condition = match &a.matcher {
            MatcherIr::Success(true) => quote!(result.is_ok()),
            MatcherIr::Success(false) => quote!(result.is_err()),
            MatcherIr::ErrorType(code) => {
                quote!(result.as_ref().err().and_then(crate::client::Error::service_error).is_some_and(|e| e.code() == #code))
            }
            MatcherIr::Path { expr: e, comparator, expected } => {
                let (value, nullable) = value(e);
                let test = match (comparator, nullable) {
                    (Comparator::StringEquals, true) => quote!(#value == ::std::option::Option::Some(#expected)),
                    (Comparator::StringEquals, false) => quote!(#value == #expected),
                    (Comparator::BooleanEquals, true) => {
                        let b = expected == "true";
                        quote!(#value == ::std::option::Option::Some(#b))
                    }
                    (Comparator::BooleanEquals, false) if expected == "true" => value,
                    (Comparator::BooleanEquals, false) => quote!(!(#value)),
                    (Comparator::AllStringEquals, true) => quote!(#value.is_some_and(|l| !l.is_empty() && l.iter().all(|v| *v == #expected))),
                    (Comparator::AllStringEquals, false) => quote!({ let l = #value; !l.is_empty() && l.iter().all(|v| *v == #expected) }),
                    (Comparator::AnyStringEquals, true) => quote!(#value.is_some_and(|l| l.contains(&#expected))),
                    (Comparator::AnyStringEquals, false) => quote!(#value.contains(&#expected)),
                };
                quote!(result.as_ref().is_ok_and(|output| #test))
            }
        };
        quote! {
            if #condition {
                return ::std::option::Option::Some(::smithy_rt::waiter::AcceptorState::#state);
            }
        }
    });
    quote! {
        /// The acceptors' verdict on one call's result, as the waiter takes it: the state of the
        /// first acceptor (in the model's order) that matches, `None` when none does (the waiter
        /// then retries after an output and stops after an error).
        pub fn acceptor_state(#input_name: &#input, result: &::std::result::Result<#output, #error>) -> ::std::option::Option<::smithy_rt::waiter::AcceptorState> {
            #(#checks)*
            ::std::option::Option::None
        }
    }
}
