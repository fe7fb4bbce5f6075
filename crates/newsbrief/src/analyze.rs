//! Analyze: the one pass of text analysis every method shares.
//!
//! Takes the cleaned [`Document`]s and their sentence spans from segment, and
//! hands on an [`Analysis`]: per sentence its tokens (byte span, lower-cased
//! and Snowball-stemmed term id, stop-word flag), and per term how many
//! sentences and how many articles carry it. Doing this once per cluster is
//! what keeps methods comparable: no summarizer can skip stemming or stop
//! words, or count document frequency its own way.
//!
//! Tokens are maximal runs of letters and digits, so "U.S." gives "u" "s",
//! "Russia's" gives "russia" "s" and "al-Assad" gives "al" "assad", the same
//! separators ROUGE uses; the stray single letters are stop words in NLTK's
//! list. Stop words are NLTK's English list (179 words, what sumy and most of
//! the literature use); the ISO list of `stop-words`' default feature holds
//! 1,298 words, including "state", "new" and "world", too many for news.

use std::collections::HashMap;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use crate::clean::Document;

/// Index of a term in [`Vocabulary`].
pub type TermId = u32;

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the document's text.
    pub span: Range<usize>,
    /// The stemmed, lower-cased term.
    pub term: TermId,
    /// Whether the word is an English stop word.
    pub stop: bool,
}

/// A sentence, identified by its position: `doc` and `index` within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Its document, 0-based.
    pub doc: usize,
    /// Position within its document, counting from 0.
    pub index: usize,
    /// Byte span in the document's text.
    pub span: Range<usize>,
    /// Range into [`Analysis::tokens`].
    pub tokens: Range<usize>,
    /// Whitespace-separated words, the unit of budgets and of ROUGE truncation.
    pub words: usize,
}

/// Terms seen in a cluster, with their stems.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    terms: Vec<String>,
    index: HashMap<String, TermId>,
}

impl Vocabulary {
    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no term has been seen.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The stem of a term id.
    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize]
    }

    /// The id of a stem, if the cluster has it.
    pub fn id(&self, stem: &str) -> Option<TermId> {
        self.index.get(stem).copied()
    }

    fn intern(&mut self, stem: String) -> TermId {
        if let Some(&id) = self.index.get(&stem) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(stem.clone());
        self.index.insert(stem, id);
        id
    }
}

/// The analysed cluster.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Every sentence of the cluster, document by document.
    pub sentences: Vec<Sentence>,
    /// Every token, sentence by sentence (see [`Analysis::tokens_of`]).
    pub tokens: Vec<Token>,
    /// The terms of the cluster.
    pub vocab: Vocabulary,
    /// Per term: how many articles contain it.
    pub doc_freq: Vec<u32>,
    /// Per term: how many sentences contain it.
    pub sent_freq: Vec<u32>,
    /// Per document: its range in `sentences`.
    pub doc_sentences: Vec<Range<usize>>,
}

/// NLTK's English stop words, built once for the process.
fn stop_words() -> &'static std::collections::HashSet<&'static str> {
    static STOP: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    STOP.get_or_init(|| stop_words::get("en").iter().copied().collect())
}

/// Whether `lower` is one of NLTK's English stop words, for stages that
/// read words outside an [`Analyzer`] (the brief).
pub fn is_stop_word(lower: &str) -> bool {
    stop_words().contains(lower)
}

/// The English Snowball stemmer, built once for the process: the analysis
/// and the brief stem with the same one.
pub(crate) fn stemmer() -> &'static Stemmer {
    static STEMMER: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Month names and their abbreviations, lowercase. A number beside one is a
