//! The rule set type-checked and named: every reference resolved to a Rust variable, every
//! function to a typed call, and every optional value either tested (`isSet`), unwrapped
//! by a guard in a condition (where a missing value makes the condition fail), or refused
//! with an error naming the JSON path (in an endpoint or error, where it must be set).

use super::ir::*;
use super::rules::{self, Condition, Expr as Ast, Rule, RuleKind, RuleSet};
use crate::error::ModelError;
use crate::lower::names;

/// A name in scope: a parameter or an assigned variable.
struct Binding {
    /// Name in the rule set (`PartitionResult`); empty for temporaries.
    model: String,
    rust: String,
    ty: Ty,
    owned: bool,
    /// A boolean known to hold (a variable assigned from a condition that had to be true).
    constant: Option<bool>,
    used: bool,
}

pub(super) struct Lowerer {
    scope: Vec<Binding>,
    /// Guards that unwrap optional values met while lowering a condition; None outside
    /// conditions, where an optional value is an error.
    pending: Option<Vec<(Guard, usize)>>,
    temps: usize,
    pub uses_partition: bool,
}

type Result<T> = std::result::Result<T, ModelError>;

fn err(path: &str, message: impl Into<String>) -> ModelError {
    ModelError::at(path, None, message)
}

impl Lowerer {
    pub fn new() -> Self {
        Lowerer { scope: Vec::new(), pending: None, temps: 0, uses_partition: false }
    }

    pub fn params(&mut self, set: &RuleSet) -> Result<Vec<ParamIr>> {
        let mut out: Vec<ParamIr> = Vec::new();
        for p in &set.parameters {
            let mut field = names::member_field(&p.name);
            if field == "params" {
                field.push_str("_value");
            }
            if let Some(other) = out.iter().find(|o| o.field == field) {
                return Err(err(
                    &p.path,
                    format!("endpoint parameters `{}` and `{}` both map to the Rust name `{field}`", other.model_name, p.name),
                ));
            }
            if let Some(default) = &p.default {
                let fits = matches!(
                    (p.ty, default),
                    (ParamType::String, Literal::String(_)) | (ParamType::Bool, Literal::Bool(_)) | (ParamType::StringArray, Literal::Array(_))
                );
                if !fits {
                    return Err(err(&format!("{}.default", p.path), format!("the default of `{}` does not have its type", p.name)));
                }
            }
            let base = match p.ty {
                ParamType::String => Ty::Str,
                ParamType::Bool => Ty::Bool,
                ParamType::StringArray => Ty::StrArray,
            };
            let ty = if p.required { base } else { Ty::Option(Box::new(base)) };
            self.scope.push(Binding { model: p.name.clone(), rust: field.clone(), ty, owned: false, constant: None, used: false });
            out.push(ParamIr {
                model_name: p.name.clone(),
                set_field: names::set_all(&field),
                field,
                ty: p.ty,
                required: p.required,
                default: p.default.clone(),
                built_in: p.built_in.clone(),
                docs: p.documentation.clone(),
                deprecated: p.deprecated.clone(),
                is_region: p.built_in.as_deref() == Some("AWS::Region") && p.ty == ParamType::String,
                used: false,
            });
        }
        Ok(out)
    }

    /// Whether each parameter was read by the rules (call after lowering them).
    pub fn mark_used(&self, params: &mut [ParamIr]) {
        for (param, binding) in params.iter_mut().zip(&self.scope) {
            param.used = binding.used;
        }
    }

    pub fn rules(&mut self, rules: &[Rule]) -> Result<Vec<RuleIr>> {
        let mut out = Vec::new();
        for rule in rules {
            let lowered = self.rule(rule)?;
            let last = lowered.always_applies();
            out.push(lowered);
            if last {
                // Rules after one that always applies can never be reached.
                break;
            }
        }
        Ok(out)
    }

