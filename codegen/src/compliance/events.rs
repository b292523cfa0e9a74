//! Event stream cases (`smithy.test#eventStreamTests`): the response's head is parsed, then
//! the events' exact bytes go through the stream's receiver and each event is compared with
//! the case's `params`; a case expected to fail must fail at the head, at an event, or at
//! the stream's end. Request events go the other way: each event's `params` marshal to the
//! message of its bytes.

use super::cases::Case;
use super::values::{Unexpressible, Values};
use crate::ir::{NamedKind, NamedRef, OperationIr, TypeRef};
use base64::Engine;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

pub(crate) fn event_test(v: &Values<'_>, op: &OperationIr, case: &Case<'_>, name: &syn::Ident) -> Result<TokenStream, Unexpressible> {
    let events: Vec<&serde_json::Map<String, Value>> =
        case.fields.get("events").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).collect();
    let requests = events.iter().filter(|e| e.get("type").and_then(Value::as_str) == Some("request")).count();
    if requests > 0 || case.fields.contains_key("initialRequest") {
        if requests < events.len() {
            return Err("a case with both request and response events".to_owned());
        }
        return request_test(v, op, case, &events, name);
    }
    let Some(stream) = &op.event_output else {
        return Err(format!("`{}` has no output event stream", op.rust_name));
    };
    let op_ty = v.path(&format!("{}::{}", op.module_path, op.rust_name));
    let union = v.path(&stream.union_path);
    let stream_error = v.path(&format!("{}::{}", stream.module_path, stream.error_name));
    let krate = format_ident!("{}", v.krate);

    let initial = case.fields.get("initialResponse").and_then(Value::as_object);
    let code = initial.and_then(|i| i.get("code")).and_then(Value::as_u64).unwrap_or(200);
    let code = u16::try_from(code).map_err(|_| "the code is not a status code")?;
    let headers: Vec<(&str, &str)> = initial
        .and_then(|i| i.get("headers"))
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect())
        .unwrap_or_default();
    let header_pairs = headers.iter().map(|(k, v)| quote!((#k, #v)));
    let body = initial.and_then(|i| i.get("body")).and_then(Value::as_str).unwrap_or_default();

    let mut frames = Vec::new();
    for event in &events {
        let text = event.get("bytes").and_then(Value::as_str).ok_or("an event has no bytes")?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(text).map_err(|e| format!("an event's bytes are not base64: {e}"))?;
        frames.push(bytes);
    }
    let failure = case.fields.get("expectation").and_then(|e| e.get("failure"));
    let error_id = failure.and_then(|f| f.get("errorId")).and_then(Value::as_str);
    let doc = case_doc(case);
    let union_ty = TypeRef::Named(NamedRef {
        kind: NamedKind::Union,
        rust_path: stream.union_path.clone(),
        wire_module: String::new(),
        write_options: false,
        write_fallible: false,
    });

    let response = quote! {
        let response = compliance::response(#code, &[#(#header_pairs),*], #body);
        let head = <#op_ty as #krate::StreamingOutput>::parse_response_head(&response);
    };
    let all_bytes: Vec<u8> = frames.concat();
    let all_bytes = Literal::byte_string(&all_bytes);

    if failure.is_none() {
        // Success: the head parses to the initial response's members, each event to its params.
        let params = case.fields.get("initialResponseParams").unwrap_or(&Value::Null);
        let expected_head = v.structure(&op.output, params)?;
        let head_checks = op.output.members.iter().map(|m| {
            let accessor = crate::output::tokens(&m.field);
            let label = format!("member `{}`", m.model_name);
            quote!(assert_eq!(head.#accessor(), expected_head.#accessor(), #label);)
        });
        let head_compare = if op.output.members.is_empty() {
            // Nothing to compare: the head must parse.
            quote!(let _ = (head.expect("the response head parses"), #expected_head);)
        } else {
            quote! {
                let head = head.expect("the response head parses");
                let expected_head = #expected_head;
                #(#head_checks)*
            }
        };
        let mut checks = Vec::new();
        for (i, event) in events.iter().enumerate() {
            let params = event.get("params").ok_or("a response event has no params")?;
            let expected = v.value(&union_ty, params)?;
            let label = format!("event {i}");
            checks.push(quote! {
                let event = receiver.read(&mut input).expect("the event reads").expect("the event is whole");
                assert_eq!(event, #expected, #label);
            });
        }
        // A case of the initial response alone has no events to read.
        let read_events = (!checks.is_empty()).then(|| {
            quote! {
                let bytes: &[u8] = #all_bytes;
                let mut input = bytes;
                let mut receiver = #krate::event_streams::Receiver::<#union>::new();
                #(#checks)*
                assert!(input.is_empty(), "bytes left after the events");
                receiver.finish().expect("the stream ends between frames");
            }
        });
        return Ok(quote! {
            #doc
            #[test]
            fn #name() {
                #response
                #head_compare
                #read_events
            }
        });
    }
    // A modeled error of the stream, by the member of the union that names it.
    let expected_exception = error_id.and_then(|id| {
        let stream_ir = v.ir.event_streams.iter().find(|s| s.shape_id == stream.stream)?;
        let exception = stream_ir.exceptions.iter().find(|e| v.ir.errors.iter().any(|s| s.shape_id == id && s.rust_path == e.rust_path))?;
        Some(format_ident!("{}", exception.variant))
    });
    let check_error = match &expected_exception {
        Some(variant) => {
            let label = format!("expected the stream's error {variant}");
            quote!(assert!(matches!(error, #stream_error::#variant(_)), "{}, got {error:?}", #label);)
        }
        None => quote!(let _ = error;),
    };
    if frames.is_empty() {
        // Refused at the head: an error response, by the operation's error when the case
        // names one.
        let op_error = error_id.and_then(|id| {
            let error = v.ir.errors.iter().find(|e| e.shape_id == id)?;
            op.errors.iter().find(|e| e.rust_path == error.rust_path)
        });
        let check = match op_error {
            Some(e) => {
                let variant = format_ident!("{}", e.variant);
                let error_ty = v.path(&format!("{}::{}", op.module_path, op.error_enum));
                let label = format!("expected the error {}", e.variant);
                quote!(assert!(matches!(head, ::std::result::Result::Err(#error_ty::#variant(_))), "{}, got {head:?}", #label);)
            }
            None => quote!(assert!(head.is_err(), "the head was expected to fail");),
        };
        return Ok(quote! {
            #doc
            #[test]
            fn #name() {
                #response
                #check
            }
        });
    }
    // A missing required member of the initial response may be refused at the head.
    let head_may_fail = op.output.members.iter().any(|m| m.required_in_model);
    let head_check = if head_may_fail {
        quote! {
            if head.is_err() {
                return;
            }
        }
    } else {
        quote!(head.expect("the response head parses");)
    };
    Ok(quote! {
        #doc
        #[test]
        fn #name() {
            #response
            #head_check
            let bytes: &[u8] = #all_bytes;
            let mut input = bytes;
            let mut receiver = #krate::event_streams::Receiver::<#union>::new();
            let error = loop {
                match receiver.read(&mut input) {
                    ::std::result::Result::Err(e) => break e,
                    ::std::result::Result::Ok(::std::option::Option::Some(_)) => continue,
                    ::std::result::Result::Ok(::std::option::Option::None) => match receiver.finish() {
                        ::std::result::Result::Err(e) => break e,
                        ::std::result::Result::Ok(()) => panic!("the stream was expected to fail"),
                    },
                }
            };
            #check_error
        }
    })
}

/// A case of request events: each event's `params` marshal to the message of the event's
/// bytes (its headers in any order: the format gives their order no meaning).
fn request_test(
    v: &Values<'_>,
    op: &OperationIr,
    case: &Case<'_>,
    events: &[&serde_json::Map<String, Value>],
    name: &syn::Ident,
) -> Result<TokenStream, Unexpressible> {
    let Some(stream) = &op.event_input else {
        return Err(format!("`{}` has no input event stream", op.rust_name));
    };
    let krate = format_ident!("{}", v.krate);
    let union_ty = TypeRef::Named(NamedRef {
        kind: NamedKind::Union,
        rust_path: stream.union_path.clone(),
        wire_module: String::new(),
        write_options: false,
        write_fallible: false,
    });
    let mut checks = Vec::new();
    if let Some(initial) = case.fields.get("initialRequest").and_then(Value::as_object) {
        checks.push(initial_request_check(v, op, case, initial)?);
    }
    for (i, event) in events.iter().enumerate() {
        let message_type = event.get("headers").and_then(|h| h.get(":message-type")).and_then(|t| t.get("string")).and_then(Value::as_str);
        let text = event.get("bytes").and_then(Value::as_str).ok_or("an event has no bytes")?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(text).map_err(|e| format!("an event's bytes are not base64: {e}"))?;
        let bytes = Literal::byte_string(&bytes);
        let params = event.get("params").ok_or("a request event has no params")?;
        // A modeled error goes through the stream's error enum, which holds the errors.
        let value = if message_type == Some("exception") { error_value(v, stream, params)? } else { v.value(&union_ty, params)? };
        let label = format!("event {i} marshals");
        checks.push(quote! {
            let message = #krate::event_streams::Marshal::marshal(&#value).expect(#label);
            compliance::check_event(&message, #bytes);
        });
    }
    let doc = case_doc(case);
    Ok(quote! {
        #doc
        #[test]
        fn #name() {
            #(#checks)*
        }
    })
}

/// The stream's error enum holding the modeled error of `params` (`{"member": {...}}`).
fn error_value(v: &Values<'_>, stream: &crate::ir::StreamMemberIr, params: &Value) -> Result<TokenStream, Unexpressible> {
    let (member, fields) = params.as_object().and_then(|o| o.iter().next()).ok_or("a modeled error's params name no member")?;
    let union = v.ir.event_streams.iter().find(|s| s.shape_id == stream.stream).ok_or("the stream is not lowered")?;
    let exception = union.exceptions.iter().find(|e| &e.exception_type == member).ok_or_else(|| format!("`{member}` is no modeled error of the stream"))?;
    let error_ty = TypeRef::Named(NamedRef {
        kind: NamedKind::Struct,
        rust_path: exception.rust_path.clone(),
        wire_module: exception.wire_module.clone(),
        write_options: false,
        write_fallible: false,
    });
    let value = v.value(&error_ty, fields)?;
    let enum_path = v.path(&format!("{}::{}", union.module_path, union.error_name));
    let variant = format_ident!("{}", exception.variant);
    Ok(quote!(#enum_path::#variant(::std::boxed::Box::new(#value))))
}

/// The initial request of a restJson1 input stream is the request's head (its members bound
/// to the method, URI and headers): built from `initialRequestParams` and compared with it.
fn initial_request_check(
    v: &Values<'_>,
    op: &OperationIr,
    case: &Case<'_>,
    initial: &serde_json::Map<String, Value>,
) -> Result<TokenStream, Unexpressible> {
    let no_params = Value::Object(serde_json::Map::new());
    let input = v.structure(&op.input, case.fields.get("initialRequestParams").unwrap_or(&no_params))?;
    let op_ty = v.path(&format!("{}::{}", op.module_path, op.rust_name));
    let krate = format_ident!("{}", v.krate);
    // The initial request's fields are those of a request case.
    let expected = super::cases::expected_request(&Case { id: case.id, fields: initial })?;
    Ok(quote! {
        let input = #input;
        let head = <#op_ty as #krate::StreamingInput>::serialize_request_head_with(&input, ::std::option::Option::None, compliance::serialize_options())
            .expect("the initial request serializes");
        compliance::check_request(&head.map(|()| ::std::vec::Vec::new()), &#expected);
    })
}

fn case_doc(case: &Case<'_>) -> TokenStream {
    let text = case.fields.get("documentation").and_then(Value::as_str);
    let text = match text {
        Some(d) => format!(" Case `{}`: {}", case.id, d.trim()),
        None => format!(" Case `{}`.", case.id),
    };
    let lines = text.lines().map(|l| format!(" {}", l.trim())).collect::<Vec<_>>();
    quote!(#(#[doc = #lines])*)
}
