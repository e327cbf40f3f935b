//! `styrlint graph`: the document hierarchy and the organisation chart as
//! Graphviz DOT or Mermaid text. No IO; the CLI prints what this returns.
//!
//! Both formats are written from one neutral [`Picture`] (groups, nodes,
//! edges), so the two always show the same thing. Node ids are `d<i>` for
//! documents and `b<i>` for bodies, in corpus order; labels are escaped for
//! each format; the output is the same for the same corpus, byte for byte.

use crate::corpus::{BodyId, Corpus, DocId, Edge};
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use styrlint_parse::{Date, Diagnostic, Lang, Status};

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz DOT, for `dot -Tsvg`.
    Dot,
    /// A Mermaid flowchart, for GitHub and other Markdown viewers.
    Mermaid,
}

/// What to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphView {
    /// The documents, laid out by level, with builds-on and replaces edges.
    Documents,
    /// The bodies of the register: reports-to, part-of and, for abolished
    /// bodies, their successors.
    Bodies,
}

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct GraphOptions {
    /// The output format.
    pub format: GraphFormat,
    /// Documents or bodies.
    pub view: GraphView,
    /// Bodies abolished on or before this date are drawn as abolished.
    pub today: Date,
    /// The language of the captions and group labels.
    pub lang: Lang,
}

/// The number of findings on each document and body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Findings by document.
    pub docs: BTreeMap<DocId, usize>,
    /// Findings by body.
    pub bodies: BTreeMap<BodyId, usize>,
}

impl Marks {
    /// Counts findings: a finding marks the document it is in, and every
    /// body whose register row its primary span or one of its related spans
    /// overlaps. Each finding counts once per document or body.
    pub fn from_diagnostics(corpus: &Corpus, diags: &[Diagnostic]) -> Marks {
        let mut marks = Marks::default();
        for d in diags {
            if let Some(doc) = corpus.doc_by_path(&d.path) {
                *marks.docs.entry(doc).or_default() += 1;
            }
            for (i, body) in corpus.bodies.iter().enumerate() {
                let Some(path) = corpus.docs.get(body.doc).map(|doc| doc.path.as_str()) else {
                    continue;
                };
                let row = &body.row_span;
                let inside = |p: &str, s: &std::ops::Range<usize>| {
                    p == path
                        && s.start < row.end.max(row.start + 1)
                        && s.end.max(s.start + 1) > row.start
                };
                if inside(&d.path, &d.span) || d.related.iter().any(|r| inside(&r.path, &r.span)) {
                    *marks.bodies.entry(i).or_default() += 1;
                }
            }
        }
        marks
    }
}

/// Renders the view of `corpus` that `options` asks for.
pub fn render(corpus: &Corpus, options: &GraphOptions, marks: &Marks) -> String {
    let picture = match options.view {
        GraphView::Documents => documents(corpus, options.lang, marks),
        GraphView::Bodies => bodies(corpus, options.today, options.lang, marks),
    };
    match options.format {
        GraphFormat::Dot => to_dot(&picture),
        GraphFormat::Mermaid => to_mermaid(&picture),
    }
}

/// A drawing, independent of the format.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picture {
    /// Which way edges point: `BT` (children below their parents) or `RL`
    /// (children right of their parents), in both DOT and Mermaid.
    pub direction: &'static str,
    /// The caption: what the lines and colours mean.
    pub caption: String,
    /// Rows of nodes drawn side by side, top first (levels). Empty for a
    /// free layout.
    pub groups: Vec<Group>,
    /// Every node, in corpus order.
    pub nodes: Vec<PicNode>,
    /// Every edge, from child to parent (the parent is drawn above).
    pub edges: Vec<PicEdge>,
}

/// A row of nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// A safe id: `level1`, `other`.
    pub id: String,
    /// The row's label.
    pub label: String,
    /// Indices into [`Picture::nodes`].
    pub nodes: Vec<usize>,
}

/// A node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PicNode {
    /// A safe id: `d0`, `b3`.
    pub id: String,
    /// Lines of the label, unescaped.
    pub lines: Vec<String>,
    /// Drawn dashed: an abolished body, a repealed or replaced document.
    pub dashed: bool,
    /// Number of findings (0: not marked).
    pub findings: usize,
}

