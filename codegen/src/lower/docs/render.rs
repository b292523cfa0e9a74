//! The renderer: HTML events in, Markdown out, nesting tracked with counters and small
//! bounded stacks.

use super::MAX_DEPTH;
use super::html::{decode, is_block};
use super::markdown::{escape_into, find_url, is_absolute, link_dest, longest_run};

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
pub(super) struct Renderer {
    pub(super) out: String,
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
    pub(super) fn text(&mut self, raw: &str) {
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

    pub(super) fn open(&mut self, name: &str, href: Option<String>) {
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

    pub(super) fn close(&mut self, name: &str) {
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

    pub(super) fn finish_code(&mut self) {
        let Some(buf) = self.code.take() else { return };
        self.pending_space |= buf.starts_with(char::is_whitespace);
        let code = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        if !code.is_empty() {
            self.begin_content();
            self.para.push_str(&super::code_span(&code));
        }
        self.pending_space |= buf.ends_with(char::is_whitespace);
    }

    pub(super) fn finish_pre(&mut self) {
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
    pub(super) fn end_block(&mut self) {
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
