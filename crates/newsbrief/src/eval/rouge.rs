//! ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum, identical to Google's `rouge-score` 0.1.2 as
//! `shared/tools/rouge_reference.py` configures it:
//! `RougeScorer([...], use_stemmer=True, split_summaries=True)`.
//!
//! Tokenization (lowercase, non-alphanumerics to spaces, NLTK Porter stemming of tokens longer
//! than 3 characters) and the metrics come from the `rougers` crate, which reproduces
//! `rouge-score` to the last digit. What `rougers` lacks is `split_summaries=True`: there,
//! `rougeLsum` cuts **both** texts into sentences with `nltk.sent_tokenize` (Punkt, English),
//! whatever newlines they contain; `rougers` only splits on newlines. Since the reference
//! script flattens every prediction to one line (`" ".join(pred.split()[:n])`), newline
//! splitting would make the prediction a single "sentence" and ROUGE-Lsum would collapse to
//! ROUGE-L. So this module splits sentences with [`super::punkt::sent_tokenize`] (a port of
//! NLTK's Punkt with the `punkt_tab/english` model) and hands `rougers` pre-tokenized
//! [`rougers::Document`]s. Newlines therefore do **not** mark sentences here (the Punkt word
//! tokenizer does treat a line break as a token boundary, as NLTK does).
//!
//! Parity is checked against `tests/fixtures/rouge_parity.jsonl`, produced by
//! `scripts/make_rouge_fixture.py` with `rouge-score` 0.1.2 and NLTK 3.10.

use rougers::{Document, RougeType, Tokenizer};
use serde::{Deserialize, Serialize};

use super::punkt;

/// Precision, recall and F1 of one ROUGE variant, as fractions in `[0, 1]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1, the harmonic mean.
    pub f1: f64,
}

impl From<rougers::Score> for Prf {
    fn from(s: rougers::Score) -> Prf {
        Prf {
            precision: s.precision,
            recall: s.recall,
            f1: s.fmeasure,
        }
    }
}

/// The four variants reported in summarization papers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RougeScores {
    /// ROUGE-1 (unigrams).
    pub rouge1: Prf,
    /// ROUGE-2 (bigrams).
    pub rouge2: Prf,
    /// ROUGE-L (longest common subsequence over the whole text).
    pub rouge_l: Prf,
    /// ROUGE-Lsum (LCS per sentence, summary-level).
    pub rouge_lsum: Prf,
}

/// A text tokenized for scoring: whole-text tokens for ROUGE-1/2/L, Punkt sentences for
/// ROUGE-Lsum. Prepare a reference once with [`RougeScorer::prepare`] to score many
/// candidates against it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokenized(Document);

/// A reusable scorer with stemming on (`use_stemmer=True`) and Punkt sentence splitting for
/// ROUGE-Lsum (`split_summaries=True`).
#[derive(Debug, Clone)]
pub struct RougeScorer {
    inner: rougers::RougeScorer,
    tokenizer: Tokenizer,
}

impl Default for RougeScorer {
    fn default() -> Self {
        Self::new()
    }
}

impl RougeScorer {
    /// A scorer with stemming and Punkt sentence splitting.
    pub fn new() -> Self {
        let types = vec![
            RougeType::N(1),
            RougeType::N(2),
            RougeType::L,
            RougeType::LSum,
        ];
        let tokenizer = Tokenizer::new(true);
        let inner = rougers::RougeScorer::with_tokenizer(types, tokenizer)
            .expect("rouge1, rouge2, rougeL and rougeLsum are valid ROUGE types");
        RougeScorer { inner, tokenizer }
    }

    /// Tokenize `text` once: tokens of the whole text, and tokens of each Punkt sentence.
    pub fn prepare(&self, text: &str) -> Tokenized {
        Tokenized(Document {
            tokens: self.tokenizer.tokenize(text),
            sentences: punkt::sent_tokenize(text)
                .iter()
                .map(|s| self.tokenizer.tokenize(s))
                .collect(),
        })
    }

