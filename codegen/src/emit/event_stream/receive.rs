//! One stream's module: its error enum and `Unmarshal` for its union, reading each event's
//! headers, payload and JSON body into the event's structure.

use crate::emit::{doc, tokens};
use crate::emit::structure::rust_type;
use crate::emit::wire::read_value;
use crate::ir::{EventHeaderIr, EventIr, EventPayloadIr, EventStreamIr, NamedKind, PayloadKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(stream: &EventStreamIr) -> Vec<TokenStream> {
    let union = tokens(&stream.union_path);
    let error = format_ident!("{}", stream.error_name);
    let module_doc = format!(
        " The event stream [`{0}`]({1}): its errors, and how its messages become events.",
        stream.union_name, stream.union_path
    );
    let error_doc = doc(&format!(
        "What ends the event stream [`{0}`]({1}) early: one of its modeled errors, or [`StreamError`](crate::event_streams::StreamError) \
         (a malformed or cut-off stream, an error the model does not describe).",
        stream.union_name, stream.union_path
    ));
    let variants = stream.exceptions.iter().map(|e| {
        let variant = format_ident!("{}", e.variant);
        let ty = tokens(&e.rust_path);
        let docs = doc(&format!("The modeled error [`{0}`]({1}).", e.variant, e.rust_path));
        quote!(#docs #variant(::std::boxed::Box<#ty>),)
    });
    let display_arms = stream.exceptions.iter().map(|e| {
        let variant = format_ident!("{}", e.variant);
        quote!(Self::#variant(e) => ::std::fmt::Display::fmt(e, f),)
    });
    let source_arms = stream.exceptions.iter().map(|e| {
        let variant = format_ident!("{}", e.variant);
        quote!(Self::#variant(e) => ::std::option::Option::Some(e.as_ref()),)
    });
    let event_arms = stream.events.iter().map(|event| event_arm(&union, event));
    let readers = stream.events.iter().filter_map(event_reader);
    let exception_arms = stream.exceptions.iter().map(|e| {
        let name = &e.exception_type;
        let variant = format_ident!("{}", e.variant);
        let wire = tokens(&e.wire_module);
        quote! {
            ::smithy_rt::eventstream::Kind::Exception(#name) => {
                let meta = crate::error::common::ErrorMetadata::new(200, ::std::option::Option::None);
                let error = #wire::read_error(&::http::HeaderMap::new(), &message.payload, meta)
                    .map_err(|e| ::smithy_rt::eventstream::StreamError::invalid(e.to_string()))?;
                ::std::result::Result::Err(#error::#variant(::std::boxed::Box::new(error)))
            }
        }
    });
    let stream_doc = " The stream ended otherwise: malformed, cut off, or with an error the model does not describe.";
    vec![
        quote!(#![doc = #module_doc]),
        quote! {
            #error_doc
            #[derive(Debug)]
            #[non_exhaustive]
            pub enum #error {
                #(#variants)*
                #[doc = #stream_doc]
                Stream(::smithy_rt::eventstream::StreamError),
            }
        },
        quote! {
            impl ::std::fmt::Display for #error {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#display_arms)*
                        Self::Stream(e) => ::std::fmt::Display::fmt(e, f),
                    }
                }
            }
        },
        quote! {
            impl ::std::error::Error for #error {
                fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                    match self {
                        #(#source_arms)*
                        Self::Stream(e) => ::std::option::Option::Some(e),
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<::smithy_rt::eventstream::StreamError> for #error {
                fn from(e: ::smithy_rt::eventstream::StreamError) -> Self {
                    Self::Stream(e)
                }
            }
        },
        quote! {
            impl ::smithy_rt::eventstream::Unmarshal for #union {
                type Event = Self;
                type Error = #error;

                fn unmarshal(message: ::smithy_rt::eventstream::Message) -> ::std::result::Result<Self, #error> {
                    match ::smithy_rt::eventstream::Kind::of(&message)? {
                        #(#event_arms)*
                        // Events newer than this crate are kept by name, as the union keeps
                        // members it does not know.
                        ::smithy_rt::eventstream::Kind::Event(other) => {
                            ::std::result::Result::Ok(Self::Unknown(crate::types::UnknownValue::new(other.to_owned())))
                        }
                        #(#exception_arms)*
                        ::smithy_rt::eventstream::Kind::Exception(other) => ::std::result::Result::Err(
                            ::smithy_rt::eventstream::StreamError::unknown_exception(other, &message.payload).into(),
                        ),
                        ::smithy_rt::eventstream::Kind::Error => {
                            ::std::result::Result::Err(::smithy_rt::eventstream::StreamError::from_error_message(&message).into())
                        }
                    }
                }
            }
        },
    ]
    .into_iter()
    .chain(readers)
    .collect()
}