/// How an edge is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// A plain arrow.
    Solid,
    /// Dashed: replaces, replaced by.
    Dashed,
    /// Dotted: part of.
    Dotted,
}

/// An edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PicEdge {
    /// Index into [`Picture::nodes`].
    pub from: usize,
    /// Index into [`Picture::nodes`].
    pub to: usize,
    /// The line.
    pub line: Line,
    /// A label, if any (unescaped).
    pub label: Option<String>,
    /// Drawn in grey: history (edges of abolished bodies).
    pub faded: bool,
}

/// Labels wrap at about this many characters.
const WRAP: usize = 28;

/// Splits a name into lines of at most `width` characters at spaces (a
/// longer word gets a line of its own).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn findings_line(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Sv, 1) => "1 anmärkning".into(),
        (Lang::Sv, n) => format!("{n} anmärkningar"),
        (Lang::En, 1) => "1 finding".into(),
        (Lang::En, n) => format!("{n} findings"),
    }
}

/// The document hierarchy: one row per level, top level first, and a last
/// row for documents outside the hierarchy (registers, unknown types).
pub fn documents(corpus: &Corpus, lang: Lang, marks: &Marks) -> Picture {
    let mut nodes = Vec::with_capacity(corpus.docs.len());
    let mut by_level: BTreeMap<u8, (Vec<usize>, Vec<String>)> = BTreeMap::new();
    let mut other = Vec::new();
    for (i, doc) in corpus.docs.iter().enumerate() {
        let kind = corpus.kind_of(i);
        let mut second = match (kind, &doc.meta.doc_type) {
            (Some(k), _) => k.name.clone(),
            (None, Some(t)) => t.value.clone(),
            (None, None) => lang.pick("typ saknas", "no type").to_string(),
        };
        let status = doc.meta.status();
        match status {
            Status::InForce => {}
            Status::Draft => second.push_str(lang.pick(", utkast", ", draft")),
            Status::Repealed => second.push_str(lang.pick(", upphävd", ", repealed")),
            Status::Superseded => second.push_str(lang.pick(", ersatt", ", superseded")),
        }
        let findings = marks.docs.get(&i).copied().unwrap_or(0);
        let mut lines = wrap(&doc.title, WRAP);
        lines.push(format!("({second})"));
        if findings > 0 {
            lines.push(findings_line(lang, findings));
        }
        nodes.push(PicNode {
            id: format!("d{i}"),
            lines,
            dashed: matches!(status, Status::Repealed | Status::Superseded),
            findings,
        });
        match kind.and_then(|k| k.level) {
            Some(level) => {
                let (members, kinds) = by_level.entry(level).or_default();
                members.push(i);
                if let Some(k) = kind
                    && !kinds.contains(&k.name)
                {
                    kinds.push(k.name.clone());
                }
            }
            None => other.push(i),
        }
    }
    let mut groups: Vec<Group> = by_level
        .into_iter()
        .map(|(level, (members, kinds))| Group {
            id: format!("level{level}"),
            label: format!(
                "{} {level}: {}",
                lang.pick("Nivå", "Level"),
                kinds.join(", ")
            ),
            nodes: members,
        })
        .collect();
    if !other.is_empty() {
        groups.push(Group {
            id: "other".into(),
            label: lang
                .pick("Utanför hierarkin", "Outside the hierarchy")
                .into(),
            nodes: other,
        });
    }
    let mut edges = Vec::new();
    for e in corpus.graph.edge_references() {
        let (Some(from), Some(to)) = (doc_of(corpus, e.source()), doc_of(corpus, e.target()))
        else {
            continue;
        };
        let (line, label) = match e.weight() {
            Edge::BuildsOn => (Line::Solid, None),
            Edge::Replaces => (Line::Dashed, Some(lang.pick("ersätter", "replaces").into())),
            _ => continue,
        };
        edges.push(PicEdge {
            from,
            to,
            line,
            label,
            faded: false,
        });
    }
    dedup_edges(&mut edges);
    Picture {
        caption: lang
            .pick(
                "Pil: bygger på (pekar uppåt mot det överordnade dokumentet) · streckad pil: ersätter · streckad ram: upphävt eller ersatt · röd ram: har anmärkningar",
                "Arrow: builds on (points up to the parent document) · dashed arrow: replaces · dashed box: repealed or superseded · red box: has findings",
            )
            .into(),
        direction: "BT",
        groups,
        nodes,
        edges,
    }
}

