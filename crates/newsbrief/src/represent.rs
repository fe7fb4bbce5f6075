//! Represent: sentences as vectors, and the similarities between them.
//!
//! Takes the [`Analysis`] and hands on a [`Representation`]: one sparse,
//! L2-normalised TF-IDF vector per sentence over its content terms (stop
//! words out), the cluster centroid, and cosine similarities. IDF is
//! sentence-level, as LexRank uses it (Erkan & Radev 2004), so a cluster
//! needs no outside corpus, but smoothed: `ln((1+N)/(1+sf)) + 1` (the
//! scikit-learn form), so a term every sentence repeats still weighs 1
//! rather than nothing and a one-sentence cluster keeps its terms. The full similarity matrix is built lazily, once, for the methods
//! that walk a graph; selection and attribution ask for single pairs.
//! The cluster's word bigrams (`bigrams`, the ILP's concepts and a
//! learned feature) and PageRank over a similarity graph (`pagerank`,
//! LexRank and TextRank) are built here too, once for every method.

use std::sync::OnceLock;

use crate::analyze::{Analysis, TermId};

/// A sparse vector: (term, weight) pairs sorted by term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec(pub Vec<(TermId, f64)>);

/// The items two slices sorted by a `u32` key (without repeats) share,
/// paired, in key order: the merge behind every sparse dot product and
/// overlap count in the crate (no hashing).
#[inline]
pub(crate) fn shared<'a, A, B>(
    a: &'a [A],
    b: &'a [B],
    key_a: impl Fn(&A) -> u32,
    key_b: impl Fn(&B) -> u32,
) -> impl Iterator<Item = (&'a A, &'a B)> {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match key_a(&a[i]).cmp(&key_b(&b[j])) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some((&a[i - 1], &b[j - 1]));
                }
            }
        }
        None
    })
}

impl SparseVec {
    /// Dot product of two sorted sparse vectors (a merge, no hashing).
    pub fn dot(&self, other: &SparseVec) -> f64 {
        shared(&self.0, &other.0, |x| x.0, |y| y.0).fold(0.0, |sum, (x, y)| sum + x.1 * y.1)
    }

    /// Euclidean length.
    pub fn norm(&self) -> f64 {
        self.0.iter().map(|(_, w)| w * w).sum::<f64>().sqrt()
    }

    pub(crate) fn normalized(mut self) -> Self {
        let n = self.norm();
        if n > 0.0 {
            for (_, w) in &mut self.0 {
                *w /= n;
            }
        }
        self
    }

    /// Whether it has no term.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Vectors and similarities for one cluster.
#[derive(Debug)]
pub struct Representation {
    /// Per sentence, normalised TF-IDF over content terms.
    pub tfidf: Vec<SparseVec>,
    /// Per term, sentence-level IDF.
    pub idf: Vec<f64>,
    /// Normalised mean of the sentence vectors' raw TF-IDF.
    pub centroid: SparseVec,
    neighbours: OnceLock<Vec<Vec<(u32, f32)>>>,
}

/// Up to this many sentences, similarities are exact (every pair); the
/// largest DUC 2004 cluster has 505 sentences, Multi-News far fewer, so
/// ordinary clusters never see the approximation.
pub const EXACT_LIMIT: usize = 2_000;

/// Past [`EXACT_LIMIT`], the most similar sentences kept per sentence.
pub const TOP_K: usize = 32;

/// Past [`EXACT_LIMIT`], the postings scanned per term of a sentence:
/// a term in every sentence would otherwise make the index quadratic.
pub const MAX_POSTINGS: usize = 256;

impl Representation {
    /// TF-IDF vectors of every sentence of `analysis`.
    pub fn new(analysis: &Analysis) -> Self {
        let idf = analysis.idf_sentences();
        let mut centroid_dense = vec![0.0f64; analysis.vocab.len()];
        let mut counts: Vec<(TermId, f64)> = Vec::new();
        let tfidf = (0..analysis.sentences.len())
            .map(|i| {
                counts.clear();
                counts.extend(
                    analysis
                        .tokens_of(i)
                        .iter()
                        .filter(|t| !t.stop)
                        .map(|t| (t.term, 1.0)),
                );
                counts.sort_unstable_by_key(|&(t, _)| t);
                let mut v: Vec<(TermId, f64)> = Vec::with_capacity(counts.len());
                for &(t, c) in &counts {
                    match v.last_mut() {
                        Some(last) if last.0 == t => last.1 += c,
                        _ => v.push((t, c)),
                    }
                }
                for (t, w) in &mut v {
                    *w *= idf[*t as usize];
                    centroid_dense[*t as usize] += *w;
                }
                v.retain(|&(_, w)| w > 0.0);
                SparseVec(v).normalized()
            })
            .collect();
        let centroid = SparseVec(
            centroid_dense
                .iter()
                .enumerate()
                .filter(|(_, &w)| w > 0.0)
                .map(|(t, &w)| (t as TermId, w))
                .collect(),
        )
        .normalized();
        Representation {
            tfidf,
            idf,
            centroid,
            neighbours: OnceLock::new(),
        }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.tfidf.len()
    }