fn reader_name(event: &EventIr) -> proc_macro2::Ident {
    format_ident!("{}", event.reader)
}

fn event_arm(union: &TokenStream, event: &EventIr) -> TokenStream {
    let name = &event.event_type;
    let variant = format_ident!("{}", event.variant);
    match &event.shape {
        None => quote!(::smithy_rt::eventstream::Kind::Event(#name) => ::std::result::Result::Ok(#union::#variant),),
        Some(shape) => {
            let reader = reader_name(event);
            let value = if shape.boxed { quote!(::std::boxed::Box::new(#reader(message)?)) } else { quote!(#reader(message)?) };
            quote!(::smithy_rt::eventstream::Kind::Event(#name) => ::std::result::Result::Ok(#union::#variant(#value)),)
        }
    }
}

/// `fn read_<event>(message) -> Result<Event, StreamError>`.
fn event_reader(event: &EventIr) -> Option<TokenStream> {
    let shape = event.shape.as_ref()?;
    let reader = reader_name(event);
    let ty = tokens(&shape.rust_path);
    let header_locals: Vec<_> = shape.headers.iter().map(|h| format_ident!("{}_", crate::names::unraw(&h.field))).collect();
    let read_headers = shape.headers.iter().zip(&header_locals).map(|(h, local)| {
        let value = header_value(h);
        quote!(let #local = #value;)
    });
    let fields: Vec<TokenStream> = shape.headers.iter().map(|h| tokens(&h.field)).collect();
    let invalid = quote!(|e| ::smithy_rt::eventstream::StreamError::invalid(e.to_string()));
    let build = match &shape.payload {
        Some(payload) => {
            let field = tokens(&payload.field);
            let value = payload_value(payload, &invalid);
            quote! {
                ::std::result::Result::Ok(#ty { #field: #value, #(#fields: #header_locals,)* })
            }
        }
        None => {
            let wire = tokens(&shape.wire_module);
            let read = quote!(crate::rt::read_body(&message.payload, #wire::read).map_err(#invalid));
            let body = quote!(#read?);
            if fields.is_empty() {
                read
            } else {
                quote! {
                    let mut event = #body;
                    #(event.#fields = #header_locals;)*
                    ::std::result::Result::Ok(event)
                }
            }
        }
    };
    let doc = format!(" Reads the `{}` event from its message.", event.event_type);
    Some(quote! {
        #[doc = #doc]
        fn #reader(message: ::smithy_rt::eventstream::Message) -> ::std::result::Result<#ty, ::smithy_rt::eventstream::StreamError> {
            #(#read_headers)*
            #build
        }
    })
}

fn header_value(h: &EventHeaderIr) -> TokenStream {
    let name = &h.name;
    let read = |f: &str| {
        let f = format_ident!("{f}");
        quote!(::smithy_rt::eventstream::headers::#f(&message, #name)?)
    };
    let value = match &h.ty {
        TypeRef::Bool => read("boolean"),
        TypeRef::Byte => read("byte"),
        TypeRef::Short => read("short"),
        TypeRef::Integer => read("int"),
        TypeRef::Long => read("long"),
        TypeRef::Blob => {
            let r = read("bytes");
            quote!(#r.map(crate::primitives::Blob::new))
        }
        TypeRef::Timestamp(_) => read("timestamp"),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let t = tokens(&n.rust_path);
            let r = read("string");
            quote!(#r.map(|text| #t::from(text.as_str())))
        }
        _ => read("string"),
    };
    if h.optional {
        value
    } else {
        let missing = format!("the event has no `{name}` header, which it requires");
        quote!(#value.ok_or_else(|| ::smithy_rt::eventstream::StreamError::invalid(#missing))?)
    }
}

fn payload_value(p: &EventPayloadIr, invalid: &TokenStream) -> TokenStream {
    let value = match (p.kind, &p.ty) {
        (PayloadKind::Blob, _) => quote!(crate::primitives::Blob::new(message.payload)),
        (PayloadKind::Text, TypeRef::Named(n)) => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(crate::rt::http_bind::text_body(&message.payload).map_err(#invalid)?.as_str()))
        }
        (PayloadKind::Text, _) => quote!(crate::rt::http_bind::text_body(&message.payload).map_err(#invalid)?),
        (PayloadKind::Json, TypeRef::Named(n)) => {
            let wire = tokens(&n.wire_module);
            quote!(crate::rt::read_body(&message.payload, #wire::read).map_err(#invalid)?)
        }
        (PayloadKind::Json, ty) => {
            let read = read_value(ty);
            let ty = rust_type(ty);
            quote!(crate::rt::read_body::<#ty>(&message.payload, |r| ::std::result::Result::Ok(#read)).map_err(#invalid)?)
        }
    };
    if p.optional { quote!(::std::option::Option::Some(#value)) } else { value }
}
