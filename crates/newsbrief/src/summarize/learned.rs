//! A learned sentence scorer: a linear model over features of the shared
//! analysis, trained on Multi-News (`newsbrief train`, which fits ridge
//! regression with `smartcore`), with the shared redundancy-aware selection.
//!
//! Takes the [`Context`]; hands on one score per sentence. The features
//! ([`FEATURES`]) are what the supervised extractive literature keeps
//! finding useful (Kupiec et al. 1995; Hong & Nenkova 2014): position in
//! the article, length, LexRank centrality, similarity to the centroid, how
//! many articles share the sentence's words and bigrams, how many other
//! articles carry a near-duplicate, quotes, numbers and capitalized-name
//! density. The training label of a sentence (computed by `newsbrief train`)
//! is the mean of its ROUGE-1 and ROUGE-2 precision against the human
//! summary. It helps on
//! Multi-News, the corpus it learns from, and does not transfer to DUC 2004
//! (R-2 recall 6.65, BENCHMARKS.md: ten long wire articles per cluster, where quotes and
//! shared vocabulary mean something else), so it is not the default. The
//! weights ship in
//! `data/learned.json` (a few hundred bytes), made by
//! `newsbrief train ../shared/data/multinews_train10k.jsonl.gz --out crates/newsbrief/data/learned.json`;
//! features are standardised with the training means and deviations kept
//! in the same file.

use std::sync::OnceLock;

use super::{Context, LexRank, Summarizer};

/// Feature names, in the order of [`features`]' columns.
pub const FEATURES: &[&str] = &[
    "relative_position",
    "first_sentence",
    "log_words",
    "lexrank",
    "centroid_cosine",
    "term_article_share",
    "bigram_article_share",
    "carried_by_share",
    "has_quote",
    "has_number",
    "capitalized_share",
    "log_article_sentences",
];

/// A trained linear scorer.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LinearModel {
    /// Feature names, in column order ([`FEATURES`]).
    pub features: Vec<String>,
    /// Training means, for standardising.
    pub mean: Vec<f64>,
    /// Training standard deviations.
    pub std: Vec<f64>,
    /// One weight per standardised feature.
    pub weights: Vec<f64>,
    /// The intercept.
    pub intercept: f64,
    /// How the file was made (data, examples, command).
    #[serde(default)]
    pub trained_on: String,
}

impl LinearModel {
    /// The model shipped with the library.
    pub fn shipped() -> &'static LinearModel {
        static M: OnceLock<LinearModel> = OnceLock::new();
        M.get_or_init(|| {
            serde_json::from_str(include_str!("../../data/learned.json"))
                .expect("data/learned.json is written by `newsbrief train` and checked by a test")
        })
    }

    /// The predicted score of one row of features.
    pub fn predict(&self, x: &[f64]) -> f64 {
        self.intercept
            + x.iter()
                .zip(&self.mean)
                .zip(&self.std)
                .zip(&self.weights)
                .map(|(((v, m), s), w)| w * (v - m) / s.max(1e-12))
                .sum::<f64>()
    }
}

/// The learned scorer; its weights ship with the library.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Learned;

impl Learned {
    /// It has no parameters; the one value, for [`Method::ALL`](crate::Method::ALL).
    pub const DEFAULT: Learned = Learned;
}

impl Summarizer for Learned {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        let model = LinearModel::shipped();
        features(ctx).iter().map(|x| model.predict(x)).collect()
    }
}

/// One row of [`FEATURES`] per sentence.
pub fn features(ctx: &Context) -> Vec<Vec<f64>> {
    let a = ctx.analysis;
    let n = ctx.len();
    let n_docs = a
        .doc_sentences
        .iter()
        .filter(|r| !r.is_empty())
        .count()
        .max(1) as f64;
    let sims = ctx.rep.neighbours();
    let lexrank = LexRank::default().score(ctx);
    let bigrams = crate::represent::bigrams(a);
    (0..n)
        .map(|i| {
            let s = &a.sentences[i];
            let doc_len = a.doc_len(s.doc).max(1) as f64;
            let toks = a.tokens_of(i);
            let content: Vec<_> = toks.iter().filter(|t| !t.stop).collect();
            let term_share = if content.is_empty() {
                0.0
            } else {
                content
                    .iter()
                    .map(|t| a.doc_freq[t.term as usize] as f64 / n_docs)
                    .sum::<f64>()
                    / content.len() as f64
            };
            let mine = &bigrams.of_sentence[i];
            let bigram_share = if mine.is_empty() {
                0.0
            } else {
                mine.iter()
                    .map(|&b| bigrams.articles[b] as f64 / n_docs)
                    .sum::<f64>()
                    / mine.len() as f64
            };
            let mut carriers: Vec<usize> = sims[i]
                .iter()
                .filter(|&&(_, w)| w as f64 >= 0.5)
                .map(|&(j, _)| a.sentences[j as usize].doc)
                .filter(|&d| d != s.doc)
                .collect();
            carriers.sort_unstable();
            carriers.dedup();
            let carried = carriers.len() as f64 / (n_docs - 1.0).max(1.0);
            let text = a.text(ctx.docs, i);
            let has_quote = text.contains(['"', '“', '”']) || text.contains("``");
            let has_number = text.chars().any(|c| c.is_ascii_digit());
            let words: Vec<&str> = text.split_whitespace().collect();
            let caps = words
                .iter()
                .skip(1)
                .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
                .count() as f64
                / (words.len().max(2) - 1) as f64;
            vec![
                s.index as f64 / doc_len,
                (s.index == 0) as u8 as f64,
                (s.words.max(1) as f64).ln(),
                lexrank[i] * n as f64,
                ctx.rep.tfidf[i].dot(&ctx.rep.centroid),
                term_share,
                bigram_share,
                carried,
                has_quote as u8 as f64,
                has_number as u8 as f64,
                caps,
                doc_len.ln(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_matches_the_features() {
        let m = LinearModel::shipped();
        let names: Vec<&str> = m.features.iter().map(String::as_str).collect();
        assert_eq!(names, FEATURES);
        assert_eq!(m.weights.len(), FEATURES.len());
        assert_eq!(m.mean.len(), FEATURES.len());
        assert!(m.std.iter().all(|&s| s > 0.0));
    }
}
