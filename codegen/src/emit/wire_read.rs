//! What the JSON and CBOR readers of structures and unions share: the codecs differ only in
//! the calls that open a structure, skip a value and read one, and in their error type.

use super::defaults::{Zero, or_default, zero_value};
use super::tokens;
use crate::ir::{Location, MemberIr, Presence, StructIr, StructRole, TypeRef, UnionIr};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

/// What a structure's reader asks of its body codec; the rest of the reader (locals, keys
/// by precedence, defaults and zero values of absent members) is the same for every codec.
pub(crate) struct ReadCodec {
    /// The runtime module of the codec (`crate::rt::json`), which has its `Result`.
    pub module: TokenStream,
    /// The reader type in `module` (`Reader`) and its error type (`JsonError`).
    pub reader: TokenStream,
    pub error: TokenStream,
    /// The calls that open a structure and skip an unknown member's value.
    pub begin: TokenStream,
    pub skip: TokenStream,
    /// The expression reading a value of a type.
    pub read_value: fn(&TypeRef) -> TokenStream,
}

/// A function named `name` reading the structure `s` with `codec`.
pub(crate) fn read_struct_fn_with(codec: &ReadCodec, name: &TokenStream, s: &StructIr) -> TokenStream {
    let ReadCodec { module, reader, error, begin, skip, read_value } = codec;
    let ty = tokens(&s.rust_path);
    let body_members: Vec<&MemberIr> = s.members.iter().filter(|m| m.location == Location::Body).collect();
    // Locals carry a `_` suffix so that no member name can shadow `r`, `key` or each other.
    let locals: Vec<_> = body_members.iter().map(|m| local(m)).collect();
    let declare = locals.iter().map(|l| quote!(let mut #l = None;));
    // A member read from several keys (by precedence) also tracks the precedence of the key
    // that set it: a key is read unless one of higher precedence already gave a value.
    let ranks = body_members.iter().filter(|m| m.read_keys.len() > 1).map(|m| {
        let rank = rank_local(m);
        let lowest = proc_macro2::Literal::u8_unsuffixed(u8::try_from(m.read_keys.len()).unwrap_or(u8::MAX));
        quote!(let mut #rank: u8 = #lowest;)
    });
    let declare = declare.chain(ranks);
    let arms = body_members.iter().zip(&locals).flat_map(|(m, local)| {
        let read = read_value(&m.ty);
        if m.read_keys.len() <= 1 {
            let key = &m.wire_name;
            if m.ty == TypeRef::Document {
                // `null` is a document too: the key says the member is there.
                return vec![quote! {
                    #key => {
                        #local = Some(#read);
                    }
                }];
            }
            return vec![quote! {
                #key => {
                    #local = if r.take_null()? { None } else { Some(#read) };
                }
            }];
        }
        let rank = rank_local(m);
        m.read_keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let n = proc_macro2::Literal::u8_unsuffixed(u8::try_from(i).unwrap_or(u8::MAX));
                let guard = (i > 0).then(|| quote!(if #rank >= #n));
                quote! {
                    #key #guard => {
                        if !r.take_null()? {
                            #local = Some(#read);
                            #rank = #n;
                        }
                    }
                }
            })
            .collect()
    });
    let assemble = s.members.iter().map(|m| {
        let field = tokens(&m.field);
        // Members outside the body (only inputs have them, and inputs are not read) are
        // absent when read back.
        let in_body = m.location == Location::Body;
        let local = if in_body { local(m).into_token_stream() } else { quote!(None) };
        match &m.presence {
            // Members bound outside the body start from their zero value; the response's
            // headers, status or payload fill them afterwards.
            Presence::Required if !in_body && !matches!(zero_value(&m.ty), Zero::None) => match zero_value(&m.ty) {
                Zero::Const(zero) | Zero::Built(zero) => quote!(#field: #zero,),
                _ => quote!(#field: ::std::default::Default::default(),),
            },
            Presence::Optional => quote!(#field: #local,),
            // Filled from the response's headers, status or payload afterwards, if there.
            Presence::Default(value) if !in_body => {
                let value = super::defaults::default_expr(value, &m.ty);
                quote!(#field: #value,)
            }
            Presence::Default(value) => {
                let value = or_default(&quote!(#local), value, &m.ty);
                quote!(#field: #value,)
            }
            // A required member the response leaves out reads as its model default, if any.
            Presence::Required if m.required_default.is_some() => {
                let value = m.required_default.as_ref().map(|v| or_default(&quote!(#local), v, &m.ty));
                quote!(#field: #value,)
            }
            Presence::Required => match zero_value(&m.ty) {
                Zero::Default => quote!(#field: #local.unwrap_or_default(),),
                Zero::Const(zero) => quote!(#field: #local.unwrap_or(#zero),),
                Zero::Built(zero) => quote!(#field: #local.unwrap_or_else(|| #zero),),
                Zero::None => {
                    let message = format!("missing the required member `{}`", m.model_name);
                    quote!(#field: #local.ok_or_else(|| #module::#error::custom(r.offset(), #message))?,)
                }
            },
        }
    });
    let extra = match s.role {
        StructRole::Output => quote!(request_id: None,),
        StructRole::Error => quote!(meta: ::std::default::Default::default(),),
        _ => quote!(),
    };
    let loop_body = if body_members.is_empty() {
        quote! {
            while r.next_key()?.is_some() {
                r.#skip()?;
            }
        }
    } else {
        quote! {
            while let Some(key) = r.next_key()? {
                match key.as_ref() {
                    #(#arms)*
                    _ => r.#skip()?,
                }
            }
        }
    };
    quote! {
        pub(crate) fn #name(r: &mut #module::#reader<'_>) -> #module::Result<#ty> {
            #(#declare)*
            r.#begin()?;
            #loop_body
            Ok(#ty { #(#assemble)* #extra })
        }
    }
}

/// The `read` function of the union `u` with `codec`: one member set, `__type` skipped, a
/// member this crate does not know kept as `Unknown`.
pub(crate) fn read_union_fn(codec: &ReadCodec, u: &UnionIr) -> TokenStream {
    let ReadCodec { module, reader, error, begin, skip, read_value } = codec;
    let ty = tokens(&u.rust_path);
    let read_arms = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let key = &v.wire_name;
        match &v.ty {
            Some(t) => {
                let read = read_value(t);
                quote!(#key => #ty::#variant(#read),)
            }
            None => quote!(#key => { r.#skip()?; #ty::#variant }),
        }
    });
    let more = format!("the union `{}` has more than one member set", u.rust_name);
    let none = format!("the union `{}` has no member set", u.rust_name);
    quote! {
            pub(crate) fn read(r: &mut #module::#reader<'_>) -> #module::Result<#ty> {
                let mut value = None;
                r.#begin()?;
                while let Some(key) = r.next_key()? {
                    // `__type` names the union's type, not a member.
                    if key == "__type" {
                        r.#skip()?;
                        continue;
                    }
                    if r.take_null()? {
                        continue;
                    }
                    let member = match key.as_ref() {
                        #(#read_arms)*
                        other => {
                            let name = other.to_owned();
                            r.#skip()?;
                            #ty::Unknown(crate::types::UnknownValue::new(name))
                        }
                    };
                    if value.replace(member).is_some() {
                        return Err(#module::#error::custom(r.offset(), #more));
                    }
                }
                value.ok_or_else(|| #module::#error::custom(r.offset(), #none))
            }
        }
}

fn local(m: &MemberIr) -> proc_macro2::Ident {
    format_ident!("{}_", super::file_stem(&m.field))
}

/// The precedence of the key that set a member read from several keys. Locals end in `_`,
/// so no member's local takes this name.
fn rank_local(m: &MemberIr) -> proc_macro2::Ident {
    format_ident!("{}_rank", super::file_stem(&m.field))
}
