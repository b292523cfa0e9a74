//! Typing of a parsed waiter expression over the operation's Rust structures: each step's
//! value kind is known at generation time, so the emitted code reads fields directly. What
//! has no typed reading here (maps, timestamps, blobs, documents, lists of lists, comparing
//! values of different kinds, truthiness of non-booleans) is refused with a reason.

use super::jmespath::Ast;
use crate::ir::waiter::*;
use crate::ir::{NamedKind, StructIr, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// The structures an expression may walk through, by Rust path.
pub struct Structs<'a> {
    pub by_path: BTreeMap<&'a str, &'a StructIr>,
}

/// What the expression starts from.
#[derive(Clone, Copy)]
pub enum Start<'a> {
    /// `output` matchers: the output.
    Output(&'a StructIr),
    /// `inputOutput` matchers: an object of `input` and `output`.
    InputOutput { input: &'a StructIr, output: &'a StructIr },
}

pub struct Typed {
    pub expr: WaitExpr,
    pub kind: ValueKind,
}

/// The value a path is at: a known kind, or the `inputOutput` pair before `input`/`output`.
enum At<'a> {
    Value(Typed),
    Pair { input: &'a StructIr, output: &'a StructIr },
}

pub fn compile(ast: &Ast, start: Start<'_>, structs: &Structs<'_>) -> Result<Typed, String> {
    let root = match start {
        Start::Output(output) => At::Value(Typed { expr: WaitExpr::Root(Root::Output), kind: ValueKind::Struct(output.rust_path.clone()) }),
        Start::InputOutput { input, output } => At::Pair { input, output },
    };
    let compiler = Compiler { structs };
    match compiler.at(ast, root, 0)? {
        At::Value(typed) => Ok(typed),
        At::Pair { .. } => Err("the expression must select `input` or `output`".to_owned()),
    }
}

struct Compiler<'a, 'b> {
    structs: &'b Structs<'a>,
}

