//! Markdown (with front matter) to [`Document`].

use crate::diagnostic::{Diagnostic, Severity};
use crate::frontmatter::{self, INVALID_METADATA, Meta};
use crate::lang::Lang;
use crate::sentences::split_sentences;
use crate::slug::Slugger;
use crate::text::NormText;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// One Markdown file, parsed. Every span is a byte range into `text`, the
/// file exactly as read.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    /// The original text.
    pub text: Arc<str>,
    /// `id` from the front matter, else the file stem.
    pub id: String,
    /// `titel`/`title`, else the first level-1 heading, else the id.
    pub title: String,
    /// The language the document is written in.
    pub lang: Lang,
    /// True when the text itself told the language; false when it was too
    /// short to tell and `lang` is the default (the corpus then gives its
    /// own language).
    pub lang_known: bool,
    /// The front matter.
    pub meta: Meta,
    /// The front-matter block, fences included.
    pub front_matter: Option<Range<usize>>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Text blocks (paragraphs, list items, headings, table cells) in order.
    pub blocks: Vec<Block>,
    /// Links and images.
    pub links: Vec<Link>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Anchors declared in HTML (`id="…"`, `name="…"`).
    pub html_anchors: Vec<String>,
    /// HTML comments: span and inner text.
    pub comments: Vec<(Range<usize>, String)>,
    /// Code spans and code blocks, which no rule reads.
    pub code: Vec<Range<usize>>,
    /// Problems found while parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// For each heading, the heading it sits under (the nearest before it
    /// of a lower level), so that walking up costs the depth, not the
    /// number of headings.
    pub heading_parents: Vec<Option<usize>>,
}

/// A heading and its anchors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text (NFC), code included.
    pub text: String,
    /// The heading line.
    pub span: Range<usize>,
    /// The anchor GitHub gives it (å/ä/ö kept).
    pub slug: String,
    /// The same anchor with diacritics folded (`mal-och-syfte`).
    pub ascii_slug: String,
}

/// What kind of text a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A paragraph outside lists.
    Paragraph,
    /// The text of a list item (or a paragraph inside one).
    ListItem,
    /// A heading's text.
    Heading,
    /// One table cell.
    TableCell,
}

/// A run of prose, NFC-normalised, split into sentences.
#[derive(Clone, Debug)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The text with code removed (each code span is one space).
    pub text: NormText,
    /// The original bytes it covers.
    pub span: Range<usize>,
    /// Index into [`Document::headings`] of the section it is in.
    pub section: Option<usize>,
    /// Sentences, as byte ranges of `text`.
    pub sentences: Vec<Range<usize>>,
    /// Bold or italic stretches, as byte ranges of `text`.
    pub emphasis: Vec<Range<usize>>,
    /// How many lists it is nested in.
    pub list_depth: u16,
    /// For table cells: table index, row (0 = header) and column.
    pub cell: Option<(usize, usize, usize)>,
}

/// A link or image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (reference links resolved).
    pub dest: String,
    /// The link text (NFC).
    pub text: String,
    /// The whole link.
    pub span: Range<usize>,
    /// How it was written.
    pub kind: LinkKind,
}

/// How a link was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`
    Inline,
    /// `[text][ref]`, `[ref][]`, `[ref]`
    Reference,
    /// `<https://…>`
    Autolink,
    /// `<name@host>`
    Email,
    /// `![alt](dest)`
    Image,
}

/// A table: header and rows, each cell with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Header cells.
    pub header: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// The whole table.
    pub span: Range<usize>,
    /// Section it is in.
    pub section: Option<usize>,
}

/// A table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Cells, in column order.
    pub cells: Vec<Cell>,
    /// The row's line.
    pub span: Range<usize>,
}

/// A table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Trimmed NFC text, code included.
    pub text: String,
    /// The cell's bytes (its text, or the empty gap between pipes).
    pub span: Range<usize>,
}

impl Document {
    /// The chain of headings a heading sits under, itself first.
    pub fn section_path(&self, section: Option<usize>) -> Vec<&Heading> {
        self.section_path_indices(section)
            .into_iter()
            .map(|i| &self.headings[i])
            .collect()
    }

    /// The indexes of the headings a heading sits under, its own first.
    pub fn section_path_indices(&self, section: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = section.filter(|&i| i < self.headings.len());
        while let Some(i) = at {
            out.push(i);
            at = self.heading_parents.get(i).copied().flatten();
        }
        out
    }

