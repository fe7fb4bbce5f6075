//! Render: a [`Summary`] as plain text, Markdown or JSON.
//!
//! Takes a finished summary and hands on a string; nothing here changes what
//! was chosen. Citations count articles from 1 for people (`[1,3]`), while
//! JSON keeps the library's 0-based indices (documented in the README).

use std::fmt::Write;

use crate::pipeline::Summary;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Text, Format::Markdown, Format::Json];

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

/// Each sentence with its citations, then the numbered sources.
pub fn text(summary: &Summary) -> String {
    let mut out = String::new();
    for s in &summary.sentences {
        let _ = writeln!(out, "{} [{}]", s.text, citation_numbers(s).join(","));
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
    let _ = writeln!(out, "## Summary\n");
    for s in &summary.sentences {
        let notes: String = citation_numbers(s)
            .iter()
            .map(|n| format!("[^{n}]"))
            .collect();
        let _ = writeln!(out, "{}{}\n", escape_markdown(&s.text), notes);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::Citation;
    use crate::pipeline::{SourceInfo, SummarySentence};
    use crate::summarize::{Budget, Method};

    fn summary() -> Summary {
        Summary {
            id: "x".into(),
            method: Method::Lead,
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
            warnings: vec![],
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
    fn json_round_trips() {
        let s = summary();
        let back: Summary = serde_json::from_str(&json(&s)).unwrap();
        assert_eq!(back, s);
    }
}
