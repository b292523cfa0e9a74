//! Converts the HTML in Smithy `@documentation` traits into Markdown that rustdoc
//! renders cleanly under `-D warnings` (no intra-doc link guesses, bare URLs,
//! stray HTML tags or doctested code blocks).
//!
//! A forward-only tokenizer feeds a renderer that tracks nesting with counters and
//! small bounded stacks instead of recursion or a per-tag stack, so pathological
//! input (10 MB strings, 100k nested tags) stays linear.

/// Lists nested deeper than this render at this depth, keeping output size linear.
const MAX_DEPTH: usize = 8;

/// Converts a Smithy `@documentation` HTML string into Markdown for a rustdoc comment.
pub fn html_to_markdown(html: &str) -> String {
    let mut r = Renderer::default();
    let (mut pos, mut no_comment_end) = (0, false);
    while pos < html.len() {
        let rest = &html[pos..];
        if rest.starts_with("<!--") && !no_comment_end {
            // Remember a missing `-->` so later `<!--`s don't rescan to the end.
            match rest[4..].find("-->") {
                Some(i) => pos += i + 7,
                None => no_comment_end = true,
            }
            continue;
        }
        if let Some((name, closing, attrs, len)) = parse_tag(rest) {
            pos += len;
            if closing {
                r.close(&name);
            } else {
                r.open(&name, attr(attrs, "href"));
                if attrs.trim_end().ends_with('/') {
                    r.close(&name); // self-closing
                }
            }
            continue;
        }
        // Text runs to the next '<'; a '<' that did not start a tag stays literal text.
        let skip = usize::from(rest.starts_with('<'));
        let end = rest[skip..].find('<').map_or(rest.len(), |i| i + skip);
        r.text(&rest[..end]);
        pos += end;
    }
    r.finish_code();
    r.finish_pre();
    r.end_block();
    r.out
}

