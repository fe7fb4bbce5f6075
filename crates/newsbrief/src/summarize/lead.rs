//! Lead: the first sentences of each article in turn, the baseline every
//! news summarizer must beat (DUC's own baseline takes one article's lead;
//! taking the leads of all articles round-robin is the multi-document form).

use super::{Context, Summarizer};

#[derive(Debug, Clone, Copy, Default)]
pub struct Lead;

impl Summarizer for Lead {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        // Earlier is better; ties between articles go to the earlier article
        // through the selection's stable tie-break, giving a round-robin.
        ctx.analysis
            .sentences
            .iter()
            .map(|s| 1.0 / (1.0 + s.index as f64))
            .collect()
    }
}
