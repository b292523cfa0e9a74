//! The HTML side: tags, attributes and character references.

/// Parses `<name attrs>` / `</name>` at the start of `s`: (lowercase name, closing, attrs, length).
pub(super) fn parse_tag(s: &str) -> Option<(String, bool, &str, usize)> {
    let closing = s.starts_with("</");
    let start = if closing { 2 } else { 1 };
    if !s.starts_with('<') || !s[start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // Stopping at a second '<' rejects `a <b c <d>` and keeps tokenizing linear:
    // a failed attempt never scans past where the next attempt starts.
    let end = start + s[start..].find(['<', '>'])?;
    if s.as_bytes()[end] != b'>' {
        return None;
    }
    let body = &s[start..end];
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':');
    let (name, attrs) = body.split_at(body.find(|c| !is_name(c)).unwrap_or(body.len()));
    if !attrs.is_empty() && !attrs.starts_with(|c: char| c.is_ascii_whitespace() || c == '/') {
        return None; // e.g. `<user@example.com>` is text, not a tag
    }
    Some((name.to_ascii_lowercase(), closing, attrs, end + 1))
}

/// Finds attribute `wanted` (quoted, unquoted or bare) and returns its decoded value.
pub(super) fn attr(mut rest: &str, wanted: &str) -> Option<String> {
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/');
        let (name, after) = rest.split_at(name_len.unwrap_or(rest.len()).max(1));
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('=').map(str::trim_start) {
            Some(v) if v.starts_with(['"', '\'']) => {
                let body = &v[1..];
                let end = body.find(&v[..1]).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            Some(v) => v.split_at(v.find(char::is_whitespace).unwrap_or(v.len())),
            None => ("", after),
        };
        if name.eq_ignore_ascii_case(wanted) {
            return Some(decode(value.trim()));
        }
        rest = next;
    }
}

/// Decodes entities and drops characters a doc comment must not contain
/// (control characters; bidi overrides trip rustc's `text_direction_codepoint` lint).
pub(super) fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(mut c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '&' {
            // Entity names are short: look only a few bytes ahead so `&&&&...` stays linear.
            let semi = rest.bytes().take(10).position(|b| b == b';');
            if let Some((e, i)) = semi.and_then(|i| Some((entity(&rest[..i])?, i))) {
                (c, rest) = (e, &rest[i + 1..]);
            }
        }
        match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            let c = char::from_u32(code).filter(|&c| c != '\0');
            c.unwrap_or('\u{FFFD}')
        }
    })
}

/// Tags that start/end a paragraph; everything else is inline.
const BLOCK_TAGS: &str =
    "p div ul ol li note important dl dt dd pre table tr blockquote h1 h2 h3 h4 h5 h6";

pub(super) fn is_block(name: &str) -> bool {
    BLOCK_TAGS.split(' ').any(|tag| tag == name)
}
