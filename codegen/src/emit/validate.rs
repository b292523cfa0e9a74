//! Input validation: a `validate` function per structure or union that some input holds,
//! checking `@length`, `@range` and `@pattern` (see `runtime/validate.rs`).

use super::tokens;
use crate::ir::{Constraints, MemberIr, NamedKind, Pattern, PatternAutomaton, PatternCheck, StructIr, TypeRef, UnionIr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The patterns a file uses, each compiled once, on first use, from a `static`.
#[derive(Default)]
pub(crate) struct Patterns {
    sources: Vec<Pattern>,
}

impl Patterns {
    fn static_for(&mut self, pattern: &Pattern) -> syn::Ident {
        let index = match self.sources.iter().position(|p| p == pattern) {
            Some(i) => i,
            None => {
                self.sources.push(pattern.clone());
                self.sources.len() - 1
            }
        };
        format_ident!("PATTERN_{}", index)
    }

    /// The `static`s, to put at the end of the file.
    pub fn statics(&self) -> Vec<TokenStream> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, Pattern { source, check })| {
                let name = format_ident!("PATTERN_{}", i);
                match check {
                    PatternCheck::Automaton(automaton) => automaton_static(&name, source, automaton),
                    PatternCheck::RegexLite(regex) => {
                        let value = if source == regex {
                            quote!(crate::rt::pattern::Pattern::new(#source))
                        } else {
                            quote!(crate::rt::pattern::Pattern::rewritten(#source, #regex))
                        };
                        quote!(static #name: crate::rt::pattern::Pattern = #value;)
                    }
                    PatternCheck::Ecma(regex) => {
                        let value = if source == regex {
                            quote!(crate::rt::pattern_ecma::EcmaPattern::new(#source))
                        } else {
                            quote!(crate::rt::pattern_ecma::EcmaPattern::rewritten(#source, #regex))
                        };
                        quote!(static #name: crate::rt::pattern_ecma::EcmaPattern = #value;)
                    }
                }
            })
            .collect()
    }
}

/// `static #name: DfaPattern` (see `runtime/pattern_dfa.rs`): the tables are byte strings,
/// a line each, as they are data to run rather than code to read.
fn automaton_static(name: &syn::Ident, shown: &str, automaton: &PatternAutomaton) -> TokenStream {
    let bytes = |b: &[u8]| proc_macro2::Literal::byte_string(b);
    let ascii = bytes(&automaton.ascii);
    let wide: String = automaton.wide.iter().map(|&(c, _)| c).collect();
    let wide_classes = bytes(&automaton.wide.iter().map(|&(_, class)| class).collect::<Vec<_>>());
    let classes = proc_macro2::Literal::usize_unsuffixed(automaton.classes);
    let (table, accept) = (bytes(&automaton.table), bytes(&automaton.accept));
    quote! {
        static #name: crate::rt::pattern_dfa::DfaPattern = crate::rt::pattern_dfa::DfaPattern {
            shown: #shown,
            ascii: #ascii,
            wide: #wide,
            wide_classes: #wide_classes,
            classes: #classes,
            table: #table,
            accept: #accept,
        };
    }
}

/// `fn #name(value: &T, path) -> Result<(), ValidationError>` for a structure's members.
pub(crate) fn struct_fn(name: &TokenStream, s: &StructIr, patterns: &mut Patterns) -> TokenStream {
    let ty = tokens(&s.rust_path);
    let checks: Vec<TokenStream> = s.members.iter().filter_map(|m| member_checks(m, patterns)).collect();
    let (value, path) = if checks.is_empty() { (quote!(_value), quote!(_path)) } else { (quote!(value), quote!(path)) };
    quote! {
        pub(crate) fn #name(#value: &#ty, #path: &crate::rt::validate::Path<'_>) -> Result<(), crate::error::common::ValidationError> {
            #(#checks)*
            Ok(())
        }
    }
}

fn member_checks(m: &MemberIr, patterns: &mut Patterns) -> Option<TokenStream> {
    let field = tokens(&m.field);
    let wire = &m.model_name;
    let check = value_checks(&m.ty, &m.constraints, &quote!(item), &quote!(at), m.sensitive, patterns)?;
    Some(if m.is_optional() {
        quote! {
            if let Some(item) = &value.#field {
                let at = path.member(#wire);
                #check
            }
        }
    } else {
        quote! {
            {
                let item = &value.#field;
                let at = path.member(#wire);
                #check
            }
        }
    })
}

/// Checks of `value` (an expression of type `&T`) at `path` (a local `Path`), or `None` when there is
/// nothing to check.
fn value_checks(
    ty: &TypeRef,
    c: &Constraints,
    value: &TokenStream,
    path: &TokenStream,
    sensitive: bool,
    patterns: &mut Patterns,
) -> Option<TokenStream> {
    let mut out = Vec::new();
    let bound = |b: Option<i64>| match b {
        Some(v) => {
            let v = proc_macro2::Literal::i64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    };
    match ty {
        TypeRef::String => {
            if let Some(len) = c.length {
                let (min, max) = (bound(len.min), bound(len.max));
                out.push(quote!(crate::rt::validate::string_length(&#path, #value, #min, #max, #sensitive)?;));
            }
            if let Some(pattern) = &c.pattern {
                let name = patterns.static_for(pattern);
                let module = match pattern.check {
                    PatternCheck::Automaton(_) => quote!(pattern_dfa),
                    PatternCheck::RegexLite(_) => quote!(pattern),
                    PatternCheck::Ecma(_) => quote!(pattern_ecma),
                };
                out.push(quote!(crate::rt::#module::check(&#path, #value, &#name, #sensitive)?;));
            }
        }
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            if let Some(range) = &c.range {
                let range = range.integer();
                let (min, max) = (bound(range.min), bound(range.max));
                let value = if *ty == TypeRef::Long { quote!(*#value) } else { quote!(i64::from(*#value)) };
                out.push(quote!(crate::rt::validate::range(&#path, #value, #min, #max, #sensitive)?;));
            }
        }
        TypeRef::BigInteger | TypeRef::BigDecimal => {
            if let Some(range) = &c.range {
                // Compared exactly, on the number's text and the bounds as the model wrote them.
                let text = |b: &Option<String>| match b {
                    Some(v) => quote!(Some(#v)),
                    None => quote!(None),
                };
                let (min, max) = (text(&range.min), text(&range.max));
                out.push(quote!(crate::rt::validate::range_decimal(&#path, #value.as_str(), #min, #max, #sensitive)?;));
            }
        }
        TypeRef::Float | TypeRef::Double => {
            if let Some(range) = &c.range {
                let fbound = |b: Option<f64>| match b {
                    Some(v) => {
                        let v = proc_macro2::Literal::f64_unsuffixed(v);
                        quote!(Some(#v))
                    }
                    None => quote!(None),
                };
                let (min, max) = range.float();
                let (min, max) = (fbound(min), fbound(max));
                let value = match ty {
                    TypeRef::Float => quote!(f64::from(*#value)),
                    _ => quote!(*#value),
                };
                out.push(quote!(crate::rt::validate::range_float(&#path, #value, #min, #max, #sensitive)?;));
            }
        }
        TypeRef::Nullable(inner) => {
            if let Some(check) = value_checks(inner, c, &quote!(item), path, sensitive, patterns) {
                out.push(quote! {
                    if let Some(item) = #value {
                        #check
                    }
                });
            }
        }
        TypeRef::Boxed(inner) => {
            if let Some(check) = value_checks(inner, c, value, path, sensitive, patterns) {
                out.push(check);
            }
        }
        TypeRef::List(inner) => {
            if let Some(len) = c.length {
                let (min, max) = (bound(len.min), bound(len.max));
                out.push(quote!(crate::rt::validate::collection_length(&#path, #value.len(), #min, #max, #sensitive)?;));
            }
            let items = c.items.as_deref().cloned().unwrap_or_default();
            if let Some(check) = value_checks(inner, &items, &quote!(item), &quote!(at), sensitive, patterns) {
                out.push(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let at = #path.index(index);
                        #check
                    }
                });
            }
        }
        TypeRef::Map(inner) => {
            if let Some(len) = c.length {
                let (min, max) = (bound(len.min), bound(len.max));
                out.push(quote!(crate::rt::validate::collection_length(&#path, #value.len(), #min, #max, #sensitive)?;));
            }
            let keys = c.keys.as_deref().cloned().unwrap_or_default();
            let items = c.items.as_deref().cloned().unwrap_or_default();
            let key_check = value_checks(&TypeRef::String, &keys, &quote!(key), &quote!(at), sensitive, patterns);
            let item_check = value_checks(inner, &items, &quote!(item), &quote!(at), sensitive, patterns);
            if item_check.is_some() {
                out.push(quote! {
                    for (key, item) in #value {
                        let at = #path.key(key);
                        #key_check
                        #item_check
                    }
                });
            } else if key_check.is_some() {
                // Only the keys are checked (a `@pattern` on them): the values are not bound.
                out.push(quote! {
                    for key in #value.keys() {
                        let at = #path.key(key);
                        #key_check
                    }
                });
            }
        }
        TypeRef::Named(n) if matches!(n.kind, NamedKind::Struct | NamedKind::Union) => {
            let module = tokens(&n.wire_module);
            out.push(quote!(#module::validate(#value, &#path)?;));
        }
        _ => {}
    }
    if out.is_empty() { None } else { Some(quote!(#(#out)*)) }
}

/// `validate` for a union: the member's own checks, and no unknown member.
pub(crate) fn union_fn(u: &UnionIr, patterns: &mut Patterns) -> TokenStream {
    let ty = tokens(&u.rust_path);
    let arms = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        let wire = &v.model_name;
        let check = v.ty.as_ref().and_then(|t| {
            value_checks(t, &v.constraints, &quote!(item), &quote!(at), v.sensitive, patterns)
        });
        match (&v.ty, check) {
            (None, _) => quote!(#ty::#variant => {}),
            (Some(_), None) => quote!(#ty::#variant(_) => {}),
            (Some(_), Some(check)) => quote! {
                #ty::#variant(item) => {
                    let at = path.member(#wire);
                    #check
                }
            },
        }
    });
    quote! {
        pub(crate) fn validate(value: &#ty, path: &crate::rt::validate::Path<'_>) -> Result<(), crate::error::common::ValidationError> {
            match value {
                #(#arms)*
                #ty::Unknown(_) => crate::rt::validate::unknown_union_member(path)?,
            }
            Ok(())
        }
    }
}
