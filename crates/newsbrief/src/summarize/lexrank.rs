//! Continuous LexRank (Erkan & Radev 2004, section 3.3): PageRank over the
//! graph whose edge weights are the idf-modified cosine similarities of
//! sentences, without the threshold of the discrete variant.

use super::{pagerank, Context, Summarizer};

#[derive(Debug, Clone, Copy)]
pub struct LexRank {
    /// Probability of following an edge; the paper's d = 0.15 is the jump
    /// probability, so 0.85 here.
    pub damping: f64,
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank { damping: 0.85 }
    }
}

impl Summarizer for LexRank {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        let n = ctx.len();
        let weights: Vec<f64> = ctx
            .rep
            .similarity_matrix()
            .iter()
            .map(|&s| s as f64)
            .collect();
        pagerank(&weights, n, self.damping)
    }
}