/// `text` as a Markdown code span, whatever it holds: the fence is longer than any backtick
/// run inside (padded with a space when one touches it), and control characters are written
/// as Rust escapes (`\r`, `\u{0}`), since a doc comment cannot hold them all.
pub fn code_span(text: &str) -> String {
    let code: String = text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect();
    let fence = "`".repeat(longest_run(&code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// The first sentence/paragraph of the converted text, on one line (for one-line summaries).
pub fn summary_line(markdown: &str) -> String {
    let mut words = Vec::new();
    let lines = markdown.lines().skip_while(|l| l.trim().is_empty());
    for line in lines.take_while(|l| !l.trim().is_empty()) {
        let line = line.trim_end();
        // An odd trailing backslash is a hard-break marker; joined onto one line it would show.
        let slashes = line.len() - line.trim_end_matches('\\').len();
        words.extend(line[..line.len() - slashes % 2].split_whitespace());
    }
    words.join(" ")
}

/// Parses `<name attrs>` / `</name>` at the start of `s`: (lowercase name, closing, attrs, length).
fn parse_tag(s: &str) -> Option<(String, bool, &str, usize)> {
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
fn attr(mut rest: &str, wanted: &str) -> Option<String> {
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
fn decode(s: &str) -> String {
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

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.split(' ').any(|tag| tag == name)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Bold,
    Italic,
    Link,
}

/// An open inline style; `href` is set only for links that are kept (absolute URLs).
struct Frame {
    kind: Kind,
    href: Option<String>,
    /// Where the link text starts in the paragraph.
    start: usize,
}

struct List {
    ordered: bool,
    count: usize,
    /// `- ` / `N. ` of the current item until its first line is written.
    marker: Option<String>,
    /// Indentation of the current item's content.
    width: usize,
}

#[derive(Default)]
struct Renderer {
    out: String,
    /// The current paragraph as inline Markdown (hard breaks are `\` + newline), unindented.
    para: String,
    // Whitespace, `<br>`, note lead-ins and opening markup are written lazily, right
    // before the next visible content, so empty or whitespace-only elements vanish.
    pending_space: bool,
    pending_break: bool,
    lead: Option<&'static str>,
    /// At most one frame per kind: nested same-kind tags only bump `depth`.
    frames: Vec<Frame>,
    /// `frames[..opened]` have their opening markup written into `para`.
    opened: usize,
    depth: [usize; 3],
    code: Option<String>,
    pre: Option<String>,
    lists: Vec<List>,
    /// List nesting beyond `MAX_DEPTH`, counted but not rendered.
    overflow: usize,
    dd: usize,
    in_dt: bool,
    /// The last written block was inside a list (so a following item needs no blank line).
    last_in_list: bool,
}

impl Renderer {
    fn text(&mut self, raw: &str) {
        let text = decode(raw);
        if let Some(buf) = self.pre.as_mut().or(self.code.as_mut()) {
            buf.push_str(&text);
            return;
        }
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            self.pending_space |= i > 0;
            if !word.is_empty() {
                self.word(word);
            }
        }
    }

    fn open(&mut self, name: &str, href: Option<String>) {
        if let Some(pre) = &mut self.pre {
            if name == "br" {
                pre.push('\n');
            }
            return;
        }
        // Markup inside <code> is dropped, but a block tag ends a runaway <code>.
        if self.code.is_some() && !is_block(name) {
            return;
        }
        self.finish_code();
        if is_block(name) {
            self.end_block();
        }
        if matches!(name, "dt" | "dd") {
            self.end_dt();
        }
        match name {
            "code" => self.code = Some(String::new()),
            "b" | "strong" => self.open_inline(Kind::Bold, None),
            "i" | "em" => self.open_inline(Kind::Italic, None),
            // Relative links point into the AWS docs site and rustdoc may take them
            // for intra-doc paths, so only absolute ones stay links.
            "a" => self.open_inline(Kind::Link, href.filter(|h| is_absolute(h))),
            "br" => self.pending_break = true,
            "td" | "th" => self.pending_space = true,
            "pre" => self.pre = Some(String::new()),
            "note" => self.lead = Some("**Note:**"),
            "important" => self.lead = Some("**Important:**"),
            "ul" | "ol" if self.lists.len() >= MAX_DEPTH => self.overflow += 1,
            "ul" | "ol" => {
                let ordered = name == "ol";
                self.lists.push(List {
                    ordered,
                    count: 0,
                    marker: None,
                    width: 2,
                });
            }
            "li" => {
                if let Some(list) = self.lists.last_mut() {
                    list.count += 1;
                    let m = if list.ordered {
                        format!("{}. ", list.count)
                    } else {
                        "- ".into()
                    };
                    list.width = m.len();
                    list.marker = Some(m);
                }
            }
            "dt" => {
                self.in_dt = true;
                self.open_inline(Kind::Bold, None);
            }
            "dd" => self.dd += 1,
            _ => {} // unknown tags (span, fullname, ...): keep the text only
        }
    }

    fn close(&mut self, name: &str) {
        if self.pre.is_some() {
            if name == "pre" {
                self.finish_pre();
            }
            return;
        }
        if self.code.is_some() && name != "code" && !is_block(name) {
            return;
        }
        self.finish_code();
        if is_block(name) {
            self.end_block();
        }
        match name {
            "b" | "strong" => self.close_inline(Kind::Bold),
            "i" | "em" => self.close_inline(Kind::Italic),
            "a" => self.close_inline(Kind::Link),
            "note" | "important" => self.lead = None,
            "dt" => self.end_dt(),
            "dd" => self.dd = self.dd.saturating_sub(1),
            "ul" | "ol" if self.overflow > 0 => self.overflow -= 1,
            "ul" | "ol" => drop(self.lists.pop()),
            _ => {}
        }
    }

    fn end_dt(&mut self) {
        if std::mem::take(&mut self.in_dt) {
            self.close_inline(Kind::Bold);
        }
    }

    fn open_inline(&mut self, kind: Kind, href: Option<String>) {
        self.depth[kind as usize] += 1;
        if self.depth[kind as usize] == 1 {
            self.frames.push(Frame {
                kind,
                href,
                start: 0,
            });
        }
    }

    fn close_inline(&mut self, kind: Kind) {
        let depth = &mut self.depth[kind as usize];
        if *depth == 0 {
            return; // stray closing tag
        }
        *depth -= 1;
        let Some(k) = self
            .frames
            .iter()
            .position(|f| f.kind == kind && *depth == 0)
        else {
            return;
        };
        if k < self.opened {
            // Also closes frames opened inside it (mis-nesting); those reopen lazily.
            while self.opened > k {
                self.opened -= 1;
                self.close_markup(self.opened);
            }
            self.frames.remove(k);
        } else if let Some(url) = self.frames.remove(k).href {
            self.begin_content(); // a link without text shows its URL
            self.para.push_str(&format!("<{}>", link_dest(&url)));
        }
    }

    /// Writes the closing markup of the opened frame `frames[i]`.
    fn close_markup(&mut self, i: usize) {
        let Frame { kind, href, start } = &self.frames[i];
        match (kind, href) {
            (Kind::Bold, _) => self.para.push_str("**"),
            (Kind::Italic, _) => self.para.push('*'),
            (Kind::Link, None) => {}
            (Kind::Link, Some(url)) if self.para[*start..] == **url => {
                self.para.truncate(*start);
                self.para.push_str(&format!("<{}>", link_dest(url)));
            }
            (Kind::Link, Some(url)) => {
                self.para.insert(*start, '[');
                self.para.push_str(&format!("]({})", link_dest(url)));
            }
        }
    }

    /// Writes the pending lead-in, break, space and opening markup before content.
    fn begin_content(&mut self) {
        if let Some(lead) = self.lead.take() {
            self.para.push_str(lead);
            self.pending_space = true;
        }
        if std::mem::take(&mut self.pending_break) && !self.para.is_empty() {
            self.para.push_str("\\\n");
            self.pending_space = false;
        }
        let line_has_text = !self.para.is_empty() && !self.para.ends_with('\n');
        if std::mem::take(&mut self.pending_space) && line_has_text {
            self.para.push(' ');
        }
        for frame in &mut self.frames[self.opened..] {
            match frame.kind {
                Kind::Bold => self.para.push_str("**"),
                Kind::Italic => self.para.push('*'),
                Kind::Link => frame.start = self.para.len(),
            }
        }
        self.opened = self.frames.len();
    }

    /// Writes one whitespace-free run of text, escaped, with bare URLs as autolinks.
    fn word(&mut self, word: &str) {
        let mut line_start = (self.para.is_empty() && self.lead.is_none()) || self.pending_break;
        self.begin_content();
        // Link text is left alone: a link cannot contain a link.
        let in_link = self.frames.iter().any(|f| f.href.is_some());
        let mut rest = word;
        while let Some((at, len)) = find_url(rest).filter(|_| !in_link) {
            escape_into(&mut self.para, &rest[..at], line_start);
            self.para.push_str(&format!("<{}>", &rest[at..at + len]));
            rest = &rest[at + len..];
            line_start = false;
        }
        escape_into(&mut self.para, rest, line_start);
    }

    fn finish_code(&mut self) {
        let Some(buf) = self.code.take() else { return };
        self.pending_space |= buf.starts_with(char::is_whitespace);
        let code = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        if !code.is_empty() {
            self.begin_content();
            self.para.push_str(&code_span(&code));
        }
        self.pending_space |= buf.ends_with(char::is_whitespace);
    }

    fn finish_pre(&mut self) {
        let Some(buf) = self.pre.take() else { return };
        let lines: Vec<&str> = buf.lines().map(str::trim_end).collect();
        let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
            return;
        };
        let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
        // `text` keeps rustdoc from compiling the block as a doctest.
        let fence = "`".repeat(longest_run(&buf, '`').max(2) + 1);
        let body = lines[first..=last].join("\n");
        self.write_block(&format!("{fence}text\n{body}\n{fence}"));
    }

    /// Ends the current paragraph; open inline markup is closed (and reopens in the next).
    fn end_block(&mut self) {
        while self.opened > 0 {
            self.opened -= 1;
            self.close_markup(self.opened);
        }
        self.pending_space = false;
        self.pending_break = false;
        if !self.para.is_empty() {
            let para = std::mem::take(&mut self.para);
            self.write_block(&para);
        }
    }

    /// Appends a block after the right separator, indented for the open lists and `<dd>`.
    fn write_block(&mut self, text: &str) {
        let (mut indent, mut first) = (0, None);
        let depth = self.lists.len();
        for i in 0..depth {
            match self.lists[i].marker.take() {
                // An item whose first content is a nested list gets a line of its own.
                Some(m) if i + 1 < depth => {
                    self.separate(true);
                    self.out
                        .push_str(&format!("{}{}", " ".repeat(indent), m.trim_end()));
                    self.last_in_list = true;
                }
                Some(m) => first = Some(format!("{}{m}", " ".repeat(indent))),
                None => {}
            }
            indent += self.lists[i].width;
        }
        // Indent <dd> only one level: 4 more spaces would make an indented code block.
        indent += if self.dd > 0 { 2 } else { 0 };
        self.separate(first.is_some());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            if !line.is_empty() {
                let prefix = first.take().unwrap_or_default();
                let pad = indent.saturating_sub(prefix.len());
                self.out
                    .push_str(&format!("{prefix}{}{line}", " ".repeat(pad)));
            }
        }
        self.last_in_list = depth > 0;
    }

    /// List items follow list content on the next line; everything else gets a blank line.
    fn separate(&mut self, item_start: bool) {
        if !self.out.is_empty() {
            let tight = item_start && self.last_in_list;
            self.out.push_str(if tight { "\n" } else { "\n\n" });
        }
    }
}

fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Makes a URL safe inside `(...)` and `<...>`.
fn link_dest(url: &str) -> String {
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

fn longest_run(s: &str, c: char) -> usize {
    s.split(|ch| ch != c).map(str::len).max().unwrap_or(0) / c.len_utf8()
}

/// Finds a bare `http(s)://` URL in a whitespace-free word: (offset, length).
fn find_url(s: &str) -> Option<(usize, usize)> {
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
fn escape_into(out: &mut String, s: &str, line_start: bool) {
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

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION_HTML: &str = r#"<p>Returns a list of approval sessions. For more information, see <a href="https://docs.aws.amazon.com/mpa/latest/userguide/mpa-concepts.html">Session</a> in the <i>Multi-party approval User Guide</i>.</p>"#;
    const SESSION_MD: &str = "Returns a list of approval sessions. For more information, see [Session](https://docs.aws.amazon.com/mpa/latest/userguide/mpa-concepts.html) in the *Multi-party approval User Guide*.";

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code_span("ACTIVE"), "`ACTIVE`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`"), "`` ` ``");
        assert_eq!(code_span("a\r\nb\u{0}"), "`a\\r\\nb\\u{0}`");
        assert_eq!(code_span("[x] <b>"), "`[x] <b>`");
    }

    #[test]
    fn conversions() {
        #[rustfmt::skip]
        let cases: &[(&str, &str)] = &[
            (SESSION_HTML, SESSION_MD),
            // Paragraphs and whitespace; unknown tags keep their text.
            ("<p>A</p> <p>B</p>", "A\n\nB"),
            ("  <p>\n  Hello\n   world  </p>\n\n<p>x</p> ", "Hello world\n\nx"),
            ("<fullname>S3</fullname><p>x <span class='y'>z</span> <foo>w</foo></p>", "S3\n\nx z w"),
            // Notes.
            ("<note><p>Only one</p></note>", "**Note:** Only one"),
            ("<p>a</p><important>Careful <b>now</b></important>", "a\n\n**Important:** Careful **now**"),
            ("<note> </note><p>x</p>", "x"),
            // Lists.
            ("<p>Intro</p><ul><li><p>x</p></li><li>y</li></ul><p>After</p>", "Intro\n\n- x\n- y\n\nAfter"),
            ("<ul><li>a<ul><li>b</li></ul>c</li><li>d</li></ul>", "- a\n  - b\n\n  c\n- d"),
            ("<ol><li>one</li><li>two<ol><li>sub</li></ol></li></ol>", "1. one\n2. two\n   1. sub"),
            ("<ul><li><ul><li>deep</li></ul></li></ul>", "-\n  - deep"),
            // Inline styles, <br>, <dl>, case and self-closing tags.
            ("<b>bold</b> <strong>s</strong> <i>it</i> <em>e</em>", "**bold** **s** *it* *e*"),
            ("a<b> b </b>c<i></i> <b><b>x</b></b>", "a **b** c **x**"),
            ("<P>A<BR/>B</P><B>c</B>", "A\\\nB\n\n**c**"),
            ("<dl><dt>Term</dt><dd>Def</dd></dl>", "**Term**\n\n  Def"),
            // Code.
            ("<p>Call <code>Foo</code>, not <code>a`b</code><code></code>.</p>", "Call `Foo`, not ``a`b``."),
            ("<code>`x</code> <code>&lt;T&gt; [a]*</code>", "`` `x `` `<T> [a]*`"),
            ("<code><i>x</i></code><code>1<p>2", "`x``1`\n\n2"),
            ("<pre>let x = 1;\n  y &amp; z\n\n</pre>", "```text\nlet x = 1;\n  y & z\n```"),
            ("<ul><li><pre>a ``` b</pre></li></ul>", "- ````text\n  a ``` b\n  ````"),
            // Links and bare URLs.
            (r#"<a href="https://x.com">https://x.com</a>"#, "<https://x.com>"),
            (r#"<a href="https://x.com"></a>."#, "<https://x.com>."),
            (r#"<a href="API_Foo.html">Foo</a> <a>bar</a>"#, "Foo bar"),
            (r#"<a href="https://a.b/c(d) e?x&amp;y"><code>X</code></a>"#, "[`X`](https://a.b/c%28d%29%20e?x&y)"),
            ("See https://e.com/a_b. And (http://x.io/p).", "See <https://e.com/a_b>. And (<http://x.io/p>)."),
            // Escaping.
            ("<p>Use [x] when a < b and &lt;tag&gt;</p>", "Use \\[x\\] when a \\< b and \\<tag\\>"),
            ("*a* _b_ snake_case `t` ~x | #3", "\\*a\\* \\_b\\_ snake_case \\`t\\` \\~x \\| #3"),
            ("a&amp;b &amp; c\\ hi! --x", "a\\&b & c\\\\ hi\\! \\--x"),
            ("# h<br>- x<br>+ y<br>1. z<br>2) w<br>== q", "\\# h\\\n\\- x\\\n\\+ y\\\n1\\. z\\\n2\\) w\\\n\\== q"),
            ("&quot;&#39;&apos; &amp; &#65;&#x42;&nbsp;x &bogus; &#0;", "\"'' & AB x \\&bogus; \u{FFFD}"),
            // Malformed input.
            ("</p>a<b>b<p>c", "a**b**\n\n**c**"),
            ("x <y", "x \\<y"),
            ("<a href='https://q'>t", "[t](https://q)"),
            ("a <b c <d>e</d> <u@x.com> <!-- hidden --> <!-- open", "a \\<b c e \\<u@x.com\\> \\<!\\-- open"),
            ("</ul></li></dd><li>x</li></b></a>", "x"),
        ];
        for (input, want) in cases {
            assert_eq!(html_to_markdown(input), *want, "input: {input:?}");
        }
    }

    #[test]
    fn summaries() {
        let cases = [
            (
                "First\nline  two\\\nthree\n\nSecond",
                "First line two three",
            ),
            ("\n x \n", "x"),
        ];
        for (input, want) in cases {
            assert_eq!(summary_line(input), want, "input: {input:?}");
        }
        assert_eq!(summary_line(&html_to_markdown(SESSION_HTML)), SESSION_MD);
    }

    #[test]
    fn large_and_deep_inputs_stay_linear() {
        let unit = "<p>Word &amp; <b>bold</b> https://x.com/y_z <code>c</code> [k]</p>\n";
        let big = unit.repeat(10_000_000 / unit.len());
        let md = html_to_markdown(&big);
        assert!(md.len() > big.len() / 2 && md.len() < big.len() * 2);
        let n = 100_000;
        assert_eq!(
            html_to_markdown(&format!("{}x{}", "<b>".repeat(n), "</b>".repeat(n))),
            "**x**"
        );
        for open in [
            "<ul><li>",
            "<a href='https://e'>",
            "<dd>",
            "<i><b>",
            "<p>",
            "<note>",
            "<code>",
        ] {
            assert!(
                html_to_markdown(&format!("{}x", open.repeat(n))).len() < 1_000,
                "{open}"
            );
        }
        // Tokenizer and URL worst cases.
        for unit in [
            "<a href=\"",
            "<",
            "<!--",
            "&",
            "http://(",
            ")",
            "<a ",
            "_",
            "-",
        ] {
            assert!(html_to_markdown(&unit.repeat(1_000_000)).len() < unit.len() * 3_000_000);
        }
    }
}
