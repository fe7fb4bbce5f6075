//! A learned sentence scorer meant to transfer between news corpora:
//! gradient-boosted regression trees over features that mean the same in
//! any cluster of news articles, used as a veto inside the `hybrid`
//! objective.
//!
//! Takes the [`Context`]; hands on one score per sentence (the trees'
//! prediction) and a [`Gain`] for the shared greedy loop: hybrid's
//! coverage + diversity + concept gain ([`Hybrid`], with its own
//! mean-similarity rewards) plus `μ · min(z, cap)`, where `z` is the
//! sentence's prediction standardised within the cluster. Below the cap a
//! sentence loses gain in proportion; above it, it gains no more. A
//! fragment without closing punctuation scores as the cluster's worst.
//!
//! Features ([`FEATURES`]) are those supervised extraction keeps finding
//! useful (Kupiec et al. 1995; Hong & Nenkova 2014), restricted to ones
//! whose meaning does not depend on the corpus: position counted from the
//! top of the article (not relative to its length: Multi-News articles are
//! cut after ~500 words per cluster, DUC's are whole wire stories);
//! similarity to the titles or, without titles, to the articles' leads
//! ([`headline_similarity`](super::headline::headline_similarity)); LexRank centrality (Erkan & Radev 2004) and
//! centroid similarity (Radev et al. 2004); the share of the *other*
//! articles that carry the sentence's words, bigrams and near-duplicates
//! (0 means "only this article" with 2 articles, as in most of Multi-News,
//! or 10, as in DUC; a share of all articles never falls below 1/2 on
//! two-article clusters, and the trees read DUC's lower values backwards);
//! number and quote flags; length; a dangling opener ([`dangling_opener`])
//! and a missing final stop. Scores whose scale depends on the cluster also
//! enter as ranks or z-scores within it. Capitalised-word density is gone
//! (Multi-News is lower-cased, so it measured names on DUC and nothing on
//! the training corpus), and so is the article's length.
//!
//! The trees (300 of depth 5, `forust-ml`, squared loss) are fitted by
//! `newsbrief train` on Multi-News training clusters only. A sentence's
//! label is the mean of its ROUGE-1 and ROUGE-2 precision against the
//! human summary, or 0 when it opens with a dangling pronoun or connective:
//! such a sentence cannot stand in a summary whatever its words, and ROUGE
//! cannot see that. They ship in `data/learned_trees.json` (~0.4 MB; flat
//! node arrays evaluated here, so the library needs no boosting crate),
//! made by
//! `newsbrief train ../shared/data/multinews_train10k.jsonl.gz --out crates/newsbrief/data/learned_trees.json`.
//!
//! Measured trade-off (docs/tuning.md): the trees alone rank well on
//! Multi-News but badly on DUC 2004 (what they learned to promote there is
//! partly Multi-News-specific: Newser's summaries quote, DUC's do not), while
//! what they demote (boilerplate, dangling openers, fragments) is bad in
//! both; so the score only vetoes. Against `hybrid`: DUC 2004
//! recall 38.41 / 10.23 against 38.33 / 10.25; Multi-News validation R-2
//! F1 14.90 against 14.75 at about the same R-1; dangling openers 0% and
//! 1.7% of summary sentences against 2.8% and 12.8%.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::{Context, Gain, Hybrid, LexRank, Summarizer};
use crate::analyze::dangling_opener;

/// Feature names, in the order of [`features`]' columns.
pub const FEATURES: &[&str] = &[
    "first_sentence",
    "inverse_position",
    "headline_similarity",
    "headline_rank",
    "lexrank",
    "lexrank_rank",
    "centroid_rank",
    "term_article_share",
    "term_share_rank",
    "bigram_article_share",
    "bigram_share_rank",
    "carried_by_share",
    "number_share",
    "has_quote",
    "log_words",
    "words_z",
    "dangling_opener",
    "unterminated",
];

/// One regression tree as flat arrays indexed by node: an inner node sends
/// a row left when `row[feature] < threshold`, a leaf (`feature` < 0)
/// holds its value.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Tree {
    /// Split feature per node; -1 for a leaf.
    pub feature: Vec<i16>,
    /// Split threshold per node (a leaf's value for a leaf).
    pub value: Vec<f64>,
    /// Left child per node.
    pub left: Vec<u32>,
    /// Right child per node.
    pub right: Vec<u32>,
}

impl Tree {
    /// The tree's output for one row.
    pub fn predict(&self, x: &[f64]) -> f64 {
        let mut i = 0usize;
        loop {
            let f = self.feature[i];
            if f < 0 {
                return self.value[i];
            }
            i = if x[f as usize] < self.value[i] {
                self.left[i]
            } else {
                self.right[i]
            } as usize;
        }
    }
}