    fn rule(&mut self, rule: &Rule) -> Result<RuleIr> {
        let mark = self.scope.len();
        let mut guards: Vec<(Guard, Option<usize>)> = Vec::new();
        for condition in &rule.conditions {
            self.condition(condition, &mut guards)?;
        }
        let result = match &rule.kind {
            RuleKind::Endpoint(def) => {
                let url = self.string_value(&def.url)?;
                let mut headers = Vec::new();
                for (name, values) in &def.headers {
                    let values = values.iter().map(|v| self.string_value(v)).collect::<Result<_>>()?;
                    headers.push((name.clone(), values));
                }
                let mut properties = Vec::new();
                for (name, value) in &def.properties {
                    properties.push((name.clone(), self.property(value, &format!("{}.endpoint.properties", rule.path))?));
                }
                RuleResult::Endpoint { url, headers, properties }
            }
            RuleKind::Error(message) => RuleResult::Error(self.string_value(message)?),
            RuleKind::Tree(rules) => RuleResult::Tree(self.rules(rules)?),
        };
        // A value bound but never read is only tested for presence.
        let mut kept = Vec::new();
        for (guard, binding) in guards {
            let used = binding.is_none_or(|i| self.scope[i].used);
            match guard {
                Guard::Some { expr, .. } if !used => {
                    kept.push(Guard::Test(Expr::new(ExprKind::IsSome(Box::new(expr)), Ty::Bool)))
                }
                Guard::Bind { .. } if !used => {}
                guard => kept.push(guard),
            }
        }
        self.scope.truncate(mark);
        Ok(RuleIr { guards: kept, result, docs: rule.documentation.clone() })
    }

    fn condition(&mut self, c: &Condition, guards: &mut Vec<(Guard, Option<usize>)>) -> Result<()> {
        let Ast::Call { name, args, .. } = &c.call else {
            return Err(err(&c.path, "a condition must be a function call"));
        };
        // `isSet(ref)`: the reference is known to be set in the rest of the rule.
        if name == "isSet"
            && let [Ast::Ref { name: target, path: ref_path }] = args.as_slice()
        {
            let (var, ty) = self.lookup(target, ref_path)?;
            if let Ty::Option(inner) = ty.ty.clone() {
                let expr = Expr::new(ExprKind::Var { name: var.clone(), owned: false }, ty.ty.clone());
                let index = self.bind(target, var.clone(), *inner, false);
                guards.push((Guard::Some { var, expr }, Some(index)));
            }
            if let Some(assign) = &c.assign {
                self.constant(assign, true, &c.path)?;
            }
            return Ok(());
        }
        self.pending = Some(Vec::new());
        let expr = self.expr(&c.call);
        let pending = self.pending.take().unwrap_or_default();
        let expr = expr?;
        guards.extend(pending.into_iter().map(|(g, i)| (g, Some(i))));
        match (expr.ty.clone(), &c.assign) {
            (Ty::Bool, assign) => {
                guards.push((Guard::Test(expr), None));
                if let Some(assign) = assign {
                    self.constant(assign, true, &c.path)?;
                }
            }
            (Ty::Option(_), None) => guards.push((Guard::Test(Expr::new(ExprKind::IsSome(Box::new(expr)), Ty::Bool)), None)),
            (Ty::Option(inner), Some(assign)) => {
                let var = self.claim(assign, &c.path)?;
                let index = self.bind(assign, var.clone(), *inner, false);
                guards.push((Guard::Some { var, expr }, Some(index)));
            }
            (_, None) => {}
            (ty, Some(assign)) => {
                let var = self.claim(assign, &c.path)?;
                let owned = expr.fresh();
                let index = self.bind(assign, var.clone(), ty, owned);
                guards.push((Guard::Bind { var, expr }, Some(index)));
            }
        }
        Ok(())
    }

    fn bind(&mut self, model: &str, rust: String, ty: Ty, owned: bool) -> usize {
        self.scope.push(Binding { model: model.to_owned(), rust, ty, owned, constant: None, used: false });
        self.scope.len() - 1
    }

    fn constant(&mut self, model: &str, value: bool, path: &str) -> Result<()> {
        let rust = self.claim(model, path)?;
        self.scope.push(Binding { model: model.to_owned(), rust, ty: Ty::Bool, owned: false, constant: Some(value), used: false });
        Ok(())
    }