    /// Score a prepared candidate against a prepared reference.
    pub fn score_prepared(&self, reference: &Tokenized, candidate: &Tokenized) -> RougeScores {
        let s = self.inner.score_documents(&reference.0, &candidate.0);
        let get = |t| s.get(t).map(Prf::from).unwrap_or_default();
        RougeScores {
            rouge1: get(RougeType::N(1)),
            rouge2: get(RougeType::N(2)),
            rouge_l: get(RougeType::L),
            rouge_lsum: get(RougeType::LSum),
        }
    }

    /// Score one candidate against one reference (`rouge_scorer.score(reference, candidate)`).
    /// ROUGE-Lsum sentences are found by Punkt, not by newlines (see the module docs).
    pub fn score(&self, reference: &str, candidate: &str) -> RougeScores {
        self.score_prepared(&self.prepare(reference), &self.prepare(candidate))
    }

    /// Several references: each metric's precision, recall and F1 are averaged over the
    /// references (ROUGE-1.5.5 `-f A`, and `rouge_reference.py`). No reference gives zeros.
    /// Note: `rougers::RougeScorer::score_multi` instead keeps the best reference per metric.
    pub fn score_multi(&self, references: &[String], candidate: &str) -> RougeScores {
        let refs: Vec<Tokenized> = references.iter().map(|r| self.prepare(r)).collect();
        self.score_multi_prepared(&refs, &self.prepare(candidate))
    }

    /// [`Self::score_multi`] with prepared texts.
    pub fn score_multi_prepared(
        &self,
        references: &[Tokenized],
        candidate: &Tokenized,
    ) -> RougeScores {
        if references.is_empty() {
            return RougeScores::default();
        }
        let k = references.len() as f64;
        let mut acc = RougeScores::default();
        for r in references {
            let s = self.score_prepared(r, candidate);
            for (a, b) in acc.fields_mut().into_iter().zip(s.fields()) {
                a.precision += b.precision / k;
                a.recall += b.recall / k;
                a.f1 += b.f1 / k;
            }
        }
        acc
    }
}

impl RougeScores {
    /// `[rouge1, rouge2, rouge_l, rouge_lsum]`.
    pub fn fields(&self) -> [Prf; 4] {
        [self.rouge1, self.rouge2, self.rouge_l, self.rouge_lsum]
    }

    fn fields_mut(&mut self) -> [&mut Prf; 4] {
        [
            &mut self.rouge1,
            &mut self.rouge2,
            &mut self.rouge_l,
            &mut self.rouge_lsum,
        ]
    }
}

