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

use unicode_script::{Script, UnicodeScript};

use crate::ingest::{Markup, RawDocument};

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
        Markup::Text => (raw.body.clone(), None),
        Markup::Html => html_to_text(&raw.body),
    };
    let text = blank_controls(text);
    let source = blank_controls(raw.source.clone());
    let raw_title = raw.title.clone().map(blank_controls);
    if foreign_script(&text).is_some() {
        // The pipeline names the script in its warning or error.
        return Document {
            source,
            title: raw_title.or(html_title.map(blank_controls)),
            text,
            blocks: Vec::new(),
        };
    }
    let mut title = raw_title.clone().or(html_title.map(blank_controls));
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
            // A line that opens with furniture ("Image copyright AFP image
            // caption ...") but goes on with prose keeps the prose: Multi-News
            // holds hundreds of one-line articles that begin this way, and
            // dropping the line dropped the article.
            let skip = if headline { None } else { junk_prefix(s) };
            if let Some(skip) = skip {
                if let Some(st) = start.take() {
                    blocks.push(st..trim_end_at(&text, line.start));
                }
                start = Some(line.start + skip);
            } else if headline || is_junk(s) {
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
    if blocks.is_empty() && raw_title.is_none() {
        if let Some(t) = &title {
            if let Some(pos) = text.find(t.as_str()) {
                blocks.push(pos..pos + t.len());
            }
        }
    }
    Document {
        source,
        title,
        text,
        blocks,
    }
}

/// Control characters (Unicode `Cc`: NUL, ESC, DEL, C1) would reach a
/// terminal through the summary, so each becomes whitespace of the same
/// UTF-8 length and every byte offset still indexes the user's text. CR LF
/// becomes a space before the newline; a lone CR (old Mac files) a newline.
pub fn blank_controls(text: String) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(' '),
            '\r' | '\u{0b}' | '\u{0c}' => out.push('\n'),
            c if c.is_control() => {
                for _ in 0..c.len_utf8() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The script most of a text's letters are in, when it is not Latin: the
/// engine's tokenizer, stop words and stemmer are English, so such text
/// yields no usable sentences and the user should be told why. Looks at the
/// first 200,000 letters, enough to decide and bounded on huge inputs.
pub fn foreign_script(text: &str) -> Option<Script> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()).take(200_000) {
        // ASCII letters are Latin; the script table lookup for every letter
        // of every article was 6% of a Multi-News run's profile.
        let script = if c.is_ascii_alphabetic() {
            Script::Latin
        } else {
            c.script()
        };
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        letters += 1;
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    let latin = counts
        .iter()
        .find(|(s, _)| *s == Script::Latin)
        .map_or(0, |(_, n)| *n);
    if letters == 0 || 2 * latin >= letters {
        return None;
    }
    let kana = counts
        .iter()
        .any(|(s, _)| matches!(s, Script::Hiragana | Script::Katakana));
    counts
        .into_iter()
        .filter(|(s, _)| *s != Script::Latin)
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| match s {
            // Japanese mixes Han with kana; Chinese has no kana.
            Script::Han if kana => Script::Hiragana,
            s => s,
        })
}

/// "Chinese (Han script)": the language a script most likely means, for
/// messages; scripts shared by many languages are named by script alone.
pub fn describe_script(script: Script) -> String {
    let language = match script {
        Script::Han => "Chinese",
        Script::Hiragana | Script::Katakana => return "Japanese (Kana and Han scripts)".into(),
        Script::Hangul => "Korean",
        Script::Arabic => "Arabic",
        Script::Hebrew => "Hebrew",
        Script::Greek => "Greek",
        Script::Cyrillic => "Russian",
        Script::Devanagari => "Hindi",
        Script::Thai => "Thai",
        Script::Armenian => "Armenian",
        Script::Georgian => "Georgian",
        Script::Bengali => "Bengali",
        Script::Tamil => "Tamil",
        other => return format!("text in the {} script", other.full_name()),
    };
    format!("{language} ({} script)", script.full_name())
}

