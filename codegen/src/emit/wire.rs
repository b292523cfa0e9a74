//! JSON body code (restJson1, awsJson1_0, awsJson1_1): a JSON writer and reader per
//! structure and union.
//!
//! Wire files define no types, so the prelude's `Some`, `Ok`, `Vec`, ... cannot be shadowed
//! there and are used unqualified; type files spell every path in full.
//!
//! Readers are generated for the exact shapes: each key is matched once, unknown keys are
//! skipped without building values, strings are borrowed until stored. Members that are
//! missing or `null` are absent, except documents: a `null` document member is
//! `Some(Document::Null)`, since a document may be null.

use super::tokens;
use super::validate::{self, Patterns};
use super::wire_read::ReadCodec;
use crate::ir::{Location, MemberIr, NamedKind, StructIr, TypeRef, UnionIr};
use crate::traits::TimestampFormat;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit_struct(s: &StructIr) -> Vec<TokenStream> {
    let ty = tokens(&s.rust_path);
    let doc = format!(" JSON reading and writing of [`{}`]({}).", s.rust_name, s.rust_path);
    let mut items = vec![quote!(#![doc = #doc])];
    let mut patterns = Patterns::default();
    if s.wire_use.write {
        items.push(write_members_fn(&quote!(write), &ty, &s.members, s.wire_use.options));
        items.push(validate::struct_fn(&quote!(validate), s, &mut patterns));
    }
    if s.wire_use.read {
        items.push(read_struct_fn(&quote!(read), s));
    }
    if let Some(info) = &s.error {
        let code = &info.code;
        let json_body = if super::http_response::has_payload(s) { quote!(b"") } else { quote!(body) };
        let bound = super::http_response::has_bindings(s);
        let headers = if bound { quote!(headers) } else { quote!(_headers) };
        let bind = bound.then(|| {
            quote! {
                read_bindings(&mut error, meta.status(), headers, body)
                    .map_err(|e| crate::error::common::InvalidResponse::new(Some(#code.to_owned()), meta.clone(), e))?;
            }
        });
        items.push(quote! {
            /// Reads the error from a response body and attaches the response's metadata.
            pub(crate) fn read_error(#headers: &::http::HeaderMap, body: &[u8], meta: crate::error::common::ErrorMetadata) -> Result<#ty, crate::error::common::InvalidResponse> {
                let mut error = crate::rt::read_response(#json_body, Some(#code), &meta, read)?;
                #bind
                error.meta = meta;
                Ok(error)
            }
        });
        items.push(super::http_response::read_bindings_fn(s));
    }
    items.extend(patterns.statics());
    items
}

/// `fn #name(w, value: &#ty)` writing the body members of a structure as one JSON object.
/// With `with_options` (an operation's input body, or a structure that fills idempotency
/// tokens itself or through what it holds: `WireUse::options`), the function also takes the
/// request's `SerializeOptions`, whose generator fills the tokens the caller left unset, and
/// passes them on to the writers that need them.
pub(crate) fn write_members_fn(name: &TokenStream, ty: &TokenStream, members: &[MemberIr], with_options: bool) -> TokenStream {
    let body_members: Vec<&MemberIr> = members.iter().filter(|m| m.location == Location::Body).collect();
    let value_param = if body_members.is_empty() { quote!(_value) } else { quote!(value) };
    let uses_options = body_members.iter().any(|m| m.fills_token() || takes_options(&m.ty));
    let options_param = match (with_options, uses_options) {
        (false, _) => quote!(),
        (true, true) => quote!(, options: &crate::SerializeOptions),
        (true, false) => quote!(, _options: &crate::SerializeOptions),
    };
    let writes = body_members.iter().map(|m| {
        let field = tokens(&m.field);
        let key = &m.wire_name;
        if m.fills_token() {
            // An idempotency token the caller left unset is filled with a fresh one, from the
            // options' generator (lowering gives every writer that fills one the options).
            quote! {
                w.key(#key);
                match &value.#field {
                    Some(item) => w.string(item),
                    None => w.string(&options.new_idempotency_token()),
                }
            }
        } else if m.is_optional() {
            let write = write_value(&m.ty, &quote!(item));
            quote! {
                if let Some(item) = &value.#field {
                    w.key(#key);
                    #write
                }
            }
        } else {
            let write = write_value(&m.ty, &quote!(item));
            quote! {
                w.key(#key);
                let item = &value.#field;
                #write
            }
        }
    });
    quote! {
        pub(crate) fn #name(w: &mut crate::rt::json::Writer, #value_param: &#ty #options_param) {
            w.begin_object();
            #(#writes)*
            w.end_object();
        }
    }
}

/// Whether writing a value of `ty` calls a writer that takes the request's options (which the
/// calling writer then has in scope as `options`).
pub(crate) fn takes_options(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => n.write_options,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => takes_options(inner),
        _ => false,
    }
}

/// Statements writing `value` (an expression of type `&T`) as JSON; a writer that fills
/// idempotency tokens gets the `options` in scope.
pub(crate) fn write_value(ty: &TypeRef, value: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(w.string(#value);),
        TypeRef::Bool => quote!(w.bool(*#value);),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer => quote!(w.i64(i64::from(*#value));),
        TypeRef::Long => quote!(w.i64(*#value);),
        TypeRef::Float => quote!(w.f32(*#value);),
        TypeRef::Double => quote!(w.f64(*#value);),
        TypeRef::BigInteger => quote!(crate::rt::json_big::write_integer(w, #value);),
        TypeRef::BigDecimal => quote!(crate::rt::json_big::write_decimal(w, #value);),
        TypeRef::Blob => quote!(crate::rt::json_blob::write(w, #value);),
        TypeRef::Document => quote!(crate::rt::json_document::write(w, #value);),
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => quote!(w.i64(i64::from(#value.as_i32()));),
        TypeRef::Nullable(inner) => {
            let item = write_value(inner, &quote!(item));
            quote! {
                match #value {
                    Some(item) => { #item }
                    None => w.null(),
                }
            }
        }
        // Boxed values are only structures and unions, written through a function: auto-deref.
        TypeRef::Boxed(inner) => write_value(inner, value),
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => quote!(w.timestamp_epoch_seconds(#value);),
        TypeRef::Timestamp(TimestampFormat::DateTime) => quote!(w.timestamp_date_time(#value);),
        TypeRef::Timestamp(TimestampFormat::HttpDate) => quote!(w.timestamp_http_date(#value);),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote!(w.string(#value.as_str());),
        TypeRef::Named(n) if n.write_options => {
            let module = tokens(&n.wire_module);
            quote!(#module::write(w, #value, options);)
        }
        TypeRef::Named(n) => {
            let module = tokens(&n.wire_module);
            quote!(#module::write(w, #value);)
        }
        TypeRef::List(inner) => {
            let item = write_value(inner, &quote!(item));
            quote! {
                w.begin_array();
                for item in #value {
                    #item
                }
                w.end_array();
            }
        }
        TypeRef::Map(inner) => {
            let item = write_value(inner, &quote!(item));
            quote! {
                w.begin_object();
                for (key, item) in #value {
                    w.key(key);
                    #item
                }
                w.end_object();
            }
        }
    }
}

/// An expression reading one (non-null) value of `ty` from `r`.
pub(crate) fn read_value(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(r.string()?.into_owned()),
        TypeRef::Bool => quote!(r.bool()?),
        TypeRef::Byte => quote!(r.i8()?),
        TypeRef::Short => quote!(r.i16()?),
        TypeRef::Integer => quote!(r.i32()?),
        TypeRef::Long => quote!(r.i64()?),
        TypeRef::Float => quote!(r.f32()?),
        TypeRef::Double => quote!(r.f64()?),
        TypeRef::BigInteger => quote!(crate::rt::json_big::read_integer(r)?),
        TypeRef::BigDecimal => quote!(crate::rt::json_big::read_decimal(r)?),
        TypeRef::Blob => quote!(crate::rt::json_blob::read(r)?),
        TypeRef::Document => quote!(crate::rt::json_document::read(r)?),
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(r.i32()?))
        }
        TypeRef::Nullable(inner) => {
            let item = read_value(inner);
            quote!(if r.take_null()? { None } else { Some(#item) })
        }
        TypeRef::Boxed(inner) => {
            let item = read_value(inner);
            quote!(Box::new(#item))
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => quote!(r.timestamp_epoch_seconds()?),
        TypeRef::Timestamp(TimestampFormat::DateTime) => quote!(r.timestamp_date_time()?),
        TypeRef::Timestamp(TimestampFormat::HttpDate) => quote!(r.timestamp_http_date()?),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(r.string()?.as_ref()))
        }
        TypeRef::Named(n) => {
            let module = tokens(&n.wire_module);
            quote!(#module::read(r)?)
        }
        TypeRef::List(inner) => {
            let item = read_value(inner);
            if let TypeRef::Nullable(_) = **inner {
                // A `@sparse` list keeps `null` entries as `None`.
                return quote! {{
                    let mut items = Vec::new();
                    r.begin_array()?;
                    while r.next_element()? {
                        items.push(#item);
                    }
                    items
                }};
            }
            // Lists are dense: a `null` entry is dropped, as the AWS SDKs do.
            quote! {{
                let mut items = Vec::new();
                r.begin_array()?;
                while r.next_element()? {
                    if !r.take_null()? {
                        items.push(#item);
                    }
                }
                items
            }}
        }
        TypeRef::Map(inner) => {
            let item = read_value(inner);
            if let TypeRef::Nullable(_) = **inner {
                // A `@sparse` map keeps `null` values as `None`.
                return quote! {{
                    let mut entries = ::std::collections::BTreeMap::new();
                    r.begin_object()?;
                    while let Some(key) = r.next_key()? {
                        let item = #item;
                        entries.insert(key.into_owned(), item);
                    }
                    entries
                }};
            }
            quote! {{
                let mut entries = ::std::collections::BTreeMap::new();
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    if !r.take_null()? {
                        let item = #item;
                        entries.insert(key.into_owned(), item);
                    }
                }
                entries
            }}
        }
    }
}

/// `fn #name(r) -> Result<T>` reading a structure's JSON object.
/// The JSON body codec of restJson1 and the awsJson protocols.
fn json_codec() -> ReadCodec {
    ReadCodec {
        module: quote!(crate::rt::json),
        reader: quote!(Reader),
        error: quote!(JsonError),
        begin: quote!(begin_object),
        skip: quote!(skip_value),
        read_value,
    }
}

pub(crate) fn read_struct_fn(name: &TokenStream, s: &StructIr) -> TokenStream {
    super::wire_read::read_struct_fn_with(&json_codec(), name, s)
}

pub fn emit_union(u: &UnionIr) -> Vec<TokenStream> {
    let ty = tokens(&u.rust_path);
    let doc = format!(" JSON reading and writing of [`{}`]({}).", u.rust_name, u.rust_path);
    let write_arms = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let key = &v.wire_name;
        match &v.ty {
            Some(t) => {
                let write = write_value(t, &quote!(inner));
                quote!(#ty::#variant(inner) => { w.key(#key); #write })
            }
            None => quote!(#ty::#variant => { w.key(#key); w.begin_object(); w.end_object(); }),
        }
    });
    let mut items = vec![quote!(#![doc = #doc])];
    let mut patterns = Patterns::default();
    if u.wire_use.write {
        // A union fills no token itself: it takes the options only to pass them on.
        let options_param = u.wire_use.options.then(|| quote!(, options: &crate::SerializeOptions));
        items.push(validate::union_fn(u, &mut patterns));
        items.push(quote! {
            /// Writes the member that is set. An `Unknown` member cannot be sent: every
            /// request is checked for one before it is written.
            pub(crate) fn write(w: &mut crate::rt::json::Writer, value: &#ty #options_param) {
                w.begin_object();
                match value {
                    #(#write_arms)*
                    #ty::Unknown(_) => {}
                }
                w.end_object();
            }
        });
    }
    if u.wire_use.read {
        items.push(super::wire_read::read_union_fn(&json_codec(), u));
    }
    items.extend(patterns.statics());
    items
}
