//! Typed rule expressions as Rust expressions: strings as `&str` or `String` where each
//! use needs it, optional values as `Option`, function calls into `fns`.

use crate::output::tokens;
use crate::endpoint::ir::*;
use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote};

/// What a `let` binds: strings borrowed unless freshly built, lists by reference.
pub(super) fn bound_value(e: &Expr) -> TokenStream {
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

pub(super) fn property(p: &Property) -> TokenStream {
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
pub(super) fn owned_string(e: &Expr) -> TokenStream {
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
    quote!(::smithy_rt::endpoint::fns::#f)
}

pub(super) fn expr(e: &Expr) -> TokenStream {
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
                Func::ParseUrl => quote!(::smithy_rt::endpoint::fns::url::parse_url),
                Func::ParseArn => quote!(::smithy_rt::endpoint::fns::arn::parse_arn),
                Func::Partition => quote!(::smithy_rt::endpoint::fns::partition::partition),
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
