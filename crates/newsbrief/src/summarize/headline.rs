//! Headlines: what the outlets themselves say the story is.
//!
//! Takes the [`Context`] and hands on, per sentence, its similarity to the
//! cluster's headlines. A title is the one line where each outlet states
//! the story in a few words, so the sentence closest to all the titles
//! together is the one that best states the main event (the bundled
//! example's titles all say relations are at a "low point" / "all-time
//! low", which the body sentences about the UN veto never do). Each title
//! votes with a unit vector, so content that several outlets put in their
//! headline weighs more than one outlet's angle.
//!
//! Without titles (DUC 2004 and Multi-News give none) the articles' first
//! sentences stand in: in news writing the lead states the main event, and
//! MEAD's first-sentence overlap feature (Radev et al. 2004) is the same
//! idea.

use super::Context;
use crate::analyze::{is_stop_word, stemmer, word_spans, Analysis, TermId};
use crate::represent::SparseVec;

/// The content words of a title, read as the analysis reads a sentence
/// (lower case, stop words out, Snowball stems), each with its term id when
/// the cluster's sentences use it; the brief's headline choice reads titles
/// the same way.
pub fn title_terms(analysis: &Analysis, title: &str) -> Vec<Option<TermId>> {
    word_spans(title)
        .map(|w| title[w].to_lowercase())
        .filter(|lower| !is_stop_word(lower))
        .map(|lower| analysis.vocab.id(&stemmer().stem(&lower)))
        .collect()
}

/// The cluster's headline vector: the sum of its titles' unit TF-IDF
/// vectors (terms the cluster's sentences never use are dropped, as they
/// can match nothing), or of its articles' first sentences when no article
/// has a title; normalised. Empty when neither gives a term.
pub fn headline_vector(ctx: &Context) -> SparseVec {
    let a = ctx.analysis;
    let mut sum: Vec<(u32, f64)> = Vec::new();
    let mut titled = false;
    for doc in ctx.docs {
        let Some(title) = doc.title.as_deref() else {
            continue;
        };
        let mut v: Vec<(u32, f64)> = title_terms(a, title)
            .into_iter()
            .flatten()
            .map(|term| (term, ctx.rep.idf[term as usize]))
            .collect();
        v.sort_unstable_by_key(|&(t, _)| t);
        v.dedup_by_key(|&mut (t, _)| t);
        if !v.is_empty() {
            titled = true;
            sum.extend(SparseVec(v).normalized().0);
        }
    }
    if !titled {
        for range in &a.doc_sentences {
            if let Some(first) = range.clone().next() {
                sum.extend(ctx.rep.tfidf[first].0.iter().copied());
            }
        }
    }
    sum.sort_unstable_by_key(|&(t, _)| t);
    let mut merged: Vec<(u32, f64)> = Vec::with_capacity(sum.len());
    for (t, w) in sum {
        match merged.last_mut() {
            Some(last) if last.0 == t => last.1 += w,
            _ => merged.push((t, w)),
        }
    }
    SparseVec(merged).normalized()
}

/// Per sentence, its cosine with [`headline_vector`].
pub fn headline_similarity(ctx: &Context) -> Vec<f64> {
    let h = headline_vector(ctx);
    ctx.rep.tfidf.iter().map(|v| v.dot(&h)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Cluster;
    use crate::pipeline::Pipeline;
    use crate::summarize::testing::{find, prepared};

    #[test]
    fn the_sentence_the_titles_state_scores_highest() {
        let mut cluster = Cluster::from_texts(
            "c",
            &[
                "Russia vetoed a UN resolution on Syria. Relations between the US and Russia are at a low point, Tillerson said.",
                "Trump said relations with Russia may be at an all-time low. Russia vetoed the UN text on Syria again.",
            ],
        );
        let titles = [
            "US and Russia at 'low point'",
            "US-Russia relations at all-time low",
        ];
        for (d, t) in cluster.documents.iter_mut().zip(titles) {
            d.title = Some(t.to_string());
        }
        let p = Pipeline::default().prepare(&cluster).unwrap();
        let sim = headline_similarity(&p.context());
        let low = find(&p, "low point");
        let veto = find(&p, "vetoed a UN");
        assert!(sim[low] > sim[veto], "{sim:?}");
        assert!(sim.iter().all(|&s| s <= sim[low] + 1e-12), "{sim:?}");
    }

    #[test]
    fn without_titles_the_leads_stand_in() {
        let p = prepared(&[
            "The storm flooded the coastal town. Prices rose at the market.",
            "Flood waters covered the coastal town on Monday. A choir sang.",
        ]);
        let sim = headline_similarity(&p.context());
        let storm = find(&p, "storm flooded");
        let prices = find(&p, "Prices rose");
        assert!(sim[storm] > sim[prices], "{sim:?}");
    }
}
