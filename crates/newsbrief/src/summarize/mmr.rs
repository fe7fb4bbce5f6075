//! Maximal Marginal Relevance (Carbonell & Goldstein 1998): relevance is
//! cosine to the cluster centroid (the "query" of generic summarization);
//! each step takes `argmax λ·rel(s) − (1−λ)·max_{t∈S} sim(s,t)`. MMR is its
//! own selection, so it overrides the shared greedy one; the hard redundancy
//! threshold still applies on top, so no method ever emits near-duplicates.

use super::{is_candidate, reading_order, Context, Selection, Summarizer};

#[derive(Debug, Clone, Copy)]
pub struct Mmr {
    /// λ: 0.7 is the balance the paper's experiments favoured for summaries.
    pub lambda: f64,
}

impl Default for Mmr {
    fn default() -> Self {
        Mmr { lambda: 0.7 }
    }
}

impl Summarizer for Mmr {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        (0..ctx.len())
            .map(|i| ctx.rep.tfidf[i].dot(&ctx.rep.centroid))
            .collect()
    }

    fn select(&self, ctx: &Context, scores: &[f64], selection: &Selection) -> Vec<usize> {
        let mut pool: Vec<usize> = (0..ctx.len())
            .filter(|&i| is_candidate(ctx, i, selection))
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut words = 0;
        while !selection.budget.is_spent(chosen.len(), words) && !pool.is_empty() {
            let mut best: Option<(usize, f64)> = None;
            for (k, &i) in pool.iter().enumerate() {
                let max_sim = chosen
                    .iter()
                    .map(|&j| ctx.rep.cosine(i, j))
                    .fold(0.0, f64::max);
                if max_sim > selection.redundancy {
                    continue;
                }
                let v = self.lambda * scores[i] - (1.0 - self.lambda) * max_sim;
                if best.is_none_or(|(_, b)| v > b) {
                    best = Some((k, v));
                }
            }
            let Some((k, _)) = best else { break };
            let i = pool.swap_remove(k);
            words += ctx.analysis.sentences[i].words;
            chosen.push(i);
        }
        reading_order(ctx, &mut chosen);
        chosen
    }
}
