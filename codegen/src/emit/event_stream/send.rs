//! `Marshal` for an input stream's union: each event becomes its message, with
//! `:message-type`, `:event-type`, `:content-type` when it has a payload, its `@eventHeader`
//! members as typed headers, and its payload (the `@eventPayload` member, or its other
//! members as a JSON object).

use crate::emit::tokens;
use crate::emit::wire::{takes_options, write_value};
use crate::ir::{CrateIr, EventHeaderIr, EventIr, EventPayloadIr, EventStreamIr, NamedKind, PayloadKind, TypeIr, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(ir: &CrateIr, stream: &EventStreamIr) -> Vec<TokenStream> {
    let union = tokens(&stream.union_path);
    let arms = stream.events.iter().map(|event| {
        let variant = format_ident!("{}", event.variant);
        let name = &event.event_type;
        match &event.shape {
            None => quote!(Self::#variant => ::std::result::Result::Ok(::smithy_rt::eventstream::event_message(#name)),),
            Some(_) => {
                let writer = writer_name(event);
                quote!(Self::#variant(event) => #writer(event),)
            }
        }
    });
    let writers = stream.events.iter().filter_map(|e| event_writer(ir, e));
    let mut items = vec![quote! {
        impl ::smithy_rt::eventstream::Marshal for #union {
            fn marshal(&self) -> ::std::result::Result<::smithy_rt::eventstream::Message, ::smithy_rt::eventstream::MarshalError> {
                match self {
                    #(#arms)*
                    Self::Unknown(value) => ::std::result::Result::Err(::smithy_rt::eventstream::MarshalError::unknown_event(value.as_str())),
                }
            }
        }
    }];
    items.extend(writers);
    items.extend(error_marshal(stream));
    items
}

/// `Marshal` for the stream's error enum: a modeled error goes as an exception message whose
/// payload is the error's JSON; any other error of the stream cannot be sent.
fn error_marshal(stream: &EventStreamIr) -> Option<TokenStream> {
    if stream.exceptions.is_empty() {
        return None;
    }
    let error = tokens(&format!("{}::{}", stream.module_path, stream.error_name));
    let arms = stream.exceptions.iter().map(|e| {
        let variant = format_ident!("{}", e.variant);
        let wire = tokens(&e.wire_module);
        let name = &e.exception_type;
        quote! {
            Self::#variant(error) => {
                #wire::validate(error, &crate::rt::validate::Path::root(true))?;
                let mut w = crate::rt::json::Writer::new();
                #wire::write(&mut w, error);
                ::std::result::Result::Ok(::smithy_rt::eventstream::exception_message(#name, w.finish()))
            }
        }
    });
    Some(quote! {
        impl ::smithy_rt::eventstream::Marshal for #error {
            fn marshal(&self) -> ::std::result::Result<::smithy_rt::eventstream::Message, ::smithy_rt::eventstream::MarshalError> {
                match self {
                    #(#arms)*
                    Self::Stream(_) => ::std::result::Result::Err(::smithy_rt::eventstream::MarshalError::Unmodeled),
                }
            }
        }
    })
}

fn writer_name(event: &EventIr) -> proc_macro2::Ident {
    format_ident!("write_{}", crate::names::unraw(&crate::names::snake(&event.variant)))
}

/// `fn write_<event>(event) -> Result<Message, MarshalError>`.
fn event_writer(ir: &CrateIr, event: &EventIr) -> Option<TokenStream> {
    let shape = event.shape.as_ref()?;
    let writer = writer_name(event);
    let ty = tokens(&shape.rust_path);
    let name = &event.event_type;
    let (check, payload) = match &shape.payload {
        Some(p) => payload_write(p),
        None if shape.body => {
            let wire = tokens(&shape.wire_module);
            let options = ir.types.iter().any(|t| matches!(t, TypeIr::Struct(s) if s.rust_path == shape.rust_path && s.wire_use.options));
            let write = if options {
                quote!(#wire::write(&mut w, event, &crate::SerializeOptions::default());)
            } else {
                quote!(#wire::write(&mut w, event);)
            };
            let check = quote!(#wire::validate(event, &root)?;);
            let payload = quote! {
                let mut w = crate::rt::json::Writer::new();
                #write
                let message = ::smithy_rt::eventstream::with_payload(message, "application/json", w.finish());
            };
            (Some(check), payload)
        }
        None => (None, quote!()),
    };
    let root = check.as_ref().map(|_| quote!(let root = crate::rt::validate::Path::root(true);));
    let headers = shape.headers.iter().map(header_write);
    let mutable = (!shape.headers.is_empty()).then(|| quote!(let mut message = message;));
    let event_param = if shape.headers.is_empty() && shape.payload.is_none() && !shape.body { quote!(_event) } else { quote!(event) };
    let doc = format!(" Writes the `{name}` event as its message.");
    Some(quote! {
        #[doc = #doc]
        fn #writer(#event_param: &#ty) -> ::std::result::Result<::smithy_rt::eventstream::Message, ::smithy_rt::eventstream::MarshalError> {
            #root
            #check
            let message = ::smithy_rt::eventstream::event_message(#name);
            #payload
            #mutable
            #(#headers)*
            ::std::result::Result::Ok(message)
        }
    })
}

/// The check and the writing of an `@eventPayload` member into `message`.
fn payload_write(p: &EventPayloadIr) -> (Option<TokenStream>, TokenStream) {
    let field = tokens(&p.field);
    let content_type = &p.content_type;
    let (check, bytes) = match (p.kind, &p.ty) {
        (PayloadKind::Blob, _) => (None, quote!(::std::convert::AsRef::<[u8]>::as_ref(item).to_vec())),
        (PayloadKind::Text, TypeRef::Named(_)) => (None, quote!(item.as_str().as_bytes().to_vec())),
        (PayloadKind::Text, _) => (None, quote!(item.as_bytes().to_vec())),
        (PayloadKind::Json, ty) => {
            let check = match ty {
                TypeRef::Named(n) if matches!(n.kind, NamedKind::Struct | NamedKind::Union) => {
                    let wire = tokens(&n.wire_module);
                    Some(quote!(#wire::validate(item, &root)?;))
                }
                _ => None,
            };
            let options = takes_options(ty).then(|| quote!(let options = &crate::SerializeOptions::default();));
            let write = write_value(ty, &quote!(item));
            let bytes = quote! {{
                #options
                let mut writer = crate::rt::json::Writer::new();
                {
                    let w = &mut writer;
                    #write
                }
                writer.finish()
            }};
            (check, bytes)
        }
    };
    let check = check.map(|c| {
        if p.optional {
            quote!(if let ::std::option::Option::Some(item) = &event.#field { #c })
        } else {
            quote!({ let item = &event.#field; #c })
        }
    });
    let payload = if p.optional {
        quote! {
            let message = match &event.#field {
                ::std::option::Option::Some(item) => ::smithy_rt::eventstream::with_payload(message, #content_type, #bytes),
                ::std::option::Option::None => message,
            };
        }
    } else {
        quote! {
            let item = &event.#field;
            let message = ::smithy_rt::eventstream::with_payload(message, #content_type, #bytes);
        }
    };
    (check, payload)
}

/// Adds an `@eventHeader` member to `message` (when set).
fn header_write(h: &EventHeaderIr) -> TokenStream {
    let field = tokens(&h.field);
    let name = &h.name;
    let value = match &h.ty {
        TypeRef::Bool => quote!(::smithy_rt::eventstream::HeaderValue::Bool(*item)),
        TypeRef::Byte => quote!(::smithy_rt::eventstream::HeaderValue::Byte(*item)),
        TypeRef::Short => quote!(::smithy_rt::eventstream::HeaderValue::Short(*item)),
        TypeRef::Integer => quote!(::smithy_rt::eventstream::HeaderValue::Int(*item)),
        TypeRef::Long => quote!(::smithy_rt::eventstream::HeaderValue::Long(*item)),
        TypeRef::Blob => quote!(::smithy_rt::eventstream::HeaderValue::Bytes(::std::convert::AsRef::<[u8]>::as_ref(item).to_vec())),
        TypeRef::Timestamp(_) => quote!(::smithy_rt::eventstream::HeaderValue::timestamp(*item)),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            quote!(::smithy_rt::eventstream::HeaderValue::String(item.as_str().to_owned()))
        }
        _ => quote!(::smithy_rt::eventstream::HeaderValue::String(::std::clone::Clone::clone(item))),
    };
    if h.optional {
        quote! {
            if let ::std::option::Option::Some(item) = &event.#field {
                message = message.with_header(#name, #value);
            }
        }
    } else {
        quote! {
            let item = &event.#field;
            message = message.with_header(#name, #value);
        }
    }
}