/// Why an article gave no sentence, when the reason is its script (the
/// caller prefixes the article's name).
pub fn unsupported_reason(doc: &Document) -> Option<String> {
    foreign_script(&doc.text).map(|s| {
        format!(
            "looks like {}; newsbrief handles English text (Latin script), so this article has no usable sentence",
            describe_script(s)
        )
    })
}

/// Sentences longer than this many words are text with no sentence ends
/// (a huge line without punctuation): no summary can hold one.
pub const LONG_SENTENCE_WORDS: usize = 250;

/// A warning naming the article when one of its sentences is an unbroken
/// run of more than [`LONG_SENTENCE_WORDS`] words, so that an empty or
/// one-sentence summary is not silent about why.
pub fn long_sentence_warning(doc: &Document, spans: &[Range<usize>]) -> Option<String> {
    let longest = spans
        .iter()
        .map(|s| doc.text[s.clone()].split_whitespace().count())
        .max()?;
    (longest > LONG_SENTENCE_WORDS).then(|| {
        format!(
            "{}: a run of {longest} words with no sentence end (. ! ?) is read as one sentence, too long for a summary; is the text punctuated?",
            doc.source
        )
    })
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
    if FURNITURE.contains(&bare)
        || FURNITURE_PREFIXES
            .iter()
            .any(|p| starts_with_word(&lower, p))
    {
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
    // No lower case: section heads, datelines, shouted captions. A long
    // punctuated line in capitals is still prose (wire copy in caps exists).
    if !line.chars().any(char::is_lowercase) && (words < 12 || !has_sentence_punctuation(line)) {
        return true;
    }
    !has_sentence_punctuation(line) && words < 8
}

/// Furniture phrases that open a line and, in flattened crawls, run straight
/// into the article on the same line ("Image copyright AFP image caption
/// Mexican troops ... investigators in Mexico are ..."). Longest first, so
/// that a phrase is never cut by a shorter one it starts with.
const LEADING_PHRASES: &[&str] = &[
    "photo advertisement continue reading the main story",
    "advertisement continue reading the main story",
    "media playback is unsupported on your device",
    "continue reading the main story",
    "story continues below advertisement",
    "story continues below",
    "share on more",
    "share this page",
    "share this post",
    "share this story",
    "share this article",
    "share this",
    "image copyright",
    "image caption",
    "media caption",
    "advertisement",
    "getty images",
    "in pictures:",
    "photo:",
    "image:",
    "video:",
    "watch:",
    "©",
];

/// Agencies and libraries that follow "Image copyright" / "Photo:" as the
/// credit (the ones seen in Multi-News validation, plus the big wires).
const CREDITS: &[&str] = &[
    "afp/getty images",
    "afp/getty",
    "getty images",
    "getty",
    "science photo library",
    "afp",
    "reuters",
    "ap",
    "epa",
    "pa",
    "bbc",
    "alamy",
    "thinkstock",
    "shutterstock",
];

/// Furniture that is itself a sentence ("Sign up for one of our email
/// newsletters. Attorneys for ..."): the prose starts after its first
/// sentence end.
const SENTENCE_PREFIXES: &[&str] = &[
    "sign up for ",
    "sign up to ",
    "subscribe to ",
    "click here",
    "follow us ",
    "this article was",
    "this story has been",
    "copyright ",
    "all rights reserved",
];

/// Bytes of furniture at the start of a trimmed line that goes on with
/// prose, or `None` when the line has no such prefix or is junk as a whole.
/// Matching is on ASCII lower case so that byte offsets stay the line's own.
pub fn junk_prefix(line: &str) -> Option<usize> {
    let lower = line.to_ascii_lowercase();
    let mut pos = 0;
    loop {
        let at = skip_separators(&lower, pos);
        let rest = &lower[at..];
        // A gallery caption is often two sentences and a credit ("17/30
        // Civilians arrive ... . The government has retaken ... Getty"), so
        // only a line far longer than a caption is a caption run into the
        // article (Multi-News: 78 to 273 words).
        // One that ends in a picture credit is a caption through to its end,
        // however long (the example's "20/30 Syrians celebrate ... . The
        // fall of Aleppo would be ... five major cities Getty", 63 words).
        let long_gallery = || {
            is_gallery_caption(rest)
                && rest.split_whitespace().count() > 60
                && !ends_with_credit(rest)
        };
        if SENTENCE_PREFIXES.iter().any(|p| rest.starts_with(p)) || long_gallery() {
            // "Copyright 2019 X, Inc. All rights reserved. The sheriff ...",
            // "1/47 20 February 2018 Sarah Clarke is introduced ... She is":
            // the furniture is the first sentence.
            pos = at + first_sentence_end(rest)?;
            continue;
        }
        let Some(phrase) = LEADING_PHRASES.iter().find(|p| starts_with_word(rest, p)) else {
            break;
        };
        let after = at + phrase.len();
        pos = match *phrase {
            "image copyright" | "photo:" | "image:" => skip_credit(&lower, after),
            // A bare © is kept as furniture unless a known credit follows:
            // "© News Group Newspapers Limited ... registered office" is a footer.
            "©" => {
                let credit = skip_credit(&lower, after);
                if credit == after {
                    return None;
                }
                credit
            }
            _ => after,
        };
    }
    let pos = skip_separators(&lower, pos);
    if pos == 0 {
        return None;
    }
    let rest = &line[pos..];
    (rest.split_whitespace().count() >= 8 && !is_junk(rest)).then_some(pos)
}

/// After "Image copyright": up to the "image caption" that usually follows
/// the credit, else past a known credit.
fn skip_credit(lower: &str, pos: usize) -> usize {
    let window_end = lower[pos..]
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(8)
        .map_or(lower.len(), |(i, _)| pos + i);
    if let Some(i) = lower[pos..window_end].find("image caption") {
        return pos + i;
    }
    let at = skip_separators(lower, pos);
    match CREDITS.iter().find(|c| starts_with_word(&lower[at..], c)) {
        Some(credit) => at + credit.len(),
        None => pos,
    }
}

fn skip_separators(lower: &str, pos: usize) -> usize {
    pos + lower[pos..]
        .find(|c: char| !(c.is_whitespace() || matches!(c, ':' | '-' | '|' | '—' | '–' | '.')))
        .unwrap_or(lower.len() - pos)
}

/// Bytes up to and including the first sentence end (`. ! ?` before a
/// space) of `text`, if it has one.
fn first_sentence_end(text: &str) -> Option<usize> {
    [". ", "! ", "? "]
        .iter()
        .filter_map(|t| text.find(t).map(|i| i + 1))
        .min()
}

/// `text` starts with `phrase` and the phrase ends at a word boundary.
fn starts_with_word(text: &str, phrase: &str) -> bool {
    text.starts_with(phrase)
        && (!phrase.ends_with(|c: char| c.is_alphanumeric())
            || text[phrase.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric()))
}

/// Whether a lower-cased line ends with a picture credit ("... cities
/// getty", "... afp/getty images") rather than sentence punctuation.
fn ends_with_credit(lower: &str) -> bool {
    let line = lower.trim_end();
    CREDITS.iter().any(|c| {
        line.strip_suffix(c)
            .is_some_and(|before| before.ends_with(|ch: char| ch.is_whitespace()))
    })
}

/// A wire photo caption set as a sentence: it ends with the place, the
/// weekday and the full date, as the AP writes them ("Russian President
/// Vladimir Putin speaks at a joint news conference ... in Moscow, Russia,
/// Tuesday, April 11, 2017."; Multi-News: "... in tovarnik, croatia,
/// thursday, sept. 17, 2015."). Prose puts "on" before the weekday and
/// rarely the year after it, so the whole pattern at the very end marks
/// a caption, which describes a picture the reader does not see.
pub fn is_photo_caption(sentence: &str) -> bool {
    let s = sentence.trim_end().trim_end_matches(['.', ' ']);
    let mut parts = s.rsplitn(4, ',').map(str::trim);
    let (Some(year), Some(day), Some(weekday), Some(_before)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    let mut md = day.split_whitespace();
    let month_ok = md.next().is_some_and(|m| {
        crate::analyze::MONTHS.contains(&m.trim_end_matches('.').to_lowercase().as_str())
    });
    let day_ok = md
        .next()
        .is_some_and(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
        && md.next().is_none();
    let weekday_ok = crate::analyze::WEEKDAYS.contains(&weekday.to_lowercase().as_str());
    year_ok && month_ok && day_ok && weekday_ok
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
    let html = &*cap_depth(html, MAX_HTML_DEPTH);
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

/// Deepest element nesting handed to the HTML parser. html5ever's scope
/// checks walk the stack of open elements and Readability measures every
/// node's subtree, so cost grows with size × depth: 10,000 nested `<div>`s
/// took 20 s and 100,000 over a minute (issue 11). Real news pages nest a few
/// dozen levels; 256 leaves them untouched.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements that never hold children, or whose end tag is implied by the
/// next sibling (`<p>`, `<li>`, `<td>` ...): not counted as nesting, so a page
/// of unclosed paragraphs is not mistaken for a deep one.
const UNCOUNTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc",
];

/// Elements whose content is raw text, skipped to their end tag so that a
/// `<` inside a script is not read as a tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Removes the tags of elements nested deeper than `cap`, keeping their
/// text, in one linear pass over the page; a page within the cap is returned
/// as it is. A lexical scan, not a parse: good enough to bound depth, and
/// it touches only pages no real site serves.
pub fn cap_depth(html: &str, cap: usize) -> std::borrow::Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let lt = i + off;
        if lower[lt..].starts_with("<!--") {
            i = lower[lt + 4..]
                .find("-->")
                .map_or(lower.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let Some(gt) = lower[lt..].find('>').map(|g| lt + g) else {
            break;
        };
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = lower[name_start..gt]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(gt - name_start);
        let name = &lower[name_start..name_start + name_len];
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        if !closing && RAW_TEXT_TAGS.contains(&name) {
            let end_tag = format!("</{name}");
            i = lower[gt..].find(&end_tag).map_or(lower.len(), |e| gt + e);
            continue;
        }
        i = gt + 1;
        if UNCOUNTED_TAGS.contains(&name) || lower[..gt].ends_with('/') {
            continue;
        }
        let too_deep = if closing {
            let d = depth;
            depth = depth.saturating_sub(1);
            d > cap
        } else {
            depth += 1;
            depth > cap
        };
        if too_deep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..lt]);
            out.push(' ');
            copied = gt + 1;
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            std::borrow::Cow::Owned(out)
        }
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
            20/30 Syrians celebrate in a government-held district of the northern city after the rebel fighters \
            retreated into a small pocket of their former bastion in the face of new army advances on Tuesday. \
            The fall of the city would be the worst defeat for the rebels since the conflict began six years ago, \
            and would leave the government in control of all of the five major cities Getty\n\n\
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

    /// Shapes of one-line Multi-News validation articles that used to be
    /// dropped whole (paraphrased; the real ones run for hundreds of words).
    #[test]
    fn junk_prefixes_are_cut_and_the_article_after_them_kept() {
        let cases = [
            (
                "Image copyright AFP image caption Soldiers guard the site where the bodies were found. Investigators are working to identify the 28 bodies found in the grave.",
                "Soldiers guard the site",
            ),
            (
                "Image copyright getty images image caption The pastor was moved to house arrest last month. The US has imposed sanctions on two ministers over his detention.",
                "The pastor was moved",
            ),
            (
                "Image caption The couple finally married on Friday after 65 years apart. A couple have finally married after they were forced to call off their wedding.",
                "The couple finally married",
            ),
            (
                "Advertisement continue reading the main story DENVER — The sheriff was the kind of lawman voters loved, and he served for decades.",
                "DENVER — The sheriff",
            ),
            (
                "Photo advertisement continue reading the main story WASHINGTON — The former contractor retained a lawyer on Monday, his advisers said.",
                "WASHINGTON — The former",
            ),
            (
                "Photo: getty On Wednesday, employees learned that the parent company was shutting the business down for good.",
                "On Wednesday, employees",
            ),
            (
                "Image copyright Reuters Some 56 people have now been released from the security service building, officials say.",
                "Some 56 people",
            ),
            (
                "Sign up for one of our email newsletters. Attorneys for a rare book dealer accused of selling stolen items asked for a delay.",
                "Attorneys for a rare",
            ),
            (
                "Media playback is unsupported on your device media caption Our reporter visits a kiosk in Paris as people queue to buy the latest issue of the weekly.",
                "Our reporter visits",
            ),
            (
                "1/47 20 February 2018 A new official is introduced to the house. She is the first woman to hold the post in its 650-year history. The role dates back to 1350, and its holder is responsible for access to the chamber and its ceremonies. She will take up the post later this year, after the current holder retires. Officials said her appointment had been agreed by the speaker and the palace in the spring.",
                "She is the first woman",
            ),
            (
                "Copyright 2019 Example Broadcasting, Inc. All rights reserved. The sheriff's office has received multiple reports about the suspect this week.",
                "The sheriff's office",
            ),
            (
                "Share this page... The sheriff's office in Colorado has received multiple reports indicating the suspect fled.",
                "The sheriff's office",
            ),
            (
                "Getty images share this: The singer has revealed she had surgery last year, she told a talk show on Monday.",
                "The singer has revealed",
            ),
            (
                "© AFP 'We owe it to our test pilots to find out exactly what went wrong,' the founder said at the air field.",
                "'We owe it",
            ),
        ];
        for (text, start) in cases {
            let doc = clean(&RawDocument::text("m.txt", text));
            let kept = kept(&doc);
            assert_eq!(kept.len(), 1, "{text}: {kept:?}");
            assert!(kept[0].starts_with(start), "{text}: kept {kept:?}");
            assert!(text.ends_with(kept[0]), "{text}: kept {kept:?}");
        }
    }

    #[test]
    fn furniture_alone_and_prose_that_merely_starts_alike_are_told_apart() {
        for junk in [
            "Image copyright AFP",
            "Image caption Troops at the site",
            "Advertisement continue reading the main story",
            "Sign up for our newsletter",
            "17/30 Civilians arrive at a checkpoint after leaving the eastern neighbourhoods. The government has retaken most of the east since beginning its operation Getty",
            "© News Group Newspapers Limited in England No. 679215. Registered office: 1 London Bridge Street, London, a long footer line.",
        ] {
            assert_eq!(junk_prefix(junk), None, "{junk}");
            assert!(is_junk(junk), "{junk}");
        }
        // "Photographers" is not "photo:"; "Advertisements" is not "advertisement".
        for prose in [
            "Photographers gathered outside the court on Monday as the verdict was read.",
            "Advertisements for the new service ran in six newspapers over the weekend.",
        ] {
            assert_eq!(junk_prefix(prose), None, "{prose}");
            assert!(!is_junk(prose), "{prose}");
        }
    }

    #[test]
    fn a_long_punctuated_line_in_capitals_is_kept() {
        let text = "THE PRESIDENT SAID ON MONDAY THAT HE WOULD VETO THE BILL IF IT REACHED HIS DESK THIS WEEK.";
        assert!(!is_junk(text));
        assert!(is_junk("WORLD NEWS"));
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
    fn a_100000_deep_page_is_flattened_and_its_text_kept() {
        let depth = 100_000;
        let html = format!(
            "<html><body>{}<p>The council voted on Monday to close the old bridge for repairs.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let capped = cap_depth(&html, MAX_HTML_DEPTH);
        assert!(capped.matches("<div>").count() <= MAX_HTML_DEPTH);
        let doc = clean(&RawDocument::html("deep.html", html.as_str()));
        assert!(
            kept(&doc)
                .join(" ")
                .contains("The council voted on Monday to close the old bridge"),
            "{:?}",
            kept(&doc)
        );
    }

    #[test]
    fn ordinary_pages_pass_the_depth_cap_untouched() {
        let html = "<html><head><script>if (a<b) { x = '<div>'; }</script></head><body><div><p>One<p>Two<br><img src=x /><!-- <div> --></div></body></html>";
        assert!(matches!(cap_depth(html, 3), std::borrow::Cow::Borrowed(_)));
        let deep = "<div><div><div><div>text</div></div></div></div>";
        assert_eq!(cap_depth(deep, 2), "<div><div>  text  </div></div>");
    }

    #[test]
    fn control_characters_become_spaces_of_the_same_length() {
        let text =
            "Bell\u{7} and escape\u{1b}[31m and C1\u{85} end.\r\nNext\rline\u{0}.".to_string();
        let out = blank_controls(text.clone());
        assert_eq!(out.len(), text.len());
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert_eq!(out, "Bell  and escape [31m and C1   end. \nNext\nline .");
        let doc = clean(&RawDocument::text("x\u{1b}.txt", text.as_str()));
        assert_eq!(doc.source, "x .txt");
    }

    #[test]
    fn wire_photo_captions_are_told_from_prose() {
        for caption in [
            "Russian President Vladimir Putin speaks at a joint news conference with Italian President Sergio Mattarella in the Kremlin in Moscow, Russia, Tuesday, April 11, 2017.",
            "People push through a police line in tovarnik, croatia, thursday, sept. 17, 2015.",
        ] {
            assert!(is_photo_caption(caption), "{caption}");
        }
        for prose in [
            "The talks were held in Moscow on Tuesday, April 11, 2017.",
            "Lavrov met Tillerson in Moscow, Russia, on Wednesday.",
            "Sales rose 5%, to $3 billion, in 2017.",
            "Tuesday, April 11, 2017.",
        ] {
            assert!(!is_photo_caption(prose), "{prose}");
        }
    }

    #[test]
    fn foreign_scripts_are_named_and_latin_text_is_not() {
        let cases = [
            (
                "中国国家主席周三在北京会见了来访的外国领导人，双方讨论了贸易问题。",
                "Chinese (Han script)",
            ),
            (
                "أعلنت الحكومة يوم الأربعاء عن خطة جديدة لدعم الاقتصاد الوطني.",
                "Arabic (Arabic script)",
            ),
            (
                "הממשלה הודיעה ביום רביעי על תוכנית חדשה לתמיכה בכלכלה.",
                "Hebrew (Hebrew script)",
            ),
            (
                "政府は水曜日に新しい経済対策を発表しました。",
                "Japanese (Kana and Han scripts)",
            ),
        ];
        for (text, name) in cases {
            let script = foreign_script(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(describe_script(script), name);
            let doc = clean(&RawDocument::text("f.txt", text));
            assert!(doc.blocks.is_empty());
            assert!(unsupported_reason(&doc).unwrap().contains(name));
            assert!(unsupported_reason(&doc)
                .unwrap()
                .contains("handles English"));
        }
        assert_eq!(
            foreign_script("Le président a parlé à Moscou mercredi, dit-il."),
            None
        );
        assert_eq!(
            foreign_script("The talks in 北京 ended on Monday with no deal."),
            None
        );
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
