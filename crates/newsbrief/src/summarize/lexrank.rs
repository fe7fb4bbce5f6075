//! Continuous LexRank (Erkan & Radev 2004, section 3.3): PageRank over the
//! graph whose edge weights are the idf-modified cosine similarities of
//! sentences, without the threshold of the discrete variant.

use super::{Context, Summarizer};
use crate::represent::pagerank;

/// LexRank's parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LexRank {
    /// Probability of following an edge; the paper's d = 0.15 is the jump
    /// probability, so 0.85 here.
    pub damping: f64,
}

impl LexRank {
    /// The paper's parameters.
    pub const DEFAULT: LexRank = LexRank { damping: 0.85 };
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank::DEFAULT
    }
}

impl Summarizer for LexRank {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        let rows: Vec<Vec<(u32, f64)>> = ctx
            .rep
            .neighbours()
            .iter()
            .map(|r| r.iter().map(|&(j, s)| (j, s as f64)).collect())
            .collect();
        pagerank(&rows, self.damping)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, prepared, STORM};
    use super::*;

    #[test]
    fn the_sentence_every_article_echoes_is_most_central() {
        let p = prepared(&STORM);
        let ctx = p.context();
        let scores = LexRank::default().score(&ctx);
        assert!(
            (scores.iter().sum::<f64>() - 1.0).abs() < 1e-6,
            "a distribution"
        );
        let hub = find(&p, "and sank");
        for off in ["baker", "choir", "football"] {
            assert!(scores[hub] > scores[find(&p, off)], "{off}: {scores:?}");
        }
        // Damping 0 is a uniform jump: every sentence scores the same.
        let flat = LexRank { damping: 0.0 }.score(&ctx);
        assert!(
            flat.iter().all(|&s| (s - flat[0]).abs() < 1e-12),
            "{flat:?}"
        );
    }
}
