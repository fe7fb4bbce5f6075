//! TextRank for sentences (Mihalcea & Tarau 2004, section 4): PageRank over
//! a graph weighted by content-word overlap normalised by sentence lengths,
//! `|Si ∩ Sj| / (log|Si| + log|Sj|)`.

use super::{Context, Summarizer};
use crate::represent::pagerank;

/// TextRank's parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TextRank {
    /// Probability of following an edge (0.85, as in the paper).
    pub damping: f64,
}

impl TextRank {
    /// The paper's parameters.
    pub const DEFAULT: TextRank = TextRank { damping: 0.85 };
}

impl Default for TextRank {
    fn default() -> Self {
        TextRank::DEFAULT
    }
}

impl Summarizer for TextRank {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        let n = ctx.len();
        // Distinct content terms per sentence, sorted for a merge overlap.
        let sets: Vec<Vec<u32>> = (0..n)
            .map(|i| {
                let mut t: Vec<u32> = ctx
                    .analysis
                    .tokens_of(i)
                    .iter()
                    .filter(|t| !t.stop)
                    .map(|t| t.term)
                    .collect();
                t.sort_unstable();
                t.dedup();
                t
            })
            .collect();
        // Sentences that share a content term are exactly those with a
        // non-zero cosine, so the graph's edges are the representation's
        // neighbours (every pair in ordinary clusters, the top k past
        // `EXACT_LIMIT`), without a dense matrix.
        let rows: Vec<Vec<(u32, f64)>> = ctx
            .rep
            .neighbours()
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.iter()
                    .filter(|&&(j, _)| j as usize != i)
                    .filter_map(|&(j, _)| {
                        let (a, b) = (&sets[i], &sets[j as usize]);
                        if a.len() < 2 || b.len() < 2 {
                            return None; // log 1 = 0 would divide by zero
                        }
                        let overlap = overlap(a, b);
                        (overlap > 0).then(|| {
                            (
                                j,
                                overlap as f64 / ((a.len() as f64).ln() + (b.len() as f64).ln()),
                            )
                        })
                    })
                    .collect()
            })
            .collect();
        pagerank(&rows, self.damping)
    }
}

fn overlap(a: &[u32], b: &[u32]) -> usize {
    crate::represent::shared(a, b, |&x| x, |&y| y).count()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, prepared, STORM};
    use super::*;

    #[test]
    fn word_overlap_makes_the_shared_sentence_central() {
        let p = prepared(&STORM);
        let ctx = p.context();
        let scores = TextRank::default().score(&ctx);
        assert_eq!(scores.len(), ctx.len());
        let hub = find(&p, "and sank");
        for off in ["baker", "choir", "football"] {
            assert!(scores[hub] > scores[find(&p, off)], "{off}: {scores:?}");
        }
        // A sentence sharing no content word with any other gets only the
        // random jump, the least any sentence can get.
        let football = scores[find(&p, "football")];
        assert!(scores.iter().all(|&s| s >= football - 1e-12), "{scores:?}");
    }

    #[test]
    fn overlap_counts_shared_terms_of_sorted_sets() {
        assert_eq!(overlap(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(overlap(&[], &[1]), 0);
    }
}
