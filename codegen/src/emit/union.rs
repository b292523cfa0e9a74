//! Unions: one variant per member, plus `Unknown` for a member a newer service may send.

use super::structure::rust_type;
use super::doc_or;
use crate::ir::UnionIr;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(u: &UnionIr) -> Vec<TokenStream> {
    let name = format_ident!("{}", u.rust_name);
    let docs = doc_or(&u.docs, &format!("The `{}` union.", u.rust_name));
    let variants = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let docs = doc_or(&v.docs, &format!("The `{}` member.", v.model_name));
        let wire = &v.wire_name;
        match &v.ty {
            // Timestamps as RFC 3339 text, as in structures.
            Some(ty) if ty.holds_timestamp() => {
                let ty = rust_type(ty);
                quote!(#docs #[cfg_attr(feature = "serde", serde(rename = #wire, with = "crate::rt::serde_time"))] #variant(#ty),)
            }
            Some(ty) => {
                let ty = rust_type(ty);
                quote!(#docs #[cfg_attr(feature = "serde", serde(rename = #wire))] #variant(#ty),)
            }
            None => quote!(#docs #[cfg_attr(feature = "serde", serde(rename = #wire))] #variant,),
        }
    });
    let accessors = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let accessor = format_ident!("{}", v.accessor);
        let docs = super::doc(&format!("The value of [`{0}`]({1}::{0}), when that is the member set.", v.rust_name, u.rust_name));
        match &v.ty {
            Some(ty) => {
                let ty = rust_type(ty);
                quote! {
                    #docs
                    pub fn #accessor(&self) -> ::std::option::Option<&#ty> {
                        match self {
                            Self::#variant(value) => ::std::option::Option::Some(value),
                            _ => ::std::option::Option::None,
                        }
                    }
                }
            }
            None => {
                let docs = super::doc(&format!("Whether [`{0}`]({1}::{0}) is the member set.", v.rust_name, u.rust_name));
                quote! {
                    #docs
                    pub fn #accessor(&self) -> bool {
                        matches!(self, Self::#variant)
                    }
                }
            }
        }
    });
    let title = &u.rust_name;
    let deprecated = super::deprecated_attr(u.deprecated.as_deref());
    let debug_arms = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let label = &v.rust_name;
        match (&v.ty, v.sensitive || u.sensitive) {
            (None, _) => quote!(Self::#variant => f.write_str(#label),),
            (Some(_), true) => quote!(Self::#variant(_) => f.debug_tuple(#label).field(&format_args!("{}", crate::rt::REDACTED)).finish(),),
            (Some(_), false) => quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),),
        }
    });
    vec![
        quote! {
            #docs
            ///
            /// Exactly one member is set. Serde (feature `serde`) writes it as a one-key object,
            /// and cannot write `Unknown`.
            #deprecated
            #[derive(Clone, PartialEq)]
            #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A member this version of the crate does not know, by its name. It can be
                /// read from a response but not sent.
                #[cfg_attr(feature = "serde", serde(skip))]
                Unknown(crate::types::UnknownValue),
            }
        },
        quote! {
            impl #name {
                #(#accessors)*

                /// Whether the member set is one this version of the crate does not know.
                pub fn is_unknown(&self) -> bool {
                    matches!(self, Self::Unknown(_))
                }
            }
        },
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#debug_arms)*
                        Self::Unknown(name) => f.debug_tuple(#title).field(name).finish(),
                    }
                }
            }
        },
    ]
}
