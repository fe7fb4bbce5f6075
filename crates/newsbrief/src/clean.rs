//! Clean: turns raw articles into plain text and marks the parts worth reading.
//!
//! Takes [`RawDocument`]s from ingest and hands on [`Document`]s: plain text
//! (HTML reduced to its main content by `dom_smoothie`, a port of Mozilla's
//! Readability, so menus, scripts, footers and related links are gone) plus
//! the byte ranges (`blocks`) of that text that carry article prose. Junk is
//! *marked out*, never cut out: the text itself is left as given, so every
//! offset the later stages report indexes the text a user supplied (for
//! `.txt` input, the file's own bytes).
//!
//! The junk rules come from what real crawled news carries; each is matched
//! against one trimmed line:
//! - photo-gallery captions: `12/30 Syrian soldiers rest ... EPA` and the
//!   gallery header `30 show all In Pictures: ...`, `In Pictures: ...`;
//! - bylines and sign-offs: `• Leroy Wright`, `By Jane Doe`, `— AP`;
//! - furniture: `Latest News`, `Advertisement`, `Share this article`,
//!   `Subscribe to ...`, `Read more: ...`, `Click here ...`, `© 2017 ...`;
//! - lines with no sentence in them: fewer than eight words and no sentence
//!   punctuation, or no lower-case letter at all (section heads, datelines).
//!
//! A first line that reads like a headline (no final punctuation, at most 25
//! words, more text after it) becomes the title when the input gave none.

use std::ops::Range;

use crate::ingest::{Format, RawDocument};

/// An article ready for segmentation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Where it came from (file name or `id#n`).
    pub source: String,
    /// The title, from the input or the HTML.
    pub title: Option<String>,
    /// The article's plain text; spans everywhere downstream index into it.
    pub text: String,
    /// Byte ranges of `text` holding prose, in order, never overlapping.
    pub blocks: Vec<Range<usize>>,
}

/// Cleans one article. Never fails: an article with nothing usable comes out
/// with no blocks, and the pipeline decides whether the cluster is readable.
pub fn clean(raw: &RawDocument) -> Document {
    let (text, html_title) = match raw.format {
        Format::Text => (raw.body.clone(), None),
        Format::Html => html_to_text(&raw.body),
    };
    let mut title = raw.title.clone().or(html_title);
    let mut blocks = Vec::new();
    let mut first_line = true;
    for block in paragraphs(&text) {
        let mut start: Option<usize> = None;
        for line in lines(&text, block.clone()) {
            let s = &text[line.clone()];
            let headline = first_line && title.is_none() && looks_like_headline(s);
            if headline {
                title = Some(s.to_string());
            }
            first_line = false;
            if headline || is_junk(s) {
                if let Some(st) = start.take() {
                    blocks.push(st..trim_end_at(&text, line.start));
                }
            } else if start.is_none() {
                start = Some(line.start);
            }
        }
        if let Some(st) = start {
            blocks.push(st..block.end);
        }
    }
    blocks.retain(|b| !text[b.clone()].trim().is_empty());
    // A lone headline with nothing after it is the article, not its title.
    if blocks.is_empty() && raw.title.is_none() {
        if let Some(t) = &title {
            if let Some(pos) = text.find(t.as_str()) {
                blocks.push(pos..pos + t.len());
            }
        }
    }
    Document {
        source: raw.source.clone(),
        title,
        text,
        blocks,
    }
}

fn trim_end_at(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

/// Paragraphs: runs of non-blank lines, as trimmed byte ranges.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for line in lines(text, 0..text.len()) {
        if text[line.clone()].trim().is_empty() {
            continue;
        }
        // A gap of two or more newlines between lines ends a paragraph.
        if let Some(st) = start {
            if text[last_end..line.start].matches('\n').count() >= 2 {
                out.push(st..last_end);
                start = Some(line.start);
            }
        } else {
            start = Some(line.start);
        }
        last_end = line.end;
    }
    if let Some(st) = start {
        out.push(st..last_end);
    }
    out
}

/// Non-empty lines of `text[range]`, trimmed, as absolute byte ranges.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    text[range]
        .split('\n')
        .scan(base, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            Some(start + lead..start + lead + trimmed.len())
        })
        .filter(|r| !r.is_empty())
}

const FURNITURE: &[&str] = &[
    "latest news",
    "advertisement",
    "advertisements",
    "related",
    "related articles",
    "related stories",
    "related content",
    "read more",
    "more news",
    "top stories",
    "most popular",
    "most read",
    "share",
    "share this",
    "share this article",
    "share this story",
    "comments",
    "subscribe",
    "sign up",
    "newsletter",
    "skip to content",
    "story continues below",
    "continue reading",
    "continue reading below",
    "image copyright",
    "image caption",
    "media playback is unsupported on your device",
    "getty images",
    "video",
    "photo",
    "watch",
    "sponsored",
];

const FURNITURE_PREFIXES: &[&str] = &[
    "share this",
    "share on ",
    "subscribe to ",
    "sign up for ",
    "sign up to ",
    "click here",
    "follow us ",
    "read more:",
    "read more at",
    "related:",
    "see also:",
    "advertisement",
    "copyright ",
    "©",
    "(c) ",
    "all rights reserved",
    "image copyright",
    "image caption",
    "photo:",
    "image:",
    "video:",
    "watch:",
    "in pictures:",
    "getty images",
    "this article was",
    "this story has been",
];

