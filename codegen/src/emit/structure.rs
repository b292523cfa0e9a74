//! Structures: the data type, its accessors, its builder and its `Debug`.
//!
//! Fields are `pub(crate)` so the wire code can fill them; users read them through
//! accessors and build values through the builder (see `runtime/builder.rs` for the rule
//! that makes a missing required member a compile error).

use super::{doc, doc_or, tokens};
use crate::ir::{DefaultValue, MemberIr, NamedKind, Presence, StructIr, StructRole, TypeRef};
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
        let ty = field_type(m);
        let serde = serde_attrs(m);
        quote! { #serde pub(crate) #field: #ty, }
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
    quote! {
        impl #name {
            #builder_doc
            pub fn builder() -> #builder<#(#params),*> {
                #start
            }
            #(#getters)*
            #role_methods
        }
    }
}

/// Outputs and errors carry response metadata beside their members.
fn extra_field(s: &StructIr) -> Option<(TokenStream, TokenStream)> {
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
fn deprecated_attr(m: &MemberIr) -> TokenStream {
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

fn builder(s: &StructIr) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let builder = format_ident!("{}", s.builder_name);
    let required: Vec<&MemberIr> = s.members.iter().filter(|m| m.presence == Presence::Required).collect();
    let params: Vec<syn::Ident> = required.iter().map(|m| format_ident!("{}", m.type_param)).collect();
    let docs = super::doc(&format!(
        "Builds a [`{}`]. Optional members take plain values; required members ({}) must be set before `build()` compiles.",
        s.rust_name,
        if required.is_empty() { "none here".to_owned() } else { required.iter().map(|m| format!("`{}`", super::file_stem(&m.field))).collect::<Vec<_>>().join(", ") },
    ));
    let fields = s.members.iter().map(|m| {
        let field = tokens(&m.field);
        if m.presence == Presence::Required {
            let p = format_ident!("{}", m.type_param);
            quote!(#field: #p,)
        } else {
            let ty = rust_type(&m.ty);
            quote!(#field: ::std::option::Option<#ty>,)
        }
    });
    let extra_decl = extra_field(s).map(|(f, t)| quote!(#f: #t,));
    let setters = s.members.iter().map(|m| setter(s, m, &builder, &params));
    let build_fields = s.members.iter().map(|m| {
        let field = tokens(&m.field);
        match &m.presence {
            Presence::Required => quote!(#field: crate::builder::Required::into_value(self.#field),),
            Presence::Optional => quote!(#field: self.#field,),
            Presence::Default(value) => {
                let value = or_default(&quote!(self.#field), value, &m.ty);
                quote!(#field: #value,)
            }
        }
    });
    let extra_build = extra_field(s).map(|(f, _)| quote!(#f: self.#f,));
    let bounds = required.iter().zip(&params).map(|(m, p)| {
        let ty = rust_type(&m.ty);
        quote!(#p: crate::builder::Required<#ty>)
    });
    let build_doc = super::doc(&format!("Builds the [`{}`].", s.rust_name));
    let defaults = params.iter().map(|p| quote!(#p = crate::builder::Missing));
    let derive_default = required.is_empty().then(|| quote!(#[derive(Default)]));
    quote! {
        #docs
        #derive_default
        #[must_use]
        pub struct #builder<#(#defaults),*> {
            #(#fields)*
            #extra_decl
        }

        impl<#(#params),*> #builder<#(#params),*> {
            #(#setters)*

            #build_doc
            pub fn build(self) -> #name where #(#bounds),* {
                #name { #(#build_fields)* #extra_build }
            }
        }
    }
}

fn setter(s: &StructIr, m: &MemberIr, builder: &syn::Ident, params: &[syn::Ident]) -> TokenStream {
    let field = tokens(&m.field);
    let docs = super::doc(&format!("Sets [`{0}`]({1}::{0}).", super::file_stem(&m.field), s.rust_name));
    let deprecated = deprecated_attr(m);
    let docs = quote!(#docs #deprecated);
    let (value_ty, convert) = match &m.ty {
        TypeRef::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(value.into())),
        TypeRef::Named(n) if matches!(n.kind, NamedKind::Enum | NamedKind::IntEnum) => {
            let t = tokens(&n.rust_path);
            (quote!(impl ::std::convert::Into<#t>), quote!(value.into()))
        }
        TypeRef::Blob => (quote!(impl ::std::convert::Into<crate::primitives::Blob>), quote!(value.into())),
        TypeRef::Document => (quote!(impl ::std::convert::Into<crate::primitives::Document>), quote!(value.into())),
        TypeRef::Boxed(inner) => (rust_type(inner), quote!(::std::boxed::Box::new(value))),
        ty => (rust_type(ty), quote!(value)),
    };
    if m.presence == Presence::Required && matches!(m.ty, TypeRef::List(_) | TypeRef::Map(_)) {
        let p = format_ident!("{}", m.type_param);
        return collection_setters_required(s, m, builder, params, &p);
    }
    if m.presence == Presence::Required {
        // Setting a required member changes its type parameter from `Missing` to the value.
        let p = format_ident!("{}", m.type_param);
        let out_params: Vec<TokenStream> =
            params.iter().map(|q| if *q == p { rust_type(&m.ty) } else { quote!(#q) }).collect();
        let moves: Vec<TokenStream> = s
            .members
            .iter()
            .map(|other| {
                let f = tokens(&other.field);
                if other.field != m.field {
                    quote!(#f: self.#f,)
                } else if convert.to_string() == other.field {
                    quote!(#f,)
                } else {
                    quote!(#f: #convert,)
                }
            })
            .chain(extra_field(s).map(|(f, _)| quote!(#f: self.#f,)))
            .collect();
        return quote! {
            #docs
            pub fn #field(self, value: #value_ty) -> #builder<#(#out_params),*> {
                #builder { #(#moves)* }
            }
        };
    }
    match &m.ty {
        TypeRef::List(inner) => {
            let item = rust_type(inner);
            let set_all = format_ident!("{}", m.set_all);
            let all_docs = super::doc(&format!("Replaces the whole of [`{0}`]({1}::{0}).", super::file_stem(&m.field), s.rust_name));
            let all_docs = quote!(#all_docs #deprecated);
            let one_docs = super::doc(&format!("Appends one item to [`{0}`]({1}::{0}).", super::file_stem(&m.field), s.rust_name));
            let one_docs = quote!(#one_docs #deprecated);
            quote! {
                #one_docs
                pub fn #field(mut self, value: #item) -> Self {
                    self.#field.get_or_insert_with(::std::vec::Vec::new).push(value);
                    self
                }
                #all_docs
                pub fn #set_all(mut self, value: impl ::std::iter::IntoIterator<Item = #item>) -> Self {
                    self.#field = ::std::option::Option::Some(value.into_iter().collect());
                    self
                }
            }
        }
        TypeRef::Map(inner) => {
            let item = rust_type(inner);
            let set_all = format_ident!("{}", m.set_all);
            let all_docs = super::doc(&format!("Replaces the whole of [`{0}`]({1}::{0}).", super::file_stem(&m.field), s.rust_name));
            let all_docs = quote!(#all_docs #deprecated);
            let one_docs = super::doc(&format!("Inserts one entry into [`{0}`]({1}::{0}).", super::file_stem(&m.field), s.rust_name));
            let one_docs = quote!(#one_docs #deprecated);
            quote! {
                #one_docs
                pub fn #field(mut self, key: impl ::std::convert::Into<::std::string::String>, value: #item) -> Self {
                    self.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(key.into(), value);
                    self
                }
                #all_docs
                pub fn #set_all(mut self, value: impl ::std::iter::IntoIterator<Item = (::std::string::String, #item)>) -> Self {
                    self.#field = ::std::option::Option::Some(value.into_iter().collect());
                    self
                }
            }
        }
        _ => quote! {
            #docs
            pub fn #field(mut self, value: #value_ty) -> Self {
                self.#field = ::std::option::Option::Some(#convert);
                self
            }
        },
    }
}

/// For a required list or map: the appender (or inserter) and the whole-collection setter
/// both settle the type parameter.
fn collection_setters_required(
    s: &StructIr,
    m: &MemberIr,
    builder: &syn::Ident,
    params: &[syn::Ident],
    p: &syn::Ident,
) -> TokenStream {
    let (args, collection, so_far, add, take, item_ty, one_docs) = match &m.ty {
        TypeRef::List(inner) => {
            let item = rust_type(inner);
            (
                quote!(value: #item),
                quote!(::std::vec::Vec<#item>),
                quote!(crate::builder::ListSoFar<#item>),
                quote!(items.push(value);),
                quote!(into_items),
                item,
                "Appends one item to",
            )
        }
        TypeRef::Map(inner) => {
            let item = rust_type(inner);
            (
                quote!(key: impl ::std::convert::Into<::std::string::String>, value: #item),
                quote!(::std::collections::BTreeMap<::std::string::String, #item>),
                quote!(crate::builder::MapSoFar<#item>),
                quote!(items.insert(key.into(), value);),
                quote!(into_entries),
                quote!((::std::string::String, #item)),
                "Inserts one entry into",
            )
        }
        _ => return quote!(),
    };
    let field = tokens(&m.field);
    let set_all = format_ident!("{}", m.set_all);
    let out_params: Vec<TokenStream> = params.iter().map(|q| if q == p { collection.clone() } else { quote!(#q) }).collect();
    let moves: Vec<TokenStream> = s
        .members
        .iter()
        .map(|other| {
            let f = tokens(&other.field);
            // A member named `items` is set with the shorthand (clippy: redundant_field_names).
            match other.field.as_str() {
                "items" if other.field == m.field => quote!(items,),
                _ if other.field == m.field => quote!(#f: items,),
                _ => quote!(#f: self.#f,),
            }
        })
        .chain(extra_field(s).map(|(f, _)| quote!(#f: self.#f,)))
        .collect();
    let link = format!("[`{0}`]({1}::{0})", super::file_stem(&m.field), s.rust_name);
    let deprecated = deprecated_attr(m);
    let one_docs = super::doc(&format!("{one_docs} {link}."));
    let one_docs = quote!(#one_docs #deprecated);
    let all_docs = super::doc(&format!("Replaces the whole of {link}."));
    let all_docs = quote!(#all_docs #deprecated);
    quote! {
        #one_docs
        pub fn #field(self, #args) -> #builder<#(#out_params),*> where #p: #so_far {
            let mut items = self.#field.#take();
            #add
            #builder { #(#moves)* }
        }
        #all_docs
        pub fn #set_all(self, value: impl ::std::iter::IntoIterator<Item = #item_ty>) -> #builder<#(#out_params),*> {
            let items = value.into_iter().collect();
            #builder { #(#moves)* }
        }
    }
}

/// `option` with the model default filled in, in the form clippy prefers for each kind.
pub(crate) fn or_default(option: &TokenStream, value: &DefaultValue, ty: &TypeRef) -> TokenStream {
    let v = default_expr(value, ty);
    match value {
        DefaultValue::EmptyList | DefaultValue::EmptyMap => quote!(#option.unwrap_or_default()),
        DefaultValue::Blob(bytes) if bytes.is_empty() => quote!(#option.unwrap_or_default()),
        value if is_cheap(value) => quote!(#option.unwrap_or(#v)),
        // Values that allocate are built only when needed.
        _ => quote!(#option.unwrap_or_else(|| #v)),
    }
}

/// Whether a default is a constant (clippy wants those given eagerly).
fn is_cheap(value: &DefaultValue) -> bool {
    use serde_json::Value;
    match value {
        DefaultValue::Bool(_) | DefaultValue::Int(_) | DefaultValue::Float(_) | DefaultValue::EnumVariant(_) => true,
        DefaultValue::Timestamp(nanos) => *nanos == 0,
        DefaultValue::Document(json) => match json {
            Value::Null | Value::Bool(_) | Value::Number(_) => true,
            Value::Array(items) => items.is_empty(),
            Value::Object(entries) => entries.is_empty(),
            Value::String(_) => false,
        },
        _ => false,
    }
}

/// The Rust expression of a model default.
pub(crate) fn default_expr(value: &DefaultValue, ty: &TypeRef) -> TokenStream {
    match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        DefaultValue::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(*f);
            quote!(#lit)
        }
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::EnumVariant(v) => {
            let t = rust_type(ty);
            let v = format_ident!("{}", v);
            quote!(#t::#v)
        }
        DefaultValue::EmptyList => quote!(::std::vec::Vec::new()),
        DefaultValue::EmptyMap => quote!(::std::collections::BTreeMap::new()),
        DefaultValue::Blob(bytes) if bytes.is_empty() => quote!(crate::primitives::Blob::default()),
        DefaultValue::Blob(bytes) => {
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote!(crate::primitives::Blob::from(&#bytes[..]))
        }
        DefaultValue::Document(json) => document_expr(json),
        DefaultValue::BigNumber(text) => {
            let t = rust_type(ty);
            quote!(#t::from_checked(#text))
        }
        DefaultValue::Timestamp(nanos) => {
            // Checked in range when lowered; `Duration::new` is exact for it.
            let seconds = proc_macro2::Literal::i64_unsuffixed(nanos.div_euclid(1_000_000_000) as i64);
            let subsec = proc_macro2::Literal::i32_unsuffixed(nanos.rem_euclid(1_000_000_000) as i32);
            if *nanos == 0 {
                quote!(::time::OffsetDateTime::UNIX_EPOCH)
            } else {
                quote!(::time::OffsetDateTime::UNIX_EPOCH.saturating_add(::time::Duration::new(#seconds, #subsec)))
            }
        }
    }
}

/// A `Document` holding a JSON value.
fn document_expr(json: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match json {
        Value::Null => quote!(crate::primitives::Document::Null),
        Value::Bool(b) => quote!(crate::primitives::Document::Bool(#b)),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                let l = proc_macro2::Literal::u64_suffixed(u);
                quote!(crate::primitives::Number::PosInt(#l))
            } else if let Some(i) = n.as_i64() {
                let l = proc_macro2::Literal::i64_suffixed(i);
                quote!(crate::primitives::Number::NegInt(#l))
            } else {
                let l = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote!(crate::primitives::Number::Float(#l))
            };
            quote!(crate::primitives::Document::Number(#number))
        }
        Value::String(s) => quote!(crate::primitives::Document::String(::std::string::String::from(#s))),
        Value::Array(items) if items.is_empty() => quote!(crate::primitives::Document::Array(::std::vec::Vec::new())),
        Value::Array(items) => {
            let items = items.iter().map(document_expr);
            quote!(crate::primitives::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(entries) if entries.is_empty() => {
            quote!(crate::primitives::Document::Object(::std::collections::BTreeMap::new()))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_expr(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(crate::primitives::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])))
        }
    }
}

/// What fills a required member the service left out (Smithy's client error correction).
pub(crate) enum Zero {
    /// The type's `Default` (empty string, 0, false, empty collection).
    Default,
    /// A constant (the Unix epoch for timestamps).
    Const(TokenStream),
    /// A value built on demand (an unknown empty enum value).
    Built(TokenStream),
    /// Structures and unions have no zero value: the response is invalid.
    None,
}

pub(crate) fn zero_value(ty: &TypeRef) -> Zero {
    match ty {
        TypeRef::Timestamp(_) => Zero::Const(quote!(::time::OffsetDateTime::UNIX_EPOCH)),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let t = tokens(&n.rust_path);
            Zero::Built(quote!(#t::from("")))
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let t = tokens(&n.rust_path);
            Zero::Built(quote!(#t::from(0)))
        }
        TypeRef::BigInteger => Zero::Built(quote!(crate::primitives::BigInteger::from(0_i64))),
        TypeRef::BigDecimal => Zero::Built(quote!(crate::primitives::BigDecimal::from(0_i64))),
        TypeRef::Boxed(_) => Zero::None,
        TypeRef::Named(_) => Zero::None,
        _ => Zero::Default,
    }
}
