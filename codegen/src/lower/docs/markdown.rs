//! The Markdown side: link destinations, code spans and escaping, so rustdoc reads what
//! was meant (no bare URLs, no intra-doc link guesses).

pub(super) fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Makes a URL safe inside `(...)` and `<...>`.
pub(super) fn link_dest(url: &str) -> String {
    let escapes = [
        (' ', "%20"),
        ('<', "%3C"),
        ('>', "%3E"),
        ('(', "%28"),
        (')', "%29"),
    ];
    escapes
        .iter()
        .fold(url.to_string(), |u, (c, e)| u.replace(*c, e))
}

pub(super) fn longest_run(s: &str, c: char) -> usize {
    s.split(|ch| ch != c).map(str::len).max().unwrap_or(0) / c.len_utf8()
}

/// Finds a bare `http(s)://` URL in a whitespace-free word: (offset, length).
pub(super) fn find_url(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = s[from..].find("http") {
        let (at, tail) = (from + i, &s[from + i..]);
        from = at + 4;
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|p| tail.starts_with(p));
        let Some(scheme) = scheme.map(str::len) else {
            continue;
        };
        let mut end = tail.find(['<', '>', '"', '`']).unwrap_or(tail.len());
        // Trailing punctuation almost always ends the sentence; ')' only if unbalanced.
        let opens = tail[..end].matches('(').count();
        let mut closes = tail[..end].matches(')').count();
        while end > scheme {
            match tail.as_bytes()[end - 1] {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b']' => end -= 1,
                b')' if closes > opens => (end, closes) = (end - 1, closes - 1),
                _ => break,
            }
        }
        if end > scheme {
            return Some((at, end));
        }
    }
    None
}

/// Escapes Markdown syntax in plain text; `line_start` says `s` begins a line.
pub(super) fn escape_into(out: &mut String, s: &str, line_start: bool) {
    // A lone `1.` / `1)` at the start of a line would begin an ordered list.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = line_start && digits > 0 && digits + 1 == s.len() && s.ends_with(['.', ')']);
    let mut prev = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' | '|' => true,
            // `_` only delimits emphasis when not between two letters/digits.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'), // entity-like
            '!' => next.is_none(), // a link may follow, and `![` is an image
            '-' if next == Some('-') => true, // rustdoc's smart punctuation makes `--` a dash
            '#' | '-' | '+' | '=' | ':' => i == 0 && line_start, // heading, list, setext...
            '.' | ')' => numbered && i == digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
}
