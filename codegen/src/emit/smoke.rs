//! `tests/smoke.rs`: the model's smoke tests. Each case builds its input and serializes it,
//! as the case expects, with no network; then runs through the blocking client against a
//! loopback server (the runtime's `client::loopback`, feature `test-util`, a dev-dependency)
//! that answers as the case expects, checking the request it received and the typed result;
//! the same case against the live service is an `#[ignore]`d test, for a user with
//! credentials to run.

use super::{Files, doc, tokens};
use crate::error::Error;
use crate::ir::CrateIr;
use crate::ir::waiter::{SmokeAnswer, SmokeTestIr, SmokeValue};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    if ir.smoke_tests.is_empty() {
        return Ok(());
    }
    let krate = format_ident!("{}", ir.package.replace('-', "_"));
    let mut items = vec![quote! {
        //! The model's smoke tests (`smithy.test#smokeTests`). Without network, each case's
        //! input is built and serialized as the case expects. The `_loopback` tests (feature
        //! `blocking`) call a server on 127.0.0.1 that answers as the case expects, and check
        //! what it received and what the call returned. The `_live` tests call the service
        //! itself: they are ignored unless asked for, with credentials and a region in the
        //! environment: `cargo test --features blocking --test smoke -- --ignored`.
    }];
    items.push(quote!(use #krate::Operation;));
    items.push(loopback_support(ir, &krate));
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
        let loopback = loopback_test(t, &krate, &module, &build, ir.service.protocol.codec == crate::ir::Codec::Cbor);
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

            #loopback

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

/// What every loopback test shares: the client, pointed at the server, with fixed
/// credentials and nothing read from the environment or the shared files, one attempt per
/// call; and the check of the one request the server received.
fn loopback_support(ir: &CrateIr, krate: &proc_macro2::Ident) -> TokenStream {
    let signing_name = &ir.service.client.signing_name;
    let answer = match ir.service.protocol.codec {
        crate::ir::Codec::Json => quote!(json_response),
        crate::ir::Codec::Cbor => quote!(cbor_response),
    };
    quote! {
        /// The loopback tests' client and checks.
        #[cfg(feature = "blocking")]
        mod loopback {
            pub(crate) use ::smithy_rt::client::loopback::{#answer, Responder};

            /// The request id every loopback answer carries.
            pub(crate) const REQUEST_ID: &str = "smoke-loopback-request";

            fn credentials() -> #krate::client::Credentials {
                #krate::client::Credentials::new("AKIDSMOKELOOPBACK", "smoke/loopback/secret", ::std::option::Option::None)
            }

            /// A blocking client of `server` in `region`.
            pub(crate) fn client(server: &Responder, region: &str) -> #krate::blocking::Client {
                #krate::blocking::Client::builder()
                    .env(#krate::client::Env::from_pairs::<&str, &str>([]))
                    .region(region)
                    .endpoint_url(server.url())
                    .credentials(credentials())
                    .max_attempts(1)
                    .build()
                    .expect("a client of the loopback server")
            }

            /// Checks that `server` received one request, with this method and path, signed
            /// with the client's credentials for `region` and the service's signing name.
            pub(crate) fn assert_received(server: &Responder, method: &str, path: &str, region: &str) {
                let requests = server.requests();
                assert_eq!(requests.len(), 1, "the server received {requests:?}");
                let request = &requests[0];
                assert_eq!(request.method().as_str(), method);
                assert_eq!(request.uri().path(), path);
                let signature = ::smithy_rt::client::loopback::verify_sigv4(request, &credentials(), region, #signing_name);
                assert_eq!(signature, ::std::result::Result::Ok(()));
            }
        }
    }
}

/// The case through the blocking client, against a server answering as it expects.
fn loopback_test(t: &SmokeTestIr, krate: &proc_macro2::Ident, module: &TokenStream, build: &TokenStream, cbor: bool) -> TokenStream {
    let name = format_ident!("{}_loopback", t.test_name);
    let op = format_ident!("{}", t.operation);
    let region = t.region.as_deref().unwrap_or("us-east-1");
    let (method, path) = (&t.method, &t.path);
    let doc = doc(&format!(
        "Smoke test `{}` of `{}` through the blocking client, against a loopback server answering as the case expects.",
        t.test_name, t.operation
    ));
    let (answer, check) = match &t.answer {
        SmokeAnswer::Success { status } => (
            if cbor {
                quote!(loopback::cbor_response(#status, loopback::REQUEST_ID, ::std::option::Option::None, ""))
            } else {
                quote!(loopback::json_response(#status, loopback::REQUEST_ID, ::std::option::Option::None, "{}"))
            },
            quote! {
                let output = result.expect("the case expects success");
                assert_eq!(output.request_id(), ::std::option::Option::Some(loopback::REQUEST_ID));
                loopback::assert_received(&server, #method, #path, #region);
            },
        ),
        SmokeAnswer::Error { status, code, variant } => {
            let error_enum = format_ident!("{}", t.error_enum);
            let variant_check = variant.as_ref().map(|v| {
                let v = format_ident!("{v}");
                quote!(assert!(matches!(error, #module::#error_enum::#v(_)), "{error:?}");)
            });
            (
                // RPC v2 CBOR names the error in the body, the other protocols (also) in a header.
                if cbor {
                    quote!(loopback::cbor_response(#status, loopback::REQUEST_ID, ::std::option::Option::Some(#code), "answered by the smoke test's loopback server"))
                } else {
                    quote!(loopback::json_response(#status, loopback::REQUEST_ID, ::std::option::Option::Some(#code), r#"{"message":"answered by the smoke test's loopback server"}"#))
                },
                quote! {
                    let error = result.expect_err("the case expects a failure");
                    match <#module::#op as Operation>::serialize_request(&input) {
                        // The input breaks the model's constraints: the client refuses it
                        // and sends nothing.
                        ::std::result::Result::Err(_) => {
                            assert!(matches!(error, #krate::client::Error::Serialize(_)), "{error:?}");
                            assert!(server.requests().is_empty());
                        }
                        ::std::result::Result::Ok(_) => {
                            let error = error.into_service_error().expect("the error the server answered");
                            assert_eq!(error.code(), #code);
                            #variant_check
                            assert_eq!(error.request_id(), ::std::option::Option::Some(loopback::REQUEST_ID));
                            loopback::assert_received(&server, #method, #path, #region);
                        }
                    }
                },
            )
        }
    };
    quote! {
        #doc
        #[cfg(feature = "blocking")]
        #[test]
        fn #name() {
            let server = loopback::Responder::start(#answer.expect("the case's answer")).expect("a loopback server");
            let client = loopback::client(&server, #region);
            let input = #build;
            let result = client.call::<#module::#op>(&input);
            #check
        }
    }
}