    /// The Rust name for an assigned variable, refused when it meets a name in scope.
    fn claim(&self, model: &str, path: &str) -> Result<String> {
        let mut rust = names::snake(model);
        if rust == "params" {
            rust.push_str("_value");
        }
        if let Some(other) = self.scope.iter().rev().find(|b| b.rust == rust && !b.model.is_empty()) {
            return Err(err(
                &format!("{path}.assign"),
                format!("the variable `{model}` meets `{}` (both `{rust}` in Rust); rule sets may not reuse names in scope", other.model),
            ));
        }
        Ok(rust)
    }

    fn lookup(&mut self, name: &str, path: &str) -> Result<(String, BindingView)> {
        let Some(binding) = self.scope.iter_mut().rev().find(|b| b.model == name) else {
            return Err(err(path, format!("`{name}` is neither an endpoint parameter nor a variable assigned before this point")));
        };
        binding.used = true;
        Ok((binding.rust.clone(), BindingView { ty: binding.ty.clone(), owned: binding.owned, constant: binding.constant }))
    }

    fn reference(&mut self, name: &str, path: &str) -> Result<Expr> {
        let (rust, b) = self.lookup(name, path)?;
        if let Some(value) = b.constant {
            return Ok(Expr::new(ExprKind::Bool(value), Ty::Bool));
        }
        Ok(Expr::new(ExprKind::Var { name: rust, owned: b.owned }, b.ty))
    }

    /// An expression whose value must be present: inside a condition an optional one is
    /// unwrapped by a guard (the condition fails when it is absent); elsewhere it is an error.
    fn present(&mut self, e: Expr, path: &str, what: &str) -> Result<Expr> {
        let Ty::Option(inner) = e.ty.clone() else { return Ok(e) };
        if self.pending.is_none() {
            return Err(err(
                path,
                format!("{what} may be unset here; the rule set must test it with `isSet` in a condition first"),
            ));
        }
        // A variable is unwrapped under its own name; anything else into a temporary.
        let (var, model) = match &e.kind {
            ExprKind::Var { name, .. } => {
                let model = self.scope.iter().rev().find(|b| &b.rust == name).map(|b| b.model.clone()).unwrap_or_default();
                (name.clone(), model)
            }
            _ => {
                let mut name;
                loop {
                    name = format!("value_{}", self.temps);
                    self.temps += 1;
                    if !self.scope.iter().any(|b| b.rust == name) {
                        break;
                    }
                }
                (name, String::new())
            }
        };
        let index = self.bind(&model, var.clone(), (*inner).clone(), false);
        self.scope[index].used = true;
        if let Some(pending) = self.pending.as_mut() {
            pending.push((Guard::Some { var: var.clone(), expr: e }, index));
        }
        Ok(Expr::new(ExprKind::Var { name: var, owned: false }, *inner))
    }

    fn string_value(&mut self, ast: &Ast) -> Result<Expr> {
        let path = ast_path(ast);
        let e = self.expr(ast)?;
        let e = self.present(e, &path, "the value")?;
        if e.ty != Ty::Str {
            return Err(err(&path, format!("expected a string, found {}", e.ty.describe())));
        }
        Ok(e)
    }

    fn property(&mut self, ast: &Ast, path: &str) -> Result<Property> {
        Ok(match ast {
            Ast::String { .. } => Property::String(self.string_value(ast)?),
            Ast::Bool(b) => Property::Bool(*b),
            Ast::Array(items) => Property::Array(items.iter().map(|i| self.property(i, path)).collect::<Result<_>>()?),
            Ast::Map(entries) => Property::Map(
                entries.iter().map(|(k, v)| Ok((k.clone(), self.property(v, path)?))).collect::<Result<_>>()?,
            ),
            Ast::Int(_) | Ast::Ref { .. } | Ast::Call { .. } => {
                return Err(err(path, "endpoint properties hold strings (which may be templates), booleans, arrays and objects only"));
            }
        })
    }

