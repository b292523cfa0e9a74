//! The builder of a structure: required members as type parameters that start as `Missing`
//! (`build()` exists only once all are set), setters for every member.

use super::defaults::or_default;
use super::structure::{deprecated_attr, extra_field, rust_type};
use super::tokens;
use crate::ir::{MemberIr, NamedKind, Presence, StructIr, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn builder(s: &StructIr) -> TokenStream {
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
    let setters = setters(s).into_iter().map(|setter| setter.emit(&builder));
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
    let allow = many_type_params(s);
    quote! {
        #docs
        #derive_default
        #[must_use]
        pub struct #builder<#(#defaults),*> {
            #(#fields)*
            #extra_decl
        }

        #allow
        impl<#(#params),*> #builder<#(#params),*> {
            #(#setters)*

            #build_doc
            pub fn build(self) -> #name where #(#bounds),* {
                #name { #(#build_fields)* #extra_build }
            }
        }
    }
}

/// Clippy's limit on the complexity of a type in a signature (`type-complexity-threshold`).
const TYPE_COMPLEXITY_LIMIT: u64 = 250;

/// `#[allow(clippy::type_complexity)]` for the items that spell the builder type of `s`, when
/// its required members (one type parameter each, or the member's own type once set) make
/// that type more complex than clippy allows: only structures with very many of them.
pub(super) fn many_type_params(s: &StructIr) -> Option<TokenStream> {
    // Clippy scores a path 10 times its depth, its generic arguments one level deeper; the
    // most complex spelling has every required member's own type in place.
    let args: u64 = s.members.iter().filter(|m| m.presence == Presence::Required).map(|m| complexity(&m.ty, 2).max(20)).sum();
    (10 + args > TYPE_COMPLEXITY_LIMIT).then(|| quote!(#[allow(clippy::type_complexity)]))
}

/// The complexity clippy gives the Rust type of `ty` at depth `depth`.
fn complexity(ty: &TypeRef, depth: u64) -> u64 {
    let own = 10 * depth;
    match ty {
        TypeRef::List(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => own + complexity(inner, depth + 1),
        // `BTreeMap<String, V>`
        TypeRef::Map(inner) => own + 10 * (depth + 1) + complexity(inner, depth + 1),
        _ => own,
    }
}

/// One method of a builder that sets a member, described so that the builder and the
/// fluent builders that forward to it (`fluent.rs`) write it alike.
pub(super) struct Setter {
    /// The member it sets (its field's name).
    pub member: String,
    /// Its docs, `#[deprecated]` included.
    pub docs: TokenStream,
    pub name: TokenStream,
    /// `mut self` or `self`.
    receiver: TokenStream,
    /// Its parameters (`value: i32`, `key: impl Into<String>, value: T`).
    pub params: TokenStream,
    /// Their names, to forward them (`value`, `key, value`).
    pub args: TokenStream,
    /// The builder's type parameters after it, when it settles a required member (else it
    /// returns `Self`).
    pub out_params: Option<Vec<TokenStream>>,
    /// A `where` clause (an appender to a required list asks what the list holds so far).
    pub bound: TokenStream,
    body: TokenStream,
}

impl Setter {
    fn new(docs: TokenStream, name: TokenStream, params: TokenStream, args: TokenStream, body: TokenStream) -> Self {
        Setter { member: String::new(), docs, name, receiver: quote!(mut self), params, args, out_params: None, bound: quote!(), body }
    }

    fn settles(mut self, out_params: Vec<TokenStream>, bound: TokenStream) -> Self {
        self.receiver = quote!(self);
        self.out_params = Some(out_params);
        self.bound = bound;
        self
    }

    fn emit(&self, builder: &syn::Ident) -> TokenStream {
        let Setter { docs, name, receiver, params, out_params, bound, body, .. } = self;
        let ret = match out_params {
            Some(out) => quote!(#builder<#(#out),*>),
            None => quote!(Self),
        };
        quote! {
            #docs
            pub fn #name(#receiver, #params) -> #ret #bound {
                #body
            }
        }
    }
}

/// The setters of a structure's builder, in member order.
pub(super) fn setters(s: &StructIr) -> Vec<Setter> {
    let builder = format_ident!("{}", s.builder_name);
    let params: Vec<syn::Ident> =
        s.members.iter().filter(|m| m.presence == Presence::Required).map(|m| format_ident!("{}", m.type_param)).collect();
    s.members
        .iter()
        .flat_map(|m| member_setters(s, m, &builder, &params).into_iter().map(|setter| Setter { member: m.field.clone(), ..setter }))
        .collect()
}

fn member_setters(s: &StructIr, m: &MemberIr, builder: &syn::Ident, params: &[syn::Ident]) -> Vec<Setter> {
    let field = tokens(&m.field);
    let link = format!("[`{0}`]({1}::{0})", super::file_stem(&m.field), s.rust_name);
    let deprecated = deprecated_attr(m);
    let docs = |text: String| {
        let text = super::doc(&text);
        quote!(#text #deprecated)
    };
    let (value_ty, convert) = value_type(&m.ty);
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
        let setter = Setter::new(docs(format!("Sets {link}.")), field, quote!(value: #value_ty), quote!(value), quote!(#builder { #(#moves)* }));
        return vec![setter.settles(out_params, quote!())];
    }
    let set_all = tokens(&m.set_all);
    match &m.ty {
        TypeRef::List(inner) => {
            let item = rust_type(inner);
            vec![
                Setter::new(
                    docs(format!("Appends one item to {link}.")),
                    field.clone(),
                    quote!(value: #item),
                    quote!(value),
                    quote!(self.#field.get_or_insert_with(::std::vec::Vec::new).push(value); self),
                ),
                Setter::new(
                    docs(format!("Replaces the whole of {link}, or leaves it absent (`None`).")),
                    set_all,
                    quote!(value: ::std::option::Option<::std::vec::Vec<#item>>),
                    quote!(value),
                    quote!(self.#field = value; self),
                ),
            ]
        }
        TypeRef::Map(inner) => {
            let item = rust_type(inner);
            vec![
                Setter::new(
                    docs(format!("Inserts one entry into {link}.")),
                    field.clone(),
                    quote!(key: impl ::std::convert::Into<::std::string::String>, value: #item),
                    quote!(key, value),
                    quote!(self.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(key.into(), value); self),
                ),
                Setter::new(
                    docs(format!("Replaces the whole of {link}, or leaves it absent (`None`).")),
                    set_all,
                    quote!(value: ::std::option::Option<::std::collections::BTreeMap<::std::string::String, #item>>),
                    quote!(value),
                    quote!(self.#field = value; self),
                ),
            ]
        }
        ty => {
            let (option_ty, set_body) = match ty {
                TypeRef::Boxed(inner) => {
                    let inner = rust_type(inner);
                    (quote!(#inner), quote!(self.#field = value.map(::std::boxed::Box::new); self))
                }
                ty => (rust_type(ty), quote!(self.#field = value; self)),
            };
            vec![
                Setter::new(
                    docs(format!("Sets {link}.")),
                    field.clone(),
                    quote!(value: #value_ty),
                    quote!(value),
                    quote!(self.#field = ::std::option::Option::Some(#convert); self),
                ),
                Setter::new(
                    docs(format!("Sets {link}, or leaves it unset (`None`).")),
                    set_all,
                    quote!(value: ::std::option::Option<#option_ty>),
                    quote!(value),
                    set_body,
                ),
            ]
        }
    }
}

/// The parameter type of a member's setter, and how the setter turns it into the field's.
fn value_type(ty: &TypeRef) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(value.into())),
        TypeRef::Named(n) if matches!(n.kind, NamedKind::Enum | NamedKind::IntEnum) => {
            let t = tokens(&n.rust_path);
            (quote!(impl ::std::convert::Into<#t>), quote!(value.into()))
        }
        TypeRef::Blob => (quote!(impl ::std::convert::Into<crate::primitives::Blob>), quote!(value.into())),
        TypeRef::Document => (quote!(impl ::std::convert::Into<crate::primitives::Document>), quote!(value.into())),
        TypeRef::Boxed(inner) => (rust_type(inner), quote!(::std::boxed::Box::new(value))),
        ty => (rust_type(ty), quote!(value)),
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
) -> Vec<Setter> {
    let (one_params, one_args, collection, so_far, add, take, item_ty, one_docs) = match &m.ty {
        TypeRef::List(inner) => {
            let item = rust_type(inner);
            (
                quote!(value: #item),
                quote!(value),
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
                quote!(key, value),
                quote!(::std::collections::BTreeMap<::std::string::String, #item>),
                quote!(crate::builder::MapSoFar<#item>),
                quote!(items.insert(key.into(), value);),
                quote!(into_entries),
                quote!((::std::string::String, #item)),
                "Inserts one entry into",
            )
        }
        _ => return Vec::new(),
    };
    let field = tokens(&m.field);
    let set_all = tokens(&m.set_all);
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
    let all_docs = super::doc(&format!("Replaces the whole of {link}."));
    vec![
        Setter::new(
            quote!(#one_docs #deprecated),
            field.clone(),
            one_params,
            one_args,
            quote! {
                let mut items = self.#field.#take();
                #add
                #builder { #(#moves)* }
            },
        )
        .settles(out_params.clone(), quote!(where #p: #so_far)),
        Setter::new(
            quote!(#all_docs #deprecated),
            set_all,
            quote!(value: impl ::std::iter::IntoIterator<Item = #item_ty>),
            quote!(value),
            quote! {
                let items = value.into_iter().collect();
                #builder { #(#moves)* }
            },
        )
        .settles(out_params, quote!()),
    ]
}
