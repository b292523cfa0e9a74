//! Node values: strings (with escapes), text blocks, numbers, keywords, shape ids, arrays and
//! objects.

use super::ast::{Ident, Node};
use super::cursor::Cursor;
use crate::error::SourceError;

impl Cursor<'_> {
    /// A node value at the current position.
    pub fn node(&mut self) -> Result<Node, SourceError> {
        match self.peek() {
            Some(b'"') => Ok(Node::Str(self.string()?)),
            Some(b'[') => self.array(),
            Some(b'{') => self.object(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let at = self.pos;
                let text = self.shape_id()?;
                Ok(match text.as_str() {
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    "null" => Node::Null,
                    _ => Node::Id(Ident { text, at }),
                })
            }
            _ => Err(self.expected("a value")),
        }
    }

    fn array(&mut self) -> Result<Node, SourceError> {
        self.descend()?;
        self.expect(b'[')?;
        let mut items = Vec::new();
        loop {
            self.ws();
            if self.eat(b']') {
                break;
            }
            if self.at_end() {
                return Err(self.expected("`]`"));
            }
            items.push(self.node()?);
        }
        self.ascend();
        Ok(Node::Array(items))
    }

    fn object(&mut self) -> Result<Node, SourceError> {
        self.descend()?;
        self.expect(b'{')?;
        let mut entries: Vec<(String, Node)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        loop {
            self.ws();
            if self.eat(b'}') {
                break;
            }
            let at = self.pos;
            let key = self.object_key()?;
            if !seen.insert(key.clone()) {
                return Err(self.error_at(at, format!("the key `{key}` appears twice in this object")));
            }
            self.ws();
            self.expect(b':')?;
            self.ws();
            entries.push((key, self.node()?));
        }
        self.ascend();
        Ok(Node::Object(entries))
    }

    /// An object key: an identifier or a quoted string.
    pub fn object_key(&mut self) -> Result<String, SourceError> {
        match self.peek() {
            Some(b'"') if !self.starts_with("\"\"\"") => self.string(),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => self.identifier(),
            _ => Err(self.expected("an object key (an identifier or a quoted string)")),
        }
    }

    fn number(&mut self) -> Result<Node, SourceError> {
        let start = self.pos;
        self.eat(b'-');
        let digits = |c: &mut Self| {
            let from = c.pos;
            while matches!(c.peek(), Some(b'0'..=b'9')) {
                c.pos += 1;
            }
            c.pos > from
        };
        if self.peek() == Some(b'0') && matches!(self.peek_at(1), Some(b'0'..=b'9')) {
            return Err(self.error("a number may not start with `0` followed by digits"));
        }
        if !digits(self) {
            return Err(self.expected("a digit"));
        }
        if self.eat(b'.') && !digits(self) {
            return Err(self.expected("a digit after the decimal point"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !digits(self) {
                return Err(self.expected("a digit of the exponent"));
            }
        }
        let lexeme = &self.text[start..self.pos];
        match serde_json::from_str::<serde_json::Number>(lexeme) {
            Ok(n) => Ok(Node::Num(n)),
            // Integers past 64 bits are kept as the nearest double, as JSON readers do.
            Err(_) => match lexeme.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                Some(n) => Ok(Node::Num(n)),
                None => Err(self.error_at(start, format!("`{lexeme}` is not a number that can be represented"))),
            },
        }
    }

    /// A quoted string or a text block, escapes interpreted.
    pub fn string(&mut self) -> Result<String, SourceError> {
        if self.starts_with("\"\"\"") {
            return self.text_block();
        }
        let open = self.pos;
        self.expect(b'"')?;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error_at(open, "this string is never closed")),
                Some(b'"') => break,
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
            }
        }
        let raw_end = self.pos.min(self.text.len());
        self.pos = raw_end + 1;
        let raw = self.text[start..raw_end].replace("\r\n", "\n");
        unescape(&raw).map_err(|(offset, message)| self.error_at(start + offset, message))
    }

    /// `"""` + new line, lines, `"""`: indentation common to the lines (and to the closing
    /// line) is removed, as is whitespace at the ends of lines, before escapes are read.
    fn text_block(&mut self) -> Result<String, SourceError> {
        let open = self.pos;
        self.pos += 3;
        self.sp_only();
        if !(self.eat(b'\n') || (self.starts_with("\r\n") && {
            self.pos += 2;
            true
        })) {
            return Err(self.error_at(open, "a text block's `\"\"\"` must be followed by a new line"));
        }
        let start = self.pos;
        loop {
            if self.starts_with("\"\"\"") {
                break;
            }
            match self.peek() {
                None => return Err(self.error_at(open, "this text block is never closed")),
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
            }
        }
        let raw_end = self.pos.min(self.text.len());
        self.pos = raw_end + 3;
        let raw = self.text[start..raw_end].replace("\r\n", "\n");
        let lines: Vec<&str> = raw.split('\n').collect();
        let last = lines.len() - 1;
        let indent = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| *i == last || !l.trim().is_empty())
            .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
            .min()
            .unwrap_or(0);
        let stripped: Vec<&str> = lines
            .iter()
            .map(|l| if l.trim().is_empty() { "" } else { l.get(indent..).unwrap_or("").trim_end_matches([' ', '\t']) })
            .collect();
        unescape(&stripped.join("\n")).map_err(|(_, message)| self.error_at(start, message))
    }

    fn sp_only(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }
}

/// Interprets the escapes of a string's text; errors carry the byte offset in `raw`.
fn unescape(raw: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else { return Err((i, "a string may not end with a lone `\\`".to_owned())) };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            // An escaped new line joins the lines.
            '\n' => {}
            'u' => {
                let high = hex4(&mut chars).ok_or((i, "`\\u` needs four hex digits".to_owned()))?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    let low = match (chars.next(), chars.next()) {
                        (Some((_, '\\')), Some((_, 'u'))) => hex4(&mut chars),
                        _ => None,
                    };
                    match low {
                        Some(low) if (0xDC00..0xE000).contains(&low) => 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                        _ => return Err((i, "a high surrogate `\\u` escape must be followed by a low one".to_owned())),
                    }
                } else {
                    high
                };
                out.push(char::from_u32(code).ok_or((i, format!("`\\u{code:04X}` is not a character")))?);
            }
            other => return Err((i, format!("`\\{other}` is not a valid escape"))),
        }
    }
    Ok(out)
}

fn hex4(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        value = value * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(value)
}
