//! Render: a [`Summary`] as plain text, Markdown or JSON.
//!
//! Takes a finished summary and hands on a string; nothing here changes what
//! was chosen. Citations count articles from 1 for people (`[1,3]`), while
//! JSON keeps the library's 0-based indices (documented in the README).

use std::fmt::Write;

use crate::brief::{Brief, EntityKind};
use crate::pipeline::{Prepared, Summary};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    /// Plain text, citations as `[1,3]`.
    Text,
    /// Markdown with footnotes.
    Markdown,
    /// The summary as pretty-printed JSON.
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: &'static [Format] = &[Format::Text, Format::Markdown, Format::Json];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s.to_ascii_lowercase() || (s == "md" && *f == Format::Markdown))
            .ok_or_else(|| {
                crate::Error::Config(format!("unknown format {s:?} (text, markdown, json)"))
            })
    }
}

/// Renders `summary` in `format`.
pub fn render(summary: &Summary, format: Format) -> String {
    match format {
        Format::Text => text(summary),
        Format::Markdown => markdown(summary),
        Format::Json => json(summary),
    }
}

fn citation_numbers(s: &crate::pipeline::SummarySentence) -> Vec<String> {
    s.sources
        .iter()
        .map(|c| (c.article + 1).to_string())
        .collect()
}

/// Each sentence with its citations, the brief's sections when asked for,
/// then the numbered sources.
pub fn text(summary: &Summary) -> String {
    let mut out = String::new();
    if let Some(b) = &summary.brief {
        let _ = writeln!(out, "{}\n", b.headline);
    }
    for s in &summary.sentences {
        let _ = writeln!(out, "{} [{}]", s.text, citation_numbers(s).join(","));
    }
    if let Some(b) = &summary.brief {
        brief_sections(&mut out, b, summary.documents.len(), &Plain);
    }
    out.push_str("\nSources:\n");
    for (i, d) in summary.documents.iter().enumerate() {
        match &d.title {
            Some(t) => {
                let _ = writeln!(out, "[{}] {} ({})", i + 1, d.name, t);
            }
            None => {
                let _ = writeln!(out, "[{}] {}", i + 1, d.name);
            }
        }
    }
    out
}

/// Footnote-style citations (`[^1]`) and a source list as footnotes.
pub fn markdown(summary: &Summary) -> String {
    let mut out = String::new();
    if let Some(b) = &summary.brief {
        let _ = writeln!(out, "# {}\n", escape_markdown(&b.headline));
    }
    let _ = writeln!(out, "## Summary\n");
    let n = summary.documents.len();
    for (k, s) in summary.sentences.iter().enumerate() {
        let notes: String = citation_numbers(s)
            .iter()
            .map(|n| format!("[^{n}]"))
            .collect();
        let carried = match summary.brief.as_ref().and_then(|b| b.corroboration.get(k)) {
            Some(c) => format!(" *({c} of {n} sources)*"),
            None => String::new(),
        };
        let _ = writeln!(out, "{}{}{}\n", escape_markdown(&s.text), notes, carried);
    }
    if let Some(b) = &summary.brief {
        brief_sections(&mut out, b, n, &Markdown);
    }
    let _ = writeln!(out, "## Sources\n");
    for (i, d) in summary.documents.iter().enumerate() {
        let label = match &d.title {
            Some(t) => format!("{} — {}", escape_markdown(&d.name), escape_markdown(t)),
            None => escape_markdown(&d.name),
        };
        let _ = writeln!(out, "[^{}]: {}", i + 1, label);
    }
    out
}

/// How many quotes the text and Markdown briefs list (JSON has them all).
pub const SHOWN_QUOTES: usize = 12;

/// The two human-readable styles of the brief's sections.
trait Style {
    fn heading(&self, out: &mut String, title: &str);
    fn escape(&self, s: &str) -> String;
    /// A citation of article `a` (0-based).
    fn cite(&self, a: usize) -> String;
    fn strong(&self, s: &str) -> String;
    /// What starts a list item.
    fn item(&self) -> &'static str;
    /// What ends a section.
    fn end(&self, out: &mut String);
}

struct Plain;
struct Markdown;

