//! Structures: the data type, its accessors and its `Debug` (the builder is in
//! `builder.rs`, model defaults in `defaults.rs`).
//!
//! Members are public fields, so that users can take a value apart without cloning (move a
//! field out, or destructure with `..`); the structure is `#[non_exhaustive]`, so values
//! are still built through the builder (see `runtime/builder.rs` for the rule that makes a
//! missing required member a compile error). Accessors borrow, as before. The response's
//! metadata (`request_id`, an error's `meta`) stays behind its accessors.

use super::builder::builder;
use super::{doc, doc_or, tokens};
use crate::ir::{MemberIr, NamedKind, Presence, StructIr, StructRole, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of a value of `ty` (not wrapped in `Option`).
pub(crate) fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Byte => quote!(i8),
        TypeRef::Short => quote!(i16),
        TypeRef::Integer => quote!(i32),
        TypeRef::Long => quote!(i64),
        TypeRef::Float => quote!(f32),
        TypeRef::Double => quote!(f64),
        TypeRef::BigInteger => quote!(crate::primitives::BigInteger),
        TypeRef::BigDecimal => quote!(crate::primitives::BigDecimal),
        TypeRef::Blob => quote!(crate::primitives::Blob),
        TypeRef::Document => quote!(crate::primitives::Document),
        TypeRef::Timestamp(_) => quote!(::time::OffsetDateTime),
        TypeRef::Named(named) => tokens(&named.rust_path),
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner);
            quote!(::std::option::Option<#inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = rust_type(inner);
            quote!(::std::boxed::Box<#inner>)
        }
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
    }
}

/// The type of the struct field: `Option<T>` unless the member is always present.
pub(crate) fn field_type(m: &MemberIr) -> TokenStream {
    let ty = rust_type(&m.ty);
    if m.is_optional() { quote!(::std::option::Option<#ty>) } else { ty }
}

fn is_copy(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool
            | TypeRef::Byte
            | TypeRef::Short
            | TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Float
            | TypeRef::Double
            | TypeRef::Timestamp(_)
            | TypeRef::Named(crate::ir::NamedRef { kind: NamedKind::IntEnum, .. })
    )
}

pub fn emit(s: &StructIr) -> Vec<TokenStream> {
    vec![data_type(s), accessors(s), debug_impl(s), builder(s)]
        .into_iter()
        .chain(error_impls(s))
        .collect()
}

fn data_type(s: &StructIr) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let docs = doc_or(&s.docs, &format!("The `{}` structure.", s.rust_name));
    let fields = s.members.iter().map(|m| {
        let field = tokens(&m.field);
        let field_docs = super::doc(&format!("The `{}` member, to move out (its accessor borrows it).", m.model_name));
        let ty = field_type(m);
        let serde = serde_attrs(m);
        quote! { #field_docs #serde pub #field: #ty, }
    });
    let extra = match s.role {
        StructRole::Output => quote! {
            #[cfg_attr(feature = "serde", serde(skip))]
            pub(crate) request_id: ::std::option::Option<::std::string::String>,
        },
        StructRole::Error => quote! {
            #[cfg_attr(feature = "serde", serde(skip))]
            pub(crate) meta: crate::error::common::ErrorMetadata,
        },
        StructRole::Plain | StructRole::Input => quote!(),
    };
    let deprecated = super::deprecated_attr(s.deprecated.as_deref());
    quote! {
        #docs
        #deprecated
        #[derive(Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(rename_all = "PascalCase"))]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #extra
        }
    }
}

