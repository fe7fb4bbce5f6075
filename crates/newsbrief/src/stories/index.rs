//! Sparse term vectors and the inverted index that picks candidate stories.
//!
//! Takes story centroids (sorted sparse vectors over term ids) and hands on,
//! for an article's strongest terms, the live stories that share them, so
//! an article is compared with a handful of stories instead of all of them
//! and the cost per article stays flat however long the stream runs.

// Fx hashing: the keys are our own small integers, not attacker-chosen, and
// SipHash took a tenth of the clustering time.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A sparse vector: `(term, weight)` sorted by term, no zero weights.
pub(crate) type SparseVec = Vec<(u32, f64)>;

/// Sum of two sparse vectors.
pub(crate) fn add(a: &[(u32, f64)], b: &[(u32, f64)]) -> SparseVec {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Dot product of two sparse vectors, each term weighted by `idf(term)` (so
/// squared here): vectors are stored as plain term weights while document
/// frequencies keep changing under them.
pub(crate) fn dot(a: &[(u32, f64)], b: &[(u32, f64)], idf: impl Fn(u32) -> f64) -> f64 {
    crate::represent::shared(a, b, |x| x.0, |y| y.0).fold(0.0, |dot, (x, y)| {
        let idf = idf(x.0);
        dot + x.1 * y.1 * idf * idf
    })
}

/// Length of a sparse vector with each term weighted by `idf(term)`.
pub(crate) fn norm(v: &[(u32, f64)], idf: impl Fn(u32) -> f64) -> f64 {
    v.iter()
        .map(|&(t, w)| (w * idf(t)).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// Cosine of two sparse vectors under IDF weights (see [`dot`]).
pub(crate) fn cosine(a: &[(u32, f64)], b: &[(u32, f64)], idf: impl Fn(u32) -> f64) -> f64 {
    let d = dot(a, b, &idf);
    if d == 0.0 {
        return 0.0;
    }
    d / (norm(a, &idf) * norm(b, &idf))
}

/// Keeps the `limit` first items of `v` under `order` (a total order, so the
/// result never depends on the input's order), sorted; partial selection
/// first, since most hits are discarded.
pub(crate) fn top<T>(v: &mut Vec<T>, limit: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if v.len() > limit {
        v.select_nth_unstable_by(limit, &order);
        v.truncate(limit);
    }
    v.sort_unstable_by(order);
}

/// Term → the live stories whose centroid holds it.
#[derive(Debug, Default)]
pub(crate) struct InvertedIndex {
    postings: HashMap<u32, HashSet<u64>>,
}

impl InvertedIndex {
    pub fn insert(&mut self, term: u32, story: u64) {
        self.postings.entry(term).or_default().insert(story);
    }

    pub fn remove(&mut self, term: u32, story: u64) {
        if let Some(set) = self.postings.get_mut(&term) {
            set.remove(&story);
            if set.is_empty() {
                self.postings.remove(&term);
            }
        }
    }

    /// The stories sharing the most query weight with `query` (term, weight),
    /// at most `limit`, best first; ties go to the older story, so the result
    /// never depends on hash order.
    pub fn candidates(&self, query: &[(u32, f64)], limit: usize, skip: Option<u64>) -> Vec<u64> {
        // Sized for a typical hit list, so the map does not regrow per article.
        let mut acc: HashMap<u64, f64> =
            HashMap::with_capacity_and_hasher(1024, Default::default());
        // Each story's sum is built in query order, whatever order a set yields it in.
        for &(term, w) in query {
            if let Some(set) = self.postings.get(&term) {
                for &s in set {
                    *acc.entry(s).or_default() += w;
                }
            }
        }
        if let Some(s) = skip {
            acc.remove(&s);
        }
        let mut ranked: Vec<(u64, f64)> = acc.into_iter().collect();
        top(&mut ranked, limit, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        ranked.into_iter().map(|(s, _)| s).collect()
    }

    #[cfg(test)]
    pub fn terms(&self) -> usize {
        self.postings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_merges_by_term() {
        assert_eq!(
            add(&[(1, 1.0), (4, 2.0)], &[(2, 1.0), (4, 1.0)]),
            vec![(1, 1.0), (2, 1.0), (4, 3.0)]
        );
    }

    #[test]
    fn cosine_weights_terms_by_idf() {
        let a = [(1, 1.0), (2, 1.0)];
        let b = [(1, 1.0), (3, 1.0)];
        assert!((cosine(&a, &b, |_| 1.0) - 0.5).abs() < 1e-12);
        // Sharing a rare term counts for more than sharing a common one.
        let rare_shared = cosine(&a, &b, |t| if t == 1 { 3.0 } else { 1.0 });
        assert!(rare_shared > 0.8, "{rare_shared}");
        assert_eq!(cosine(&a, &[(9, 1.0)], |_| 1.0), 0.0);
    }

    #[test]
    fn candidates_rank_by_shared_weight_then_age() {
        let mut index = InvertedIndex::default();
        index.insert(1, 10);
        index.insert(2, 10);
        index.insert(1, 11);
        index.insert(2, 12);
        assert_eq!(
            index.candidates(&[(1, 1.0), (2, 1.0)], 5, None),
            [10, 11, 12]
        );
        assert_eq!(index.candidates(&[(1, 1.0), (2, 1.0)], 1, None), [10]);
        assert_eq!(index.candidates(&[(1, 1.0)], 5, Some(10)), [11]);
        index.remove(1, 10);
        index.remove(2, 10);
        index.remove(2, 12);
        assert_eq!(index.terms(), 1);
    }
}
