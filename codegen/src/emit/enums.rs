//! Open enums: known variants, plus `Unknown` keeping any value a newer service sends.

use super::doc_or;
use crate::ir::EnumIr;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(e: &EnumIr) -> Vec<TokenStream> {
    if e.int {
        return emit_int(e);
    }
    let name = format_ident!("{}", e.rust_name);
    let docs = doc_or(&e.docs, &format!("The `{}` enumeration.", e.rust_name));
    let variants: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = e.variants.iter().map(|v| {
        // Any string is a valid value: backticks and control characters included.
        let fallback = crate::lower::docs::code_span(&v.wire_value);
        let docs = doc_or(&v.docs, &fallback);
        let deprecated = super::deprecated_attr(v.deprecated.as_deref());
        quote!(#docs #deprecated)
    });
    let deprecated = super::deprecated_attr(e.deprecated.as_deref());
    let serde_note = super::doc("Serde (feature `serde`) reads and writes the value as its wire string.");
    vec![quote! {
        #docs
        ///
        /// Converts from and to the service's string value with `From<&str>` and `as_str()`;
        /// values this crate does not know are kept in `Unknown`.
        #deprecated
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(from = "::std::string::String", into = "::std::string::String"))]
        #serde_note
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the crate does not know.
            Unknown(crate::types::UnknownValue),
        }

        impl #name {
            /// Every value the model defines, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(crate::types::UnknownValue::new(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                match value {
                    #name::Unknown(unknown) => ::std::string::String::from(unknown),
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }]
}

/// An `intEnum`: known variants, plus `Unknown` keeping any other `i32`.
fn emit_int(e: &EnumIr) -> Vec<TokenStream> {
    let name = format_ident!("{}", e.rust_name);
    let docs = doc_or(&e.docs, &format!("The `{}` enumeration.", e.rust_name));
    let variants: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let values: Vec<proc_macro2::Literal> = e
        .variants
        .iter()
        .map(|v| proc_macro2::Literal::i32_unsuffixed(v.wire_value.parse().unwrap_or_default()))
        .collect();
    let variant_docs = e.variants.iter().map(|v| {
        let fallback = format!("`{}`", v.wire_value);
        let docs = doc_or(&v.docs, &fallback);
        let deprecated = super::deprecated_attr(v.deprecated.as_deref());
        quote!(#docs #deprecated)
    });
    let deprecated = super::deprecated_attr(e.deprecated.as_deref());
    let serde_note = super::doc("Serde (feature `serde`) reads and writes the value as its wire integer.");
    vec![quote! {
        #docs
        ///
        /// Converts from and to the service's integer value with `From<i32>` and `as_i32()`;
        /// values this crate does not know are kept in `Unknown`.
        #deprecated
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(from = "i32", into = "i32"))]
        #serde_note
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the crate does not know.
            Unknown(i32),
        }

        impl #name {
            /// Every value the model defines, in model order.
            pub const VALUES: &'static [i32] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::convert::From<#name> for i32 {
            fn from(value: #name) -> Self {
                value.as_i32()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i32(), f)
            }
        }
    }]
}
