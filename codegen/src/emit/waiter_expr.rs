//! A compiled waiter expression as Rust: every node is an expression of type `Option<V>`
//! (`None` being JMESPath's `null`), `V` being `&str`, `bool`, `f64`, `&Struct` or a `Vec` of
//! those, over the variables `input` and `output` and each projection's element.

use super::tokens;
use crate::ir::waiter::*;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

const SOME: fn(TokenStream) -> TokenStream = |t| quote!(::std::option::Option::Some(#t));

/// A value as an `Option`, whether or not it may be null.
fn option((tokens, nullable): (TokenStream, bool)) -> TokenStream {
    if nullable { tokens } else { SOME(tokens) }
}

/// The Rust of `e`, and whether it is an `Option<V>` (`true`) or a plain `V` that is never
/// null (members that are always present, literals, comparisons): plain values keep the
/// generated code free of `Some(..)` wrapping that would only be unwrapped again.
pub(super) fn value(e: &WaitExpr) -> (TokenStream, bool) {
    let none = quote!(::std::option::Option::None);
    match e {
        WaitExpr::Root(root) => (var(root), false),
        WaitExpr::Current(depth) => {
            let e = element(*depth);
            (quote!(#e), false)
        }
        WaitExpr::Field { base, field, access } => match place(base).map_or_else(|| value(base), |p| (p, false)) {
            (owner, false) => read(&owner, field, access),
            (base, true) => match read(&quote!(s), field, access) {
                (read, true) => (quote!(#base.and_then(|s| #read)), true),
                (read, false) => (quote!(#base.map(|s| #read)), true),
            },
        },
        WaitExpr::Index { base, index } => {
            let at = if *index == 0 {
                quote!(l.first().copied())
            } else if *index > 0 {
                let i = Literal::usize_unsuffixed(*index as usize);
                quote!(l.get(#i).copied())
            } else {
                let back = Literal::usize_unsuffixed(index.unsigned_abs() as usize);
                quote!(l.len().checked_sub(#back).and_then(|i| l.get(i).copied()))
            };
            match value(base) {
                (base, true) => (quote!(#base.and_then(|l| #at)), true),
                (base, false) => (quote!({ let l = #base; #at }), true),
            }
        }
        WaitExpr::Project { base, depth, filter, then } => {
            let e = element(*depth);
            let filter = filter.as_ref().map(|f| match value(f) {
                (f, false) => quote!(.filter(|&#e| #f)),
                (f, true) => quote!(.filter(|&#e| #f == ::std::option::Option::Some(true))),
            });
            let then = match &**then {
                WaitExpr::Current(_) => quote!(),
                then => match value(then) {
                    (then, true) => quote!(.filter_map(|#e| #then)),
                    (then, false) => quote!(.map(|#e| #then)),
                },
            };
            match value(base) {
                (base, true) => (quote!(#base.map(|l| l.into_iter() #filter #then .collect::<::std::vec::Vec<_>>())), true),
                (base, false) => (quote!(#base.into_iter() #filter #then .collect::<::std::vec::Vec<_>>()), false),
            }
        }
        WaitExpr::Compare { op, left, right } => {
            let cmp = match op {
                CompareOp::Eq => quote!(==),
                CompareOp::Ne => quote!(!=),
                CompareOp::Lt => quote!(<),
                CompareOp::Le => quote!(<=),
                CompareOp::Gt => quote!(>),
                CompareOp::Ge => quote!(>=),
            };
            let (l, r) = (value(left), value(right));
            if !l.1 && !r.1 {
                let (l, r) = (l.0, r.0);
                return (quote!(#l #cmp #r), false);
            }
            let (l, r) = (option(l), option(r));
            if matches!(op, CompareOp::Eq | CompareOp::Ne) {
                // Null equals null only, as in JMESPath: `Option`'s equality.
                return (quote!(#l #cmp #r), false);
            }
            (
                quote!(match (#l, #r) {
                    (::std::option::Option::Some(a), ::std::option::Option::Some(b)) => ::std::option::Option::Some(a #cmp b),
                    _ => #none,
                }),
                true,
            )
        }
        WaitExpr::And(l, r) => match (value(l), value(r)) {
            ((l, false), (r, false)) => (quote!(#l && #r), false),
            (l, r) => {
                let (l, r) = (option(l), option(r));
                (quote!(match #l { ::std::option::Option::Some(true) => #r, other => other }), true)
            }
        },
        WaitExpr::Or(l, r) => match (value(l), value(r)) {
            ((l, false), (r, false)) => (quote!(#l || #r), false),
            (l, r) => {
                let (l, r) = (option(l), option(r));
                (quote!(match #l { ::std::option::Option::Some(true) => ::std::option::Option::Some(true), _ => #r }), true)
            }
        },
        WaitExpr::Not(inner) => match value(inner) {
            (inner, false) => (quote!(!#inner), false),
            (inner, true) => (quote!(#inner != ::std::option::Option::Some(true)), false),
        },
        WaitExpr::Str(s) => (quote!(#s), false),
        WaitExpr::Number(n) => {
            let n = Literal::f64_suffixed(*n);
            (quote!(#n), false)
        }
        WaitExpr::Bool(b) => (quote!(#b), false),
        WaitExpr::Length(inner, of) => {
            let count = match of {
                LengthOf::Str => quote!(chars().count()),
                LengthOf::List => quote!(len()),
            };
            match value(inner) {
                (inner, true) => (quote!(#inner.map(|x| x.#count as f64)), true),
                (inner, false) => (quote!(#inner.#count as f64), false),
            }
        }
        WaitExpr::Contains { haystack, needle, list } => {
            let test = if *list { quote!(h.contains(&n)) } else { quote!(h.contains(n)) };
            match (value(haystack), value(needle)) {
                ((h, false), (n, false)) => (quote!({ let (h, n) = (#h, #n); #test }), false),
                (h, n) => {
                    let (h, n) = (option(h), option(n));
                    (
                        quote!(match (#h, #n) {
                            (::std::option::Option::Some(h), ::std::option::Option::Some(n)) => ::std::option::Option::Some(#test),
                            _ => #none,
                        }),
                        true,
                    )
                }
            }
        }
    }
}

/// A structure that is always there, as a place to read fields from (`output.scraper`,
/// not `&output.scraper`, so that `.status` can follow).
fn place(e: &WaitExpr) -> Option<TokenStream> {
    match e {
        WaitExpr::Root(root) => Some(var(root)),
        WaitExpr::Current(depth) => {
            let e = element(*depth);
            Some(quote!(#e))
        }
        WaitExpr::Field { base, field, access: FieldAccess { optional: false, how: ReadAs::Struct | ReadAs::BoxedStruct } } => {
            let base = place(base)?;
            let f = tokens(field);
            Some(quote!(#base.#f))
        }
        _ => None,
    }
}

/// Whether the expression reads the operation's input (an `inputOutput` matcher).
pub(super) fn reads_input(e: &WaitExpr) -> bool {
    match e {
        WaitExpr::Root(root) => *root == Root::Input,
        WaitExpr::Current(_) | WaitExpr::Str(_) | WaitExpr::Number(_) | WaitExpr::Bool(_) => false,
        WaitExpr::Field { base, .. } | WaitExpr::Index { base, .. } | WaitExpr::Not(base) | WaitExpr::Length(base, _) => reads_input(base),
        WaitExpr::Project { base, filter, then, .. } => reads_input(base) || filter.as_deref().is_some_and(reads_input) || reads_input(then),
        WaitExpr::Compare { left: a, right: b, .. } | WaitExpr::And(a, b) | WaitExpr::Or(a, b) | WaitExpr::Contains { haystack: a, needle: b, .. } => {
            reads_input(a) || reads_input(b)
        }
    }
}

fn var(root: &Root) -> TokenStream {
    match root {
        Root::Input => quote!(input),
        Root::Output => quote!(output),
    }
}

fn element(depth: usize) -> syn::Ident {
    format_ident!("e{depth}")
}

/// One member of the structure `owner` (a reference): an `Option<V>` when it is optional.
fn read(owner: &TokenStream, field: &str, access: &FieldAccess) -> (TokenStream, bool) {
    let f = tokens(field);
    let v = quote!(#owner.#f);
    if access.optional {
        let read = match access.how {
            ReadAs::Str => quote!(#v.as_deref()),
            ReadAs::Enum => quote!(#v.as_ref().map(|e| e.as_str())),
            ReadAs::Bool => v,
            ReadAs::Number => quote!(#v.map(f64::from)),
            ReadAs::Long => quote!(#v.map(|n| n as f64)),
            ReadAs::Struct => quote!(#v.as_ref()),
            ReadAs::BoxedStruct => quote!(#v.as_deref()),
            ReadAs::List(item) => {
                let items = list_items(&quote!(l), item);
                quote!(#v.as_ref().map(|l| #items))
            }
        };
        (read, true)
    } else {
        let read = match access.how {
            ReadAs::Str | ReadAs::Enum => quote!(#v.as_str()),
            ReadAs::Bool => v,
            ReadAs::Number => quote!(f64::from(#v)),
            ReadAs::Long => quote!(#v as f64),
            ReadAs::Struct => quote!(&#v),
            ReadAs::BoxedStruct => quote!(&*#v),
            ReadAs::List(item) => list_items(&v, item),
        };
        (read, false)
    }
}

/// A `Vec` of a list's items as values.
fn list_items(list: &TokenStream, item: ElementAs) -> TokenStream {
    let iter = match item {
        ElementAs::Str => quote!(.map(::std::string::String::as_str)),
        ElementAs::Enum => quote!(.map(|e| e.as_str())),
        ElementAs::Bool => quote!(.copied()),
        ElementAs::Number => quote!(.map(|n| f64::from(*n))),
        ElementAs::Long => quote!(.map(|n| *n as f64)),
        ElementAs::Struct => quote!(),
    };
    quote!(#list.iter() #iter .collect::<::std::vec::Vec<_>>())
}