    /// For every heading, whether it or a heading it sits under passes
    /// `test`: one pass over the headings, so that asking "is this block in
    /// a goals section?" costs one lookup per block instead of a walk up its
    /// [`section_path`](Document::section_path) with a test per heading.
    pub fn sections_where(&self, mut test: impl FnMut(&Heading) -> bool) -> Vec<bool> {
        let mut out = Vec::with_capacity(self.headings.len());
        // (level, flag) of the open headings, outermost first.
        let mut open: Vec<(u8, bool)> = Vec::new();
        for h in &self.headings {
            while open.last().is_some_and(|&(level, _)| level >= h.level) {
                open.pop();
            }
            let flag = open.last().is_some_and(|&(_, f)| f) || test(h);
            open.push((h.level, flag));
            out.push(flag);
        }
        out
    }

    /// The file name without `.md`, the default id.
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.strip_suffix(".md")
            .or_else(|| name.strip_suffix(".MD"))
            .or_else(|| name.strip_suffix(".markdown"))
            .unwrap_or(name)
    }

    /// True when `offset` lies inside code.
    pub fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|r| r.contains(&offset))
    }
}

/// Parses one file. Never fails: problems become diagnostics.
pub fn parse(path: &str, text: impl Into<Arc<str>>, default_lang: Lang) -> Document {
    let text: Arc<str> = text.into();
    let src: &str = &text;
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let mut diagnostics = Vec::new();

    let (block, body_start) = match frontmatter::locate(src, bom) {
        Some(Ok(b)) => {
            let end = b.span.end;
            (Some(b), end)
        }
        Some(Err(open)) => {
            let lang = Lang::detect(src, default_lang);
            diagnostics.push(
                Diagnostic::new(
                    INVALID_METADATA,
                    Severity::Error,
                    path,
                    open.start..open.end - usize::from(src[..open.end].ends_with('\n')),
                    lang.pick(
                        "front matter öppnas med `---` men stängs aldrig",
                        "front matter opens with `---` but is never closed",
                    ),
                )
                .with_help(lang.pick(
                    "Avsluta front matter med en rad som bara innehåller `---`.",
                    "End the front matter with a line holding only `---`.",
                )),
            );
            (None, bom)
        }
        None => (None, bom),
    };
    let detected = Lang::detect_known(&src[body_start..]);
    let lang = detected.unwrap_or(default_lang);
    let mut meta = match &block {
        Some(b) => frontmatter::parse_meta(src, b, path, lang, &mut diagnostics),
        None => Meta::default(),
    };
    // Too little prose: the front matter's key spellings may tell.
    let detected = detected.or_else(|| frontmatter::keys_lang(src, &meta));
    let lang = match detected {
        Some(l) if l != lang && block.is_some() => {
            // Read the front matter again so its problems are in that language.
            diagnostics.clear();
            if let Some(b) = &block {
                meta = frontmatter::parse_meta(src, b, path, l, &mut diagnostics);
            }
            l
        }
        _ => lang,
    };

    let mut doc = Document {
        path: path.to_string(),
        text: text.clone(),
        id: String::new(),
        title: String::new(),
        lang,
        lang_known: detected.is_some(),
        meta,
        front_matter: block.map(|b| b.span),
        headings: Vec::new(),
        blocks: Vec::new(),
        links: Vec::new(),
        tables: Vec::new(),
        html_anchors: Vec::new(),
        comments: Vec::new(),
        code: Vec::new(),
        diagnostics,
        heading_parents: Vec::new(),
    };
    Walker::new(&mut doc, src, body_start).run();

    doc.heading_parents = parents_of(&doc.headings);
    doc.id = match &doc.meta.id {
        Some(id) => id.value.clone(),
        None => default_id(&doc.path, doc.stem()),
    };
    doc.title = match &doc.meta.title {
        Some(t) => t.value.clone(),
        None => doc
            .headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.clone())
            .unwrap_or_else(|| doc.id.clone()),
    };
    doc.shrink();
    doc
}

impl Document {
    /// Gives back the spare capacity the parser's growing vectors left: a
    /// corpus keeps every document in memory, and the slack was about a
    /// third of a parsed document.
    fn shrink(&mut self) {
        self.blocks.shrink_to_fit();
        for b in &mut self.blocks {
            b.text.shrink_to_fit(&self.text);
            b.sentences.shrink_to_fit();
            b.emphasis.shrink_to_fit();
        }
        self.headings.shrink_to_fit();
        self.links.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.comments.shrink_to_fit();
        self.code.shrink_to_fit();
    }
}