impl<'a> Compiler<'a, '_> {
    fn value(&self, ast: &Ast, current: At<'a>, depth: usize) -> Result<Typed, String> {
        match self.at(ast, current, depth)? {
            At::Value(v) => Ok(v),
            At::Pair { .. } => Err("the expression must select `input` or `output`".to_owned()),
        }
    }

    /// `ast` evaluated at `current` (the root, or a projection's element at `depth - 1`).
    fn at(&self, ast: &Ast, current: At<'a>, depth: usize) -> Result<At<'a>, String> {
        fn boxed<T>(t: T) -> Box<T> {
            Box::new(t)
        }
        Ok(At::Value(match ast {
            Ast::Current => return Ok(current),
            Ast::Field(base, name) => return self.field(self.at(base, current, depth)?, name),
            Ast::Index(base, index) => {
                let base = self.value(base, current, depth)?;
                let ValueKind::List(item) = base.kind else { return Err(format!("`[{index}]` of a value that is not a list")) };
                Typed { expr: WaitExpr::Index { base: boxed(base.expr), index: *index }, kind: *item }
            }
            Ast::Project { base, flatten: _, filter, then } => {
                let base = self.value(base, current, depth)?;
                let ValueKind::List(item) = base.kind else { return Err("a projection of a value that is not a list".to_owned()) };
                let element = || At::Value(Typed { expr: WaitExpr::Current(depth), kind: (*item).clone() });
                let filter = match filter {
                    Some(f) => Some(boxed(self.boolean(f, element(), depth + 1, "a filter")?.expr)),
                    None => None,
                };
                let then = self.value(then, element(), depth + 1)?;
                if matches!(then.kind, ValueKind::List(_)) {
                    return Err("a projection whose elements are lists (flattening nested lists) is not supported".to_owned());
                }
                Typed {
                    expr: WaitExpr::Project { base: boxed(base.expr), depth, filter, then: boxed(then.expr) },
                    kind: ValueKind::List(boxed(then.kind)),
                }
            }
            Ast::Compare(op, left, right) => {
                let (left, right) = (self.value(left, self.reset(&current), depth)?, self.value(right, current, depth)?);
                let op = match *op {
                    "==" => CompareOp::Eq,
                    "!=" => CompareOp::Ne,
                    "<" => CompareOp::Lt,
                    "<=" => CompareOp::Le,
                    ">" => CompareOp::Gt,
                    _ => CompareOp::Ge,
                };
                let ordered = !matches!(op, CompareOp::Eq | CompareOp::Ne);
                let comparable = match (&left.kind, &right.kind) {
                    (ValueKind::Number, ValueKind::Number) => true,
                    (ValueKind::Str, ValueKind::Str) | (ValueKind::Bool, ValueKind::Bool) => !ordered,
                    _ => false,
                };
                if !comparable {
                    return Err(format!("cannot compare {} with {} here", describe(&left.kind), describe(&right.kind)));
                }
                Typed { expr: WaitExpr::Compare { op, left: boxed(left.expr), right: boxed(right.expr) }, kind: ValueKind::Bool }
            }
            Ast::And(l, r) | Ast::Or(l, r) => {
                let left = self.boolean(l, self.reset(&current), depth, "`&&` and `||`")?.expr;
                let right = self.boolean(r, current, depth, "`&&` and `||`")?.expr;
                let expr = if matches!(ast, Ast::And(..)) { WaitExpr::And(boxed(left), boxed(right)) } else { WaitExpr::Or(boxed(left), boxed(right)) };
                Typed { expr, kind: ValueKind::Bool }
            }
            Ast::Not(inner) => Typed { expr: WaitExpr::Not(boxed(self.boolean(inner, current, depth, "`!`")?.expr)), kind: ValueKind::Bool },
            Ast::Literal(value) => literal(value)?,
            Ast::Call(name, args) => self.call(name, args, current, depth)?,
        }))
    }

    /// The same starting point again, for the second operand of a binary operator.
    fn reset(&self, current: &At<'a>) -> At<'a> {
        match current {
            At::Value(Typed { expr, kind }) => At::Value(Typed { expr: expr.clone(), kind: kind.clone() }),
            At::Pair { input, output } => At::Pair { input, output },
        }
    }

    fn boolean(&self, ast: &Ast, current: At<'a>, depth: usize, what: &str) -> Result<Typed, String> {
        let typed = self.value(ast, current, depth)?;
        if typed.kind != ValueKind::Bool {
            return Err(format!("{what} of {}: only booleans are supported", describe(&typed.kind)));
        }
        Ok(typed)
    }

    fn field(&self, base: At<'a>, name: &str) -> Result<At<'a>, String> {
        let base = match base {
            At::Pair { input, output } => {
                let (root, s) = match name {
                    "input" => (Root::Input, input),
                    "output" => (Root::Output, output),
                    other => return Err(format!("an inputOutput path starts with `input` or `output`, not `{other}`")),
                };
                return Ok(At::Value(Typed { expr: WaitExpr::Root(root), kind: ValueKind::Struct(s.rust_path.clone()) }));
            }
            At::Value(v) => v,
        };
        let ValueKind::Struct(path) = &base.kind else { return Err(format!("`.{name}` of {}", describe(&base.kind))) };
        let s = self.structs.by_path.get(path.as_str()).ok_or_else(|| format!("`.{name}` of `{path}`, a structure not generated"))?;
        let member = s
            .members
            .iter()
            .find(|m| m.model_name == name)
            .ok_or_else(|| format!("`{}` has no member `{name}`", s.rust_name))?;
        let (how, kind) = read_as(&member.ty).ok_or_else(|| format!("the member `{name}` of `{}` has a type waiters cannot read", s.rust_name))?;
        let access = FieldAccess { optional: member.is_optional(), how };
        Ok(At::Value(Typed { expr: WaitExpr::Field { base: Box::new(base.expr), field: member.field.clone(), access }, kind }))
    }

    fn call(&self, name: &str, args: &[Ast], current: At<'a>, depth: usize) -> Result<Typed, String> {
        let mut typed = Vec::new();
        for arg in args {
            typed.push(self.value(arg, self.reset(&current), depth)?);
        }
        match (name, typed.as_mut_slice()) {
            ("length", [arg]) => {
                let of = match arg.kind {
                    ValueKind::Str => LengthOf::Str,
                    ValueKind::List(_) => LengthOf::List,
                    ref other => return Err(format!("length() of {}", describe(other))),
                };
                let arg = typed.pop().expect("one argument");
                Ok(Typed { expr: WaitExpr::Length(Box::new(arg.expr), of), kind: ValueKind::Number })
            }
            ("contains", [haystack, needle]) => {
                let list = match (&haystack.kind, &needle.kind) {
                    (ValueKind::List(item), ValueKind::Str) if **item == ValueKind::Str => true,
                    (ValueKind::Str, ValueKind::Str) => false,
                    (h, n) => return Err(format!("contains() of {} and {}", describe(h), describe(n))),
                };
                let needle = typed.pop().expect("two arguments").expr;
                let haystack = typed.pop().expect("two arguments").expr;
                Ok(Typed { expr: WaitExpr::Contains { haystack: Box::new(haystack), needle: Box::new(needle), list }, kind: ValueKind::Bool })
            }
            _ => Err(format!("the function `{name}` with {} arguments is not supported", args.len())),
        }
    }
}

fn literal(value: &Value) -> Result<Typed, String> {
    Ok(match value {
        Value::String(s) => Typed { expr: WaitExpr::Str(s.clone()), kind: ValueKind::Str },
        Value::Bool(b) => Typed { expr: WaitExpr::Bool(*b), kind: ValueKind::Bool },
        Value::Number(n) => Typed { expr: WaitExpr::Number(n.as_f64().unwrap_or(f64::NAN)), kind: ValueKind::Number },
        other => return Err(format!("the literal {other} is not supported (only strings, numbers and booleans)")),
    })
}

/// How a member's type reads into an expression value, if it does.
fn read_as(ty: &TypeRef) -> Option<(ReadAs, ValueKind)> {
    let scalar = |ty: &TypeRef| -> Option<(ElementAs, ValueKind)> {
        Some(match ty {
            TypeRef::String => (ElementAs::Str, ValueKind::Str),
            TypeRef::Bool => (ElementAs::Bool, ValueKind::Bool),
            TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Float | TypeRef::Double => (ElementAs::Number, ValueKind::Number),
            TypeRef::Long => (ElementAs::Long, ValueKind::Number),
            TypeRef::Named(n) if n.kind == NamedKind::Enum => (ElementAs::Enum, ValueKind::Str),
            TypeRef::Named(n) if n.kind == NamedKind::Struct => (ElementAs::Struct, ValueKind::Struct(n.rust_path.clone())),
            _ => return None,
        })
    };
    match ty {
        TypeRef::List(item) => scalar(item).map(|(e, k)| (ReadAs::List(e), ValueKind::List(Box::new(k)))),
        TypeRef::Boxed(inner) => match &**inner {
            TypeRef::Named(n) if n.kind == NamedKind::Struct => Some((ReadAs::BoxedStruct, ValueKind::Struct(n.rust_path.clone()))),
            _ => None,
        },
        ty => scalar(ty).map(|(e, k)| {
            let how = match e {
                ElementAs::Str => ReadAs::Str,
                ElementAs::Enum => ReadAs::Enum,
                ElementAs::Bool => ReadAs::Bool,
                ElementAs::Number => ReadAs::Number,
                ElementAs::Long => ReadAs::Long,
                ElementAs::Struct => ReadAs::Struct,
            };
            (how, k)
        }),
    }
}

fn describe(kind: &ValueKind) -> String {
    match kind {
        ValueKind::Str => "a string".to_owned(),
        ValueKind::Bool => "a boolean".to_owned(),
        ValueKind::Number => "a number".to_owned(),
        ValueKind::Struct(p) => format!("a structure (`{}`)", p.rsplit("::").next().unwrap_or(p)),
        ValueKind::List(item) => format!("a list of {}", describe(item)),
    }
}
