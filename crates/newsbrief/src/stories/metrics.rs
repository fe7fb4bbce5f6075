//! Scores of a story clustering against gold stories.
//!
//! Takes two labellings of the same articles (gold story, predicted story, in
//! one order) and hands on [`ClusterScores`]: pairwise precision, recall and F1
//! over all pairs of articles (a pair is a true positive when it shares a
//! predicted and a gold story; Miranda et al. 2018, EMNLP) and B-cubed
//! precision, recall and F1 (per article, the share of its predicted story in
//! its gold story and the reverse, averaged; Bagga & Baldwin 1998). Counting
//! goes through the contingency table, never the n² pairs, and agrees with
//! `../shared/tools/stories_reference.py` (an empty set of pairs scores 1).

use std::collections::HashMap;
use std::hash::Hash;

/// Pairwise and B-cubed scores, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ClusterScores {
    /// Of the pairs put in one story, the share that are in one gold story.
    pub pair_precision: f64,
    /// Of the pairs in one gold story, the share put in one story.
    pub pair_recall: f64,
    /// Harmonic mean of the pairwise precision and recall.
    pub pair_f1: f64,
    /// Per article, the share of its story that shares its gold story, averaged.
    pub bcubed_precision: f64,
    /// Per article, the share of its gold story that shares its story, averaged.
    pub bcubed_recall: f64,
    /// Harmonic mean of the B-cubed precision and recall.
    pub bcubed_f1: f64,
    /// Articles scored.
    pub articles: usize,
    /// Distinct gold stories.
    pub gold_stories: usize,
    /// Distinct predicted stories.
    pub stories: usize,
}

/// Scores `pred` against `gold`; `gold[i]` and `pred[i]` label the same article.
///
/// # Panics
/// If the two slices differ in length (a caller's bug, not bad input).
pub fn score<G: Eq + Hash, P: Eq + Hash>(gold: &[G], pred: &[P]) -> ClusterScores {
    assert_eq!(
        gold.len(),
        pred.len(),
        "one gold and one predicted label per article"
    );
    let n = gold.len();
    let mut both: HashMap<(&G, &P), u64> = HashMap::new();
    let mut g: HashMap<&G, u64> = HashMap::new();
    let mut p: HashMap<&P, u64> = HashMap::new();
    for (a, b) in gold.iter().zip(pred) {
        *both.entry((a, b)).or_default() += 1;
        *g.entry(a).or_default() += 1;
        *p.entry(b).or_default() += 1;
    }
    let pairs = |c: u64| (c * c.saturating_sub(1) / 2) as f64;
    let tp: f64 = both.values().map(|&c| pairs(c)).sum();
    let pred_pairs: f64 = p.values().map(|&c| pairs(c)).sum();
    let gold_pairs: f64 = g.values().map(|&c| pairs(c)).sum();
    let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 1.0 };
    let pair_precision = ratio(tp, pred_pairs);
    let pair_recall = ratio(tp, gold_pairs);
    // B-cubed: an article in cell (gold a, pred b) of size c has precision c/|b|
    // and recall c/|a|; the cell's c articles contribute c²/|b| and c²/|a|.
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(a, b), &c) in &both {
        let c = c as f64;
        bp += c * c / p[b] as f64;
        br += c * c / g[a] as f64;
    }
    let bcubed_precision = ratio(bp, n as f64);
    let bcubed_recall = ratio(br, n as f64);
    ClusterScores {
        pair_precision,
        pair_recall,
        pair_f1: f1(pair_precision, pair_recall),
        bcubed_precision,
        bcubed_recall,
        bcubed_f1: f1(bcubed_precision, bcubed_recall),
        articles: n,
        gold_stories: g.len(),
        stories: p.len(),
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn hand_computed_example() {
        // Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
        let gold = ["a", "a", "a", "b", "b"];
        let pred = [1, 1, 2, 2, 2];
        let s = score(&gold, &pred);
        // Pairs: gold 3+1 = 4; predicted 1+3 = 4; shared: (1,2) and (4,5) = 2.
        close(s.pair_precision, 0.5);
        close(s.pair_recall, 0.5);
        close(s.pair_f1, 0.5);
        // B-cubed precision: 1: 2/2, 2: 2/2, 3: 1/3, 4: 2/3, 5: 2/3 → 11/3 / 5.
        close(s.bcubed_precision, 11.0 / 15.0);
        // Recall: 1: 2/3, 2: 2/3, 3: 1/3, 4: 2/2, 5: 2/2 → 11/3 / 5.
        close(s.bcubed_recall, 11.0 / 15.0);
        assert_eq!((s.articles, s.gold_stories, s.stories), (5, 2, 2));
    }

    #[test]
    fn all_singletons_against_one_story() {
        let gold = ["s"; 4];
        let pred = [1, 2, 3, 4];
        let s = score(&gold, &pred);
        // No predicted pair: precision 1 by convention, recall 0.
        close(s.pair_precision, 1.0);
        close(s.pair_recall, 0.0);
        close(s.pair_f1, 0.0);
        close(s.bcubed_precision, 1.0);
        close(s.bcubed_recall, 0.25);
        close(s.bcubed_f1, 0.4);
    }

    #[test]
    fn identical_labellings_score_one_whatever_the_names() {
        let gold = ["x", "y", "x", "z", "y"];
        let pred = [7, 3, 7, 9, 3];
        let s = score(&gold, &pred);
        for v in [s.pair_f1, s.bcubed_f1, s.pair_precision, s.bcubed_recall] {
            close(v, 1.0);
        }
    }
}