struct Buf {
    kind: BlockKind,
    text: NormText,
    start: usize,
    end: usize,
    emphasis: Vec<Range<usize>>,
    /// Text with code included, for headings and cells.
    plain: String,
}

struct PendingLink {
    dest: String,
    start: usize,
    kind: LinkKind,
    text_start: usize,
}

struct Walker<'a> {
    doc: &'a mut Document,
    src: &'a str,
    base: usize,
    buf: Option<Buf>,
    section: Option<usize>,
    list_depth: u16,
    in_code_block: bool,
    /// Inside a Mermaid diagram: its node labels are text (an organisation
    /// chart names the bodies), its syntax is not.
    in_diagram: bool,
    image_depth: u32,
    emphasis_starts: Vec<usize>,
    links: Vec<PendingLink>,
    slugger: Slugger,
    table: Option<Table>,
    row: Option<Row>,
    in_head: bool,
    heading_level: u8,
}

impl<'a> Walker<'a> {
    fn new(doc: &'a mut Document, src: &'a str, base: usize) -> Self {
        Walker {
            doc,
            src,
            base,
            buf: None,
            section: None,
            list_depth: 0,
            in_code_block: false,
            in_diagram: false,
            image_depth: 0,
            emphasis_starts: Vec::new(),
            links: Vec::new(),
            slugger: Slugger::default(),
            table: None,
            row: None,
            in_head: false,
            heading_level: 0,
        }
    }

    fn run(mut self) {
        let body = &self.src[self.base..];
        let opts = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let parser = Parser::new_ext(body, opts).into_offset_iter();
        for (event, range) in parser {
            let range = range.start + self.base..range.end + self.base;
            self.event(event, range);
        }
        self.flush();
    }

