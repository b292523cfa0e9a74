//! `tests/smoke.rs`: the model's smoke tests. Each case builds its input and serializes it,
//! as the case expects, with no network; the same case against the live service is an
//! `#[ignore]`d test of the blocking client, for a user with credentials to run.

use super::{Files, doc, tokens};
use crate::error::Error;
use crate::ir::CrateIr;
use crate::ir::waiter::SmokeValue;
use quote::{format_ident, quote};

pub(super) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    if ir.smoke_tests.is_empty() {
        return Ok(());
    }
    let krate = format_ident!("{}", ir.package.replace('-', "_"));
    let mut items = vec![quote! {
        //! The model's smoke tests (`smithy.test#smokeTests`). Without network, each case's
        //! input is built and serialized as the case expects. The `_live` tests call the
        //! service itself (feature `blocking`): they are ignored unless asked for, with
        //! credentials and a region in the environment:
        //! `cargo test --features blocking --test smoke -- --ignored`.
    }];
    items.push(quote!(use #krate::Operation;));
    for t in &ir.smoke_tests {
        let name = format_ident!("{}", t.test_name);
        let live = format_ident!("{}_live", t.test_name);
        let module = tokens(&t.module_path.replacen("crate", &krate.to_string(), 1));
        let (input, op) = (format_ident!("{}", t.input_type), format_ident!("{}", t.operation));
        let setters = t.params.iter().map(|(field, value)| {
            let f = tokens(field);
            let v = match value {
                SmokeValue::Text(s) => quote!(#s),
                SmokeValue::Bool(b) => quote!(#b),
                SmokeValue::Integer(n, suffix) => tokens(&format!("{n}{suffix}")),
            };
            quote!(.#f(#v))
        });
        let build = quote!(#module::#input::builder() #(#setters)* .build());
        let (offline, online) = match &t.failure {
            None => (
                quote!(assert!(request.is_ok(), "{request:?}");),
                quote!(client.call::<#module::#op>(&input).expect("the case expects success");),
            ),
            Some(code) => {
                let code_check = code.as_ref().map(|c| quote!(assert_eq!(error.service_error().map(|e| e.code()), ::std::option::Option::Some(#c));));
                (
                    // A failure may be the client's (the input breaks the model's
                    // constraints) or the service's, which only the live test sees.
                    quote!(if let ::std::result::Result::Err(e) = &request { assert!(!e.to_string().is_empty()); }),
                    quote! {
                        let error = client.call::<#module::#op>(&input).expect_err("the case expects a failure");
                        #code_check
                        let _ = error;
                    },
                )
            }
        };
        let region = t.region.as_ref().map(|r| quote!(.region(#r)));
        let doc_offline = doc(&format!("Smoke test `{}` of `{}`, without network.", t.test_name, t.operation));
        let doc_live = doc(&format!("Smoke test `{}` of `{}` against the live service.", t.test_name, t.operation));
        items.push(quote! {
            #doc_offline
            #[test]
            fn #name() {
                let input = #build;
                let request = <#module::#op as Operation>::serialize_request(&input);
                #offline
            }

            #doc_live
            #[cfg(feature = "blocking")]
            #[test]
            #[ignore = "calls the live service: needs AWS credentials; run with `--ignored`"]
            fn #live() {
                let client = #krate::blocking::Client::builder() #region .build().expect("a client from the environment");
                let input = #build;
                #online
            }
        });
    }
    files.rust("tests/smoke.rs", items)
}