/// The first `n` whitespace-separated words of `text`, joined by single spaces.
///
/// This is the reference script's `" ".join(pred.split()[:n])` exactly (Python's `split()`
/// splits on Unicode whitespace, as `char::is_whitespace` does, plus U+001C..U+001F), so
/// newlines are lost. That is harmless for scoring here because ROUGE-Lsum sentences come from
/// Punkt, not from newlines, but it means the result should be used for scoring, not display.
pub fn truncate_words(text: &str, n: usize) -> String {
    text.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Case {
        id: String,
        reference: String,
        candidate: String,
        expected: Expected,
    }

    #[derive(Deserialize)]
    struct Expected {
        rouge1: [f64; 3],
        rouge2: [f64; 3],
        #[serde(rename = "rougeL")]
        rouge_l: [f64; 3],
        #[serde(rename = "rougeLsum")]
        rouge_lsum: [f64; 3],
    }

    const FIXTURE: &str = include_str!("../../tests/fixtures/rouge_parity.jsonl");

    #[test]
    fn agrees_with_rouge_score_on_fixture() {
        let scorer = RougeScorer::new();
        let mut n = 0;
        let mut worst = (0.0f64, String::new());
        for line in FIXTURE.lines().filter(|l| !l.trim().is_empty()) {
            let case: Case = serde_json::from_str(line).expect("fixture line parses");
            let got = scorer.score(&case.reference, &case.candidate);
            let e = &case.expected;
            for (name, want, have) in [
                ("rouge1", e.rouge1, got.rouge1),
                ("rouge2", e.rouge2, got.rouge2),
                ("rougeL", e.rouge_l, got.rouge_l),
                ("rougeLsum", e.rouge_lsum, got.rouge_lsum),
            ] {
                for (part, w, h) in [
                    ("precision", want[0], have.precision),
                    ("recall", want[1], have.recall),
                    ("f1", want[2], have.f1),
                ] {
                    let d = (w - h).abs();
                    if d > worst.0 {
                        worst = (d, format!("{} {name} {part}", case.id));
                    }
                    assert!(
                        d <= 1e-4,
                        "{}: {name} {part}: rouge-score {w}, ours {h}",
                        case.id
                    );
                }
            }
            n += 1;
        }
        assert!(n >= 30, "fixture has only {n} pairs");
        eprintln!("{n} pairs, max |deviation| {:e} ({})", worst.0, worst.1);
    }

    #[test]
    fn text_against_itself_scores_one() {
        let scorer = RougeScorer::new();
        let text = "The storm hit the coast on Monday. Thousands of people were evacuated.";
        for prf in scorer.score(text, text).fields() {
            assert_eq!(
                prf,
                Prf {
                    precision: 1.0,
                    recall: 1.0,
                    f1: 1.0
                }
            );
        }
    }

    #[test]
    fn empty_candidate_scores_zero() {
        let scorer = RougeScorer::new();
        assert_eq!(
            scorer.score("Some reference text.", ""),
            RougeScores::default()
        );
        assert_eq!(scorer.score("", "Some candidate."), RougeScores::default());
        assert_eq!(scorer.score("", ""), RougeScores::default());
        assert_eq!(
            scorer.score("Some reference.", " ... !!"),
            RougeScores::default()
        );
        assert_eq!(scorer.score_multi(&[], "anything"), RougeScores::default());
    }

    #[test]
    fn score_multi_averages_over_references() {
        let scorer = RougeScorer::new();
        let refs = vec![
            "The cat sat on the mat.".to_owned(),
            "A dog barked at the mailman. It was loud.".to_owned(),
            "Cats like mats.".to_owned(),
        ];
        let cand = "The cat sat on a mat. The dog barked.";
        let multi = scorer.score_multi(&refs, cand);
        let singles: Vec<RougeScores> = refs.iter().map(|r| scorer.score(r, cand)).collect();
        for i in 0..4 {
            let mean =
                |f: fn(&Prf) -> f64| singles.iter().map(|s| f(&s.fields()[i])).sum::<f64>() / 3.0;
            let m = multi.fields()[i];
            assert!((m.precision - mean(|p| p.precision)).abs() < 1e-12);
            assert!((m.recall - mean(|p| p.recall)).abs() < 1e-12);
            assert!((m.f1 - mean(|p| p.f1)).abs() < 1e-12);
        }
        // One reference: the same as score().
        assert_eq!(scorer.score_multi(&refs[..1], cand), singles[0]);
    }

    #[test]
    fn lsum_uses_sentences_not_lines() {
        let scorer = RougeScorer::new();
        // Same words, sentence order swapped: Lsum sees two sentences either way.
        let a = scorer.score(
            "Alpha beta gamma. Delta epsilon zeta.",
            "Delta epsilon zeta. Alpha beta gamma.",
        );
        assert_eq!(a.rouge_lsum.f1, 1.0);
        assert!(a.rouge_l.f1 < 1.0);
    }

    #[test]
    fn truncate_words_matches_python_split_join() {
        assert_eq!(truncate_words("  a b\n\nc\td  e ", 3), "a b c");
        assert_eq!(truncate_words("a b", 10), "a b");
        assert_eq!(truncate_words("", 5), "");
        assert_eq!(truncate_words("a b", 0), "");
        assert_eq!(truncate_words("x\u{a0}y\u{2003}z", 2), "x y");
    }
}