    /// Whether there is no sentence.
    pub fn is_empty(&self) -> bool {
        self.tfidf.is_empty()
    }

    /// Cosine similarity of two sentences.
    pub fn cosine(&self, a: usize, b: usize) -> f64 {
        self.tfidf[a].dot(&self.tfidf[b])
    }

    /// Every sentence's similar sentences, built once on first use: per
    /// sentence, `(other, cosine)` sorted by `other`, itself included (1.0)
    /// unless its vector is empty. Symmetric: `j` is in `i`'s row exactly
    /// when `i` is in `j`'s, with the same value.
    ///
    /// Up to [`EXACT_LIMIT`] sentences the rows hold every pair with a
    /// non-zero cosine, so sums over a row equal sums over a dense matrix
    /// row. Past it, each sentence keeps its [`TOP_K`] most similar
    /// sentences found through an inverted index that scans at most
    /// [`MAX_POSTINGS`] postings per term (the window nearest the sentence,
    /// i.e. its own and neighbouring articles), and the lists are made
    /// symmetric: memory and time grow with `n·k`, not `n²`.
    pub fn neighbours(&self) -> &[Vec<(u32, f32)>] {
        self.neighbours.get_or_init(|| {
            if self.len() <= EXACT_LIMIT {
                self.all_pairs()
            } else {
                self.top_k_pairs()
            }
        })
    }

    /// Whether [`Representation::neighbours`] holds every pair, not only
    /// the top k.
    pub fn is_exact(&self) -> bool {
        self.len() <= EXACT_LIMIT
    }

    fn with_self(&self) -> Vec<Vec<(u32, f32)>> {
        (0..self.len())
            .map(|i| {
                if self.tfidf[i].is_empty() {
                    Vec::new()
                } else {
                    vec![(i as u32, 1.0)]
                }
            })
            .collect()
    }

    fn all_pairs(&self) -> Vec<Vec<(u32, f32)>> {
        let n = self.len();
        let mut rows = self.with_self();
        for i in 0..n {
            for j in i + 1..n {
                let s = self.cosine(i, j) as f32;
                if s != 0.0 {
                    rows[i].push((j as u32, s));
                    rows[j].push((i as u32, s));
                }
            }
        }
        for r in &mut rows {
            r.sort_unstable_by_key(|&(j, _)| j);
        }
        rows
    }