/// The organisation chart: reports-to and part-of edges, abolished bodies
/// dashed with a dashed edge to their successor.
pub fn bodies(corpus: &Corpus, today: Date, lang: Lang, marks: &Marks) -> Picture {
    let mut nodes = Vec::with_capacity(corpus.bodies.len());
    for (i, body) in corpus.bodies.iter().enumerate() {
        let abolished = body.is_abolished(today);
        let mut second = body.kind.clone().unwrap_or_default();
        if let Some(d) = &body.abolished {
            if !second.is_empty() {
                second.push_str(", ");
            }
            let word = if abolished {
                lang.pick("avvecklad", "abolished")
            } else {
                lang.pick("avvecklas", "to be abolished")
            };
            let _ = write!(second, "{word} {}", d.value);
        }
        let findings = marks.bodies.get(&i).copied().unwrap_or(0);
        let mut lines = wrap(&body.name, WRAP);
        if !second.is_empty() {
            lines.push(format!("({second})"));
        }
        if findings > 0 {
            lines.push(findings_line(lang, findings));
        }
        nodes.push(PicNode {
            id: format!("b{i}"),
            lines,
            dashed: abolished,
            findings,
        });
    }
    // One edge per (from, to): a body that both reports to and is part of
    // another gets one solid arrow labelled "del av".
    let mut pairs: BTreeMap<(usize, usize), (bool, bool, bool)> = BTreeMap::new();
    for e in corpus.graph.edge_references() {
        let (Some(from), Some(to)) = (body_of(corpus, e.source()), body_of(corpus, e.target()))
        else {
            continue;
        };
        if from == to {
            continue;
        }
        let entry = pairs.entry((from, to)).or_default();
        match e.weight() {
            Edge::ReportsTo => entry.0 = true,
            Edge::PartOf => entry.1 = true,
            Edge::ReplacedBy => entry.2 = true,
            _ => {}
        }
    }
    let mut edges = Vec::new();
    for ((from, to), (reports, part, replaced)) in pairs {
        let abolished = corpus.bodies[from].is_abolished(today);
        if replaced && abolished {
            edges.push(PicEdge {
                from,
                to,
                line: Line::Dashed,
                label: Some(lang.pick("ersatt av", "replaced by").into()),
                faded: false,
            });
        }
        let part_label = || Some(lang.pick("del av", "part of").to_string());
        let edge = match (reports, part) {
            (true, true) => Some((Line::Solid, part_label())),
            (true, false) => Some((Line::Solid, None)),
            (false, true) => Some((Line::Dotted, part_label())),
            (false, false) => None,
        };
        if let Some((line, label)) = edge {
            edges.push(PicEdge {
                from,
                to,
                line,
                label,
                faded: abolished,
            });
        }
    }
    Picture {
        caption: lang
            .pick(
                "Pil: rapporterar till (pekar mot det överordnade organet) · prickad pil: del av · streckad ram: avvecklat organ, streckad pil till efterträdaren · grått: historik · röd ram: har anmärkningar",
                "Arrow: reports to (points to the parent body) · dotted arrow: part of · dashed box: abolished body, dashed arrow to its successor · grey: history · red box: has findings",
            )
            .into(),
        direction: "RL",
        groups: Vec::new(),
        nodes,
        edges,
    }
}

fn doc_of(corpus: &Corpus, n: petgraph::graph::NodeIndex) -> Option<DocId> {
    match corpus.graph.node_weight(n)? {
        crate::Node::Doc(d) => Some(*d),
        crate::Node::Body(_) => None,
    }
}

fn body_of(corpus: &Corpus, n: petgraph::graph::NodeIndex) -> Option<BodyId> {
    match corpus.graph.node_weight(n)? {
        crate::Node::Body(b) => Some(*b),
        crate::Node::Doc(_) => None,
    }
}