/// Serde uses the model's member names (the container renames fields to PascalCase, and
/// a field whose name that does not give is renamed here); absent members are left out;
/// timestamps are RFC 3339 text.
fn serde_attrs(m: &MemberIr) -> TokenStream {
    let mut parts = Vec::new();
    if let Some(name) = &m.serde_rename {
        parts.push(quote!(rename = #name));
    }
    if m.is_optional() {
        parts.push(quote!(skip_serializing_if = "crate::rt::absent"));
    }
    if m.ty.holds_timestamp() {
        // RFC 3339 text for every timestamp, also inside lists and maps (see
        // `runtime/serde_time.rs`). `with` takes serde's implicit default for `Option`
        // away; put it back.
        if m.is_optional() {
            parts.push(quote!(default));
        }
        parts.push(quote!(with = "crate::rt::serde_time"));
    }
    if parts.is_empty() {
        return quote!();
    }
    quote! { #[cfg_attr(feature = "serde", serde(#(#parts),*))] }
}

fn accessors(s: &StructIr) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let builder = format_ident!("{}", s.builder_name);
    let builder_doc = super::doc(&format!("Starts a [`{}`]; see [`{}`] for the members it needs.", s.rust_name, s.builder_name));
    let params = s.members.iter().filter(|m| m.presence == Presence::Required).map(|_| quote!(crate::builder::Missing));
    let missing_fields = s.members.iter().map(|m| {
        let field = tokens(&m.field);
        if m.presence == Presence::Required { quote!(#field: crate::builder::Missing,) } else { quote!(#field: ::std::option::Option::None,) }
    });
    let extra_builder_field = extra_field(s).map(|(f, _)| quote!(#f: ::std::default::Default::default(),));
    let getters = s.members.iter().map(getter);
    let role_methods = match s.role {
        StructRole::Input => into_builder(s),
        StructRole::Output => quote! {
            /// The request id the service sent (`x-amzn-requestid`).
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.request_id.as_deref()
            }
        },
        StructRole::Error => quote! {
            /// The HTTP status and request id of the response.
            pub fn meta(&self) -> &crate::error::common::ErrorMetadata {
                &self.meta
            }
            /// The request id the service sent (`x-amzn-requestid`).
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta.request_id()
            }
        },
        _ => quote!(),
    };
    // A builder without required members starts from its `Default`; one with them lists
    // its fields, since deriving `Default` would let `build()` run on defaulted members.
    let has_required = s.members.iter().any(|m| m.presence == Presence::Required);
    let start = if has_required {
        quote!(#builder { #(#missing_fields)* #extra_builder_field })
    } else {
        quote!(::std::default::Default::default())
    };
    let allow = super::builder::many_type_params(s);
    quote! {
        impl #name {
            #builder_doc
            #allow
            pub fn builder() -> #builder<#(#params),*> {
                #start
            }
            #(#getters)*
            #role_methods
        }
    }
}

/// `into_builder` of an input: a builder holding its members, the required ones set (a
/// fluent call's `from_input` starts from it).
fn into_builder(s: &StructIr) -> TokenStream {
    let builder = format_ident!("{}", s.builder_name);
    let settled = s.members.iter().filter(|m| m.presence == Presence::Required).map(|m| rust_type(&m.ty));
    let moves = s.members.iter().map(|m| {
        let field = tokens(&m.field);
        match &m.presence {
            Presence::Default(_) => quote!(#field: ::std::option::Option::Some(self.#field),),
            _ => quote!(#field: self.#field,),
        }
    });
    let allow = super::builder::many_type_params(s);
    quote! {
        /// A builder holding this input's members, to change some of them.
        #allow
        pub fn into_builder(self) -> #builder<#(#settled),*> {
            #builder { #(#moves)* }
        }
    }
}

/// Outputs and errors carry response metadata beside their members.
pub(super) fn extra_field(s: &StructIr) -> Option<(TokenStream, TokenStream)> {
    match s.role {
        StructRole::Output => Some((quote!(request_id), quote!(::std::option::Option<::std::string::String>))),
        StructRole::Error => Some((quote!(meta), quote!(crate::error::common::ErrorMetadata))),
        _ => None,
    }
}

fn getter(m: &MemberIr) -> TokenStream {
    let field = tokens(&m.field);
    let docs = doc_or(&m.docs, &format!("The `{}` member.", m.model_name));
    let deprecated = deprecated_attr(m);
    let docs = quote!(#docs #deprecated);
    let optional = m.is_optional();
    let (ret, body) = match &m.ty {
        TypeRef::String if optional => (quote!(::std::option::Option<&str>), quote!(self.#field.as_deref())),
        TypeRef::String => (quote!(&str), quote!(&self.#field)),
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            let body = if optional { quote!(self.#field.as_deref().unwrap_or_default()) } else { quote!(&self.#field) };
            (quote!(&[#inner]), body)
        }
        TypeRef::Boxed(inner) => {
            let t = rust_type(inner);
            if optional { (quote!(::std::option::Option<&#t>), quote!(self.#field.as_deref())) } else { (quote!(&#t), quote!(&self.#field)) }
        }
        ty if is_copy(ty) => {
            let t = rust_type(ty);
            if optional { (quote!(::std::option::Option<#t>), quote!(self.#field)) } else { (t, quote!(self.#field)) }
        }
        ty => {
            let t = rust_type(ty);
            if optional { (quote!(::std::option::Option<&#t>), quote!(self.#field.as_ref())) } else { (quote!(&#t), quote!(&self.#field)) }
        }
    };
    let list_note = match (&m.ty, optional) {
        (TypeRef::List(_), true) => doc("\nEmpty when the member is absent."),
        _ => quote!(),
    };
    quote! {
        #docs
        #list_note
        pub fn #field(&self) -> #ret {
            #body
        }
    }
}

/// `#[deprecated]` for the accessor and setters of a `@deprecated` member.
pub(super) fn deprecated_attr(m: &MemberIr) -> TokenStream {
    super::deprecated_attr(m.deprecated.as_deref())
}

fn debug_impl(s: &StructIr) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let title = &s.rust_name;
    let body = if s.sensitive {
        quote!(f.write_str(crate::rt::REDACTED))
    } else {
        let fields = s.members.iter().map(|m| {
            let label = super::file_stem(&m.field);
            let field = tokens(&m.field);
            if m.sensitive {
                quote!(.field(#label, &format_args!("{}", crate::rt::REDACTED)))
            } else {
                quote!(.field(#label, &self.#field))
            }
        });
        let extra = match s.role {
            StructRole::Output => quote!(.field("request_id", &self.request_id)),
            StructRole::Error => quote!(.field("meta", &self.meta)),
            _ => quote!(),
        };
        quote!(f.debug_struct(#title) #(#fields)* #extra .finish())
    };
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}

fn error_impls(s: &StructIr) -> Option<TokenStream> {
    let info = s.error.as_ref()?;
    let name = format_ident!("{}", s.rust_name);
    let code = &info.code;
    let code = if info.query_compatible { quote!(self.meta.query_code().unwrap_or(#code)) } else { quote!(#code) };
    let retryable = info.retryable;
    let message_member = info.message_field.as_ref().and_then(|f| s.members.iter().find(|m| &m.field == f));
    let message = match message_member {
        Some(m) if m.is_optional() => {
            let f = tokens(&m.field);
            quote!(self.#f.as_deref().filter(|m| !m.is_empty()))
        }
        Some(m) => {
            let f = tokens(&m.field);
            quote!(::std::option::Option::Some(self.#f.as_str()).filter(|m| !m.is_empty()))
        }
        None => quote!(::std::option::Option::None),
    };
    Some(quote! {
        impl crate::error::common::ServiceError for #name {
            fn code(&self) -> &str {
                #code
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #message
            }

            fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta.request_id()
            }

            fn is_retryable(&self) -> bool {
                crate::error::common::is_retryable(#retryable, #code, self.meta.status())
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                use crate::error::common::ServiceError;
                crate::error::common::write_error(f, #code, ServiceError::message(self), self.meta.request_id())
            }
        }

        impl ::std::error::Error for #name {}
    })
}
