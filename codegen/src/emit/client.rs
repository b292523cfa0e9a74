//! The clients' generated part (features `client` and `blocking`): the service as the
//! runtime's clients see it (signing name, configuration keys, endpoint), the crate's own
//! client types around them (`client_types`), and one method per operation on both: a
//! fluent call (`fluent`), or for a streaming operation a call with its input. The
//! rest of the clients is the runtime crate's (`smithy_rt::client`).

use super::{Files, tokens};
use crate::error::Error;
use crate::endpoint::ir::BuiltIn;
use crate::ir::{AuthSchemeIr, CrateIr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    files.rust_job("src/client/mod.rs".to_owned(), || super::client_types::client_module(ir));
    files.rust_job("src/client/async_client.rs".to_owned(), || super::client_types::async_client_module(ir));
    files.rust_job("src/blocking.rs".to_owned(), || super::client_types::blocking_module(ir));
    files.rust_job("src/client/service.rs".to_owned(), || service(ir));
    files.rust_job("src/client/operations.rs".to_owned(), || operations(ir));
    super::example_program::emit(ir, files)
}

fn service(ir: &CrateIr) -> Vec<TokenStream> {
    let client = &ir.service.client;
    let signing_name = &client.signing_name;
    let env_suffix = &client.env_suffix;
    let config_key = &client.config_key;
    let codes = &client.retryable_codes;
    let auth = service_auth(ir);
    let endpoint_env = match &client.endpoint_env {
        Some(var) => quote!(::std::option::Option::Some(#var)),
        None => quote!(::std::option::Option::None),
    };
    vec![
        quote! {
            //! The service as the clients see it: signing name, configuration keys, endpoint.
        },
        quote! {
            /// The service, as the runtime's clients see it.
            pub(crate) static SERVICE: ::smithy_rt::client::Service = ::smithy_rt::client::Service {
                signing_name: #signing_name,
                env_suffix: #env_suffix,
                config_key: #config_key,
                retryable_codes: &[#(#codes),*],
                resolve_endpoint,
                auth: #auth,
                endpoint_env: #endpoint_env,
            };
        },
        resolve_endpoint(ir),
    ]
}

/// The auth schemes of the service's operations (`ServiceAuth`): the default, and the
/// operations whose own schemes differ from it, as the IR decided them.
fn service_auth(ir: &CrateIr) -> TokenStream {
    let client = &ir.service.client;
    let differing: Vec<TokenStream> = ir
        .operations
        .iter()
        .filter(|op| op.auth != client.auth)
        .map(|op| {
            let name = &op.model_name;
            let schemes = schemes(&op.auth);
            quote!((#name, #schemes))
        })
        .collect();
    if client.auth == [AuthSchemeIr::SigV4] && differing.is_empty() && client.bearer_env.is_none() {
        return quote!(::smithy_rt::client::auth::ServiceAuth::SIGV4);
    }
    let default = schemes(&client.auth);
    let bearer_env = match &client.bearer_env {
        Some(var) => quote!(::std::option::Option::Some(#var)),
        None => quote!(::std::option::Option::None),
    };
    quote! {
        ::smithy_rt::client::auth::ServiceAuth {
            default: #default,
            operations: &[#(#differing),*],
            bearer_env: #bearer_env,
        }
    }
}

/// `&[AuthScheme::SigV4, ...]`.
fn schemes(schemes: &[AuthSchemeIr]) -> TokenStream {
    let items = schemes.iter().map(|scheme| match scheme {
        AuthSchemeIr::SigV4 => quote!(::smithy_rt::client::auth::AuthScheme::SigV4),
        AuthSchemeIr::Bearer => quote!(::smithy_rt::client::auth::AuthScheme::Bearer),
        AuthSchemeIr::Basic => quote!(::smithy_rt::client::auth::AuthScheme::Basic),
        AuthSchemeIr::Anonymous => quote!(::smithy_rt::client::auth::AuthScheme::Anonymous),
        AuthSchemeIr::ApiKey { name, in_query, scheme } => {
            let location = if *in_query { quote!(Query) } else { quote!(Header) };
            let scheme = match scheme {
                Some(s) => quote!(::std::option::Option::Some(#s)),
                None => quote!(::std::option::Option::None),
            };
            quote! {
                ::smithy_rt::client::auth::AuthScheme::ApiKey {
                    name: #name,
                    location: ::smithy_rt::client::auth::ApiKeyLocation::#location,
                    scheme: #scheme,
                }
            }
        }
    });
    quote!(&[#(#items),*])
}

/// `resolve_endpoint`: the model's endpoint rules when it has them (built-ins set from the
/// configuration), else the configured endpoint URL.
fn resolve_endpoint(ir: &CrateIr) -> TokenStream {
    if let Some(var) = &ir.service.client.endpoint_env {
        let missing = format!("no endpoint URL: set {var} or the builder's endpoint_url");
        let doc = super::doc(&format!(
            "Where requests go: the builder's endpoint URL, else `{var}` (the service is not AWS's: it has no endpoint rules, and the FIPS and dual-stack settings do not apply)."
        ));
        return quote! {
            #doc
            fn resolve_endpoint(
                settings: &::smithy_rt::client::EndpointSettings<'_>,
            ) -> ::std::result::Result<::smithy_rt::client::ResolvedEndpoint, ::std::string::String> {
                let ::std::option::Option::Some(url) = settings.endpoint_url else {
                    return ::std::result::Result::Err(::std::string::String::from(#missing));
                };
                ::std::result::Result::Ok(::smithy_rt::client::ResolvedEndpoint {
                    base: url.trim_end_matches('/').to_owned(),
                    headers: ::std::vec::Vec::new(),
                    signing_name: SERVICE.signing_name.to_owned(),
                    signing_region: settings.region.to_owned(),
                })
            }
        };
    }
    let Some(endpoint) = &ir.endpoint else {
        return quote! {
            /// Where requests go: the configured endpoint URL (the model has no endpoint rules).
            fn resolve_endpoint(
                settings: &::smithy_rt::client::EndpointSettings<'_>,
            ) -> ::std::result::Result<::smithy_rt::client::ResolvedEndpoint, ::std::string::String> {
                let ::std::option::Option::Some(url) = settings.endpoint_url else {
                    return ::std::result::Result::Err(::std::string::String::from(
                        "no endpoint URL: the model has no endpoint rules; set AWS_ENDPOINT_URL, `endpoint_url` in the profile, or the builder's endpoint_url",
                    ));
                };
                if settings.use_fips || settings.use_dual_stack {
                    return ::std::result::Result::Err(::std::string::String::from(
                        "FIPS or dual-stack endpoints were asked for, but the model has no endpoint rules to find them",
                    ));
                }
                ::std::result::Result::Ok(::smithy_rt::client::ResolvedEndpoint {
                    base: url.trim_end_matches('/').to_owned(),
                    headers: ::std::vec::Vec::new(),
                    signing_name: SERVICE.signing_name.to_owned(),
                    signing_region: settings.region.to_owned(),
                })
            }
        };
    };
    let setters = endpoint.params.iter().filter_map(|p| {
        let setter = format_ident!("{}", p.set_field);
        let value = match p.built_in.as_ref()? {
            BuiltIn::Region => quote!(::std::option::Option::Some(settings.region.to_owned())),
            BuiltIn::UseFips => quote!(::std::option::Option::Some(settings.use_fips)),
            BuiltIn::UseDualStack => quote!(::std::option::Option::Some(settings.use_dual_stack)),
            BuiltIn::Endpoint => quote!(settings.endpoint_url.map(::std::borrow::ToOwned::to_owned)),
            BuiltIn::Other(_) => return None,
        };
        Some(quote!(.#setter(#value)))
    });
    let has = |built_in: BuiltIn| endpoint.params.iter().any(|p| p.built_in.as_ref() == Some(&built_in));
    // Settings the rules have no parameter for: FIPS cannot be had; dual-stack does not
    // choose between endpoints (the rules decide alone).
    let no_fips = (!has(BuiltIn::UseFips)).then(|| {
        quote! {
            if settings.use_fips {
                return ::std::result::Result::Err(::std::string::String::from(
                    "FIPS endpoints were asked for, but the endpoint rules have none",
                ));
            }
        }
    });
    let no_dual_stack = (!has(BuiltIn::UseDualStack)).then(|| quote!(let _ = settings.use_dual_stack;));
    quote! {
        /// Where requests go and how they are signed: the model's endpoint rules, with the
        /// region, FIPS, dual-stack and endpoint URL settings as their built-in parameters
        /// (a setting the rules have no parameter for does not choose the endpoint).
        fn resolve_endpoint(
            settings: &::smithy_rt::client::EndpointSettings<'_>,
        ) -> ::std::result::Result<::smithy_rt::client::ResolvedEndpoint, ::std::string::String> {
            #no_fips
            #no_dual_stack
            let params = crate::endpoint::Params::builder() #(#setters)* .build();
            let endpoint = crate::endpoint::resolve(&params).map_err(|e| e.to_string())?;
            let sigv4 = endpoint.sigv4();
            let signing_name = sigv4.as_ref().and_then(|s| s.signing_name()).unwrap_or(SERVICE.signing_name).to_owned();
            let signing_region = sigv4.as_ref().and_then(|s| s.signing_region()).unwrap_or(settings.region).to_owned();
            let headers = endpoint
                .headers()
                .iter()
                .flat_map(|(name, values)| values.iter().map(move |v| (name.clone(), v.clone())))
                .collect();
            ::std::result::Result::Ok(::smithy_rt::client::ResolvedEndpoint {
                base: endpoint.url().trim_end_matches('/').to_owned(),
                headers,
                signing_name,
                signing_region,
            })
        }
    }
}

fn operations(ir: &CrateIr) -> Vec<TokenStream> {
    let mut async_methods = Vec::new();
    let mut blocking_methods = Vec::new();
    for op in &ir.operations {
        let method = tokens(&ir.service.client.methods[&op.rust_name]);
        if op.is_streaming() {
            let (a, b) = streaming_methods(op, &method);
            async_methods.push(a);
            blocking_methods.push(b);
            continue;
        }
        let (a, b) = super::fluent::client_methods(op, &method);
        async_methods.push(a);
        blocking_methods.push(b);
    }
    vec![
        quote! {
            //! One method per operation, on both clients.
        },
        quote! {
            #[cfg(feature = "client")]
            impl super::Client {
                #(#async_methods)*
            }
        },
        quote! {
            #[cfg(feature = "blocking")]
            impl crate::blocking::Client {
                #(#blocking_methods)*
            }
        },
    ]
}

/// The async and blocking methods of an operation whose input or output streams: a
/// streaming input takes the payload as a `Body` beside the input; a streaming output comes
/// with the response body, to read as it arrives.
fn streaming_methods(op: &crate::ir::OperationIr, method: &TokenStream) -> (TokenStream, TokenStream) {
    let module = tokens(&op.module_path);
    let op_name = format_ident!("{}", op.rust_name);
    let input = format_ident!("{}", op.input.rust_name);
    let output = format_ident!("{}", op.output.rust_name);
    let error = format_ident!("{}", op.error_enum);
    let link = format!("[`{0}`]({1}::{0})", op.rust_name, op.module_path);
    let streams_in = op.streams_input();
    let streams_out = op.streams_output();
    let mut text = format!("Calls {link}, signed");
    if op.event_input.is_some() {
        text.push_str(
            ": `events` are the input event stream, each sent as it is given (signed in turn when the call is signed with SigV4), the stream ending with them; it is sent once, never retried",
        );
    } else if streams_in {
        text.push_str(
            ": `body` is the request's payload, sent as it is read (bytes are retried as configured, a reader is sent once; the input's own payload member is not sent)",
        );
    } else {
        text.push_str(", retrying as configured");
    }
    if op.event_output.is_some() {
        text.push_str(". The output comes with its event stream beside it, whose events are read from the connection as they are asked for");
    } else if streams_out {
        text.push_str(". The output comes without its payload, which is the response body returned beside it, to read as it arrives");
    }
    text.push('.');
    let doc = super::doc(&text);
    // The blocking client sends the events of an iterator (a channel's receiver, say), the
    // async one those of a `Stream`; a blob payload is a `Body` for both.
    let (async_param, blocking_param, async_body, blocking_body) = match &op.event_input {
        Some(stream) => {
            let union = tokens(&stream.union_path);
            (
                quote!(events: impl ::smithy_rt::client::Stream<Item = #union> + ::std::marker::Send + 'static,),
                quote!(events: impl ::std::iter::IntoIterator<Item = #union, IntoIter: ::std::marker::Send + 'static>,),
                quote!(crate::client::Body::from_event_stream(events)),
                quote!(crate::client::Body::from_events(events)),
            )
        }
        None if streams_in => (
            quote!(body: impl ::std::convert::Into<crate::client::Body>,),
            quote!(body: impl ::std::convert::Into<crate::client::Body>,),
            quote!(body.into()),
            quote!(body.into()),
        ),
        None => (quote!(), quote!(), quote!(), quote!()),
    };
    let (call, async_args, blocking_args) = match (streams_in, streams_out) {
        (true, true) => (quote!(call_streaming_with_body), quote!(input, #async_body), quote!(input, #blocking_body)),
        (true, false) => (quote!(call_with_body), quote!(input, #async_body), quote!(input, #blocking_body)),
        _ => (quote!(call_streaming), quote!(input), quote!(input)),
    };
    let returns = |body_type: TokenStream| {
        if streams_out {
            quote!((#module::#output, #body_type))
        } else {
            quote!(#module::#output)
        }
    };
    // An event stream comes as its events, read from the body as they arrive.
    let (async_stream, blocking_stream, wrap_async, wrap_blocking) = match &op.event_output {
        Some(stream) => {
            let union = tokens(&stream.union_path);
            (
                quote!(::smithy_rt::client::EventReceiver<#union>),
                quote!(::smithy_rt::client::EventIter<#union>),
                quote!(.map(|(output, body)| (output, ::smithy_rt::client::EventReceiver::new(body)))),
                quote!(.map(|(output, body)| (output, ::smithy_rt::client::EventIter::new(body)))),
            )
        }
        None => (quote!(crate::client::AsyncResponseBody), quote!(crate::client::ResponseBody), quote!(), quote!()),
    };
    let async_returns = returns(async_stream);
    let blocking_returns = returns(blocking_stream);
    let async_method = quote! {
        #doc
        pub async fn #method(
            &self,
            input: &#module::#input,
            #async_param
        ) -> ::std::result::Result<#async_returns, super::Error<#module::#error>> {
            self.#call::<#module::#op_name>(#async_args).await #wrap_async
        }
    };
    let blocking_method = quote! {
        #doc
        pub fn #method(
            &self,
            input: &#module::#input,
            #blocking_param
        ) -> ::std::result::Result<#blocking_returns, super::Error<#module::#error>> {
            self.#call::<#module::#op_name>(#blocking_args) #wrap_blocking
        }
    };
    (async_method, blocking_method)
}