    fn top_k_pairs(&self) -> Vec<Vec<(u32, f32)>> {
        let n = self.len();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); self.idf.len()];
        for (i, v) in self.tfidf.iter().enumerate() {
            for &(t, w) in &v.0 {
                postings[t as usize].push((i as u32, w as f32));
            }
        }
        let mut acc = vec![0.0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut pairs: Vec<(u32, u32, f32)> = Vec::with_capacity(n * TOP_K);
        for i in 0..n {
            for &(t, w) in &self.tfidf[i].0 {
                let list = &postings[t as usize];
                let at = list.partition_point(|&(j, _)| (j as usize) < i);
                let from = at.saturating_sub(MAX_POSTINGS / 2);
                let to = (from + MAX_POSTINGS).min(list.len());
                for &(j, wj) in &list[from..to] {
                    if j as usize == i {
                        continue;
                    }
                    if acc[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    acc[j as usize] += w as f32 * wj;
                }
            }
            // The partial sums rank the candidates; the kept ones get
            // their exact cosine.
            let for_rank =
                |a: &u32, b: &u32| acc[*b as usize].total_cmp(&acc[*a as usize]).then(a.cmp(b));
            // Only the best k need an order: a partial selection keeps the
            // cost linear in the candidates.
            if touched.len() > TOP_K {
                touched.select_nth_unstable_by(TOP_K, for_rank);
            }
            let keep = touched.len().min(TOP_K);
            for &j in &touched[..keep] {
                let s = self.cosine(i, j as usize) as f32;
                if s != 0.0 {
                    pairs.push((i as u32, j, s));
                }
            }
            for &j in &touched {
                acc[j as usize] = 0.0;
            }
            touched.clear();
        }
        let mut rows = self.with_self();
        for (i, j, s) in pairs {
            rows[i as usize].push((j, s));
            rows[j as usize].push((i, s));
        }
        for r in &mut rows {
            r.sort_unstable_by_key(|&(j, _)| j);
            r.dedup_by_key(|&mut (j, _)| j);
        }
        rows
    }
}

/// Word bigrams of a cluster that are not two stop words, indexed once:
/// the concepts of Gillick & Favre's ILP and a feature of the learned
/// scorer.
pub(crate) struct Bigrams {
    /// Per sentence, its bigrams' ids in text order, repeats kept.
    pub of_sentence: Vec<Vec<usize>>,
    /// Per bigram: how many articles contain it.
    pub articles: Vec<usize>,
    /// Per bigram: how often it occurs in the cluster.
    pub count: Vec<usize>,
    /// Per bigram: the lowest sentence position, within its article, where
    /// it occurs.
    pub first: Vec<usize>,
}

/// Indexes the bigrams of `a`; ids are numbered in order of first sight.
pub(crate) fn bigrams(a: &Analysis) -> Bigrams {
    let mut ids: std::collections::HashMap<(u32, u32), usize> = Default::default();
    let mut b = Bigrams {
        of_sentence: Vec::with_capacity(a.sentences.len()),
        articles: Vec::new(),
        count: Vec::new(),
        first: Vec::new(),
    };
    // The article that last contained each bigram; sentences come article
    // by article, so a change of article is a new article.
    let mut last_doc: Vec<usize> = Vec::new();
    for (i, s) in a.sentences.iter().enumerate() {
        let mut mine = Vec::new();
        for w in a.tokens_of(i).windows(2) {
            if w[0].stop && w[1].stop {
                continue;
            }
            let id = *ids.entry((w[0].term, w[1].term)).or_insert_with(|| {
                b.articles.push(0);
                b.count.push(0);
                b.first.push(s.index);
                last_doc.push(usize::MAX);
                b.articles.len() - 1
            });
            b.count[id] += 1;
            b.first[id] = b.first[id].min(s.index);
            if last_doc[id] != s.doc {
                last_doc[id] = s.doc;
                b.articles[id] += 1;
            }
            mine.push(id);
        }
        b.of_sentence.push(mine);
    }
    b
}

/// PageRank by power iteration over a graph given as weighted rows
/// (`(column, weight)` per row, zero weights left out). Rows summing to
/// zero jump uniformly.
/// `damping` is the probability of following an edge (0.85 in both LexRank
/// and TextRank papers).
pub(crate) fn pagerank(rows: &[Vec<(u32, f64)>], damping: f64) -> Vec<f64> {
    let n = rows.len();
    if n == 0 {
        return Vec::new();
    }
    let row_sums: Vec<f64> = rows
        .iter()
        .map(|r| r.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut p = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        let dangling: f64 = (0..n).filter(|&i| row_sums[i] == 0.0).map(|i| p[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|x| *x = base);
        for (i, row) in rows.iter().enumerate() {
            if row_sums[i] == 0.0 {
                continue;
            }
            let share = damping * p[i] / row_sums[i];
            for &(j, w) in row {
                next[j as usize] += share * w;
            }
        }
        let delta: f64 = p.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < 1e-8 {
            break;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::clean::Document;

    fn rep(sentences: &[&str]) -> Representation {
        let text = sentences.join(" ");
        let mut spans = Vec::new();
        let mut pos = 0;
        for s in sentences {
            spans.push(pos..pos + s.len());
            pos += s.len() + 1;
        }
        let doc = Document {
            source: "t".into(),
            title: None,
            text,
            blocks: Vec::new(),
        };
        Representation::new(&Analyzer::new().analyze(&[doc], &[spans]))
    }

    #[test]
    fn identical_sentences_have_cosine_one_and_disjoint_zero() {
        let r = rep(&[
            "Tillerson met Putin in Moscow.",
            "Tillerson met Putin in Moscow.",
            "Rain fell over Paris.",
        ]);
        assert!((r.cosine(0, 1) - 1.0).abs() < 1e-9);
        assert_eq!(r.cosine(0, 2), 0.0);
        let rows = r.neighbours();
        assert_eq!(rows[0].iter().map(|&(j, _)| j).collect::<Vec<_>>(), [0, 1]);
        assert!((rows[0][1].1 - 1.0).abs() < 1e-6);
        assert_eq!(rows[2], [(2, 1.0)]);
    }

    #[test]
    fn vectors_are_unit_length_or_empty() {
        let r = rep(&[
            "The talks went on.",
            "It was the.",
            "Talks on Syria stalled.",
        ]);
        for v in &r.tfidf {
            assert!(v.is_empty() || (v.norm() - 1.0).abs() < 1e-9);
        }
        assert!(r.tfidf[1].is_empty(), "stop words only");
    }

    #[test]
    fn pagerank_is_a_distribution_and_favours_the_hub() {
        // Star: node 0 linked with everyone.
        let n = 4;
        let mut rows = vec![Vec::new(); n];
        for i in 1..n {
            rows[0].push((i as u32, 1.0));
            rows[i].push((0, 1.0));
        }
        let p = pagerank(&rows, 0.85);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-6);
        assert!(p[0] > p[1] && (p[1] - p[2]).abs() < 1e-9);
    }
}
