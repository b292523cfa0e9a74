//! `Params` and `ParamsBuilder`: one field, getter and setter per rule-set parameter.

use crate::output::{doc, tokens};
use crate::endpoint::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn rust_type(p: &ParamIr) -> TokenStream {
    let base = match p.ty {
        ParamType::String => quote!(::std::string::String),
        ParamType::Bool => quote!(bool),
        ParamType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
    };
    if p.has_default() { base } else { quote!(::std::option::Option<#base>) }
}

fn param_docs(p: &ParamIr) -> String {
    let mut text = if p.docs.trim().is_empty() { format!("The `{}` parameter.", p.model_name) } else { p.docs.trim().to_owned() };
    let mut notes = Vec::new();
    if let Some(built_in) = &p.built_in {
        notes.push(format!("built-in `{}`", built_in.name()));
    }
    match &p.default {
        Some(Literal::Bool(b)) => notes.push(format!("default `{b}`")),
        Some(Literal::String(s)) => notes.push(format!("default `{s:?}`")),
        Some(_) => notes.push("has a default".to_owned()),
        None if p.required => notes.push("required".to_owned()),
        None => {}
    }
    if !notes.is_empty() {
        text.push_str(&format!("\n\nParameter `{}` ({}).", p.model_name, notes.join(", ")));
    }
    if let Some(deprecated) = &p.deprecated {
        text.push_str(&format!("\n\nDeprecated: {deprecated}"));
    }
    text
}

fn default_value(p: &ParamIr) -> TokenStream {
    match &p.default {
        Some(Literal::Bool(b)) => quote!(#b),
        Some(Literal::String(s)) => quote!(#s.to_owned()),
        Some(Literal::Array(items)) => {
            let items = items.iter().map(|i| match i {
                Literal::String(s) => quote!(#s.to_owned()),
                _ => quote!(),
            });
            quote!(::std::vec![#(#items),*])
        }
        _ => quote!(),
    }
}

pub(super) fn params(ir: &EndpointIr) -> Vec<TokenStream> {
    let mut fields = Vec::new();
    let mut getters = Vec::new();
    let mut builder_fields = Vec::new();
    let mut setters = Vec::new();
    let mut build = Vec::new();
    for p in &ir.params {
        let field = tokens(&p.field);
        let set_field = format_ident!("{}", p.set_field);
        let ty = rust_type(p);
        let docs = doc(&param_docs(p));
        let builder_ty = match p.ty {
            ParamType::String => quote!(::std::option::Option<::std::string::String>),
            ParamType::Bool => quote!(::std::option::Option<bool>),
            ParamType::StringArray => quote!(::std::option::Option<::std::vec::Vec<::std::string::String>>),
        };
        fields.push(quote!(#field: #ty,));
        builder_fields.push(quote!(#field: #builder_ty,));
        let getter = match (p.ty, p.has_default()) {
            (ParamType::String, true) => quote!(pub fn #field(&self) -> &str { &self.#field }),
            (ParamType::String, false) => {
                quote!(pub fn #field(&self) -> ::std::option::Option<&str> { self.#field.as_deref() })
            }
            (ParamType::Bool, true) => quote!(pub fn #field(&self) -> bool { self.#field }),
            (ParamType::Bool, false) => quote!(pub fn #field(&self) -> ::std::option::Option<bool> { self.#field }),
            (ParamType::StringArray, true) => {
                quote!(pub fn #field(&self) -> &[::std::string::String] { &self.#field })
            }
            (ParamType::StringArray, false) => {
                quote!(pub fn #field(&self) -> ::std::option::Option<&[::std::string::String]> { self.#field.as_deref() })
            }
        };
        getters.push(quote!(#docs #getter));
        let setter = match p.ty {
            ParamType::String => quote! {
                pub fn #field(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#field = ::std::option::Option::Some(value.into());
                    self
                }
            },
            ParamType::Bool => quote! {
                pub fn #field(mut self, value: bool) -> Self {
                    self.#field = ::std::option::Option::Some(value);
                    self
                }
            },
            ParamType::StringArray => quote! {
                pub fn #field<S: ::std::convert::Into<::std::string::String>>(
                    mut self,
                    values: impl ::std::iter::IntoIterator<Item = S>,
                ) -> Self {
                    self.#field = ::std::option::Option::Some(values.into_iter().map(::std::convert::Into::into).collect());
                    self
                }
            },
        };
        setters.push(quote!(#docs #setter));
        let set_doc = doc(&format!("Sets or clears [`{}`](Self::{}).", p.field, crate::names::unraw(&p.field)));
        setters.push(quote! {
            #set_doc
            pub fn #set_field(mut self, value: #builder_ty) -> Self {
                self.#field = value;
                self
            }
        });
        build.push(if p.has_default() {
            let value = default_value(p);
            match p.ty {
                ParamType::Bool => quote!(#field: self.#field.unwrap_or(#value),),
                _ => quote!(#field: self.#field.unwrap_or_else(|| #value),),
            }
        } else {
            quote!(#field: self.#field,)
        });
    }
    vec![
        quote! {
            /// The endpoint rule set's parameters. Start from [`Params::builder`]; parameters with
            /// a default may be left unset.
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct Params {
                #(#fields)*
            }
        },
        quote! {
            impl Params {
                /// A builder with no parameter set.
                pub fn builder() -> ParamsBuilder {
                    ParamsBuilder::default()
                }

                #(#getters)*
            }
        },
        quote! {
            /// Builds [`Params`].
            #[derive(Debug, Clone, Default, PartialEq, Eq)]
            pub struct ParamsBuilder {
                #(#builder_fields)*
            }
        },
        quote! {
            impl ParamsBuilder {
                #(#setters)*

                /// The parameters, with defaults for those left unset.
                pub fn build(self) -> Params {
                    Params { #(#build)* }
                }
            }
        },
    ]
}