impl Style for Plain {
    fn heading(&self, out: &mut String, title: &str) {
        let _ = writeln!(out, "\n{title}:");
    }
    fn escape(&self, s: &str) -> String {
        s.to_string()
    }
    fn cite(&self, a: usize) -> String {
        format!("[{}]", a + 1)
    }
    fn strong(&self, s: &str) -> String {
        s.to_string()
    }
    fn item(&self) -> &'static str {
        "  - "
    }
    fn end(&self, _out: &mut String) {}
}

impl Style for Markdown {
    fn heading(&self, out: &mut String, title: &str) {
        let _ = writeln!(out, "## {title}\n");
    }
    fn escape(&self, s: &str) -> String {
        escape_markdown(s)
    }
    fn cite(&self, a: usize) -> String {
        format!("[^{}]", a + 1)
    }
    fn strong(&self, s: &str) -> String {
        format!("**{}**", escape_markdown(s))
    }
    fn item(&self) -> &'static str {
        "- "
    }
    fn end(&self, out: &mut String) {
        out.push('\n');
    }
}

/// "Who said what", "Where the sources disagree", "Only in one source" and
/// "Named"; an empty section says so rather than vanishing, so a reader
/// knows it was looked for.
fn brief_sections(out: &mut String, b: &Brief, sources: usize, st: &dyn Style) {
    let item = st.item();
    st.heading(out, "Who said what");
    if b.quotes.is_empty() {
        let _ = writeln!(out, "{item}No direct quotations.");
    }
    for q in b.quotes.iter().take(SHOWN_QUOTES) {
        let who = match &q.speaker {
            Some(s) => st.strong(s),
            None => "(speaker not named)".to_string(),
        };
        let cites: String = q.sources.iter().map(|p| st.cite(p.article)).collect();
        let _ = writeln!(
            out,
            "{item}{who}: \u{201c}{}\u{201d}{cites}",
            st.escape(&q.text)
        );
    }
    if b.quotes.len() > SHOWN_QUOTES {
        let _ = writeln!(
            out,
            "{item}... and {} more (JSON output lists all)",
            b.quotes.len() - SHOWN_QUOTES
        );
    }
    st.end(out);
    st.heading(out, "Where the sources disagree");
    if b.conflicts.is_empty() {
        let _ = writeln!(out, "{item}No conflicting figures.");
    }
    for c in &b.conflicts {
        let figures: Vec<String> = c
            .figures
            .iter()
            .map(|f| {
                format!(
                    "\u{201c}{}\u{201d}{}",
                    st.escape(&f.text),
                    st.cite(f.place.article)
                )
            })
            .collect();
        let verdict = if c.compatible {
            "different wordings that could all hold"
        } else {
            "cannot all be true"
        };
        let _ = writeln!(
            out,
            "{item}{}: {} ({verdict})",
            st.strong(&c.about),
            figures.join(" vs ")
        );
    }
    st.end(out);
    st.heading(out, "Only in one source");
    if b.exclusives.is_empty() {
        let _ = writeln!(
            out,
            "{item}Nothing: every statement is carried by another source."
        );
    }
    for e in &b.exclusives {
        let _ = writeln!(
            out,
            "{item}{}{}",
            st.escape(&e.text),
            st.cite(e.place.article)
        );
    }
    st.end(out);
    st.heading(out, "Named");
    for (kind, label) in [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organizations"),
        (EntityKind::Place, "Places"),
    ] {
        let names: Vec<String> = b
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                let in_sources = e.mentions.iter().filter(|&&m| m > 0).count();
                let total: usize = e.mentions.iter().sum();
                let plural = if total == 1 { "" } else { "s" };
                format!(
                    "{} ({total} mention{plural}, {in_sources}/{sources} sources)",
                    st.escape(&e.name)
                )
            })
            .collect();
        if !names.is_empty() {
            let _ = writeln!(out, "{item}{}: {}", st.strong(label), names.join("; "));
        }
    }
    st.end(out);
}

/// Characters that would turn prose into Markdown syntax.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The summary as one pretty JSON object (schema in the README).
pub fn json(summary: &Summary) -> String {
    serde_json::to_string_pretty(summary).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One article's text for a reader that shows where citations point (the
/// web page): its sentence spans, and the text cut into pieces.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceText {
    /// Where it came from.
    pub name: String,
    /// The text cut into pieces, each a sentence or the text between, in
    /// order: byte spans serve programs, but a page given pieces never
    /// converts UTF-8 offsets to JavaScript's UTF-16 ones.
    pub pieces: Vec<Piece>,
    /// Byte spans `[start, end)` of its sentences.
    pub sentences: Vec<[usize; 2]>,
    /// The cleaned text.
    pub text: String,
    /// Its title, when one was found.
    pub title: Option<String>,
}

