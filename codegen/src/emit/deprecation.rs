//! `#[allow(deprecated)]` exactly where the generated code itself uses a `@deprecated`
//! type, variant or operation.
//!
//! Rust warns about every use of a `#[deprecated]` item, the crate's own included. Users
//! should see those warnings; the generated crate must not. So each file is scanned once
//! it is built: an item (or, inside an `impl` whose header names nothing deprecated, an
//! associated item) that names a deprecated item gets `#[allow(deprecated)]` on itself, and
//! nothing else does. Names are matched as identifiers, so a false match only adds an
//! `allow` that has nothing to silence; the generator never reaches a deprecated item
//! without naming it (its fields are read only in code that names its type).

use crate::ir::{CrateIr, TypeIr};
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;

/// What the generated code must not use without an `allow`.
#[derive(Debug, Default)]
pub(crate) struct Deprecated {
    /// Rust names of deprecated types and operations.
    names: BTreeSet<String>,
    /// (enum, variant) for deprecated variants of enums that are not deprecated themselves.
    variants: BTreeSet<(String, String)>,
}

impl Deprecated {
    pub fn of(ir: &CrateIr) -> Self {
        let mut d = Deprecated::default();
        for ty in &ir.types {
            match ty {
                TypeIr::Struct(s) if s.deprecated.is_some() => {
                    d.names.insert(s.rust_name.clone());
                }
                TypeIr::Union(u) if u.deprecated.is_some() => {
                    d.names.insert(u.rust_name.clone());
                }
                TypeIr::Enum(e) if e.deprecated.is_some() => {
                    d.names.insert(e.rust_name.clone());
                }
                TypeIr::Enum(e) => {
                    for v in e.variants.iter().filter(|v| v.deprecated.is_some()) {
                        d.variants.insert((e.rust_name.clone(), v.rust_name.clone()));
                    }
                }
                _ => {}
            }
        }
        let structs = ir.errors.iter().chain(ir.operations.iter().flat_map(|o| [&o.input, &o.output]));
        d.names.extend(structs.filter(|s| s.deprecated.is_some()).map(|s| s.rust_name.clone()));
        d.names.extend(ir.operations.iter().filter(|o| o.deprecated.is_some()).map(|o| o.rust_name.clone()));
        d
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.variants.is_empty()
    }

    /// Adds `#[allow(deprecated)]` to the items of `file` that use something deprecated.
    pub fn allow_uses(&self, file: &mut syn::File) {
        if !self.is_empty() {
            self.items(&mut file.items);
        }
    }

    fn items(&self, items: &mut [syn::Item]) {
        for item in items {
            match item {
                syn::Item::Impl(imp) => {
                    let mut header = TokenStream::new();
                    imp.generics.to_tokens(&mut header);
                    if let Some((path, _)) = &imp.trait_ {
                        path.to_tokens(&mut header);
                    }
                    imp.self_ty.to_tokens(&mut header);
                    if self.uses(header, None) {
                        imp.attrs.push(allow());
                        continue;
                    }
                    for inner in &mut imp.items {
                        if self.uses(inner.to_token_stream(), None)
                            && let Some(attrs) = impl_item_attrs(inner)
                        {
                            attrs.push(allow());
                        }
                    }
                }
                syn::Item::Mod(m) if m.content.is_some() => {
                    if let Some((_, inner)) = &mut m.content {
                        self.items(inner);
                    }
                }
                other => {
                    let own = declared_name(other);
                    if self.uses(other.to_token_stream(), own.as_deref())
                        && let Some(attrs) = item_attrs(other)
                    {
                        attrs.push(allow());
                    }
                }
            }
        }
    }

    /// Whether `tokens` name something deprecated; `own` (the name the item declares) is
    /// not a use of itself.
    fn uses(&self, tokens: TokenStream, own: Option<&str>) -> bool {
        let mut idents = BTreeSet::new();
        let mut own_seen = false;
        collect(tokens, &mut |ident: String| {
            if Some(ident.as_str()) == own && !own_seen {
                own_seen = true;
            } else {
                idents.insert(ident);
            }
        });
        self.names.iter().any(|n| idents.contains(n))
            || self.variants.iter().any(|(e, v)| (idents.contains(e) || idents.contains("Self")) && idents.contains(v))
    }
}

fn collect(tokens: TokenStream, found: &mut impl FnMut(String)) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => found(ident.to_string()),
            TokenTree::Group(group) => collect(group.stream(), found),
            _ => {}
        }
    }
}

fn allow() -> syn::Attribute {
    syn::parse_quote!(#[allow(deprecated)])
}

/// The name an item declares (a use of it inside is not a use of something else).
fn declared_name(item: &syn::Item) -> Option<String> {
    Some(match item {
        syn::Item::Struct(i) => i.ident.to_string(),
        syn::Item::Enum(i) => i.ident.to_string(),
        syn::Item::Union(i) => i.ident.to_string(),
        syn::Item::Fn(i) => i.sig.ident.to_string(),
        syn::Item::Type(i) => i.ident.to_string(),
        syn::Item::Const(i) => i.ident.to_string(),
        syn::Item::Static(i) => i.ident.to_string(),
        syn::Item::Trait(i) => i.ident.to_string(),
        _ => return None,
    })
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Static(i) => &mut i.attrs,
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Trait(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Union(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

fn impl_item_attrs(item: &mut syn::ImplItem) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::ImplItem::Const(i) => &mut i.attrs,
        syn::ImplItem::Fn(i) => &mut i.attrs,
        syn::ImplItem::Type(i) => &mut i.attrs,
        _ => return None,
    })
}