/// A trained boosted-trees scorer.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TreeModel {
    /// Feature names, in column order ([`FEATURES`]).
    pub features: Vec<String>,
    /// The starting prediction.
    pub base: f64,
    /// The trees; the prediction is `base` plus their outputs.
    pub trees: Vec<Tree>,
    /// How the file was made (data, label, parameters, command).
    #[serde(default)]
    pub trained_on: String,
}

impl TreeModel {
    /// The model shipped with the library.
    pub fn shipped() -> &'static TreeModel {
        static M: OnceLock<TreeModel> = OnceLock::new();
        M.get_or_init(|| {
            serde_json::from_str(include_str!("../../data/learned_trees.json")).expect(
                "data/learned_trees.json is written by `newsbrief train` and checked by a test",
            )
        })
    }

    /// The predicted score of one row of features.
    pub fn predict(&self, x: &[f64]) -> f64 {
        self.base + self.trees.iter().map(|t| t.predict(x)).sum::<f64>()
    }

    /// Whether every node points inside its tree and splits on a known
    /// feature.
    pub fn is_well_formed(&self) -> bool {
        let f = self.features.len() as i16;
        self.trees.iter().all(|t| {
            let n = t.feature.len();
            t.value.len() == n
                && t.left.len() == n
                && t.right.len() == n
                && t.feature.iter().enumerate().all(|(i, &k)| {
                    // Children come after their parent, so a walk ends.
                    let (l, r) = (t.left[i] as usize, t.right[i] as usize);
                    k < 0 || (k < f && i < l && l < n && i < r && r < n)
                })
        })
    }
}

/// The learned scorer: hybrid's objective, with the shipped trees' score
/// of each sentence as a veto.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Learned {
    /// μ, the weight of the learned score (standardised within the
    /// cluster) added to hybrid's marginal gain.
    pub mu: f64,
    /// The standardised score is clipped at this before weighting: below
    /// it a sentence loses gain in proportion, above it gains no more. The
    /// trees are sure what is not summary material (boilerplate, captions,
    /// sentences that open with a dangling "He"/"But") on both corpora,
    /// but their ranking of good sentences transfers badly to DUC 2004,
    /// so the score vetoes and does not promote.
    pub cap: f64,
}

impl Learned {
    /// Tuned on DUC 2004 and Multi-News validation together
    /// (docs/tuning.md).
    pub const DEFAULT: Learned = Learned { mu: 6.0, cap: 0.25 };
}

impl Default for Learned {
    fn default() -> Self {
        Learned::DEFAULT
    }
}

impl Summarizer for Learned {
    /// The trees' prediction per sentence.
    fn score(&self, ctx: &Context) -> Vec<f64> {
        let model = TreeModel::shipped();
        features(ctx).iter().map(|x| model.predict(x)).collect()
    }

    /// Hybrid's gain (with its own singleton rewards for diversity) plus
    /// `μ · min(z, cap)` of the sentence's standardised score.
    fn gain<'a>(&self, ctx: &'a Context<'a>, scores: &'a [f64]) -> Box<dyn Gain + 'a> {
        let hybrid = Hybrid::DEFAULT;
        let inner = hybrid.params().coverage(ctx, Cow::Owned(hybrid.score(ctx)));
        // A fragment without closing punctuation (a caption credit glued to
        // a sentence, an article cut mid-sentence) scores as the cluster's
        // worst sentence, whatever its words.
        let z = standardised(scores);
        let worst = z.iter().copied().fold(0.0, f64::min);
        let bonus = z
            .into_iter()
            .enumerate()
            .map(|(i, z)| {
                let z = if is_unterminated(ctx.analysis.text(ctx.docs, i)) {
                    worst
                } else {
                    z
                };
                self.mu * z.min(self.cap)
            })
            .collect();
        Box::new(WithScore { inner, bonus })
    }
}

/// Another gain plus a fixed bonus per sentence (a modular term, so the
/// sum stays submodular where the other gain is, and the greedy applies
/// unchanged).
struct WithScore<G> {
    inner: G,
    bonus: Vec<f64>,
}

impl<G: Gain> Gain for WithScore<G> {
    fn gain(&self, i: usize, chosen: &[usize]) -> Option<f64> {
        self.inner.gain(i, chosen).map(|g| g + self.bonus[i])
    }

    fn add(&mut self, i: usize) {
        self.inner.add(i);
    }
}

/// `(x - mean) / sd` over the cluster; zeros when all values are equal.
fn standardised(x: &[f64]) -> Vec<f64> {
    let n = x.len().max(1) as f64;
    let mean = x.iter().sum::<f64>() / n;
    let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    if sd < 1e-12 {
        return vec![0.0; x.len()];
    }
    x.iter().map(|v| (v - mean) / sd).collect()
}

