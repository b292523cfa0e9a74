//! The rule set type-checked and named: every reference resolved to a Rust variable, every
//! function to a typed call, and every optional value either tested (`isSet`), unwrapped
//! by a guard in a condition (where a missing value makes the condition fail), or refused
//! with an error naming the JSON path (in an endpoint or error, where it must be set).

use super::ir::*;
use super::rules::{Condition, Expr as Ast, Rule, RuleKind, RuleSet};
use crate::error::ModelError;
use crate::names;

mod cases;
mod functions;

pub(super) use cases::tests;

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
                built_in: p.built_in.as_deref().map(BuiltIn::from_name),
                docs: p.documentation.clone(),
                deprecated: p.deprecated.clone(),
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