/// A piece of an article's text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Piece {
    /// The sentence's position in its article, when the piece is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    /// The piece's text.
    pub text: String,
}

/// The articles of a prepared cluster, with their sentences, for
/// [`SourceText`] readers.
pub fn sources_text(prepared: &Prepared) -> Vec<SourceText> {
    prepared
        .docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let sentences: Vec<[usize; 2]> = prepared.analysis.sentences
                [prepared.analysis.doc_sentences[d].clone()]
            .iter()
            .map(|s| [s.span.start, s.span.end])
            .collect();
            let mut pieces = Vec::new();
            let mut at = 0;
            let piece = |range: std::ops::Range<usize>, sentence| Piece {
                sentence,
                text: doc.text[range].to_string(),
            };
            for (i, [s, e]) in sentences.iter().copied().enumerate() {
                if s > at {
                    pieces.push(piece(at..s, None));
                }
                pieces.push(piece(s..e, Some(i)));
                at = e;
            }
            if at < doc.text.len() {
                pieces.push(piece(at..doc.text.len(), None));
            }
            SourceText {
                name: doc.source.clone(),
                pieces,
                sentences,
                text: doc.text.clone(),
                title: doc.title.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::Citation;
    use crate::pipeline::{SourceInfo, SummarySentence};
    use crate::summarize::{Budget, Method};

    fn summary() -> Summary {
        Summary {
            id: "x".into(),
            method: Method::Lead(crate::summarize::Lead),
            budget: Budget::Words(100),
            words: 4,
            sentences: vec![SummarySentence {
                text: "Talks *ended* today.".into(),
                article: 1,
                sentence: 0,
                span: [0, 20],
                score: 1.0,
                sources: vec![
                    Citation {
                        article: 1,
                        sentence: 0,
                        similarity: 1.0,
                    },
                    Citation {
                        article: 0,
                        sentence: 3,
                        similarity: 0.8,
                    },
                ],
            }],
            documents: vec![
                SourceInfo {
                    name: "a.txt".into(),
                    title: None,
                    sentences: 4,
                },
                SourceInfo {
                    name: "b.txt".into(),
                    title: Some("Talks".into()),
                    sentences: 1,
                },
            ],
            brief: None,
            warnings: vec![],
            config: crate::Config::default(),
        }
    }

    #[test]
    fn text_lists_citations_own_article_first_and_sources() {
        let t = text(&summary());
        assert!(t.starts_with("Talks *ended* today. [2,1]\n"), "{t}");
        assert!(t.contains("[1] a.txt\n[2] b.txt (Talks)\n"), "{t}");
    }

    #[test]
    fn markdown_uses_footnotes_and_escapes() {
        let m = markdown(&summary());
        assert!(m.contains("Talks \\*ended\\* today.[^2][^1]"), "{m}");
        assert!(m.contains("[^2]: b.txt — Talks"), "{m}");
    }

    #[test]
    fn source_pieces_cover_the_text_and_mark_sentences() {
        let cluster = crate::Cluster::from_texts(
            "c",
            &["  Talks ended today in Moscow. Both sides agreed to meet again soon.  "],
        );
        let p = crate::Pipeline::default().prepare(&cluster).unwrap();
        let sources = sources_text(&p);
        let s = &sources[0];
        let joined: String = s.pieces.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(joined, s.text);
        let marked: Vec<usize> = s.pieces.iter().filter_map(|x| x.sentence).collect();
        assert_eq!(marked, (0..s.sentences.len()).collect::<Vec<_>>());
        for x in &s.pieces {
            if let Some(i) = x.sentence {
                let [a, b] = s.sentences[i];
                assert_eq!(x.text, s.text[a..b]);
            }
        }
    }

    #[test]
    fn json_round_trips() {
        let s = summary();
        let back: Summary = serde_json::from_str(&json(&s)).unwrap();
        assert_eq!(back, s);
    }
}
