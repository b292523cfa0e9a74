//! One Rust test per compliance case: request cases build the input from `params`,
//! serialize it and hand the request to the suite's checks; response cases parse the given
//! response and compare the output (or the typed error) member by member.

use super::values::{Unexpressible, Values};
use crate::output::tokens;
use crate::ir::{OperationIr, StructIr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value};

/// A test case as the model gives it.
pub(crate) struct Case<'a> {
    pub id: &'a str,
    pub fields: &'a Map<String, Value>,
}

impl Case<'_> {
    fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    fn strings(&self, key: &str) -> Vec<&str> {
        self.fields.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
    }

    fn pairs(&self, key: &str) -> Vec<(&str, &str)> {
        let map = self.fields.get(key).and_then(Value::as_object);
        map.map(|m| m.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect()).unwrap_or_default()
    }

    fn params(&self) -> &Value {
        self.fields.get("params").unwrap_or(&Value::Null)
    }

    fn doc(&self) -> TokenStream {
        let text = self.str("documentation").map(|d| format!(" {} `{}`: {}", "Case", self.id, d.trim()));
        let text = text.unwrap_or_else(|| format!(" Case `{}`.", self.id));
        let lines = text.lines().map(|l| format!(" {}", l.trim()));
        quote!(#(#[doc = #lines])*)
    }
}

fn str_slice(items: &[&str]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn pair_slice(items: &[(&str, &str)]) -> TokenStream {
    let items = items.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#items),*])
}

fn body(case: &Case<'_>) -> TokenStream {
    match case.str("body") {
        Some(b) => quote!(::std::option::Option::Some(#b)),
        None => quote!(::std::option::Option::None),
    }
}

fn media_type(case: &Case<'_>) -> TokenStream {
    match case.str("bodyMediaType") {
        Some(m) => quote!(::std::option::Option::Some(#m)),
        None => quote!(::std::option::Option::None),
    }
}

pub(crate) fn request_test(v: &Values<'_>, op: &OperationIr, case: &Case<'_>, name: &syn::Ident) -> Result<TokenStream, Unexpressible> {
    let input = v.structure(&op.input, case.params())?;
    let op_ty = v.path(&format!("{}::{}", op.module_path, op.rust_name));
    let expected = expected_request(case)?;
    let doc = case.doc();
    Ok(quote! {
        #doc
        #[test]
        fn #name() {
            let input = #input;
            let request = <#op_ty as Operation>::serialize_request_with(&input, compliance::serialize_options())
                .expect("the input serializes");
            compliance::check_request(&request, &#expected);
        }
    })
}

/// The `compliance::ExpectedRequest` of a case's request fields (an `httpRequestTests` case,
/// or an event stream case's `initialRequest`).
pub(crate) fn expected_request(case: &Case<'_>) -> Result<TokenStream, Unexpressible> {
    let method = case.str("method").ok_or("the case has no method")?;
    let uri = case.str("uri").ok_or("the case has no uri")?;
    let query = str_slice(&case.strings("queryParams"));
    let forbid_query = str_slice(&case.strings("forbidQueryParams"));
    let require_query = str_slice(&case.strings("requireQueryParams"));
    let headers = pair_slice(&case.pairs("headers"));
    let forbid_headers = str_slice(&case.strings("forbidHeaders"));
    let require_headers = str_slice(&case.strings("requireHeaders"));
    let body = body(case);
    let media = media_type(case);
    let host = case.str("host").unwrap_or("example.com");
    let resolved_host = match case.str("resolvedHost") {
        Some(h) => quote!(::std::option::Option::Some(#h)),
        None => quote!(::std::option::Option::None),
    };
    Ok(quote! {
        compliance::ExpectedRequest {
            method: #method,
            host: #host,
            resolved_host: #resolved_host,
            uri: #uri,
            query_params: #query,
            forbid_query_params: #forbid_query,
            require_query_params: #require_query,
            headers: #headers,
            forbid_headers: #forbid_headers,
            require_headers: #require_headers,
            body: #body,
            body_media_type: #media,
        }
    })
}

/// A response case for the operation's output (`error` None) or for one of its errors.
pub(crate) fn response_test(
    v: &Values<'_>,
    op: &OperationIr,
    error: Option<&StructIr>,
    case: &Case<'_>,
    name: &syn::Ident,
) -> Result<TokenStream, Unexpressible> {
    let op_ty = v.path(&format!("{}::{}", op.module_path, op.rust_name));
    let code = case.fields.get("code").and_then(Value::as_u64).ok_or("the case has no code")?;
    let code = u16::try_from(code).map_err(|_| "the code is not a status code")?;
    let headers = pair_slice(&case.pairs("headers"));
    let body = case.str("body").unwrap_or_default();
    let doc = case.doc();
    // RPC v2 CBOR cases give their bodies base64-encoded.
    let response = if case.str("bodyMediaType") == Some("application/cbor") {
        quote!(let response = compliance::cbor_response(#code, #headers, #body);)
    } else {
        quote!(let response = compliance::response(#code, #headers, #body);)
    };
    let (shape, parsed) = match error {
        None => {
            let parse = quote! {
                let actual = <#op_ty as Operation>::parse_response(&response).expect("the response parses");
            };
            (&op.output, parse)
        }
        Some(e) => {
            let variant = op
                .errors
                .iter()
                .find(|o| o.rust_path == e.rust_path)
                .ok_or_else(|| format!("`{}` does not list the error `{}`", op.rust_name, e.rust_name))?;
            let variant = format_ident!("{}", variant.variant);
            let error_ty = v.path(&format!("{}::{}", op.module_path, op.error_enum));
            let expected = &e.rust_name;
            let parse = quote! {
                let actual = match <#op_ty as Operation>::parse_response(&response) {
                    ::std::result::Result::Err(#error_ty::#variant(e)) => e,
                    other => panic!("expected the error {}, got {other:?}", #expected),
                };
            };
            (e, parse)
        }
    };
    let expected = v.structure(shape, case.params())?;
    let params = case.params();
    let checks = shape.members.iter().map(|m| {
        let accessor = tokens(&m.field);
        let label = format!("member `{}`", m.model_name);
        let has_nan = params.get(&m.model_name).is_some_and(holds_nan);
        if has_nan {
            // NaN is not equal to itself; the Debug text of both sides is compared instead.
            quote!(assert_eq!(format!("{:?}", actual.#accessor()), format!("{:?}", expected.#accessor()), #label);)
        } else {
            quote!(assert_eq!(actual.#accessor(), expected.#accessor(), #label);)
        }
    });
    let compare = if shape.members.is_empty() {
        // Nothing to compare: the case checks that the response parses.
        quote!(let _ = (actual, #expected);)
    } else {
        quote!(let expected = #expected; #(#checks)*)
    };
    Ok(quote! {
        #doc
        #[test]
        fn #name() {
            #response
            #parsed
            #compare
        }
    })
}

fn holds_nan(value: &Value) -> bool {
    match value {
        Value::String(s) => s == "NaN",
        Value::Array(a) => a.iter().any(holds_nan),
        Value::Object(o) => o.values().any(holds_nan),
        _ => false,
    }
}
