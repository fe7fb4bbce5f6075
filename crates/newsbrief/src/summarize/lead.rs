//! Lead: the first sentences of each article in turn, the baseline every
//! news summarizer must beat (DUC's own baseline takes one article's lead;
//! taking the leads of all articles round-robin is the multi-document form).

use super::{Context, Summarizer};

/// The lead baseline; it has no parameters.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Lead;

impl Lead {
    /// It has no parameters; the one value, for [`Method::ALL`](crate::Method::ALL).
    pub const DEFAULT: Lead = Lead;
}

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

#[cfg(test)]
mod tests {
    use super::super::testing::{find, prepared};
    use super::*;
    use crate::summarize::{Budget, Selection};

    const STORY: [&str; 2] = [
        "Rescuers reached the mountain village early on Tuesday. \
         Crews found the road washed away near the old bridge. \
         Food was dropped by helicopter in the afternoon.",
        "A landslide cut off the mountain village on Monday night. \
         Power lines fell across the valley road after midnight.",
    ];

    #[test]
    fn takes_the_leads_of_each_article_in_turn() {
        let p = prepared(&STORY);
        let ctx = p.context();
        let scores = Lead.score(&ctx);
        // Earlier sentences score higher, equally across articles.
        assert_eq!(scores[find(&p, "Rescuers")], scores[find(&p, "landslide")]);
        assert!(scores[find(&p, "Rescuers")] > scores[find(&p, "washed")]);
        let three = Selection {
            budget: Budget::Sentences(3),
            ..Selection::default()
        };
        let chosen = Lead.select(&ctx, &scores, &three);
        let want = [
            find(&p, "Rescuers"),
            find(&p, "landslide"),
            find(&p, "washed"),
        ];
        let mut sorted = chosen.clone();
        sorted.sort_unstable();
        let mut want_sorted = want.to_vec();
        want_sorted.sort_unstable();
        assert_eq!(sorted, want_sorted, "round-robin over the leads");
        // Ties between articles go to the earlier article.
        assert!(!chosen.contains(&find(&p, "Power lines")));
    }
}
