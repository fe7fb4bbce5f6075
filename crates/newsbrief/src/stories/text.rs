//! The one door from story clustering to the library's text analysis.
//!
//! Takes an [`Article`] and hands on [`Features`]: the stemmed, stop-word-free
//! terms of its title and of its body, and the names it mentions. Everything
//! it needs from the rest of the library (HTML cleaning, word spans, the
//! stemmer and stop words) is called here
//! and only here, so that when those modules move, this file is the only one
//! to re-point.
//!
//! Names: the brief's entity recogniser (`brief/entities.rs`) reads a whole
//! prepared cluster (segmented sentences, an `Analysis`, votes across
//! articles) and is too costly to run per article of a stream. A stream
//! article needs only a bag of names to compare with a story's, so a name
//! here is a run of capitalised words that are not stop words, the first
//! word of a sentence excepted ("Despite ...") unless the run goes on
//! ("Tehran Times"); each run counts whole and by its last word, so
//! "Sergei Lavrov" and a later bare "Lavrov" meet. All-lower-case text (the
//! Multi-News copy) yields few names and leans on the TF-IDF terms instead.

use crate::analyze::{is_stop_word, word_spans, Analyzer};
use crate::clean;
use crate::ingest::RawDocument;

use super::article::Article;

/// What the clusterer reads of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Features {
    /// Stems of the title's words, stop words and one-character words dropped.
    pub title: Vec<String>,
    /// Stems of the body's words, likewise, one list per sentence-like piece
    /// (split at line breaks and at `.`/`!`/`?` before a space: only the
    /// boilerplate filter reads the pieces, so consistency matters, not linguistics).
    pub body: Vec<Vec<String>>,
    /// Lower-cased names (whole runs and their last words), title and body.
    pub names: Vec<String>,
    /// Numbers of title and body as written ("8.2", "1200" for "1,200",
    /// "2008"), one-digit ones left out: an event's specifics (see
    /// `Params::specifics_penalty`).
    pub numbers: Vec<String>,
}

/// Reads articles into [`Features`]; holds the stemmer, so make one per clusterer.
pub(crate) struct TextAnalyzer {
    analyzer: Analyzer,
}

impl TextAnalyzer {
    pub fn new() -> Self {
        TextAnalyzer {
            analyzer: Analyzer::new(),
        }
    }

    pub fn features(&self, article: &Article) -> Features {
        fn nonempty(s: &Option<String>) -> Option<&str> {
            s.as_deref().filter(|s| !s.trim().is_empty())
        }
        let body = match (nonempty(&article.text), nonempty(&article.html)) {
            (Some(text), _) => text.to_string(),
            // Readability's main text; the rest of the page (menus, related links) would
            // pull unrelated stories together.
            (None, Some(html)) => clean::clean(&RawDocument::html("", html)).text,
            (None, None) => String::new(),
        };
        let title = nonempty(&article.title).unwrap_or("");
        let mut names = Vec::new();
        // A Title Case headline capitalises every word: its capitals say nothing.
        if !is_title_case(title) {
            collect_names(title, &mut names);
        }
        collect_names(&body, &mut names);
        let mut numbers = Vec::new();
        collect_numbers(title, &mut numbers);
        collect_numbers(&body, &mut numbers);
        Features {
            title: self.terms(title),
            body: pieces(&body)
                .map(|p| self.terms(p))
                .filter(|t| !t.is_empty())
                .collect(),
            names,
            numbers,
        }
    }

    fn terms(&self, text: &str) -> Vec<String> {
        word_spans(text)
            .filter_map(|span| {
                let lower = text[span].to_lowercase();
                if lower.chars().count() < 2 || self.analyzer.is_stop_word(&lower) {
                    None
                } else {
                    Some(self.analyzer.stem(&lower).into_owned())
                }
            })
            .collect()
    }
}

fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        for i in 0..bytes.len() {
            let stop = bytes[i] == b'\n'
                || (matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' '));
            if stop {
                end = i + 1;
                break;
            }
        }
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Whether most words of four or more letters are capitalised ("Fed Official
/// Says Weak Data Caused By Weather", the UCI headlines' style).
fn is_title_case(text: &str) -> bool {
    let (mut long, mut capital) = (0, 0);
    for span in word_spans(text) {
        let w = &text[span];
        if w.chars().count() >= 4 {
            long += 1;
            capital += usize::from(is_capitalized(w));
        }
    }
    long >= 2 && capital * 10 >= long * 7
}

/// Pushes the names of `text` (see the module comment) onto `out`.
fn collect_names(text: &str, out: &mut Vec<String>) {
    let mut run: Vec<String> = Vec::new();
    let mut run_starts_sentence = false;
    let mut prev_end = 0;
    let flush = |run: &mut Vec<String>, starts_sentence: bool, out: &mut Vec<String>| {
        if run.is_empty() || (starts_sentence && run.len() == 1) {
            run.clear();
            return;
        }
        if run.len() > 1 {
            out.push(run.join(" "));
        }
        out.push(run.pop().unwrap_or_default());
        run.clear();
    };
    for span in word_spans(text) {
        let gap = &text[prev_end..span.start];
        let word = &text[span.clone()];
        prev_end = span.end;
        // Punctuation other than an apostrophe, a hyphen or a dot in an
        // initial ("L. A.") ends a run; a sentence end also marks the next word.
        let sentence_start = span.start == 0
            || gap.contains(['.', '!', '?', '\n', ':', '"', '“'])
                && !is_initial_gap(text, span.start);
        let breaks = gap
            .chars()
            .any(|c| !(c.is_whitespace() || c == '\'' || c == '-' || c == '.'))
            || sentence_start;
        if breaks {
            flush(&mut run, run_starts_sentence, out);
        }
        let lower = word.to_lowercase();
        let capital = is_capitalized(word) && !is_stop_word(&lower) && lower.chars().count() > 1;
        if capital {
            if run.is_empty() {
                run_starts_sentence = sentence_start;
            }
            run.push(lower);
        } else {
            flush(&mut run, run_starts_sentence, out);
        }
    }
    flush(&mut run, run_starts_sentence, out);
}

/// Pushes the numbers of `text` onto `out`: runs of digits, with `.` or `,`
/// between digits kept inside ("8.2", "1,200"; commas dropped), two
/// characters or more ("6.1", "45", "2008"; not "3").
fn collect_numbers(text: &str, out: &mut Vec<String>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if i > 0 && bytes[i - 1].is_ascii_alphabetic() {
            // Part of a word ("A380", "G8").
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let mut n = String::new();
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_digit() {
                n.push(b as char);
            } else if (b == b'.' || b == b',')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && !n.is_empty()
            {
                if b == b'.' {
                    n.push('.');
                }
            } else {
                break;
            }
            i += 1;
        }
        if n.len() >= 2 {
            out.push(n);
        }
    }
}

/// Whether the dot before `at` ends a one-letter initial ("J. Smith", "L. A."), not a sentence.
fn is_initial_gap(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let Some(rest) = before.strip_suffix('.') else {
        return false;
    };
    let mut chars = rest.chars().rev();
    matches!((chars.next(), chars.next()), (Some(c), prev) if c.is_uppercase() && prev.is_none_or(|p| !p.is_alphanumeric()))
}

/// The brief's own test (`entities::is_capitalized`, which also reads "al-Assad")
/// is private to `brief`; a word's first letter is enough for a bag of names.
fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        collect_names(text, &mut out);
        out
    }

    #[test]
    fn names_are_capitalised_runs_and_their_last_words() {
        assert_eq!(
            names("Yesterday, Sergei Lavrov met Rex Tillerson in Moscow."),
            [
                "sergei lavrov",
                "lavrov",
                "rex tillerson",
                "tillerson",
                "moscow"
            ]
        );
    }

    #[test]
    fn a_lone_capitalised_word_opening_a_sentence_is_not_a_name() {
        assert_eq!(
            names("Despite the rain, crowds came. Police said so."),
            Vec::<String>::new()
        );
        // A run that opens a sentence still counts.
        assert_eq!(
            names("Hawaiian Gardens was quiet."),
            ["hawaiian gardens", "gardens"]
        );
    }

    #[test]
    fn title_case_headlines_give_no_names() {
        assert!(is_title_case(
            "Fed Official Says Weak Data Caused By Weather"
        ));
        assert!(!is_title_case(
            "Fed official says weak data caused by weather"
        ));
        let t = TextAnalyzer::new();
        let f = t.features(&Article::new(
            "1",
            Some("Fed Official Says Weak Data Caused By Weather"),
            "",
        ));
        assert!(f.names.is_empty(), "{:?}", f.names);
        let f = t.features(&Article::new(
            "1",
            Some("Weak data should not slow taper, says Plosser of the Fed"),
            "",
        ));
        assert_eq!(f.names, ["plosser", "fed"]);
    }

    #[test]
    fn numbers_keep_their_decimals_and_drop_single_digits() {
        let mut out = Vec::new();
        collect_numbers(
            "A 6.1 quake killed 1,200 in 2008; 3 towns, A380 and G8 aside, 45%.",
            &mut out,
        );
        assert_eq!(out, ["6.1", "1200", "2008", "45"]);
    }

    #[test]
    fn bodies_come_in_pieces() {
        let p: Vec<&str> = pieces("One two. Three\nFour? U.S. five").collect();
        assert_eq!(p, ["One two.", " Three\n", "Four?", " U.S.", " five"]);
    }

    #[test]
    fn html_bodies_are_cleaned_and_titles_read() {
        let t = TextAnalyzer::new();
        let article = Article {
            id: "1".into(),
            title: Some("Quake strikes Chile".into()),
            html: Some("<html><body><article><p>A strong earthquake struck central Chile on Tuesday, \
                officials said, and buildings shook in Santiago for a minute.</p></article></body></html>".into()),
            ..Article::default()
        };
        let f = t.features(&article);
        assert_eq!(f.title, ["quak", "strike", "chile"]);
        let body: Vec<&str> = f.body.iter().flatten().map(String::as_str).collect();
        assert!(body.contains(&"earthquak"), "{body:?}");
        assert!(
            !body.iter().any(|w| w.contains('<') || *w == "html"),
            "{body:?}"
        );
        assert!(f.names.contains(&"santiago".to_string()), "{:?}", f.names);
    }
}