    fn event(&mut self, event: Event<'_>, r: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, r),
            Event::End(tag) => self.end(tag, r),
            Event::Text(t) => {
                if self.in_code_block {
                    if self.in_diagram {
                        self.diagram_labels(&t, r.clone());
                    }
                    return;
                }
                if self.image_depth > 0 {
                    return;
                }
                self.text(&t, r);
            }
            Event::Code(t) => {
                self.doc.code.push(r.clone());
                if self.image_depth > 0 {
                    return;
                }
                let buf = self.ensure_buf(r.start);
                buf.text.push_replaced(" ", r.clone());
                buf.plain.push_str(&t);
                buf.end = r.end;
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(buf) = self.buf.as_mut() {
                    buf.text.push_replaced(" ", r.clone());
                    buf.plain.push(' ');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => self.html(&h, r),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, r: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                let kind = if self.list_depth > 0 {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                if self.table.is_none() {
                    self.flush();
                    self.open(kind, r.start);
                }
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading_level = level as u8;
                self.open(BlockKind::Heading, r.start);
            }
            Tag::Item => {
                self.flush();
                self.open(BlockKind::ListItem, r.start);
            }
            Tag::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_add(1);
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                self.in_code_block = true;
                self.in_diagram = matches!(
                    &kind,
                    pulldown_cmark::CodeBlockKind::Fenced(info)
                        if info.split_whitespace().next() == Some("mermaid")
                );
                self.doc.code.push(r);
            }
            Tag::Emphasis | Tag::Strong => {
                let pos = self.buf.as_ref().map_or(0, |b| b.text.len());
                self.emphasis_starts.push(pos);
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let text_start = self.buf.as_ref().map_or(0, |b| b.text.len());
                let kind = match link_type {
                    LinkType::Autolink => LinkKind::Autolink,
                    LinkType::Email => LinkKind::Email,
                    LinkType::Inline => LinkKind::Inline,
                    _ => LinkKind::Reference,
                };
                self.links.push(PendingLink {
                    dest: dest_url.to_string(),
                    start: r.start,
                    kind,
                    text_start,
                });
            }
            Tag::Image { dest_url, .. } => {
                self.image_depth += 1;
                self.doc.links.push(Link {
                    dest: dest_url.to_string(),
                    text: String::new(),
                    span: r,
                    kind: LinkKind::Image,
                });
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                    span: r,
                    section: self.section,
                });
            }
            Tag::TableHead => {
                self.in_head = true;
                self.row = Some(Row {
                    cells: Vec::new(),
                    span: r,
                });
            }
            Tag::TableRow => {
                self.row = Some(Row {
                    cells: Vec::new(),
                    span: r,
                });
            }
            Tag::TableCell => {
                self.flush();
                self.open(BlockKind::TableCell, r.start);
                if let Some(buf) = self.buf.as_mut() {
                    buf.end = r.end;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, r: Range<usize>) {
        match tag {
            TagEnd::Paragraph if self.table.is_none() => self.flush(),
            TagEnd::Heading(_) => self.flush(),
            TagEnd::Item => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.in_diagram = false;
            }
            TagEnd::Emphasis | TagEnd::Strong => {
                if let (Some(start), Some(buf)) = (self.emphasis_starts.pop(), self.buf.as_mut()) {
                    let end = buf.text.len();
                    if end > start {
                        buf.emphasis.push(start..end);
                    }
                }
            }
            TagEnd::Link => {
                if let Some(p) = self.links.pop() {
                    let text = self
                        .buf
                        .as_ref()
                        .map(|b| {
                            b.text
                                .as_str()
                                .get(p.text_start..)
                                .unwrap_or("")
                                .to_string()
                        })
                        .unwrap_or_default();
                    self.doc.links.push(Link {
                        dest: p.dest,
                        text: text.trim().to_string(),
                        span: p.start..r.end,
                        kind: p.kind,
                    });
                }
            }
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::TableCell => {
                let Some(buf) = self.buf.take() else { return };
                let cell = Cell {
                    text: buf.plain.trim().to_string(),
                    span: trim_span(self.src, buf.start..r.end),
                };
                let table_idx = self.doc.tables.len();
                if let Some(row) = self.row.as_mut() {
                    let (row_idx, col) = (
                        self.table
                            .as_ref()
                            .map_or(0, |t| t.rows.len() + usize::from(!self.in_head)),
                        row.cells.len(),
                    );
                    row.cells.push(cell);
                    self.push_block(buf, Some((table_idx, row_idx, col)));
                }
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let (Some(row), Some(t)) = (self.row.take(), self.table.as_mut()) {
                    t.header = row.cells;
                }
            }
            TagEnd::TableRow => {
                if let (Some(row), Some(t)) = (self.row.take(), self.table.as_mut()) {
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.doc.tables.push(t);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str, r: Range<usize>) {
        let verbatim = self.src.get(r.clone()) == Some(t);
        let buf = self.ensure_buf(r.start);
        if verbatim {
            buf.text.push_original(t, r.start);
        } else {
            buf.text.push_replaced(t, r.clone());
        }
        buf.plain.push_str(t);
        buf.end = buf.end.max(r.end);
    }

    /// The node labels of a Mermaid diagram's text, each a block of prose:
    /// `EU[End Users]`, `TAC([Technical Advisory Council])`, `A -- "text"
    /// --> B`. Node ids and arrows are syntax.
    fn diagram_labels(&mut self, t: &str, r: Range<usize>) {
        // Only text that is the file's own bytes can be mapped back.
        if self.src.get(r.clone()) != Some(t) {
            return;
        }
        for m in DIAGRAM_LABEL.find_iter(t) {
            let inner = m
                .as_str()
                .trim_matches(|c: char| "[](){}\"".contains(c) || c == ' ');
            if inner.is_empty() || !inner.chars().any(char::is_alphabetic) {
                continue;
            }
            let off = m.start() + m.as_str().find(inner).unwrap_or(0);
            let start = r.start + off;
            self.open(BlockKind::Paragraph, start);
            if let Some(buf) = self.buf.as_mut() {
                buf.text.push_original(inner, start);
                buf.plain.push_str(inner);
                buf.end = start + inner.len();
            }
            self.flush();
        }
    }

    fn html(&mut self, h: &str, r: Range<usize>) {
        static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#"(?i)\b(?:id|name)\s*=\s*["']([^"']+)["']"#).expect("valid regex")
        });
        static COMMENT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").expect("valid regex"));
        for c in ANCHOR.captures_iter(h) {
            self.doc.html_anchors.push(c[1].to_string());
        }
        for c in COMMENT.captures_iter(h) {
            let m = c.get(0).map_or(0..0, |m| m.range());
            let span = r.start + m.start..r.start + m.end;
            self.doc.comments.push((span, c[1].trim().to_string()));
        }
    }

    fn ensure_buf(&mut self, at: usize) -> &mut Buf {
        if self.buf.is_none() {
            let kind = if self.list_depth > 0 {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            self.open(kind, at);
        }
        self.buf.as_mut().expect("opened above")
    }

    fn open(&mut self, kind: BlockKind, at: usize) {
        self.buf = Some(Buf {
            kind,
            text: NormText::new(),
            start: at,
            end: at,
            emphasis: Vec::new(),
            plain: String::new(),
        });
    }

    fn flush(&mut self) {
        let Some(buf) = self.buf.take() else { return };
        if buf.kind == BlockKind::TableCell {
            return;
        }
        // Pandoc's attribute spans carry Word's bookmarks: "[]{#_Toc123
        // .anchor}" is an anchor a table of contents links to.
        if buf.plain.contains("{#") {
            for c in PANDOC_ID.captures_iter(&buf.plain) {
                self.doc.html_anchors.push(c[1].to_string());
            }
        }
        if buf.kind == BlockKind::Heading {
            // Without pandoc's attribute spans: "[]{#_Toc1 .anchor}5 Roller
            // och ansvar" is the heading "5 Roller och ansvar".
            let plain = PANDOC_SPAN.replace_all(&buf.plain, "");
            let text: String =
                unicode_normalization::UnicodeNormalization::nfc(plain.trim()).collect();
            let (slug, ascii_slug) = self.slugger.slugs(&text);
            let span = trim_span(self.src, buf.start..line_end(self.src, buf.start));
            self.doc.headings.push(Heading {
                level: self.heading_level,
                text,
                span,
                slug,
                ascii_slug,
            });
            self.section = Some(self.doc.headings.len() - 1);
        }
        self.push_block(buf, None);
    }

    fn push_block(&mut self, buf: Buf, cell: Option<(usize, usize, usize)>) {
        if buf.text.as_str().trim().is_empty() {
            return;
        }
        let sentences = if buf.kind == BlockKind::Paragraph || buf.kind == BlockKind::ListItem {
            split_sentences(buf.text.as_str())
        } else {
            trimmed_whole(buf.text.as_str())
        };
        let span = buf.text.to_original(0..buf.text.len());
        self.doc.blocks.push(Block {
            kind: buf.kind,
            text: buf.text,
            span,
            section: self.section,
            sentences,
            emphasis: buf.emphasis,
            list_depth: self.list_depth,
            cell,
        });
    }
}

/// A node label of a Mermaid diagram: `[…]`, `(…)`, `{…}`, `"…"` (the
/// nested forms `([…])`, `[[…]]` included).
static DIAGRAM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\(\[[^\]\n]+\]\)|\[\[[^\]\n]+\]\]|\[[^\]\n]+\]|\(\([^)\n]+\)\)|\([^()\n]+\)|\{[^}\n]+\}|"[^"\n]+""#)
        .expect("valid regex")
});