fn dedup_edges(edges: &mut Vec<PicEdge>) {
    let mut seen = Vec::new();
    edges.retain(|e| {
        let key = (e.from, e.to, e.line);
        if e.from == e.to || seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

// ---------------------------------------------------------------- DOT

/// Escapes text for a double-quoted DOT string: backslash and quote get a
/// backslash (so `\n`, `\N` and friends in a name stay literal), line
/// breaks and other control characters become spaces.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const RED: &str = "#c62828";
const GREY: &str = "#9e9e9e";

/// Writes a picture as a DOT digraph.
pub fn to_dot(p: &Picture) -> String {
    let mut out = String::new();
    out.push_str("digraph styrlint {\n");
    let _ = write!(
        out,
        "  graph [rankdir={}, newrank=true, nodesep=0.35, ranksep=0.6, fontname=\"Helvetica\", fontsize=11, labelloc=b, labeljust=l",
        p.direction
    );
    let _ = write!(out, ", label=\"{}\"", dot_escape(&p.caption));
    out.push_str("];\n");
    out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#37474f\", fontname=\"Helvetica\", fontsize=11, margin=\"0.15,0.06\"];\n");
    out.push_str(
        "  edge [color=\"#37474f\", arrowsize=0.7, fontname=\"Helvetica\", fontsize=9];\n",
    );
    for n in &p.nodes {
        let label = n
            .lines
            .iter()
            .map(|l| dot_escape(l))
            .collect::<Vec<_>>()
            .join("\\n");
        let _ = write!(out, "  {} [label=\"{label}\"", n.id);
        let mut style = vec!["rounded", "filled"];
        if n.dashed {
            style.push("dashed");
        }
        if n.dashed || n.findings > 0 {
            let _ = write!(out, ", style=\"{}\"", style.join(","));
        }
        if n.findings > 0 {
            let _ = write!(
                out,
                ", color=\"{RED}\", penwidth=2.5, fillcolor=\"#fdecea\""
            );
        } else if n.dashed {
            let _ = write!(out, ", color=\"#757575\", fontcolor=\"#616161\"");
        }
        out.push_str("];\n");
    }
    if !p.groups.is_empty() {
        // A column of row labels, chained top to bottom so that the rows
        // keep their order even where no edge runs between them.
        out.push_str("  node [shape=plaintext, style=\"\", fontsize=12, fontcolor=\"#37474f\"];\n");
        for g in &p.groups {
            let _ = writeln!(out, "  {} [label=\"{}\"];", g.id, dot_escape(&g.label));
        }
        for pair in p.groups.windows(2) {
            let _ = writeln!(out, "  {} -> {} [style=invis];", pair[1].id, pair[0].id);
        }
        for g in &p.groups {
            let _ = write!(out, "  {{ rank=same; {};", g.id);
            for &i in &g.nodes {
                if let Some(n) = p.nodes.get(i) {
                    let _ = write!(out, " {};", n.id);
                }
            }
            out.push_str(" }\n");
        }
    }
    for e in &p.edges {
        let (Some(from), Some(to)) = (p.nodes.get(e.from), p.nodes.get(e.to)) else {
            continue;
        };
        let _ = write!(out, "  {} -> {}", from.id, to.id);
        let mut attrs = Vec::new();
        match e.line {
            Line::Solid => {}
            Line::Dashed => attrs.push("style=dashed".to_string()),
            Line::Dotted => attrs.push("style=dotted".to_string()),
        }
        if let Some(l) = &e.label {
            attrs.push(format!("label=\" {}\"", dot_escape(l)));
        }
        if e.faded {
            attrs.push(format!("color=\"{GREY}\", fontcolor=\"{GREY}\""));
        }
        if !attrs.is_empty() {
            let _ = write!(out, " [{}]", attrs.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

// ------------------------------------------------------------ Mermaid

/// Escapes text for a double-quoted Mermaid label. Mermaid has no
/// backslash escapes; it decodes `#name;` and `#code;` entities instead, so
/// every character that could end the string, start an entity, open
/// Markdown or be read as HTML is written as an entity. Line breaks and
/// other control characters become spaces.
pub fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes a picture as a Mermaid flowchart, bottom to top like the DOT.
pub fn to_mermaid(p: &Picture) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "flowchart {}", p.direction);
    for line in p.caption.split(" · ") {
        let _ = writeln!(out, "  %% {}", line.replace('%', " ").trim());
    }
    let label = |n: &PicNode| {
        n.lines
            .iter()
            .map(|l| mermaid_escape(l))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let mut grouped = vec![false; p.nodes.len()];
    for g in &p.groups {
        let _ = writeln!(out, "  subgraph {}[\"{}\"]", g.id, mermaid_escape(&g.label));
        out.push_str("    direction LR\n");
        for &i in &g.nodes {
            if let Some(n) = p.nodes.get(i) {
                if let Some(flag) = grouped.get_mut(i) {
                    *flag = true;
                }
                let _ = writeln!(out, "    {}[\"{}\"]", n.id, label(n));
            }
        }
        out.push_str("  end\n");
    }
    for (i, n) in p.nodes.iter().enumerate() {
        if !grouped[i] {
            let _ = writeln!(out, "  {}[\"{}\"]", n.id, label(n));
        }
    }
    // `linkStyle` counts every link statement, the invisible ones too.
    let mut links = 0usize;
    for pair in p.groups.windows(2) {
        let _ = writeln!(out, "  {} ~~~ {}", pair[1].id, pair[0].id);
        links += 1;
    }
    let mut faded = Vec::new();
    for e in &p.edges {
        let (Some(from), Some(to)) = (p.nodes.get(e.from), p.nodes.get(e.to)) else {
            continue;
        };
        let arrow = match e.line {
            Line::Solid => "-->",
            Line::Dashed | Line::Dotted => "-.->",
        };
        match &e.label {
            Some(l) => {
                let _ = writeln!(
                    out,
                    "  {} {arrow}|\"{}\"| {}",
                    from.id,
                    mermaid_escape(l),
                    to.id
                );
            }
            None => {
                let _ = writeln!(out, "  {} {arrow} {}", from.id, to.id);
            }
        }
        if e.faded {
            faded.push(links.to_string());
        }
        links += 1;
    }
    if !faded.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{GREY},color:{GREY}",
            faded.join(",")
        );
    }
    let with_class = |pred: &dyn Fn(&PicNode) -> bool| {
        p.nodes
            .iter()
            .filter(|n| pred(n))
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    let dashed = with_class(&|n| n.dashed);
    let finding = with_class(&|n| n.findings > 0);
    if !dashed.is_empty() {
        out.push_str("  classDef abolished stroke-dasharray:5 4,color:#616161\n");
        let _ = writeln!(out, "  class {dashed} abolished");
    }
    if !finding.is_empty() {
        let _ = writeln!(
            out,
            "  classDef finding stroke:{RED},stroke-width:3px,fill:#fdecea"
        );
        let _ = writeln!(out, "  class {finding} finding");
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Options;
    use std::collections::BTreeSet;
    use styrlint_parse::{Severity, parse};

    /// Invented names only, with every character that needs escaping.
    const REGISTER: &str = "\
---
typ: register
---
| Organ | Typ | Avvecklad | Ersatt av | Rapporterar till | Del av |
|---|---|---|---|---|---|
| Rådet \"Ö\" [A] #1 | råd | | | | |
| Gamla gruppen | grupp | 2020-01-01 | Nya gruppen | Rådet \"Ö\" [A] #1 | |
| Nya gruppen | grupp | | | Rådet \"Ö\" [A] #1 | Rådet \"Ö\" [A] #1 |
| Senare gruppen | grupp | 2030-01-01 | Nya gruppen | | Nya gruppen |
";

    const TOP: &str = "\
---
titel: Överordnad policy \"Å\" a|b `x` <y> & z\\n
typ: policy
---
Text.
";

    const CHILD: &str = "\
---
titel: Underordnad plan
typ: plan
bygger_på: [top]
ersätter: [old]
---
Text.
";

    const OLD: &str = "\
---
titel: Gammal plan
typ: plan
status: ersatt
---
Text.
";

    fn corpus() -> Corpus {
        let docs = vec![
            parse("register.md", REGISTER, Lang::Sv),
            parse("top.md", TOP, Lang::Sv),
            parse("child.md", CHILD, Lang::Sv),
            parse("old.md", OLD, Lang::Sv),
        ];
        let files: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
        Corpus::new(docs, files, Options::default())
    }

    fn today() -> Date {
        Date::new(2024, 6, 1).unwrap()
    }

    fn render_with(format: GraphFormat, view: GraphView, marks: &Marks) -> String {
        let options = GraphOptions {
            format,
            view,
            today: today(),
            lang: Lang::Sv,
        };
        render(&corpus(), &options, marks)
    }

    fn doc_marks(c: &Corpus) -> Marks {
        let mut marks = Marks::default();
        marks.docs.insert(c.doc_by_path("child.md").unwrap(), 2);
        marks.bodies.insert(1, 1);
        marks
    }

    #[test]
    fn dot_escaping() {
        assert_eq!(dot_escape(r#"a "b" \n"#), r#"a \"b\" \\n"#);
        assert_eq!(dot_escape("x\ny\tz"), "x y z");
        assert_eq!(dot_escape("Råd [A] #1 | {b} <c>"), "Råd [A] #1 | {b} <c>");
    }

    #[test]
    fn mermaid_escaping() {
        assert_eq!(mermaid_escape(r#"a "b""#), "a #quot;b#quot;");
        assert_eq!(mermaid_escape("#1; x"), "#35;1; x");
        assert_eq!(mermaid_escape("<b>&`"), "#lt;b#gt;#amp;#96;");
        assert_eq!(mermaid_escape("Råd [A] (B) {C} | ö"), "Råd [A] (B) {C} | ö");
        assert_eq!(mermaid_escape("x\ny"), "x y");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("långtordutanmellanrum", 4), ["långtordutanmellanrum"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn documents_by_level() {
        let c = corpus();
        let p = documents(&c, Lang::Sv, &doc_marks(&c));
        let ids: Vec<&str> = p.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["level2", "level4", "other"]);
        assert_eq!(p.groups[0].label, "Nivå 2: policy");
        // child.md is d0 (documents sort by path).
        assert_eq!(p.nodes[0].id, "d0");
        assert_eq!(p.nodes[0].lines.last().unwrap(), "2 anmärkningar");
        assert!(p.nodes[1].dashed, "a superseded document is dashed");
        let edges: Vec<(usize, usize, Line)> =
            p.edges.iter().map(|e| (e.from, e.to, e.line)).collect();
        assert_eq!(edges, [(0, 3, Line::Solid), (0, 1, Line::Dashed)]);
    }

    #[test]
    fn bodies_with_successors() {
        let c = corpus();
        let p = bodies(&c, today(), Lang::Sv, &Marks::default());
        assert!(p.nodes[1].dashed, "abolished before today");
        assert!(!p.nodes[3].dashed, "abolished after today");
        assert!(
            p.nodes[3]
                .lines
                .iter()
                .any(|l| l.contains("avvecklas 2030-01-01"))
        );
        let edges: Vec<(usize, usize, Line, Option<&str>, bool)> = p
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.line, e.label.as_deref(), e.faded))
            .collect();
        assert_eq!(
            edges,
            [
                (1, 0, Line::Solid, None, true),
                (1, 2, Line::Dashed, Some("ersatt av"), false),
                (2, 0, Line::Solid, Some("del av"), false),
                (3, 2, Line::Dotted, Some("del av"), false),
            ]
        );
    }

    #[test]
    fn dot_output() {
        let c = corpus();
        let dot = render_with(GraphFormat::Dot, GraphView::Documents, &doc_marks(&c));
        assert!(dot.starts_with("digraph styrlint {\n"));
        assert!(dot.contains("{ rank=same; level2; d3; }"));
        assert!(dot.contains("{ rank=same; level4; d0; d1; }"));
        assert!(dot.contains("level4 -> level2 [style=invis];"));
        assert!(dot.contains("d0 -> d3;\n"));
        assert!(dot.contains("d0 -> d1 [style=dashed, label=\" ersätter\"];"));
        assert!(dot.contains(r#"label="Överordnad policy \"Å\" a|b\n`x` <y> & z\\n\n(policy)""#));
        assert!(dot.contains("color=\"#c62828\""));
        check_dot(&dot);
        let dot = render_with(GraphFormat::Dot, GraphView::Bodies, &doc_marks(&c));
        assert!(dot.contains(r#"b0 [label="Rådet \"Ö\" [A] #1\n(råd)"];"#));
        assert!(dot.contains("b1 -> b2 [style=dashed, label=\" ersatt av\"];"));
        check_dot(&dot);
    }

    #[test]
    fn mermaid_output() {
        let c = corpus();
        let m = render_with(GraphFormat::Mermaid, GraphView::Documents, &doc_marks(&c));
        assert!(m.starts_with("flowchart BT\n"));
        assert!(m.contains("  subgraph level2[\"Nivå 2: policy\"]\n"));
        assert!(m.contains(
            "    d3[\"Överordnad policy #quot;Å#quot; a|b<br>#96;x#96; #lt;y#gt; #amp; z\\n<br>(policy)\"]\n"
        ));
        assert!(m.contains("  level4 ~~~ level2\n"));
        assert!(m.contains("  d0 -.->|\"ersätter\"| d1\n"));
        assert!(m.contains("  class d0 finding\n"));
        assert!(m.contains("  class d1 abolished\n"));
        check_mermaid(&m);
        let m = render_with(GraphFormat::Mermaid, GraphView::Bodies, &doc_marks(&c));
        assert!(m.starts_with("flowchart RL\n"));
        assert!(m.contains("  b0[\"Rådet #quot;Ö#quot; [A] #35;1<br>(råd)\"]\n"));
        assert!(m.contains("  linkStyle 0 stroke:#9e9e9e,color:#9e9e9e\n"));
        check_mermaid(&m);
    }

    #[test]
    fn deterministic() {
        let c = corpus();
        for format in [GraphFormat::Dot, GraphFormat::Mermaid] {
            for view in [GraphView::Documents, GraphView::Bodies] {
                let a = render_with(format, view, &doc_marks(&c));
                let b = render_with(format, view, &doc_marks(&c));
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn marks_count_documents_and_register_rows() {
        let c = corpus();
        let reg = c.doc_by_path("register.md").unwrap();
        let row = c.bodies[1].row_span.clone();
        let d = Diagnostic::new("x", Severity::Warning, "child.md", 0..1, "m").with_related(
            "register.md",
            row.clone(),
            "",
        );
        let in_row = Diagnostic::new(
            "y",
            Severity::Error,
            "register.md",
            row.start + 2..row.start + 3,
            "m",
        );
        let marks = Marks::from_diagnostics(&c, &[d, in_row]);
        let child = c.doc_by_path("child.md").unwrap();
        assert_eq!(marks.docs, BTreeMap::from([(child, 1), (reg, 1)]));
        assert_eq!(marks.bodies, BTreeMap::from([(1, 2)]));
    }

    /// DOT, tokenised: quoted strings end, escapes are known, braces and
    /// brackets balance, every statement ends with `;`.
    fn check_dot(dot: &str) {
        let mut depth: Vec<char> = Vec::new();
        let mut chars = dot.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => loop {
                    match chars.next() {
                        Some('\\') => {
                            let e = chars.next().unwrap();
                            assert!(matches!(e, '"' | '\\' | 'n'), "escape \\{e}");
                        }
                        Some('"') => break,
                        Some('\n') | None => panic!("unterminated string"),
                        Some(_) => {}
                    }
                },
                '{' | '[' => depth.push(c),
                '}' => assert_eq!(depth.pop(), Some('{')),
                ']' => assert_eq!(depth.pop(), Some('[')),
                _ => {}
            }
        }
        assert!(depth.is_empty());
        for line in dot.lines().skip(1) {
            let t = line.trim();
            assert!(t == "}" || t.ends_with(';') || t.ends_with('}'), "{t}");
        }
    }

    /// The Mermaid subset this module writes, line by line: the header,
    /// `%%` comments, `subgraph id["…"]` … `end`, `direction LR`, nodes
    /// `id["…"]`, links `a --> b`, `a -.-> b`, `a -->|"…"| b`, `a ~~~ b`,
    /// `linkStyle`, `classDef`, `class`. Quoted text holds no `"`, no
    /// newline, and `#` only as the start of an entity; every linked node
    /// is declared and every `linkStyle` index names a link.
    fn check_mermaid(m: &str) {
        let id_ok = |s: &str| {
            !s.is_empty()
                && s.chars().next().unwrap().is_ascii_lowercase()
                && s.chars().all(|c| c.is_ascii_alphanumeric())
                && !["end", "graph", "subgraph", "flowchart", "class", "style"].contains(&s)
        };
        let text_ok = |s: &str| {
            let stripped = s.replace("<br>", "");
            assert!(!stripped.contains(['"', '<', '>', '`', '&']), "{s}");
            let mut rest = stripped.as_str();
            while let Some(i) = rest.find('#') {
                let after = &rest[i + 1..];
                let end = after.find(';').expect("entity ends with ;");
                assert!(
                    after[..end].chars().all(|c| c.is_ascii_alphanumeric()) && end > 0,
                    "entity in {s}"
                );
                rest = &after[end + 1..];
            }
        };
        let quoted = |s: &str| -> String {
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .expect("quoted");
            text_ok(inner);
            inner.to_string()
        };
        let mut lines = m.lines();
        let head = lines.next().unwrap();
        assert!(head == "flowchart BT" || head == "flowchart RL", "{head}");
        let mut declared = BTreeSet::new();
        let mut open = 0;
        let mut links = 0;
        for line in lines {
            let t = line.trim();
            if let Some(c) = t.strip_prefix("%%") {
                assert!(!c.trim_start().starts_with('{'), "directive");
            } else if let Some(rest) = t.strip_prefix("subgraph ") {
                let (id, label) = rest.split_once('[').unwrap();
                assert!(id_ok(id));
                quoted(label.strip_suffix(']').unwrap());
                declared.insert(id.to_string());
                open += 1;
            } else if t == "end" {
                open -= 1;
                assert!(open >= 0);
            } else if t == "direction LR" {
                assert!(open > 0);
            } else if let Some(rest) = t.strip_prefix("linkStyle ") {
                let (idx, style) = rest.split_once(' ').unwrap();
                for i in idx.split(',') {
                    assert!(i.parse::<usize>().unwrap() < links);
                }
                assert!(!style.contains([' ', ';']));
            } else if let Some(rest) = t.strip_prefix("classDef ") {
                let (name, _) = rest.split_once(' ').unwrap();
                assert!(id_ok(name));
                assert!(!rest.contains(';'));
            } else if let Some(rest) = t.strip_prefix("class ") {
                let (ids, class) = rest.split_once(' ').unwrap();
                assert!(id_ok(class));
                for id in ids.split(',') {
                    assert!(declared.contains(id), "class on undeclared {id}");
                }
            } else if let Some((id, label)) = t.split_once('[') {
                assert!(id_ok(id), "{t}");
                quoted(label.strip_suffix(']').unwrap());
                assert!(declared.insert(id.to_string()), "declared twice: {id}");
            } else {
                let (from, rest) = t.split_once(' ').expect("a link");
                let end = rest.find([' ', '|']).expect("a link");
                let (arrow, after) = rest.split_at(end);
                let to = match after.strip_prefix('|') {
                    Some(labelled) => {
                        assert!(matches!(arrow, "-->" | "-.->"), "{t}");
                        let (label, to) = labelled.split_once("| ").unwrap();
                        quoted(label);
                        to
                    }
                    None => {
                        assert!(matches!(arrow, "-->" | "-.->" | "~~~"), "{t}");
                        after.trim_start()
                    }
                };
                assert!(
                    id_ok(to) && declared.contains(from) && declared.contains(to),
                    "{t}"
                );
                links += 1;
            }
        }
        assert_eq!(open, 0);
    }
}