/// date, not a quantity; a capitalized one is not a name.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Days of the week, lowercase.
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `word` is a capitalized calendar word ("Monday", "March",
/// "Sept"): never a name.
pub(crate) fn is_calendar_name(word: &str) -> bool {
    let mut chars = word.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    capitalized && {
        let lower = word.to_lowercase();
        MONTHS.contains(&lower.as_str()) || WEEKDAYS.contains(&lower.as_str())
    }
}

/// Lower-cases, stems and flags stop words; reusable across clusters and
/// cheap to clone (the stemmer and stop words are shared).
#[derive(Clone)]
pub struct Analyzer {
    stemmer: &'static Stemmer,
    stop: &'static std::collections::HashSet<&'static str>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// An analyzer with the English stemmer and stop words.
    pub fn new() -> Self {
        Analyzer {
            stemmer: stemmer(),
            stop: stop_words(),
        }
    }

    /// Whether a lowercased word is a stop word.
    pub fn is_stop_word(&self, lower: &str) -> bool {
        self.stop.contains(lower)
    }

    /// The stem of a lowercased word.
    pub fn stem<'a>(&self, lower: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(lower)
    }

    /// Analyses a cluster. `spans[d]` are document `d`'s sentence spans.
    pub fn analyze(&self, docs: &[Document], spans: &[Vec<Range<usize>>]) -> Analysis {
        let mut vocab = Vocabulary::default();
        // Surface form -> (term, stop): stemming is the costliest step, and a
        // cluster repeats its words many times over.
        let mut seen: HashMap<String, (TermId, bool)> = HashMap::new();
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        let mut doc_sentences = Vec::with_capacity(docs.len());
        let mut lower = String::new();
        for (d, (doc, doc_spans)) in docs.iter().zip(spans).enumerate() {
            let first = sentences.len();
            for span in doc_spans {
                let text = &doc.text[span.clone()];
                let start = tokens.len();
                for word in word_spans(text) {
                    lower.clear();
                    lower.extend(text[word.clone()].chars().flat_map(char::to_lowercase));
                    let (term, stop) = match seen.get(lower.as_str()) {
                        Some(&hit) => hit,
                        None => {
                            let stop = self.stop.contains(lower.as_str());
                            let term = vocab.intern(self.stemmer.stem(&lower).into_owned());
                            seen.insert(lower.clone(), (term, stop));
                            (term, stop)
                        }
                    };
                    tokens.push(Token {
                        span: span.start + word.start..span.start + word.end,
                        term,
                        stop,
                    });
                }
                if tokens.len() == start {
                    continue; // punctuation only: not a sentence anyone reads
                }
                sentences.push(Sentence {
                    doc: d,
                    index: sentences.len() - first,
                    span: span.clone(),
                    tokens: start..tokens.len(),
                    words: text.split_whitespace().count(),
                });
            }
            doc_sentences.push(first..sentences.len());
        }
        let mut doc_freq = vec![0u32; vocab.len()];
        let mut sent_freq = vec![0u32; vocab.len()];
        let mut last_doc = vec![usize::MAX; vocab.len()];
        let mut last_sent = vec![usize::MAX; vocab.len()];
        for (i, s) in sentences.iter().enumerate() {
            for t in &tokens[s.tokens.clone()] {
                let k = t.term as usize;
                if last_sent[k] != i {
                    last_sent[k] = i;
                    sent_freq[k] += 1;
                }
                if last_doc[k] != s.doc {
                    last_doc[k] = s.doc;
                    doc_freq[k] += 1;
                }
            }
        }
        Analysis {
            sentences,
            tokens,
            vocab,
            doc_freq,
            sent_freq,
            doc_sentences,
        }
    }
}

/// Byte ranges of the words of `text`: maximal runs of alphanumerics.
pub fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// Words that, opening a sentence, point back to something the sentence
/// does not hold: a pronoun ("He said ...") or a connective ("But ...").
/// Out of its article such a sentence dangles; the list is the one the
/// summaries are measured against (issue 14), and both selection and
/// `newsbrief eval`'s `dangling` column read it from here.
pub const DANGLING_OPENERS: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "his",
    "her",
    "their",
    "this",
    "that",
    "these",
    "those",
    "but",
    "however",
    "and",
    "also",
    "meanwhile",
    "still",
    "yet",
    "so",
];

/// The dangling opener `sentence` starts with, if any: its first word after
/// any opening quote or bracket, compared without case. "It's" opens with
/// "It"; a compound ("So-called", "Yet-to-be") and a longer word ("Theresa",
/// "Sony") do not match.
pub fn dangling_opener(sentence: &str) -> Option<&'static str> {
    let first = sentence
        .split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty())?;
    let end = first
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(first.len());
    let (word, rest) = first.split_at(end);
    if rest.starts_with('-') {
        return None;
    }
    DANGLING_OPENERS
        .iter()
        .copied()
        .find(|o| o.eq_ignore_ascii_case(word))
}

