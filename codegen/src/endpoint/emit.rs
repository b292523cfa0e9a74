//! The endpoint IR to `src/endpoint/mod.rs`: the parameters and their builder, and
//! `resolve`, the rules as nested `if`s in the rule set's order.

use super::ir::*;
use crate::emit::{doc, tokens};
use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote};

pub fn module(ir: &EndpointIr) -> Vec<TokenStream> {
    let mut items = vec![
        quote! {
            //! Endpoint resolution, compiled from the service's endpoint rule set: set the
            //! [`Params`], call [`resolve`], and send requests to the returned
            //! [`Endpoint`]'s URL (with its headers, signing as its properties say).
        },
        quote! {
            // Functions of the rules language, shared by every generated crate; a rule set
            // may not use all of them.
            #[allow(dead_code, reason = "shared support code: each rule set uses a different part")]
            mod fns;
            #[allow(dead_code, reason = "shared support code: each rule set uses a different part")]
            mod types;

            pub use types::{AuthScheme, Endpoint, ResolveError, ResolveErrorKind, Value};
        },
    ];
    items.extend(params(ir));
    items.push(resolve(ir));
    items
}

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
        notes.push(format!("built-in `{built_in}`"));
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

fn params(ir: &EndpointIr) -> Vec<TokenStream> {
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
        let set_doc = doc(&format!("Sets or clears [`{}`](Self::{}).", p.field, crate::lower::names::unraw(&p.field)));
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

fn resolve(ir: &EndpointIr) -> TokenStream {
    let mut checks = Vec::new();
    for p in ir.params.iter().filter(|p| p.is_region) {
        let field = tokens(&p.field);
        let name = &p.model_name;
        checks.push(if p.has_default() {
            quote! {
                if !fns::is_valid_host_label(&params.#field, false) {
                    return ::std::result::Result::Err(ResolveError::invalid_region(#name, &params.#field));
                }
            }
        } else {
            quote! {
                if let ::std::option::Option::Some(region) = params.#field.as_deref()
                    && !fns::is_valid_host_label(region, false)
                {
                    return ::std::result::Result::Err(ResolveError::invalid_region(#name, region));
                }
            }
        });
    }
    for p in &ir.params {
        let field = tokens(&p.field);
        let name = &p.model_name;
        let access = match p.ty {
            ParamType::Bool => quote!(params.#field),
            ParamType::String if p.has_default() => quote!(params.#field.as_str()),
            ParamType::StringArray if p.has_default() => quote!(params.#field.as_slice()),
            _ => quote!(params.#field.as_deref()),
        };
        if p.required && !p.has_default() {
            checks.push(if p.used {
                quote! {
                    let ::std::option::Option::Some(#field) = #access else {
                        return ::std::result::Result::Err(ResolveError::missing(#name));
                    };
                }
            } else {
                quote! {
                    if params.#field.is_none() {
                        return ::std::result::Result::Err(ResolveError::missing(#name));
                    }
                }
            });
        } else if p.used {
            checks.push(quote!(let #field = #access;));
        }
    }
    let body = rules(&ir.rules, true);
    quote! {
        /// Resolves the endpoint for `params` by the service's rule set: the URL, headers and
        /// properties of the first rule that matches, or the error of a matching error rule.
        ///
        /// A region (`AWS::Region`) must be a valid host label, so that no value can steer
        /// requests to another host.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
            #(#checks)*
            #body
        }
    }
}

/// The rules in order; in tail position the last value is the function's result.
fn rules(list: &[RuleIr], tail: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for rule in list {
        out.extend(rule_tokens(rule, tail));
    }
    if !list.last().is_some_and(RuleIr::always_applies) {
        let exhausted = quote!(::std::result::Result::Err(ResolveError::no_rule_matched()));
        out.extend(if tail { exhausted } else { quote!(return #exhausted;) });
    }
    out
}

fn rule_tokens(rule: &RuleIr, tail: bool) -> TokenStream {
    // Only a rule that always applies is in tail position: others are statements.
    let tail = tail && rule.always_applies();
    let body = match &rule.result {
        RuleResult::Tree(list) => rules(list, tail),
        RuleResult::Endpoint { url, headers, properties } => {
            let url = owned_string(url);
            let headers = headers.iter().flat_map(|(name, values)| {
                values.iter().map(move |v| {
                    let v = owned_string(v);
                    quote!(.header(#name, #v))
                })
            });
            let properties = properties.iter().map(|(name, value)| {
                let value = property(value);
                quote!(.property(#name, #value))
            });
            let value = quote!(::std::result::Result::Ok(Endpoint::builder(#url) #(#headers)* #(#properties)* .build()));
            if tail { value } else { quote!(return #value;) }
        }
        RuleResult::Error(message) => {
            let message = owned_string(message);
            let value = quote!(::std::result::Result::Err(ResolveError::rule(#message)));
            if tail { value } else { quote!(return #value;) }
        }
    };
    chain(&rule.guards, body)
}

/// Guards as `if a && let Some(x) = b { ... }`, with `let` statements for bindings.
fn chain(guards: &[Guard], body: TokenStream) -> TokenStream {
    let Some(first) = guards.first() else { return body };
    if let Guard::Bind { var, expr } = first {
        let var = tokens(var);
        let value = bound_value(expr);
        let rest = chain(&guards[1..], body);
        return quote!(let #var = #value; #rest);
    }
    let n = guards.iter().take_while(|g| !matches!(g, Guard::Bind { .. })).count();
    let tests = guards[..n].iter().map(|g| match g {
        Guard::Test(e) => expr(e),
        Guard::Some { var, expr: e } => {
            let var = tokens(var);
            let e = expr(e);
            quote!(let ::std::option::Option::Some(#var) = #e)
        }
        Guard::Bind { .. } => unreachable!("taken only up to the first binding"),
    });
    let rest = chain(&guards[n..], body);
    quote!(if #(#tests)&&* { #rest })
}

/// What a `let` binds: strings borrowed unless freshly built, lists by reference.
fn bound_value(e: &Expr) -> TokenStream {
    match e.ty {
        Ty::Str if e.fresh() => expr(e),
        Ty::Str => str_ref(e),
        Ty::StrList if matches!(e.kind, ExprKind::Field { .. }) => {
            let e = expr(e);
            quote!(&#e)
        }
        _ => expr(e),
    }
}

fn property(p: &Property) -> TokenStream {
    match p {
        Property::String(e) => {
            let e = if e.fresh() { expr(e) } else { str_ref(e) };
            quote!(Value::from(#e))
        }
        Property::Bool(b) => quote!(Value::Bool(#b)),
        Property::Array(items) => {
            let items = items.iter().map(property);
            quote!(Value::Array(::std::vec![#(#items),*]))
        }
        Property::Map(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = property(v);
                quote!((#k, #v))
            });
            quote!(Value::map([#(#entries),*]))
        }
    }
}

/// A string expression as a `String`.
fn owned_string(e: &Expr) -> TokenStream {
    if e.fresh() {
        expr(e)
    } else {
        let e = str_ref(e);
        quote!(#e.to_owned())
    }
}

/// A string expression as a `&str`.
fn str_ref(e: &Expr) -> TokenStream {
    if e.owned() {
        let e = atom(e);
        quote!(#e.as_str())
    } else {
        expr(e)
    }
}

/// An expression usable before `.method()`.
fn atom(e: &Expr) -> TokenStream {
    let t = expr(e);
    match e.kind {
        ExprKind::Not(_) | ExprKind::BoolEquals(..) | ExprKind::StrEquals(..) | ExprKind::Ite { .. } => quote!((#t)),
        _ => t,
    }
}

fn fns_path(name: &str) -> TokenStream {
    let f = format_ident!("{name}");
    quote!(fns::#f)
}

fn expr(e: &Expr) -> TokenStream {
    match &e.kind {
        ExprKind::Bool(b) => quote!(#b),
        ExprKind::Str(s) => quote!(#s),
        ExprKind::Int(i) => {
            let i = Lit::usize_unsuffixed(usize::try_from(*i).unwrap_or_default());
            quote!(#i)
        }
        ExprKind::Var { name, .. } => tokens(name),
        ExprKind::Template(parts) => template(parts),
        ExprKind::Not(inner) => negate(inner),
        ExprKind::BoolEquals(a, b) => match (&a.kind, &b.kind) {
            (_, ExprKind::Bool(true)) => expr(a),
            (ExprKind::Bool(true), _) => expr(b),
            (_, ExprKind::Bool(false)) => negate(a),
            (ExprKind::Bool(false), _) => negate(b),
            _ => {
                let (a, b) = (atom(a), atom(b));
                quote!(#a == #b)
            }
        },
        ExprKind::StrEquals(a, b) => {
            let (a, b) = (str_ref(a), str_ref(b));
            quote!(#a == #b)
        }
        ExprKind::IsSome(inner) => {
            let inner = atom(inner);
            quote!(#inner.is_some())
        }
        ExprKind::Field { base, field, .. } => {
            let base = atom(base);
            let field = format_ident!("{field}");
            quote!(#base.#field)
        }
        ExprKind::Index { base, index } => {
            let items = atom(base);
            let get = if *index == 0 {
                quote!(first())
            } else {
                let index = Lit::usize_unsuffixed(*index);
                quote!(get(#index))
            };
            if base.ty == Ty::StrArray {
                quote!(#items.#get.map(::std::string::String::as_str))
            } else {
                quote!(#items.#get.copied())
            }
        }
        ExprKind::Call { func, args } => {
            let arg = |i: usize| -> TokenStream { if args[i].ty == Ty::Str { str_ref(&args[i]) } else { expr(&args[i]) } };
            let all: Vec<TokenStream> = (0..args.len()).map(arg).collect();
            let path = match func {
                Func::Substring => fns_path("substring"),
                Func::IsValidHostLabel => fns_path("is_valid_host_label"),
                Func::UriEncode => fns_path("uri_encode"),
                Func::Split => fns_path("split"),
                Func::IsVirtualHostableS3Bucket => fns_path("is_virtual_hostable_s3_bucket"),
                Func::ParseUrl => quote!(fns::url::parse_url),
                Func::ParseArn => quote!(fns::arn::parse_arn),
                Func::Partition => quote!(fns::partition::partition),
            };
            quote!(#path(#(#all),*))
        }
        ExprKind::Coalesce { args, owned } => {
            let mut acc = branch(&args[0], *owned);
            for next in &args[1..] {
                let value = branch(next, *owned);
                acc = if next.ty.is_option() { quote!(#acc.or(#value)) } else { quote!(#acc.unwrap_or(#value)) };
            }
            acc
        }
        ExprKind::Ite { cond, then, otherwise, owned } => {
            let c = expr(cond);
            let t = branch(then, *owned);
            let o = branch(otherwise, *owned);
            quote!(if #c { #t } else { #o })
        }
        ExprKind::Some(inner) => {
            let inner = expr(inner);
            quote!(::std::option::Option::Some(#inner))
        }
    }
}

/// An argument of `coalesce` or a branch of `ite`: strings all owned or all borrowed.
fn branch(e: &Expr, owned: bool) -> TokenStream {
    let is_string = matches!(&e.ty, Ty::Str) || matches!(&e.ty, Ty::Option(inner) if **inner == Ty::Str);
    if !is_string {
        return expr(e);
    }
    match (&e.ty, &e.kind) {
        (Ty::Option(_), ExprKind::Some(inner)) => {
            let inner = branch(inner, owned);
            quote!(::std::option::Option::Some(#inner))
        }
        (Ty::Option(_), _) if owned => {
            let e = atom(e);
            quote!(#e.map(::std::borrow::ToOwned::to_owned))
        }
        (Ty::Option(_), _) => expr(e),
        _ if owned => owned_string(e),
        _ => str_ref(e),
    }
}

fn negate(inner: &Expr) -> TokenStream {
    match &inner.kind {
        ExprKind::Not(x) => expr(x),
        ExprKind::IsSome(x) => {
            let x = atom(x);
            quote!(#x.is_none())
        }
        ExprKind::StrEquals(a, b) => {
            let (a, b) = (str_ref(a), str_ref(b));
            quote!(#a != #b)
        }
        ExprKind::BoolEquals(a, b) => match (&a.kind, &b.kind) {
            (_, ExprKind::Bool(v)) => {
                if *v { negate(a) } else { expr(a) }
            }
            (ExprKind::Bool(v), _) => {
                if *v { negate(b) } else { expr(b) }
            }
            _ => {
                let (a, b) = (atom(a), atom(b));
                quote!(#a != #b)
            }
        },
        ExprKind::Bool(b) => {
            let b = !b;
            quote!(#b)
        }
        _ => {
            let e = atom(inner);
            quote!(!#e)
        }
    }
}

/// A template as one `concat` of its literal text and values.
fn template(parts: &[TemplatePart]) -> TokenStream {
    if let [TemplatePart::Value(v)] = parts {
        return owned_string(v);
    }
    let parts = parts.iter().map(|part| match part {
        TemplatePart::Literal(text) => quote!(#text),
        TemplatePart::Value(v) => str_ref(v),
    });
    quote!([#(#parts),*].concat())
}