/// Whether one trimmed line is furniture rather than prose.
pub fn is_junk(line: &str) -> bool {
    let lower = line.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if FURNITURE.contains(&bare) || FURNITURE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if is_gallery_caption(line) {
        return true;
    }
    let words = line.split_whitespace().count();
    // Bylines and sign-offs: a bullet or dash and a few words, or "By Name".
    let first = line.chars().next().unwrap_or(' ');
    if matches!(first, '•' | '·' | '—' | '–' | '*' | '|') && words <= 6 {
        return true;
    }
    if (lower.starts_with("by ") || lower.starts_with("written by ")) && words <= 6 {
        return true;
    }
    if !line.chars().any(char::is_lowercase) {
        return true;
    }
    !has_sentence_punctuation(line) && words < 8
}

/// `12/30 Syrian soldiers rest ...` and `30 show all In Pictures: ...`.
fn is_gallery_caption(line: &str) -> bool {
    let mut parts = line.splitn(2, char::is_whitespace);
    let head = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("").trim_start();
    if let Some((a, b)) = head.split_once('/') {
        let numeric =
            |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit());
        if numeric(a) && numeric(b) && !rest.is_empty() {
            return true;
        }
    }
    head.bytes().all(|c| c.is_ascii_digit())
        && !head.is_empty()
        && rest.to_lowercase().starts_with("show all")
}

fn has_sentence_punctuation(line: &str) -> bool {
    line.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '”' | '\'' | '’' | ')' | ':' | ';'
        )
    })
}

/// A headline: a short line without final punctuation.
fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=25).contains(&words)
        && !line.trim_end().ends_with(['.', '!', '?', ':', ';', ','])
        && line.chars().any(char::is_lowercase)
}

/// Main text of an HTML page with Readability; when it finds nothing (a page
/// that is all list, or a fragment), every text node of `<body>` instead.
fn html_to_text(html: &str) -> (String, Option<String>) {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(html, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    match article {
        Some(a) if !a.text_content.trim().is_empty() => {
            let title = Some(a.title.trim().to_string()).filter(|t| !t.is_empty());
            (a.text_content.to_string(), title)
        }
        _ => body_text(html),
    }
}

fn body_text(html: &str) -> (String, Option<String>) {
    let doc = dom_query::Document::from(html);
    doc.select("script, style, noscript, nav, header, footer, aside")
        .remove();
    let title = doc.select("title").text().trim().to_string();
    let mut out = String::new();
    let blocks = doc.select("body p, body li, body h1, body h2, body h3, body div, body td");
    for node in blocks.iter() {
        // Only leaf-ish blocks, so a div's text is not repeated by its paragraphs.
        if node.select("p, li, div, td").length() > 0 {
            continue;
        }
        let t = node.text();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push_str(&t);
            out.push_str("\n\n");
        }
    }
    if out.trim().is_empty() {
        out = doc.select("body").text().to_string();
    }
    (out, Some(title).filter(|t| !t.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| &doc.text[b.clone()]).collect()
    }

    #[test]
    fn gallery_captions_bylines_and_furniture_are_marked_out() {
        let text = "Tillerson met Lavrov in Moscow on Wednesday.\n\n\
            In Pictures: The crisis unfolding in Syria\n\n\
            30 show all In Pictures: The crisis unfolding in Syria\n\n\
            12/30 Syrian soldiers targeting rebels-held areas in Aleppo, Syria. According to media reports EPA\n\n\
            He also noted that there was no evidence.\n\n\
            Latest News\n\n  • Leroy Wright";
        let doc = clean(&RawDocument::text("a.txt", text));
        assert_eq!(
            kept(&doc),
            [
                "Tillerson met Lavrov in Moscow on Wednesday.",
                "He also noted that there was no evidence."
            ]
        );
    }

    #[test]
    fn headline_becomes_title_and_blocks_index_the_original_text() {
        let text = "US and Russia at 'low point' after no breakthrough in Moscow\n\nBut the two nations remain at odds.";
        let doc = clean(&RawDocument::text("b.txt", text));
        assert_eq!(
            doc.title.as_deref(),
            Some("US and Russia at 'low point' after no breakthrough in Moscow")
        );
        assert_eq!(doc.text, text);
        assert_eq!(kept(&doc), ["But the two nations remain at odds."]);
    }

    #[test]
    fn junk_line_inside_a_paragraph_splits_the_block() {
        let text =
            "First sentence of the story is here.\nAdvertisement\nSecond sentence of the story.";
        let doc = clean(&RawDocument::text("c.txt", text));
        assert_eq!(
            kept(&doc),
            [
                "First sentence of the story is here.",
                "Second sentence of the story."
            ]
        );
    }

    #[test]
    fn html_main_text_drops_navigation_and_keeps_title() {
        let html = r#"<html><head><title>Talks end</title><script>var x = "Ignore me.";</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World news menu link</a></nav>
            <article><h1>Talks end</h1>
            <p>Secretary of State Rex Tillerson said on Wednesday that relations with Russia were at a low point after talks in Moscow with Foreign Minister Sergei Lavrov and President Vladimir Putin.</p>
            <p>The two sides agreed to set up a working group to improve ties and identify the problems between the two countries, Tillerson told reporters at a news conference.</p>
            </article><footer>Copyright 2017 Example News. All rights reserved.</footer></body></html>"#;
        let doc = clean(&RawDocument::html("t.html", html));
        let body = kept(&doc).join(" ");
        assert!(
            body.contains("relations with Russia were at a low point"),
            "{body}"
        );
        assert!(body.contains("working group"), "{body}");
        assert!(!body.contains("Ignore me"), "{body}");
        assert!(!body.contains("menu link"), "{body}");
        assert!(!body.contains("Copyright"), "{body}");
        assert_eq!(doc.title.as_deref(), Some("Talks end"));
    }

    #[test]
    fn html_fragment_without_article_falls_back_to_body_text() {
        let doc = clean(&RawDocument::html(
            "f.html",
            "<p>Short note about the talks.</p>",
        ));
        assert_eq!(kept(&doc), ["Short note about the talks."]);
    }
}