impl Analysis {
    /// The tokens of one sentence.
    pub fn tokens_of(&self, sentence: usize) -> &[Token] {
        &self.tokens[self.sentences[sentence].tokens.clone()]
    }

    /// The sentence's text, sliced from its document by its span.
    pub fn text<'a>(&self, docs: &'a [Document], sentence: usize) -> &'a str {
        let s = &self.sentences[sentence];
        &docs[s.doc].text[s.span.clone()]
    }

    /// Inverse sentence frequency with each sentence taken as a document, as
    /// LexRank does (Erkan & Radev 2004), smoothed as `ln((1+N)/(1+sf)) + 1`
    /// (scikit-learn's `smooth_idf`): the plain `ln(N/sf)` is zero for every
    /// term of a one-sentence article, which would leave it no vector at all.
    pub fn idf_sentences(&self) -> Vec<f64> {
        let n = self.sentences.len() as f64;
        self.sent_freq
            .iter()
            .map(|&sf| ((1.0 + n) / (1.0 + sf as f64)).ln() + 1.0)
            .collect()
    }

    /// Number of sentences in a document.
    pub fn doc_len(&self, doc: usize) -> usize {
        self.doc_sentences[doc].len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            source: "t".into(),
            title: None,
            text: text.into(),
            blocks: std::iter::once(0..text.len()).collect(),
        }
    }

    #[test]
    fn tokens_slice_back_stem_and_flag_stop_words() {
        let d = doc("Russia's talks were running. The U.S. votes");
        let spans = vec![vec![0..28, 29..d.text.len()]];
        let a = Analyzer::new().analyze(std::slice::from_ref(&d), &spans);
        let words: Vec<_> = a.tokens.iter().map(|t| &d.text[t.span.clone()]).collect();
        assert_eq!(
            words,
            ["Russia", "s", "talks", "were", "running", "The", "U", "S", "votes"]
        );
        let stems: Vec<_> = a.tokens.iter().map(|t| a.vocab.term(t.term)).collect();
        assert_eq!(stems[2], "talk");
        assert_eq!(stems[4], "run");
        assert!(a.tokens[3].stop && a.tokens[5].stop && !a.tokens[0].stop);
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.sentences[1].index, 1);
        assert_eq!(a.sentences[0].words, 4);
    }

    #[test]
    fn frequencies_count_sentences_and_documents_once() {
        let d1 = doc("Talks talks. Talks.");
        let d2 = doc("More talks.");
        let spans = vec![vec![0..12, 13..19], vec![0..11]];
        let a = Analyzer::new().analyze(&[d1, d2], &spans);
        let talk = a.vocab.id("talk").unwrap() as usize;
        assert_eq!(a.sent_freq[talk], 3);
        assert_eq!(a.doc_freq[talk], 2);
        assert_eq!(a.doc_sentences, vec![0..2, 2..3]);
    }

    #[test]
    fn dangling_openers_are_the_first_word_only() {
        for (s, want) in [
            ("He said he believed it.", Some("he")),
            (
                "\u{201c}But the talks failed,\u{201d} she said.",
                Some("but"),
            ),
            ("It's over now.", Some("it")),
            ("  (However, nothing changed.)", Some("however")),
            ("so far nothing has changed.", Some("so")),
            ("So-called rebels took the town.", None),
            ("Theresa May spoke on Monday.", None),
            ("Hezbollah denied it.", None),
            ("The talks failed. But not today.", None),
            ("", None),
        ] {
            assert_eq!(dangling_opener(s), want, "{s:?}");
        }
    }

    #[test]
    fn punctuation_only_spans_are_not_sentences() {
        let d = doc("... -- Real sentence here.");
        let a = Analyzer::new().analyze(std::slice::from_ref(&d), &[vec![0..6, 7..d.text.len()]]);
        assert_eq!(a.sentences.len(), 1);
        assert_eq!(a.sentences[0].index, 0);
    }
}
