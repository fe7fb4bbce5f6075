//! Attribute: which articles carry each summary sentence.
//!
//! Takes the chosen sentence positions and the [`Representation`], and hands
//! on, per summary sentence, its [`Citation`]s: the article it was taken from
//! first, then every other article holding the same sentence or a
//! near-duplicate of it, with the matching sentence and its similarity.
//!
//! Near-duplicate means TF-IDF cosine of at least
//! [`DEFAULT_ATTRIBUTION_THRESHOLD`] (0.6). On the example cluster the wire
//! sentence repeated by two outlets ("Earlier in an interview broadcast on
//! Wednesday ... Putin said that mutual trust ...") scores 1.0 and reworded
//! copies of one report ("Lavrov says Russian Federation has lots of questions
//! about the 'very ambiguous' ... ideas" / "He said Moscow has lots of
//! questions about ...") 0.6-0.8, while two different statements about the
//! same talks stay below 0.45.

use crate::analyze::Analysis;
use crate::represent::Representation;

/// Cosine at or above which another article's sentence counts as the same
/// report.
pub const DEFAULT_ATTRIBUTION_THRESHOLD: f64 = 0.6;

/// One article that carries a summary sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    /// Article, 0-based, as in the summary's `documents`.
    pub article: usize,
    /// Sentence within that article, 0-based.
    pub sentence: usize,
    /// TF-IDF cosine with the summary sentence (1 for the sentence itself).
    pub similarity: f64,
}

/// Citations for sentence `i`: its own article first, then every other
/// article's best match at or above `threshold`, in article order.
pub fn cite(analysis: &Analysis, rep: &Representation, i: usize, threshold: f64) -> Vec<Citation> {
    let own = &analysis.sentences[i];
    let mut out = vec![Citation {
        article: own.doc,
        sentence: own.index,
        similarity: 1.0,
    }];
    for (doc, range) in analysis.doc_sentences.iter().enumerate() {
        if doc == own.doc {
            continue;
        }
        let best = range
            .clone()
            .map(|j| (j, rep.cosine(i, j)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, sim)) = best {
            if sim >= threshold {
                out.push(Citation {
                    article: doc,
                    sentence: analysis.sentences[j].index,
                    similarity: (sim.min(1.0) * 10_000.0).round() / 10_000.0,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::clean::Document;

    fn doc(text: &str) -> Document {
        Document {
            source: "t".into(),
            title: None,
            text: text.into(),
            blocks: vec![],
        }
    }

    #[test]
    fn own_article_first_then_duplicates_only() {
        let a = "Putin said trust between Russia and the US had eroded.";
        let b = "Tillerson arrived in Moscow for talks with Lavrov.";
        let docs = [doc(a), doc(b), doc(a)];
        let whole =
            |t: &str| -> Vec<std::ops::Range<usize>> { std::iter::once(0..t.len()).collect() };
        let spans = [whole(a), whole(b), whole(a)];
        let analysis = Analyzer::new().analyze(&docs, &spans);
        let rep = Representation::new(&analysis);
        let cites = cite(&analysis, &rep, 2, DEFAULT_ATTRIBUTION_THRESHOLD);
        let articles: Vec<_> = cites.iter().map(|c| c.article).collect();
        assert_eq!(articles, [2, 0]);
        assert_eq!(cites[1].similarity, 1.0);
    }
}
