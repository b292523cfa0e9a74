//! The rule set's own test cases (`smithy.rules#endpointTests`) as `tests/endpoint_tests.rs`
//! of the generated crate: one `#[test]` each, checking the URL, headers and properties, or
//! the error message.

use super::ir::*;
use crate::output::{doc, tokens};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn file(ir: &EndpointIr, crate_name: &str) -> Vec<TokenStream> {
    let krate = format_ident!("{crate_name}");
    let mut items = vec![quote! {
        //! The endpoint rule set's own test cases (`smithy.rules#endpointTests` in the model).
    }];
    if ir.tests.is_empty() {
        return items;
    }
    items.push(quote! {
        use #krate::endpoint::{resolve, Params, Value};
        use ::std::collections::BTreeMap;
    });
    for test in &ir.tests {
        let name = format_ident!("{}", test.fn_name);
        let docs = doc(if test.docs.trim().is_empty() { "(no description)" } else { test.docs.trim() });
        let setters = test.params.iter().map(|(field, value)| {
            let setter = tokens(field);
            let value = match value {
                Literal::String(s) => quote!(#s),
                Literal::Bool(b) => quote!(#b),
                Literal::Array(items) => {
                    let items = items.iter().map(|i| match i {
                        Literal::String(s) => quote!(#s),
                        _ => quote!(),
                    });
                    quote!([#(#items),*])
                }
                _ => quote!(),
            };
            quote!(.#setter(#value))
        });
        let check = match &test.expect {
            TestExpect::Endpoint { url, headers, properties } => {
                let headers = headers.iter().map(|(name, values)| quote!((#name.to_owned(), ::std::vec![#(#values.to_owned()),*])));
                let properties = properties.iter().map(|(name, value)| {
                    let value = value_tokens(value);
                    quote!((#name.to_owned(), #value))
                });
                quote! {
                    let endpoint = resolve(&params).expect("the rules give an endpoint");
                    assert_eq!(endpoint.url(), #url);
                    let headers: &BTreeMap<String, Vec<String>> = &BTreeMap::from([#(#headers),*]);
                    assert_eq!(endpoint.headers(), headers);
                    let properties: &BTreeMap<String, Value> = &BTreeMap::from([#(#properties),*]);
                    assert_eq!(endpoint.properties(), properties);
                }
            }
            TestExpect::Error(message) => quote! {
                let error = resolve(&params).expect_err("the rules give an error");
                assert_eq!(error.to_string(), #message);
            },
        };
        items.push(quote! {
            #docs
            #[test]
            fn #name() {
                let params = Params::builder() #(#setters)* .build();
                #check
            }
        });
    }
    items
}

fn value_tokens(value: &Literal) -> TokenStream {
    match value {
        Literal::String(s) => quote!(Value::String(#s.to_owned())),
        Literal::Bool(b) => quote!(Value::Bool(#b)),
        // Refused in lowering: properties hold no numbers.
        Literal::Int(_) => quote!(::std::unreachable!()),
        Literal::Array(items) => {
            let items = items.iter().map(value_tokens);
            quote!(Value::Array(::std::vec![#(#items),*]))
        }
        Literal::Map(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = value_tokens(v);
                quote!((#k.to_owned(), #v))
            });
            quote!(Value::Map(BTreeMap::from([#(#entries),*])))
        }
    }
}