    fn expr(&mut self, ast: &Ast) -> Result<Expr> {
        Ok(match ast {
            Ast::String { value, path } => self.template(value, path)?,
            Ast::Bool(b) => Expr::new(ExprKind::Bool(*b), Ty::Bool),
            Ast::Int(i) => Expr::new(ExprKind::Int(*i), Ty::Int),
            Ast::Array(_) | Ast::Map(_) => {
                return Err(err(&ast_path(ast), "array and object literals are only supported in endpoint properties"));
            }
            Ast::Ref { name, path } => self.reference(name, path)?,
            Ast::Call { name, args, path } => self.call(name, args, path)?,
        })
    }

    fn template(&mut self, text: &str, path: &str) -> Result<Expr> {
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

    fn arg(&mut self, args: &[Ast], i: usize, want: Ty, func: &str, path: &str) -> Result<Expr> {
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

    fn call(&mut self, name: &str, args: &[Ast], path: &str) -> Result<Expr> {
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
    fn get_attr(&mut self, base: Expr, attr: &str, path: &str) -> Result<Expr> {
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

    fn field(&mut self, base: Expr, key: &str, attr: &str, path: &str) -> Result<Expr> {
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

struct BindingView {
    ty: Ty,
    owned: bool,
    constant: Option<bool>,
}

fn ast_path(ast: &Ast) -> String {
    match ast {
        Ast::String { path, .. } | Ast::Ref { path, .. } | Ast::Call { path, .. } => path.clone(),
        _ => String::new(),
    }
}

/// The test cases, checked against the parameters.
pub(super) fn tests(cases: &[rules::TestCase], params: &[ParamIr]) -> Result<Vec<TestIr>> {
    let mut out = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let mut setters = Vec::new();
        for (name, value) in &case.params {
            let at = format!("{}.params[{}]", case.path, serde_json::to_string(name).unwrap_or_default());
            let Some(param) = params.iter().find(|p| &p.model_name == name) else {
                return Err(err(&at, format!("the test sets `{name}`, which is not an endpoint parameter")));
            };
            let fits = match (param.ty, value) {
                (ParamType::String, Literal::String(_)) | (ParamType::Bool, Literal::Bool(_)) => true,
                (ParamType::StringArray, Literal::Array(items)) => items.iter().all(|i| matches!(i, Literal::String(_))),
                _ => false,
            };
            if !fits {
                return Err(err(&at, format!("the test's value for `{name}` does not have the parameter's type")));
            }
            setters.push((param.field.clone(), value.clone()));
        }
        let expect = match &case.expect {
            rules::Expectation::Endpoint { url, headers, properties } => {
                fn has_int(value: &Literal) -> bool {
                    match value {
                        Literal::Int(_) => true,
                        Literal::Array(items) => items.iter().any(has_int),
                        Literal::Map(entries) => entries.iter().any(|(_, v)| has_int(v)),
                        Literal::String(_) | Literal::Bool(_) => false,
                    }
                }
                if properties.iter().any(|(_, v)| has_int(v)) {
                    return Err(err(
                        &format!("{}.expect.endpoint.properties", case.path),
                        "the test expects a number in the endpoint's properties, which hold strings, booleans, arrays and objects only",
                    ));
                }
                TestExpect::Endpoint { url: url.clone(), headers: headers.clone(), properties: properties.clone() }
            }
            rules::Expectation::Error(message) => TestExpect::Error(message.clone()),
        };
        out.push(TestIr { fn_name: test_name(i, &case.documentation), docs: case.documentation.clone(), params: setters, expect });
    }
    Ok(out)
}

/// `case_03_for_region_us_east_1_with_fips_enabled`: numbered, so names stay unique, and
/// cut at a word boundary so they stay readable.
fn test_name(index: usize, docs: &str) -> String {
    let ascii: String = docs.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut slug = String::new();
    for word in heck::ToSnakeCase::to_snake_case(ascii.as_str()).split('_').filter(|w| !w.is_empty()) {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('_');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { format!("case_{index:02}") } else { format!("case_{index:02}_{slug}") }
}