/// Per value, the share of the other values below it: 1 for the largest,
/// 0 for the smallest, ties share the lower rank.
fn rank_share(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    if n < 2 {
        return vec![1.0; n];
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut out = vec![0.0; n];
    let mut k = 0;
    while k < n {
        let mut end = k;
        while end + 1 < n && x[order[end + 1]] == x[order[k]] {
            end += 1;
        }
        for &i in &order[k..=end] {
            out[i] = k as f64 / (n - 1) as f64;
        }
        k = end + 1;
    }
    out
}

/// Whether a sentence lacks closing punctuation (after any closing quotes
/// or brackets): a fragment such as a caption credit glued to a sentence
/// ("... five major cities Getty") or an article cut mid-sentence.
pub fn is_unterminated(text: &str) -> bool {
    !text
        .trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
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
    let lexrank: Vec<f64> = LexRank::default()
        .score(ctx)
        .into_iter()
        .map(|v| v * n as f64)
        .collect();
    let headline = ctx.headline_similarity();
    let centroid: Vec<f64> = (0..n)
        .map(|i| ctx.rep.tfidf[i].dot(&ctx.rep.centroid))
        .collect();
    let log_words: Vec<f64> = (0..n)
        .map(|i| (a.sentences[i].words.max(1) as f64).ln())
        .collect();
    let (headline_rank, lexrank_rank, centroid_rank) = (
        rank_share(headline),
        rank_share(&lexrank),
        rank_share(&centroid),
    );
    let words_z = standardised(&log_words);
    let bigrams = crate::represent::bigrams(a);
    // Shares of the *other* articles, so that 0 means "only this article"
    // whether the cluster has two articles (most of Multi-News) or ten
    // (DUC).
    let others = (n_docs - 1.0).max(1.0);
    let mean_share = |counts: &mut dyn Iterator<Item = f64>| {
        let (sum, k) = counts.fold((0.0, 0usize), |(s, k), c| (s + c, k + 1));
        if k == 0 {
            0.0
        } else {
            (sum / k as f64 - 1.0).max(0.0) / others
        }
    };
    let term_share: Vec<f64> = (0..n)
        .map(|i| {
            mean_share(
                &mut a
                    .tokens_of(i)
                    .iter()
                    .filter(|t| !t.stop)
                    .map(|t| a.doc_freq[t.term as usize] as f64),
            )
        })
        .collect();
    let bigram_share: Vec<f64> = (0..n)
        .map(|i| {
            mean_share(
                &mut bigrams.of_sentence[i]
                    .iter()
                    .map(|&b| bigrams.articles[b] as f64),
            )
        })
        .collect();
    let (term_rank, bigram_rank) = (rank_share(&term_share), rank_share(&bigram_share));
    (0..n)
        .map(|i| {
            let s = &a.sentences[i];
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
            let words: Vec<&str> = text.split_whitespace().collect();
            let numbers = words
                .iter()
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .count() as f64
                / words.len().max(1) as f64;
            vec![
                (s.index == 0) as u8 as f64,
                1.0 / (1.0 + s.index as f64),
                headline[i],
                headline_rank[i],
                lexrank[i],
                lexrank_rank[i],
                centroid_rank[i],
                term_share[i],
                term_rank[i],
                bigram_share[i],
                bigram_rank[i],
                carried,
                numbers,
                has_quote as u8 as f64,
                log_words[i],
                words_z[i],
                dangling_opener(text).is_some() as u8 as f64,
                is_unterminated(text) as u8 as f64,
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_matches_the_features() {
        let m = TreeModel::shipped();
        let names: Vec<&str> = m.features.iter().map(String::as_str).collect();
        assert_eq!(names, FEATURES);
        assert!(!m.trees.is_empty());
        assert!(m.is_well_formed());
        assert!(m.base.is_finite());
    }

    #[test]
    fn ranks_and_z_scores_are_within_the_cluster() {
        assert_eq!(rank_share(&[3.0, 1.0, 2.0]), vec![1.0, 0.0, 0.5]);
        assert_eq!(rank_share(&[1.0, 1.0, 2.0]), vec![0.0, 0.0, 1.0]);
        assert_eq!(rank_share(&[5.0]), vec![1.0]);
        let z = standardised(&[1.0, 3.0]);
        assert_eq!(z, vec![-1.0, 1.0]);
        assert_eq!(standardised(&[2.0, 2.0]), vec![0.0, 0.0]);
    }

    #[test]
    fn fragments_are_unterminated() {
        assert!(is_unterminated(
            "leave the government in control of five cities Getty"
        ));
        assert!(is_unterminated("the talks broke down after"));
        assert!(!is_unterminated("The talks broke down."));
        assert!(!is_unterminated("\"We will not give up,\" he said.\""));
        assert!(!is_unterminated("``Why now?''"));
    }
}
