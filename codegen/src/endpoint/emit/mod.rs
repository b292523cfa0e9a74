//! The endpoint IR to `src/endpoint/mod.rs`: the parameters and their builder, and
//! `resolve`, the rules as nested `if`s in the rule set's order.

mod expr;
mod params;

use super::ir::*;
use crate::output::tokens;
use expr::{bound_value, expr, owned_string, property};
use proc_macro2::TokenStream;
use quote::quote;

pub fn module(ir: &EndpointIr) -> Vec<TokenStream> {
    let mut items = vec![
        quote! {
            //! Endpoint resolution, compiled from the service's endpoint rule set: set the
            //! [`Params`], call [`resolve`], and send requests to the returned
            //! [`Endpoint`]'s URL (with its headers, signing as its properties say).
        },
        // What resolution returns, and the functions of the rules language
        // (`::smithy_rt::endpoint::fns`), are the runtime's.
        quote! {
            pub use ::smithy_rt::endpoint::{AuthScheme, Endpoint, ResolveError, ResolveErrorKind, Value};
        },
    ];
    items.extend(params::params(ir));
    items.push(resolve(ir));
    items
}

fn resolve(ir: &EndpointIr) -> TokenStream {
    let mut checks = Vec::new();
    for p in ir.params.iter().filter(|p| p.is_region()) {
        let field = tokens(&p.field);
        let name = &p.model_name;
        checks.push(if p.has_default() {
            quote! {
                if !::smithy_rt::endpoint::fns::is_valid_host_label(&params.#field, false) {
                    return ::std::result::Result::Err(ResolveError::invalid_region(#name, &params.#field));
                }
            }
        } else {
            quote! {
                if let ::std::option::Option::Some(region) = params.#field.as_deref()
                    && !::smithy_rt::endpoint::fns::is_valid_host_label(region, false)
                {
                    return ::std::result::Result::Err(ResolveError::invalid_region(#name, region));
                }
            }
        });
    }
    for p in &ir.params {
        let field = tokens(&p.field);
        let name = &p.model_name;
        let access = match p.ty {
            ParamType::Bool => quote!(params.#field),
            ParamType::String if p.has_default() => quote!(params.#field.as_str()),
            ParamType::StringArray if p.has_default() => quote!(params.#field.as_slice()),
            _ => quote!(params.#field.as_deref()),
        };
        if p.required && !p.has_default() {
            checks.push(if p.used {
                quote! {
                    let ::std::option::Option::Some(#field) = #access else {
                        return ::std::result::Result::Err(ResolveError::missing(#name));
                    };
                }
            } else {
                quote! {
                    if params.#field.is_none() {
                        return ::std::result::Result::Err(ResolveError::missing(#name));
                    }
                }
            });
        } else if p.used {
            checks.push(quote!(let #field = #access;));
        }
    }
    let body = rules(&ir.rules, true);
    quote! {
        /// Resolves the endpoint for `params` by the service's rule set: the URL, headers and
        /// properties of the first rule that matches, or the error of a matching error rule.
        ///
        /// A region (`AWS::Region`) must be a valid host label, so that no value can steer
        /// requests to another host.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
            #(#checks)*
            #body
        }
    }
}

/// The rules in order; in tail position the last value is the function's result.
fn rules(list: &[RuleIr], tail: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for rule in list {
        out.extend(rule_tokens(rule, tail));
    }
    if !list.last().is_some_and(RuleIr::always_applies) {
        let exhausted = quote!(::std::result::Result::Err(ResolveError::no_rule_matched()));
        out.extend(if tail { exhausted } else { quote!(return #exhausted;) });
    }
    out
}

fn rule_tokens(rule: &RuleIr, tail: bool) -> TokenStream {
    // Only a rule that always applies is in tail position: others are statements.
    let tail = tail && rule.always_applies();
    let body = match &rule.result {
        RuleResult::Tree(list) => rules(list, tail),
        RuleResult::Endpoint { url, headers, properties } => {
            let url = owned_string(url);
            let headers = headers.iter().flat_map(|(name, values)| {
                values.iter().map(move |v| {
                    let v = owned_string(v);
                    quote!(.header(#name, #v))
                })
            });
            let properties = properties.iter().map(|(name, value)| {
                let value = property(value);
                quote!(.property(#name, #value))
            });
            let value = quote!(::std::result::Result::Ok(Endpoint::builder(#url) #(#headers)* #(#properties)* .build()));
            if tail { value } else { quote!(return #value;) }
        }
        RuleResult::Error(message) => {
            let message = owned_string(message);
            let value = quote!(::std::result::Result::Err(ResolveError::rule(#message)));
            if tail { value } else { quote!(return #value;) }
        }
    };
    chain(&rule.guards, body)
}

/// Guards as `if a && let Some(x) = b { ... }`, with `let` statements for bindings.
fn chain(guards: &[Guard], body: TokenStream) -> TokenStream {
    let Some(first) = guards.first() else { return body };
    if let Guard::Bind { var, expr } = first {
        let var = tokens(var);
        let value = bound_value(expr);
        let rest = chain(&guards[1..], body);
        return quote!(let #var = #value; #rest);
    }
    let n = guards.iter().take_while(|g| !matches!(g, Guard::Bind { .. })).count();
    let tests = guards[..n].iter().map(|g| match g {
        Guard::Test(e) => expr(e),
        Guard::Some { var, expr: e } => {
            let var = tokens(var);
            let e = expr(e);
            quote!(let ::std::option::Option::Some(#var) = #e)
        }
        Guard::Bind { .. } => unreachable!("taken only up to the first binding"),
    });
    let rest = chain(&guards[n..], body);
    quote!(if #(#tests)&&* { #rest })
}
