//! The reader's position in a file: whitespace, comments (kept aside when they are `///`
//! documentation), identifiers and shape ids. The grammar needs no separate token stream:
//! newlines matter in a few places, and strings and text blocks are read where they start.

use crate::error::SourceError;

/// How deep arrays, objects and nested shapes may go before the reader refuses the file
/// (a bound on its own recursion, so that hostile input cannot exhaust the stack).
pub const MAX_DEPTH: usize = 64;

pub struct Cursor<'a> {
    pub file: &'a str,
    pub text: &'a str,
    bytes: &'a [u8],
    pub pos: usize,
    /// `///` lines read since the last [`take_docs`](Cursor::take_docs).
    docs: Vec<String>,
    pub depth: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        // A byte-order mark is not part of the model.
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Cursor { file, text, bytes: text.as_bytes(), pos, docs: Vec::new(), depth: 0 }
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> SourceError {
        SourceError::at(self.file, self.text, offset, message)
    }

    pub fn error(&self, message: impl Into<String>) -> SourceError {
        self.error_at(self.pos, message)
    }

    /// "expected X, found Y" at the current position.
    pub fn expected(&self, what: &str) -> SourceError {
        self.error(format!("expected {what}, found {}", self.describe_next()))
    }

    pub fn describe_next(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the file".to_owned(),
            Some('\n') => "a new line".to_owned(),
            Some(c) if c.is_control() => format!("the character U+{:04X}", c as u32),
            Some(_) => {
                let word: String = self.text[self.pos..].chars().take_while(|c| !c.is_whitespace()).take(20).collect();
                format!("`{word}`")
            }
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn peek_at(&self, n: usize) -> Option<u8> {
        self.bytes.get(self.pos + n).copied()
    }

    pub fn starts_with(&self, s: &str) -> bool {
        self.bytes[self.pos..].starts_with(s.as_bytes())
    }

    pub fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn expect(&mut self, c: u8) -> Result<(), SourceError> {
        if self.eat(c) { Ok(()) } else { Err(self.expected(&format!("`{}`", c as char))) }
    }

    /// Enters one more level of nesting, refusing past [`MAX_DEPTH`].
    pub fn descend(&mut self) -> Result<(), SourceError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    pub fn ascend(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Skips spaces, tabs, commas, new lines and comments; keeps `///` lines as documentation.
    pub fn ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n' | b',') => self.pos += 1,
                Some(b'/') if self.peek_at(1) == Some(b'/') => self.comment(),
                _ => return,
            }
        }
    }

    /// Skips spaces, tabs and commas on the current line only (no comments, no new lines).
    pub fn sp(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.pos += 1;
        }
    }

    /// Skips [`sp`](Cursor::sp), then requires the end of a line (a comment, a new line or
    /// the end of the file) and skips the whitespace after it: statements end at a line's end.
    pub fn br(&mut self) -> Result<(), SourceError> {
        self.sp();
        match self.peek() {
            None => Ok(()),
            Some(b'\n' | b'\r') => {
                self.ws();
                Ok(())
            }
            Some(b'/') if self.peek_at(1) == Some(b'/') => {
                self.ws();
                Ok(())
            }
            _ => Err(self.expected("a new line")),
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let line = &self.text[start..end];
        // `///` documents what follows only where it starts its line.
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let starts_line = self.text[line_start..start].bytes().all(|b| b == b' ' || b == b'\t');
        if let Some(doc) = line.strip_prefix("///").filter(|_| starts_line) {
            self.docs.push(doc.trim_end_matches('\r').to_owned());
        }
        self.pos = end;
    }

    /// The documentation read since the last call, if any: each line without its `///` and
    /// the one space that follows it.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let lines: Vec<String> = self.docs.drain(..).map(|l| l.strip_prefix(' ').map(str::to_owned).unwrap_or(l)).collect();
        Some(lines.join("\n"))
    }

    pub fn clear_docs(&mut self) {
        self.docs.clear();
    }

    /// An identifier: `[A-Za-z_][A-Za-z0-9_]*` (an underscore alone is not one).
    pub fn identifier(&mut self) -> Result<String, SourceError> {
        let start = self.pos;
        if !matches!(self.peek(), Some(c) if c.is_ascii_alphabetic() || c == b'_') {
            return Err(self.expected("an identifier"));
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_') {
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        if word.bytes().all(|b| b == b'_') {
            return Err(self.error_at(start, format!("`{word}` is not an identifier: it needs a letter or digit")));
        }
        Ok(word.to_owned())
    }

    /// A shape id as written: `Name`, `ns.a#Name` or either with `$member`.
    pub fn shape_id(&mut self) -> Result<String, SourceError> {
        let mut id = self.identifier()?;
        while self.peek() == Some(b'.') {
            self.pos += 1;
            id.push('.');
            id.push_str(&self.identifier()?);
        }
        if self.eat(b'#') {
            id.push('#');
            id.push_str(&self.identifier()?);
        } else if id.contains('.') {
            return Err(self.expected("`#` and a shape name after the namespace"));
        }
        if self.eat(b'$') {
            id.push('$');
            id.push_str(&self.identifier()?);
        }
        Ok(id)
    }

    /// Is the next word exactly `word` (followed by something that cannot continue it)?
    pub fn at_word(&self, word: &str) -> bool {
        self.starts_with(word)
            && !matches!(self.bytes.get(self.pos + word.len()), Some(c) if c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.' || *c == b'#' || *c == b'$')
    }
}
