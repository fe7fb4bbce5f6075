//! Maximal Marginal Relevance (Carbonell & Goldstein 1998): relevance is
//! cosine to the cluster centroid (the "query" of generic summarization);
//! each step takes `argmax λ·rel(s) − (1−λ)·max_{t∈S} sim(s,t)`. MMR is a
//! gain for the shared greedy loop; the hard redundancy threshold still
//! applies on top, so no method ever emits near-duplicates.

use super::{Context, Gain, Summarizer};

/// MMR's parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Mmr {
    /// λ: 0.7 is the balance the paper's experiments favoured for summaries.
    pub lambda: f64,
}

impl Mmr {
    /// The paper's parameters.
    pub const DEFAULT: Mmr = Mmr { lambda: 0.7 };
}

impl Default for Mmr {
    fn default() -> Self {
        Mmr::DEFAULT
    }
}

impl Summarizer for Mmr {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        (0..ctx.len())
            .map(|i| ctx.rep.tfidf[i].dot(&ctx.rep.centroid))
            .collect()
    }

    fn gain<'a>(&self, ctx: &'a Context<'a>, scores: &'a [f64]) -> Box<dyn Gain + 'a> {
        Box::new(MmrGain {
            ctx,
            scores,
            lambda: self.lambda,
        })
    }
}

/// Relevance minus the largest similarity to a chosen sentence.
struct MmrGain<'a> {
    ctx: &'a Context<'a>,
    scores: &'a [f64],
    lambda: f64,
}

impl Gain for MmrGain<'_> {
    fn gain(&self, i: usize, chosen: &[usize]) -> Option<f64> {
        let max_sim = chosen
            .iter()
            .map(|&j| self.ctx.rep.cosine(i, j))
            .fold(0.0, f64::max);
        Some(self.lambda * self.scores[i] - (1.0 - self.lambda) * max_sim)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{prepared, STORM};
    use super::*;
    use crate::summarize::{select_greedy, Budget, InOrder, Selection};

    #[test]
    fn lambda_trades_relevance_for_novelty() {
        let p = prepared(&STORM);
        let ctx = p.context();
        let sel = Selection {
            budget: Budget::Sentences(3),
            ..Selection::default()
        };
        // λ = 1 is relevance alone: the plain ranking by score.
        let relevance = Mmr { lambda: 1.0 };
        let scores = relevance.score(&ctx);
        assert_eq!(
            relevance.select(&ctx, &scores, &sel),
            select_greedy(&ctx, &scores, &sel, &mut InOrder)
        );
        // λ = 0 is novelty alone: after the first pick, every pick shares
        // nothing with the ones before it when such a sentence exists.
        let novelty = Mmr { lambda: 0.0 };
        let chosen = novelty.select(&ctx, &scores, &sel);
        assert_eq!(chosen.len(), 3);
        for (k, &a) in chosen.iter().enumerate() {
            for &b in &chosen[k + 1..] {
                assert_eq!(p.rep.cosine(a, b), 0.0, "{chosen:?}");
            }
        }
        // The default never takes two sentences above the threshold.
        let chosen = Mmr::default().select(&ctx, &scores, &sel);
        for (k, &a) in chosen.iter().enumerate() {
            for &b in &chosen[k + 1..] {
                assert!(p.rep.cosine(a, b) <= sel.redundancy);
            }
        }
    }
}
