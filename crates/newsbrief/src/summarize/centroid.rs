//! Centroid-based scoring as in MEAD (Radev et al. 2004): a sentence's score
//! is `C + P + F`, its centroid value (sum of the centroid weights of its
//! terms), a position value decreasing through its article, and its overlap
//! with its article's first sentence; position and overlap are scaled to the
//! cluster's largest centroid value, as the paper does.

use super::{Context, Summarizer};

/// MEAD's centroid scorer; its parameters are the paper's, fixed.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Centroid;

impl Centroid {
    /// It has no parameters; the one value, for [`Method::ALL`](crate::Method::ALL).
    pub const DEFAULT: Centroid = Centroid;
}

impl Summarizer for Centroid {
    fn score(&self, ctx: &Context) -> Vec<f64> {
        let n = ctx.len();
        let centroid = &ctx.rep.centroid;
        let c: Vec<f64> = (0..n).map(|i| ctx.rep.tfidf[i].dot(centroid)).collect();
        let c_max = c.iter().cloned().fold(0.0, f64::max);
        (0..n)
            .map(|i| {
                let s = &ctx.analysis.sentences[i];
                let len = ctx.analysis.doc_len(s.doc).max(1) as f64;
                let p = c_max * (len - s.index as f64) / len;
                let first = ctx.analysis.doc_sentences[s.doc].start;
                let f = if first == i {
                    0.0
                } else {
                    ctx.rep.cosine(i, first) * c_max
                };
                c[i] + p + f
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, prepared};
    use super::*;

    #[test]
    fn on_topic_and_early_sentences_score_higher() {
        let p = prepared(&[
            "The storm flooded the coastal town on Monday night. \
             A local baker sold fresh bread to the neighbours all day. \
             The storm flooded homes across the coastal town, officials said.",
            "Thousands left the coastal town after the storm flooded it. \
             The choir sang old songs in the church square that evening.",
        ]);
        let ctx = p.context();
        let scores = Centroid.score(&ctx);
        // Same article, later position, but on the story: centroid value
        // and overlap with the lead outweigh position.
        assert!(
            scores[find(&p, "homes across")] > scores[find(&p, "baker")],
            "{scores:?}"
        );
        // Leads carry the full position value.
        assert!(
            scores[find(&p, "Thousands left")] > scores[find(&p, "choir")],
            "{scores:?}"
        );
        assert!(scores.iter().all(|s| s.is_finite()));
    }
}
