//! Smithy RPC v2 CBOR body code: a CBOR writer and reader per structure and union, over the
//! runtime's `rt::cbor` codec. The counterpart of `wire` (JSON), with the same rules: each
//! key matched once, unknown keys skipped, missing or `null` members absent, `@sparse`
//! collections keeping their `null`s, dense ones dropping them.
//!
//! Structures and unions are written as indefinite-length maps (members that are unset are
//! left out, so the count is known only at the end); lists and maps, whose length is known,
//! with definite lengths. A writer that reaches a `bigDecimal` can fail (its exponent may be
//! beyond CBOR's integers): it returns `Result<(), SerializeError>`, and so does every writer
//! holding it (`WireUse::fallible`); the others return nothing. Documents are refused when
//! lowering (the protocol gives them no CBOR form), so their arms below only keep a crate
//! from compiling should that rule ever be bypassed.

use super::tokens;
use super::validate::{self, Patterns};
use super::wire_read::ReadCodec;
use crate::ir::{Location, MemberIr, NamedKind, StructIr, TypeRef, UnionIr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit_struct(s: &StructIr) -> Vec<TokenStream> {
    let ty = tokens(&s.rust_path);
    let doc = format!(" CBOR reading and writing of [`{}`]({}).", s.rust_name, s.rust_path);
    let mut items = vec![quote!(#![doc = #doc])];
    let mut patterns = Patterns::default();
    if s.wire_use.write {
        items.push(write_members_fn(&quote!(write), &ty, &s.rust_name, &s.members, s.wire_use.options));
        items.push(validate::struct_fn(&quote!(validate), s, &mut patterns));
    }
    if s.wire_use.read {
        items.push(read_struct_fn(&quote!(read), s));
    }
    if let Some(info) = &s.error {
        let code = &info.code;
        items.push(quote! {
            /// Reads the error from a response body and attaches the response's metadata.
            pub(crate) fn read_error(_headers: &::http::HeaderMap, body: &[u8], meta: crate::error::common::ErrorMetadata) -> Result<#ty, crate::error::common::InvalidResponse> {
                let mut error = crate::rt::cbor_body::read_response(body, Some(#code), &meta, read)?;
                error.meta = meta;
                Ok(error)
            }
        });
    }
    items.extend(patterns.statics());
    items
}

/// `fn #name(w, value: &#ty)` writing the members of a structure (`owner`) as one CBOR map;
/// with `with_options` it also takes the request's `SerializeOptions`, as `wire`'s writers
/// do. When a member's writing can fail, it returns `Result<(), SerializeError>`.
pub(crate) fn write_members_fn(name: &TokenStream, ty: &TokenStream, owner: &str, members: &[MemberIr], with_options: bool) -> TokenStream {
    let body_members: Vec<&MemberIr> = members.iter().filter(|m| m.location == Location::Body).collect();
    let value_param = if body_members.is_empty() { quote!(_value) } else { quote!(value) };
    let uses_options = body_members.iter().any(|m| m.fills_token() || super::wire::takes_options(&m.ty));
    let options_param = match (with_options, uses_options) {
        (false, _) => quote!(),
        (true, true) => quote!(, options: &crate::SerializeOptions),
        (true, false) => quote!(, _options: &crate::SerializeOptions),
    };
    let writes = body_members.iter().map(|m| {
        let field = tokens(&m.field);
        let key = &m.wire_name;
        if m.fills_token() {
            quote! {
                w.str(#key);
                match &value.#field {
                    Some(item) => w.str(item),
                    None => w.str(&options.new_idempotency_token()),
                };
            }
        } else if m.is_optional() {
            let write = write_value(&m.ty, &quote!(item), &member_label(owner, m));
            quote! {
                if let Some(item) = &value.#field {
                    w.str(#key);
                    #write
                }
            }
        } else {
            let write = write_value(&m.ty, &quote!(item), &member_label(owner, m));
            quote! {
                w.str(#key);
                let item = &value.#field;
                #write
            }
        }
    });
    if body_members.iter().any(|m| can_fail(&m.ty)) {
        return quote! {
            pub(crate) fn #name(w: &mut crate::rt::cbor::Encoder, #value_param: &#ty #options_param) -> Result<(), crate::error::common::SerializeError> {
                w.begin_map();
                #(#writes)*
                w.end();
                Ok(())
            }
        };
    }
    quote! {
        pub(crate) fn #name(w: &mut crate::rt::cbor::Encoder, #value_param: &#ty #options_param) {
            w.begin_map();
            #(#writes)*
            w.end();
        }
    }
}

/// How a failed write names the member: `Owner.Member`, with the member's wire name.
fn member_label(owner: &str, m: &MemberIr) -> String {
    format!("{owner}.{}", m.wire_name)
}

/// Whether writing a value of `ty` can fail (see `lower::tokens`).
pub(crate) fn can_fail(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::BigDecimal => true,
        TypeRef::Named(n) => n.write_fallible,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => can_fail(inner),
        _ => false,
    }
}

/// Statements writing `value` (an expression of type `&T`) as CBOR; a failure names `member`.
fn write_value(ty: &TypeRef, value: &TokenStream, member: &str) -> TokenStream {
    match ty {
        TypeRef::String => quote!(w.str(#value);),
        TypeRef::Bool => quote!(w.bool(*#value);),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer => quote!(w.i64(i64::from(*#value));),
        TypeRef::Long => quote!(w.i64(*#value);),
        TypeRef::Float => quote!(w.f32(*#value);),
        TypeRef::Double => quote!(w.f64(*#value);),
        TypeRef::BigInteger => quote!(w.big_integer(#value);),
        TypeRef::BigDecimal => quote!(w.big_decimal(#value, #member)?;),
        TypeRef::Document => unsupported(),
        TypeRef::Blob => quote!(w.bytes(#value.as_bytes());),
        TypeRef::Timestamp(_) => quote!(w.timestamp(#value);),
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => quote!(w.i64(i64::from(#value.as_i32()));),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote!(w.str(#value.as_str());),
        TypeRef::Named(n) => {
            let module = tokens(&n.wire_module);
            let options = n.write_options.then(|| quote!(, options));
            let fails = n.write_fallible.then(|| quote!(?));
            quote!(#module::write(w, #value #options)#fails;)
        }
        TypeRef::Nullable(inner) => {
            let item = write_value(inner, &quote!(item), member);
            quote! {
                match #value {
                    Some(item) => { #item }
                    None => { w.null(); }
                }
            }
        }
        TypeRef::Boxed(inner) => write_value(inner, value, member),
        TypeRef::List(inner) => {
            let item = write_value(inner, &quote!(item), member);
            quote! {
                w.array(#value.len() as u64);
                for item in #value {
                    #item
                }
            }
        }
        TypeRef::Map(inner) => {
            let item = write_value(inner, &quote!(item), member);
            quote! {
                w.map(#value.len() as u64);
                for (key, item) in #value {
                    w.str(key);
                    #item
                }
            }
        }
    }
}

/// Lowering stops at a document with this codec; should one get here anyway, the crate
/// does not compile, saying why.
fn unsupported() -> TokenStream {
    quote!(compile_error!("documents are not supported with rpcv2Cbor");)
}

/// An expression reading one (non-null) value of `ty` from `r`.
fn read_value(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(r.str()?.into_owned()),
        TypeRef::Bool => quote!(r.bool()?),
        TypeRef::Byte => quote!(r.i8()?),
        TypeRef::Short => quote!(r.i16()?),
        TypeRef::Integer => quote!(r.i32()?),
        TypeRef::Long => quote!(r.i64()?),
        TypeRef::Float => quote!(r.f32()?),
        TypeRef::Double => quote!(r.f64()?),
        TypeRef::BigInteger => quote!(r.big_integer()?),
        TypeRef::BigDecimal => quote!(r.big_decimal()?),
        TypeRef::Document => {
            let stop = unsupported();
            quote!({ #stop })
        }
        TypeRef::Blob => quote!(crate::primitives::Blob::new(r.bytes()?.into_owned())),
        TypeRef::Timestamp(_) => quote!(r.timestamp()?),
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(r.i32()?))
        }
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(r.str()?.as_ref()))
        }
        TypeRef::Named(n) => {
            let module = tokens(&n.wire_module);
            quote!(#module::read(r)?)
        }
        TypeRef::Nullable(inner) => {
            let item = read_value(inner);
            quote!(if r.take_null()? { None } else { Some(#item) })
        }
        TypeRef::Boxed(inner) => {
            let item = read_value(inner);
            quote!(Box::new(#item))
        }
        TypeRef::List(inner) => {
            let item = read_value(inner);
            // A `@sparse` list keeps `null` entries as `None`; a dense one drops them.
            let push = if let TypeRef::Nullable(_) = **inner {
                quote!(items.push(#item);)
            } else {
                quote!(if !r.take_null()? { items.push(#item); })
            };
            quote! {{
                let mut items = Vec::new();
                r.begin_array()?;
                while r.has_next()? {
                    #push
                }
                items
            }}
        }
        TypeRef::Map(inner) => {
            let item = read_value(inner);
            let insert = if let TypeRef::Nullable(_) = **inner {
                quote!(let item = #item; entries.insert(key.into_owned(), item);)
            } else {
                quote!(if !r.take_null()? { let item = #item; entries.insert(key.into_owned(), item); })
            };
            quote! {{
                let mut entries = ::std::collections::BTreeMap::new();
                r.begin_map()?;
                while let Some(key) = r.next_key()? {
                    #insert
                }
                entries
            }}
        }
    }
}

/// `fn #name(r) -> Result<T>` reading a structure's CBOR map.
/// The CBOR body codec of RPC v2 CBOR.
fn cbor_codec() -> ReadCodec {
    ReadCodec {
        module: quote!(crate::rt::cbor),
        reader: quote!(Decoder),
        error: quote!(CborError),
        begin: quote!(begin_map),
        skip: quote!(skip),
        read_value,
    }
}

pub(crate) fn read_struct_fn(name: &TokenStream, s: &StructIr) -> TokenStream {
    super::wire_read::read_struct_fn_with(&cbor_codec(), name, s)
}

pub fn emit_union(u: &UnionIr) -> Vec<TokenStream> {
    let ty = tokens(&u.rust_path);
    let doc = format!(" CBOR reading and writing of [`{}`]({}).", u.rust_name, u.rust_path);
    let write_arms = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let key = &v.wire_name;
        match &v.ty {
            Some(t) => {
                let write = write_value(t, &quote!(inner), &format!("{}.{key}", u.rust_name));
                quote!(#ty::#variant(inner) => { w.str(#key); #write })
            }
            None => quote!(#ty::#variant => { w.str(#key); w.map(0); }),
        }
    });
    let mut items = vec![quote!(#![doc = #doc])];
    let mut patterns = Patterns::default();
    if u.wire_use.write {
        let options_param = u.wire_use.options.then(|| quote!(, options: &crate::SerializeOptions));
        items.push(validate::union_fn(u, &mut patterns));
        let (returns, ok) = if u.wire_use.fallible {
            (quote!(-> Result<(), crate::error::common::SerializeError>), quote!(Ok(())))
        } else {
            (quote!(), quote!())
        };
        items.push(quote! {
            /// Writes the member that is set. An `Unknown` member cannot be sent: every
            /// request is checked for one before it is written.
            pub(crate) fn write(w: &mut crate::rt::cbor::Encoder, value: &#ty #options_param) #returns {
                w.begin_map();
                match value {
                    #(#write_arms)*
                    #ty::Unknown(_) => {}
                }
                w.end();
                #ok
            }
        });
    }
    if u.wire_use.read {
        items.push(super::wire_read::read_union_fn(&cbor_codec(), u));
    }
    items.extend(patterns.statics());
    items
}