/// An id in a pandoc attribute block: `{#_Toc157001231 .anchor}`.
static PANDOC_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{#([^\s}#]+)[^}]*\}").expect("valid regex"));

/// A pandoc attribute span with its (often empty) bracketed text, or a bare
/// attribute block: `[]{#_Toc1 .anchor}`, `{#id}`.
static PANDOC_SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\[\]\s*)?\{#[^\s}#]+[^}]*\}").expect("valid regex"));

/// The heading each heading sits under: the nearest before it of a lower
/// level.
fn parents_of(headings: &[Heading]) -> Vec<Option<usize>> {
    let mut open: Vec<usize> = Vec::new();
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            while open.last().is_some_and(|&j| headings[j].level >= h.level) {
                open.pop();
            }
            let parent = open.last().copied();
            open.push(i);
            parent
        })
        .collect()
}

/// The id of a document without one: its file stem, except for a folder's
/// README or index, which stands for the folder ("plan/README.md" → "plan").
fn default_id(path: &str, stem: &str) -> String {
    let folder_file = matches!(stem.to_lowercase().as_str(), "readme" | "index" | "_index");
    match path.rsplit_once('/') {
        Some((dir, _)) if folder_file => dir.to_string(),
        _ => stem.to_string(),
    }
}

fn trimmed_whole(s: &str) -> Vec<Range<usize>> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    let mut out = Vec::new();
    if end > start {
        out.push(start..end);
    }
    out
}

fn line_end(src: &str, at: usize) -> usize {
    src[at..].find(['\n', '\r']).map_or(src.len(), |i| at + i)
}

/// Shrinks a span to exclude surrounding whitespace and table pipes.
fn trim_span(src: &str, r: Range<usize>) -> Range<usize> {
    let s = &src[r.clone()];
    let lead = s.len() - s.trim_start_matches([' ', '\t', '|']).len();
    let inner = s
        .trim_start_matches([' ', '\t', '|'])
        .trim_end_matches([' ', '\t', '|', '\n', '\r']);
    let start = r.start + lead;
    start..start + inner.len()
}
