//! A parser of the JMESPath that waiters use: identifiers (bare or quoted), sub-expressions
//! `a.b`, indexes `[0]`, projections `[*]`, flattens `[]` and filters `[?expr]`, comparisons,
//! `&&`, `||`, `!`, parentheses, `@`, raw strings `'x'`, JSON literals `` `x` `` and function
//! calls. Anything else (multi-selects, pipes, slices, object projections) is refused with
//! the position it starts at, for the generator's error.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// `@`, and the start of every path.
    Current,
    /// `base.name` (a bare `name` is `@.name`).
    Field(Box<Ast>, String),
    Index(Box<Ast>, i64),
    /// `base[*] then`, `base[] then` (flatten) and `base[?filter] then`; `then` starts at
    /// [`Ast::Current`], each element.
    Project { base: Box<Ast>, flatten: bool, filter: Option<Box<Ast>>, then: Box<Ast> },
    Compare(&'static str, Box<Ast>, Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Not(Box<Ast>),
    Literal(Value),
    Call(String, Vec<Ast>),
}

/// Parses a whole expression.
pub fn parse(text: &str) -> Result<Ast, String> {
    let mut p = Parser { tokens: lex(text)?, at: 0 };
    let ast = p.or()?;
    match p.peek() {
        None => Ok(ast),
        Some(t) => Err(format!("unexpected {} at offset {}", t.kind.describe(), t.offset)),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Ident(String),
    Literal(Value),
    Number(i64),
    Sym(&'static str),
}

impl Kind {
    fn describe(&self) -> String {
        match self {
            Kind::Ident(s) => format!("`{s}`"),
            Kind::Literal(v) => format!("literal {v}"),
            Kind::Number(n) => format!("`{n}`"),
            Kind::Sym(s) => format!("`{s}`"),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    offset: usize,
}

const SYMBOLS: &[&str] = &["[?", "[*]", "[]", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", ".", "[", "]", "(", ")", ",", "@", "*", "|", "{", "}", ":", "&"];

fn lex(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let offset = text.len() - rest.len();
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (kind, len) = if c.is_ascii_alphabetic() || c == '_' {
            let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            (Kind::Ident(rest[..len].to_owned()), len)
        } else if c.is_ascii_digit() || (c == '-' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) {
            let len = 1 + rest[1..].find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len() - 1);
            let n = rest[..len].parse().map_err(|_| format!("number out of range at offset {offset}"))?;
            (Kind::Number(n), len)
        } else if c == '\'' {
            let (raw, len) = delimited(rest, '\'', offset)?;
            (Kind::Literal(Value::String(raw.replace("\\'", "'"))), len)
        } else if c == '`' {
            let (raw, len) = delimited(rest, '`', offset)?;
            let value = serde_json::from_str(&raw.replace("\\`", "`")).map_err(|e| format!("bad JSON literal at offset {offset}: {e}"))?;
            (Kind::Literal(value), len)
        } else if c == '"' {
            let (raw, len) = delimited(rest, '"', offset)?;
            let name: String = serde_json::from_str(&format!("\"{raw}\"")).map_err(|e| format!("bad quoted identifier at offset {offset}: {e}"))?;
            (Kind::Ident(name), len)
        } else if let Some(sym) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            (Kind::Sym(sym), sym.len())
        } else {
            return Err(format!("unexpected character `{c}` at offset {offset}"));
        };
        tokens.push(Token { kind, offset });
        rest = &rest[len..];
    }
    Ok(tokens)
}

/// The text between `quote` and the next unescaped `quote`, and the length with both quotes.
fn delimited(text: &str, quote: char, offset: usize) -> Result<(String, usize), String> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return Ok((text[1..i].to_owned(), i + 1)),
            _ => escaped = false,
        }
    }
    Err(format!("unterminated {quote} at offset {offset}"))
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, sym: &str) -> bool {
        let hit = matches!(self.peek(), Some(Token { kind: Kind::Sym(s), .. }) if *s == sym);
        self.at += usize::from(hit);
        hit
    }

    fn expect(&mut self, sym: &str) -> Result<(), String> {
        if self.eat(sym) {
            return Ok(());
        }
        Err(match self.peek() {
            Some(t) => format!("expected `{sym}`, found {} at offset {}", t.kind.describe(), t.offset),
            None => format!("expected `{sym}`, found the end"),
        })
    }

    fn or(&mut self) -> Result<Ast, String> {
        let mut left = self.and()?;
        while self.eat("||") {
            left = Ast::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Ast, String> {
        let mut left = self.comparison()?;
        while self.eat("&&") {
            left = Ast::And(Box::new(left), Box::new(self.comparison()?));
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Result<Ast, String> {
        let left = self.unary()?;
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if self.eat(op) {
                return Ok(Ast::Compare(op, Box::new(left), Box::new(self.unary()?)));
            }
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Ast, String> {
        if self.eat("!") {
            return Ok(Ast::Not(Box::new(self.unary()?)));
        }
        let start = self.primary()?;
        self.chain(start)
    }

    fn primary(&mut self) -> Result<Ast, String> {
        let Some(token) = self.peek().cloned() else { return Err("unexpected end of the expression".to_owned()) };
        match token.kind {
            Kind::Ident(name) => {
                self.at += 1;
                if self.eat("(") {
                    let mut args = Vec::new();
                    if !self.eat(")") {
                        loop {
                            args.push(self.or()?);
                            if self.eat(")") {
                                break;
                            }
                            self.expect(",")?;
                        }
                    }
                    return Ok(Ast::Call(name, args));
                }
                Ok(Ast::Field(Box::new(Ast::Current), name))
            }
            Kind::Literal(v) => {
                self.at += 1;
                Ok(Ast::Literal(v))
            }
            Kind::Sym("@") => {
                self.at += 1;
                Ok(Ast::Current)
            }
            Kind::Sym("(") => {
                self.at += 1;
                let inner = self.or()?;
                self.expect(")")?;
                Ok(inner)
            }
            // A projection straight from the current value: `[?x]`, `[*]`, `[]`.
            Kind::Sym("[?" | "[*]" | "[]") => Ok(Ast::Current),
            kind => Err(format!("{} at offset {} is not supported in waiter expressions", kind.describe(), token.offset)),
        }
    }

    /// `.name`, `[i]` and projections after a value; a projection takes the rest of the
    /// chain as what it applies to each element.
    fn chain(&mut self, mut base: Ast) -> Result<Ast, String> {
        loop {
            if self.eat(".") {
                match self.peek().cloned() {
                    Some(Token { kind: Kind::Ident(name), .. }) => {
                        self.at += 1;
                        base = Ast::Field(Box::new(base), name);
                    }
                    Some(t) => return Err(format!("expected a name after `.`, found {} at offset {}", t.kind.describe(), t.offset)),
                    None => return Err("expected a name after `.`".to_owned()),
                }
            } else if self.eat("[") {
                let Some(Token { kind: Kind::Number(index), .. }) = self.peek().cloned() else {
                    let at = self.peek().map_or("the end".to_owned(), |t| format!("offset {}", t.offset));
                    return Err(format!("only `[number]`, `[*]`, `[]` and `[?...]` are supported (at {at})"));
                };
                self.at += 1;
                self.expect("]")?;
                base = Ast::Index(Box::new(base), index);
            } else if self.eat("[*]") || self.eat("[]") {
                let flatten = matches!(&self.tokens[self.at - 1].kind, Kind::Sym("[]"));
                let then = self.chain(Ast::Current)?;
                return Ok(Ast::Project { base: Box::new(base), flatten, filter: None, then: Box::new(then) });
            } else if self.eat("[?") {
                let filter = self.or()?;
                self.expect("]")?;
                let then = self.chain(Ast::Current)?;
                return Ok(Ast::Project { base: Box::new(base), flatten: false, filter: Some(Box::new(filter)), then: Box::new(then) });
            } else {
                return Ok(base);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(base: Ast, name: &str) -> Ast {
        Ast::Field(Box::new(base), name.to_owned())
    }

    #[test]
    fn paths_comparisons_and_logic() {
        let status = field(Ast::Current, "status");
        let ne = |s: &str| Ast::Compare("!=", Box::new(status.clone()), Box::new(Ast::Literal(Value::String(s.into()))));
        assert_eq!(
            parse("status != 'CANCELLING' && status != 'CANCELLED'").unwrap(),
            Ast::And(Box::new(ne("CANCELLING")), Box::new(ne("CANCELLED")))
        );
        assert_eq!(parse("a.b.c").unwrap(), field(field(field(Ast::Current, "a"), "b"), "c"));
        assert_eq!(parse("a[-1].\"b c\"").unwrap(), field(Ast::Index(Box::new(field(Ast::Current, "a")), -1), "b c"));
        assert_eq!(parse("!`true`").unwrap(), Ast::Not(Box::new(Ast::Literal(Value::Bool(true)))));
    }

    #[test]
    fn projections_take_the_rest_of_the_chain() {
        let parsed = parse("length(items[?state == 'ok'].name) > `0`").unwrap();
        let Ast::Compare(">", left, _) = parsed else { panic!("{parsed:?}") };
        let Ast::Call(name, args) = *left else { panic!() };
        assert_eq!(name, "length");
        let Ast::Project { filter: Some(_), then, flatten: false, .. } = &args[0] else { panic!("{args:?}") };
        assert_eq!(**then, field(Ast::Current, "name"));
    }

    #[test]
    fn what_is_not_supported_is_refused_with_its_offset() {
        assert_eq!(parse("a | b").unwrap_err(), "unexpected `|` at offset 2");
        assert!(parse("a[0:2]").unwrap_err().contains("expected `]`"));
        assert!(parse("a[`1`]").unwrap_err().contains("only `[number]`"));
        assert!(parse("{a: b}").unwrap_err().contains("not supported"));
        assert!(parse("'open").unwrap_err().contains("unterminated"));
    }
}
