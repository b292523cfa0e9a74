//! The functions of the rules language, type-checked: each call's arguments and result
//! type, templates, and `getAttr` paths into partitions, URLs, ARNs and arrays.

use super::{Lowerer, Result, ast_path, err};
use crate::endpoint::ir::*;
use crate::endpoint::rules::Expr as Ast;

impl Lowerer {
    pub(super) fn template(&mut self, text: &str, path: &str) -> Result<Expr> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().is_some_and(|(_, n)| *n == '{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek().is_some_and(|(_, n)| *n == '}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let rest = &text[i + 1..];
                    let Some(end) = rest.find('}') else {
                        return Err(err(path, format!("unclosed `{{` in the template {text:?}")));
                    };
                    let inner = &rest[..end];
                    for _ in 0..inner.chars().count() + 1 {
                        chars.next();
                    }
                    let value = match inner.split_once('#') {
                        Some((name, attr)) => {
                            let base = self.reference(name, path)?;
                            self.get_attr(base, attr, path)?
                        }
                        None => self.reference(inner, path)?,
                    };
                    let value = self.present(value, path, &format!("`{inner}` in the template {text:?}"))?;
                    if value.ty != Ty::Str {
                        return Err(err(path, format!("`{inner}` in the template {text:?} is a {}, not a string", value.ty.describe())));
                    }
                    if !literal.is_empty() {
                        parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(TemplatePart::Value(value));
                }
                '}' => return Err(err(path, format!("unmatched `}}` in the template {text:?}"))),
                c => literal.push(c),
            }
        }
        if parts.is_empty() {
            return Ok(Expr::new(ExprKind::Str(literal), Ty::Str));
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        Ok(Expr::new(ExprKind::Template(parts), Ty::Str))
    }

    pub(super) fn arg(&mut self, args: &[Ast], i: usize, want: Ty, func: &str, path: &str) -> Result<Expr> {
        let e = self.expr(&args[i])?;
        let e = self.present(e, path, &format!("argument {} of `{func}`", i + 1))?;
        if e.ty != want && !(want == Ty::StrList && e.ty == Ty::StrArray) {
            return Err(err(
                &ast_path(&args[i]),
                format!("argument {} of `{func}` must be a {}, found {}", i + 1, want.describe(), e.ty.describe()),
            ));
        }
        Ok(e)
    }

    pub(super) fn call(&mut self, name: &str, args: &[Ast], path: &str) -> Result<Expr> {
        let arity = |n: usize| -> Result<()> {
            if args.len() == n {
                Ok(())
            } else {
                Err(err(path, format!("`{name}` takes {n} arguments, found {}", args.len())))
            }
        };
        let call = |func: Func, args: Vec<Expr>, ty: Ty| Expr::new(ExprKind::Call { func, args }, ty);
        Ok(match name {
            "isSet" => {
                arity(1)?;
                let e = self.expr(&args[0])?;
                if !e.ty.is_option() {
                    // Always set: the condition always holds.
                    return Ok(Expr::new(ExprKind::Bool(true), Ty::Bool));
                }
                Expr::new(ExprKind::IsSome(Box::new(e)), Ty::Bool)
            }
            "not" => {
                arity(1)?;
                let e = self.arg(args, 0, Ty::Bool, name, path)?;
                Expr::new(ExprKind::Not(Box::new(e)), Ty::Bool)
            }
            "booleanEquals" => {
                arity(2)?;
                let a = self.arg(args, 0, Ty::Bool, name, path)?;
                let b = self.arg(args, 1, Ty::Bool, name, path)?;
                Expr::new(ExprKind::BoolEquals(Box::new(a), Box::new(b)), Ty::Bool)
            }
            "stringEquals" => {
                arity(2)?;
                let a = self.arg(args, 0, Ty::Str, name, path)?;
                let b = self.arg(args, 1, Ty::Str, name, path)?;
                Expr::new(ExprKind::StrEquals(Box::new(a), Box::new(b)), Ty::Bool)
            }
            "getAttr" => {
                arity(2)?;
                let base = self.expr(&args[0])?;
                let base = self.present(base, path, "the value of `getAttr`")?;
                let Ast::String { value: attr, .. } = &args[1] else {
                    return Err(err(path, "the path of `getAttr` must be a string literal"));
                };
                self.get_attr(base, attr, path)?
            }
            "substring" => {
                arity(4)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                let start = self.arg(args, 1, Ty::Int, name, path)?;
                let stop = self.arg(args, 2, Ty::Int, name, path)?;
                let reverse = self.arg(args, 3, Ty::Bool, name, path)?;
                for bound in [&start, &stop] {
                    if !matches!(bound.kind, ExprKind::Int(i) if i >= 0) {
                        return Err(err(path, "the indices of `substring` must be non-negative integer literals"));
                    }
                }
                call(Func::Substring, vec![s, start, stop, reverse], Ty::Option(Box::new(Ty::Str)))
            }
            "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => {
                arity(2)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                let sub = self.arg(args, 1, Ty::Bool, name, path)?;
                let func = if name == "isValidHostLabel" { Func::IsValidHostLabel } else { Func::IsVirtualHostableS3Bucket };
                call(func, vec![s, sub], Ty::Bool)
            }
            "parseURL" => {
                arity(1)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                call(Func::ParseUrl, vec![s], Ty::Option(Box::new(Ty::Url)))
            }
            "uriEncode" => {
                arity(1)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                call(Func::UriEncode, vec![s], Ty::Str)
            }
            "split" => {
                arity(3)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                let d = self.arg(args, 1, Ty::Str, name, path)?;
                let limit = self.arg(args, 2, Ty::Int, name, path)?;
                if !matches!(limit.kind, ExprKind::Int(i) if i >= 0) {
                    return Err(err(path, "the limit of `split` must be a non-negative integer literal"));
                }
                call(Func::Split, vec![s, d, limit], Ty::StrList)
            }
            "aws.partition" => {
                arity(1)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                self.uses_partition = true;
                call(Func::Partition, vec![s], Ty::Option(Box::new(Ty::Partition)))
            }
            "aws.parseArn" => {
                arity(1)?;
                let s = self.arg(args, 0, Ty::Str, name, path)?;
                call(Func::ParseArn, vec![s], Ty::Option(Box::new(Ty::Arn)))
            }
            "coalesce" => {
                if args.len() < 2 {
                    return Err(err(path, "`coalesce` takes two or more arguments"));
                }
                let mut lowered = Vec::new();
                for a in args {
                    let e = self.expr(a)?;
                    let present = !e.ty.is_option();
                    lowered.push(e);
                    if present {
                        // A present value ends the chain: later arguments are never used.
                        break;
                    }
                }
                let inner = |t: &Ty| match t {
                    Ty::Option(i) => (**i).clone(),
                    t => t.clone(),
                };
                let first = inner(&lowered[0].ty);
                if let Some(bad) = lowered.iter().find(|e| inner(&e.ty) != first) {
                    return Err(err(
                        path,
                        format!("the arguments of `coalesce` must have one type, found {} and {}", first.describe(), bad.ty.describe()),
                    ));
                }
                let ty = if lowered.iter().all(|e| e.ty.is_option()) { Ty::Option(Box::new(first.clone())) } else { first.clone() };
                let owned = first == Ty::Str && lowered.iter().any(Expr::fresh);
                if lowered.len() == 1 {
                    return Ok(lowered.remove(0));
                }
                Expr::new(ExprKind::Coalesce { args: lowered, owned }, ty)
            }
            "ite" => {
                arity(3)?;
                let cond = self.arg(args, 0, Ty::Bool, name, path)?;
                let mut then = self.expr(&args[1])?;
                let mut otherwise = self.expr(&args[2])?;
                let strip = |t: &Ty| match t {
                    Ty::Option(i) => (**i).clone(),
                    t => t.clone(),
                };
                if strip(&then.ty) != strip(&otherwise.ty) {
                    return Err(err(
                        path,
                        format!("the branches of `ite` must have one type, found {} and {}", then.ty.describe(), otherwise.ty.describe()),
                    ));
                }
                let optional = then.ty.is_option() || otherwise.ty.is_option();
                let owned = strip(&then.ty) == Ty::Str && (then.fresh() || otherwise.fresh());
                if optional {
                    for branch in [&mut then, &mut otherwise] {
                        if !branch.ty.is_option() {
                            let ty = Ty::Option(Box::new(branch.ty.clone()));
                            *branch = Expr::new(ExprKind::Some(Box::new(branch.clone())), ty);
                        }
                    }
                }
                let ty = then.ty.clone();
                Expr::new(ExprKind::Ite { cond: Box::new(cond), then: Box::new(then), otherwise: Box::new(otherwise), owned }, ty)
            }
            other => {
                return Err(err(
                    path,
                    format!(
                        "the endpoint rules call `{other}`, a function the generator does not know (it supports the standard library and aws.partition, aws.parseArn, aws.isVirtualHostableS3Bucket)"
                    ),
                ));
            }
        })
    }

    /// `getAttr(base, "a.b[2]")`: fields of partitions, URLs and ARNs, and array elements.
    pub(super) fn get_attr(&mut self, base: Expr, attr: &str, path: &str) -> Result<Expr> {
        let mut e = self.present(base, path, "the value of `getAttr`")?;
        for part in attr.split('.') {
            let (key, index) = match part.split_once('[') {
                Some((key, rest)) => {
                    let digits = rest.strip_suffix(']').ok_or_else(|| err(path, format!("bad index in the path {attr:?}")))?;
                    let index: usize = digits.parse().map_err(|_| err(path, format!("bad index in the path {attr:?}")))?;
                    (key, Some(index))
                }
                None => (part, None),
            };
            if !key.is_empty() {
                e = self.field(e, key, attr, path)?;
            }
            if let Some(index) = index {
                if !matches!(e.ty, Ty::StrArray | Ty::StrList) {
                    return Err(err(path, format!("`{attr}` indexes a {}, which is not an array", e.ty.describe())));
                }
                e = Expr::new(ExprKind::Index { base: Box::new(e), index }, Ty::Option(Box::new(Ty::Str)));
            }
        }
        Ok(e)
    }

    pub(super) fn field(&mut self, base: Expr, key: &str, attr: &str, path: &str) -> Result<Expr> {
        let (field, ty, owned): (&'static str, Ty, bool) = match (&base.ty, key) {
            (Ty::Partition, "name") => ("name", Ty::Str, false),
            (Ty::Partition, "dnsSuffix") => ("dns_suffix", Ty::Str, false),
            (Ty::Partition, "dualStackDnsSuffix") => ("dual_stack_dns_suffix", Ty::Str, false),
            (Ty::Partition, "supportsFIPS") => ("supports_fips", Ty::Bool, false),
            (Ty::Partition, "supportsDualStack") => ("supports_dual_stack", Ty::Bool, false),
            (Ty::Partition, "implicitGlobalRegion") => ("implicit_global_region", Ty::Str, false),
            (Ty::Url, "scheme") => ("scheme", Ty::Str, false),
            (Ty::Url, "authority") => ("authority", Ty::Str, false),
            (Ty::Url, "path") => ("path", Ty::Str, false),
            (Ty::Url, "normalizedPath") => ("normalized_path", Ty::Str, true),
            (Ty::Url, "isIp") => ("is_ip", Ty::Bool, false),
            (Ty::Arn, "partition") => ("partition", Ty::Str, false),
            (Ty::Arn, "service") => ("service", Ty::Str, false),
            (Ty::Arn, "region") => ("region", Ty::Str, false),
            (Ty::Arn, "accountId") => ("account_id", Ty::Str, false),
            (Ty::Arn, "resourceId") => ("resource_id", Ty::StrList, false),
            (ty, key) => {
                return Err(err(path, format!("`{attr}`: a {} has no attribute `{key}`", ty.describe())));
            }
        };
        Ok(Expr::new(ExprKind::Field { base: Box::new(base), field, owned }, ty))
    }
}
