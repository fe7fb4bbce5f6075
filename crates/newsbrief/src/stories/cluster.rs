//! The online clusterer: each article joins the best-matching live story or
//! starts a new one (Miranda et al. 2018, EMNLP, "Multilingual Clustering of
//! Streaming News", monolingual part).
//!
//! Takes [`Article`]s one at a time and hands on an [`Assignment`] per
//! article, the live [`Story`]s, and the stories that retired. An article is
//! compared only with the candidate stories the inverted index finds for its
//! strongest terms; the score of a story is the TF-IDF cosine of the
//! article's words (title words counted `title_weight` times) with the
//! story's centroid, mixed with the cosine of their bags of names, times a
//! Gaussian of the time between the article and the story scaled by
//! `1 + time_boost` (when both are dated, nearness counts for a story), and
//! lowered by `specifics_penalty` when the two give several numbers each and
//! share (almost) none: another event of the same kind. A story that
//! grew is then compared with its own candidates, and two stories that turn
//! out to be one are merged (the older id survives; the younger redirects to
//! it, so [`Clusterer::resolve`] gives every article its final story). A
//! dated one-article story merges at its article's join threshold (times
//! `late_join`) rather than at `merge_threshold`: the article is decided
//! again against the grown story, a late join.
//!
//! Every float sum runs in a fixed order (sorted vectors, candidates ranked
//! with ties to the older story), so one input order gives one result.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};

use super::article::Article;
use super::boilerplate::Boilerplate;
use super::index::{self, InvertedIndex, SparseVec};
use super::text::{Features, TextAnalyzer};
use super::Params;

/// A story's id: 1, 2, ... in order of creation.
pub type StoryId = u64;

const DAY: f64 = 86_400.0;

/// Arrivals after which a story's cached length is recomputed under the new IDFs.
const NORM_REFRESH: u64 = 256;

/// Numbers kept per story for the conflict test.
const MAX_SPECIFICS: usize = 64;

/// Where one article went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Assignment {
    /// The story the article joined or started (after any merge this caused).
    pub story: StoryId,
    /// Whether the article started it.
    pub new_story: bool,
    /// Stories merged while adding this article: `(from, into)`; `from` no longer exists.
    pub merged: Vec<(StoryId, StoryId)>,
}

/// An article analysed for clustering, from [`Clusterer::prepare`].
#[derive(Debug, Clone)]
pub struct Prepared {
    id: String,
    time: Option<i64>,
    features: Features,
}

impl Prepared {
    /// The article's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// A story as the outside world sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Story {
    /// Its id (merged stories keep the survivor's).
    pub id: StoryId,
    /// Ids of its articles, in arrival order (merged stories' articles appended).
    pub articles: Vec<String>,
    /// Earliest and latest article dates, seconds since the Unix epoch; `None` if undated.
    pub first_seen: Option<i64>,
    /// Latest article date, as `first_seen`.
    pub last_seen: Option<i64>,
}

struct StoryState {
    story: Story,
    /// Sum of its articles' unit term vectors (raw weights; IDF applied when compared).
    terms: SparseVec,
    names: SparseVec,
    /// Its articles' numbers (see `Params::specifics_penalty`): how many
    /// articles gave each, the `MAX_SPECIFICS` most frequent kept.
    specifics: SparseVec,
    /// Sum and count of its articles' dates (seconds): time decay reads the
    /// mean. Against the span, the mean keeps a story from drifting for ever:
    /// on the Multi-News stream repeated to 100,000 articles, span-based decay
    /// let a "2016 election" story absorb 952 articles over months. (A
    /// date read from the text's dateline was tried for undated articles: on
    /// ECB+ it lowered B-cubed F1 from 87.0 to 83.8, follow-ups being dated
    /// weeks after the event, so stories span only the articles' own dates.)
    when: Option<(f64, f64)>,
    /// IDF-weighted length of `terms` and the arrival it was computed at; 0:
    /// stale. Recomputed when the story changes or `NORM_REFRESH` arrivals
    /// have moved the IDFs, instead of at every comparison (a fifth of the time).
    norm: (u64, f64),
    /// Arrival number of its latest article.
    last_seq: u64,
}

/// A vocabulary with document frequencies.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    /// `ln(df + 1)` per term.
    ln_df: Vec<f64>,
}

impl Vocab {
    /// Term vector of a bag of words (`weight` per occurrence), sublinear and
    /// L2-normalised; counts each distinct term once more in `df`.
    fn vector(&mut self, bags: &[(&[String], f64)]) -> SparseVec {
        let words: usize = bags.iter().map(|(w, _)| w.len()).sum();
        let mut tf: FxHashMap<u32, f64> =
            FxHashMap::with_capacity_and_hasher(words, Default::default());
        for (words, weight) in bags {
            for w in words.iter() {
                // Look up before inserting: most words are known, and cloning
                // each for `entry` was a tenth of the allocations.
                let id = match self.ids.get(w.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.ids.len() as u32;
                        self.ids.insert(w.clone(), id);
                        self.df.push(0);
                        self.ln_df.push(0.0);
                        id
                    }
                };
                *tf.entry(id).or_default() += weight;
            }
        }
        let mut v: SparseVec = tf
            .into_iter()
            .map(|(t, c)| (t, if c > 1.0 { 1.0 + c.ln() } else { c }))
            .collect();
        v.sort_unstable_by_key(|&(t, _)| t);
        for &(t, _) in &v {
            self.df[t as usize] += 1;
            self.ln_df[t as usize] = (self.df[t as usize] as f64 + 1.0).ln();
        }
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v
    }

    /// Smoothed IDF over `n` documents seen, as a function of the term:
    /// `ln((n + 1) / (df + 1)) + 1`. `ln(df + 1)` is kept per term, so a
    /// comparison costs a subtraction per term rather than a logarithm (the
    /// logarithms took most of the clustering time on Multi-News).
    fn idf(&self, n: u64) -> impl Fn(u32) -> f64 + '_ {
        let ln_n = (n as f64 + 1.0).ln() + 1.0;
        move |t| ln_n - self.ln_df[t as usize]
    }
}

/// Online story clustering; see the module comment.
pub struct Clusterer {
    params: Params,
    text: TextAnalyzer,
    terms: Vocab,
    names: Vocab,
    numbers: HashMap<String, u32>,
    /// Articles added, and the arrival number of the latest.
    seen: u64,
    /// Latest date seen: the stream's clock.
    clock: Option<i64>,
    next_id: StoryId,
    live: HashMap<StoryId, StoryState>,
    index: InvertedIndex,
    /// Merged story → the story it went into.
    redirect: HashMap<StoryId, StoryId>,
    by_time: BTreeSet<(i64, StoryId)>,
    by_seq: BTreeSet<(u64, StoryId)>,
    retired: Vec<Story>,
    boilerplate: Boilerplate,
}

impl Clusterer {
    /// A clusterer with `params`, checked.
    pub fn new(params: Params) -> Result<Self> {
        params.validate()?;
        Ok(Clusterer {
            params,
            text: TextAnalyzer::new(),
            terms: Vocab::default(),
            names: Vocab::default(),
            numbers: HashMap::new(),
            seen: 0,
            clock: None,
            next_id: 1,
            live: HashMap::new(),
            index: InvertedIndex::default(),
            redirect: HashMap::new(),
            by_time: BTreeSet::new(),
            by_seq: BTreeSet::new(),
            retired: Vec::new(),
            boilerplate: Boilerplate::default(),
        })
    }

    /// The parameters it clusters with.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Adds one article. An article with neither title nor text, or with a date
    /// that is not ISO-8601, is an error and leaves the clusterer unchanged.
    /// Same as [`Clusterer::add_prepared`] of [`Clusterer::prepare`].
    pub fn add(&mut self, article: &Article) -> Result<Assignment> {
        let prepared = self.prepare(article)?;
        self.add_prepared(prepared)
    }

    /// The text analysis of an article, which reads nothing of the clusterer's
    /// state: callers may prepare a batch of articles in parallel, then add them
    /// in order with [`Clusterer::add_prepared`] (what `newsbrief stories cluster`
    /// does), and get the stories that adding them one by one gives.
    pub fn prepare(&self, article: &Article) -> Result<Prepared> {
        if !article.has_content() {
            return Err(Error::BadRecord {
                origin: article.id.clone(),
                id: Some(article.id.clone()),
                message: "no title and no text".into(),
            });
        }
        Ok(Prepared {
            id: article.id.clone(),
            time: article.timestamp()?,
            features: self.text.features(article),
        })
    }

    /// Adds a prepared article (see [`Clusterer::prepare`]).
    pub fn add_prepared(&mut self, prepared: Prepared) -> Result<Assignment> {
        let Prepared {
            id: article,
            time,
            features,
        } = prepared;
        let article = article.as_str();
        let seq = self.seen + 1;
        let body = self
            .boilerplate
            .filter(&features.body, self.params.boilerplate_articles, seq);
        let p = &self.params;
        let terms = self
            .terms
            .vector(&[(&features.title, p.title_weight), (&body, 1.0)]);
        let names = self.names.vector(&[(&features.names, 1.0)]);
        let specifics = self.specifics(&features.numbers);
        self.seen = seq;
        if let Some(t) = time {
            self.clock = Some(self.clock.map_or(t, |c| c.max(t)));
        }
        self.retire(seq);

        let span = time.map(|t| (t as f64, 1.0));
        let candidates = self.candidates(&terms, None);
        self.refresh_norms(&candidates);
        let length = index::norm(&terms, self.idf_terms());
        let mut best: Option<(StoryId, f64)> = None;
        for id in candidates {
            let s = &self.live[&id];
            let score = self.similarity(&terms, length, &names, &specifics, span, s);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((id, score));
            }
        }
        let threshold = self.params.threshold * length_factor(terms.len(), &self.params);
        let (story, new_story) = match best {
            Some((id, score)) if score >= threshold => {
                self.join(id, article, (terms, names, specifics), time, span, seq);
                (id, false)
            }
            _ => (
                self.start(article, (terms, names, specifics), time, span, seq),
                true,
            ),
        };
        let mut merged = Vec::new();
        let mut story = story;
        if !new_story && (self.params.merge_threshold <= 1.0 || self.params.late_join.is_some()) {
            while let Some(other) = self.merge_partner(story) {
                let (into, from) = (story.min(other), story.max(other));
                self.merge(from, into);
                merged.push((from, into));
                story = into;
            }
        }
        Ok(Assignment {
            story,
            new_story,
            merged,
        })
    }

    /// The story an article was assigned to, after every merge since.
    pub fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(&next) = self.redirect.get(&id) {
            id = next;
        }
        id
    }

    /// The live stories, oldest first.
    pub fn stories(&self) -> Vec<Story> {
        let mut out: Vec<Story> = self.live.values().map(|s| s.story.clone()).collect();
        out.sort_by_key(|s| s.id);
        out
    }

    /// Number of live stories.
    pub fn live_stories(&self) -> usize {
        self.live.len()
    }

    /// Hands over the stories that retired since the last call, in retirement order.
    /// A retired story takes no more articles: a late article starts a new story.
    pub fn take_retired(&mut self) -> Vec<Story> {
        std::mem::take(&mut self.retired)
    }

    fn idf_terms(&self) -> impl Fn(u32) -> f64 + '_ {
        self.terms.idf(self.seen)
    }

    /// Candidate stories: those sharing the article's strongest terms (by weight × IDF).
    fn candidates(&self, terms: &[(u32, f64)], skip: Option<StoryId>) -> Vec<StoryId> {
        let idf = self.idf_terms();
        let mut query: Vec<(u32, f64)> = terms.iter().map(|&(t, w)| (t, w * idf(t))).collect();
        index::top(&mut query, self.params.query_terms, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        // Weight each hit by the term's IDF: sharing a rare term ranks a story first.
        let query: Vec<(u32, f64)> = query.into_iter().map(|(t, w)| (t, w * idf(t))).collect();
        self.index
            .candidates(&query, self.params.max_candidates, skip)
    }

    /// The article's numbers as a sorted set of ids, weight 1 each.
    fn specifics(&mut self, numbers: &[String]) -> SparseVec {
        let mut v: SparseVec = Vec::with_capacity(numbers.len());
        for n in numbers {
            let id = match self.numbers.get(n.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.numbers.len() as u32;
                    self.numbers.insert(n.clone(), id);
                    id
                }
            };
            v.push((id, 1.0));
        }
        v.sort_unstable_by_key(|&(t, _)| t);
        v.dedup_by_key(|&mut (t, _)| t);
        v
    }

    /// Whether the numbers of an article (or story) `a` mostly disagree with
    /// those of `story`: both give `specifics_min` or more, and under
    /// `specifics_share` of `a`'s are among the story's.
    fn conflict(&self, a: &[(u32, f64)], story: &[(u32, f64)]) -> bool {
        let p = &self.params;
        if p.specifics_penalty <= 0.0 || a.len() < p.specifics_min || story.len() < p.specifics_min
        {
            return false;
        }
        let shared = crate::represent::shared(a, story, |x| x.0, |y| y.0).count();
        (shared as f64) < p.specifics_share * a.len().min(story.len()) as f64
    }

    /// The score of putting (`terms`, `names`, dates summed and counted in `span`) into `story`.
    /// `length`: the IDF-weighted length of `terms`; the story's is cached.
    fn similarity(
        &self,
        terms: &[(u32, f64)],
        length: f64,
        names: &[(u32, f64)],
        specifics: &[(u32, f64)],
        span: Option<(f64, f64)>,
        story: &StoryState,
    ) -> f64 {
        let p = &self.params;
        let dot = index::dot(terms, &story.terms, self.idf_terms());
        let text = if dot > 0.0 {
            dot / (length * story.norm.1)
        } else {
            0.0
        };
        let mut score = if p.name_weight > 0.0 && !names.is_empty() && !story.names.is_empty() {
            let n = index::cosine(names, &story.names, self.names.idf(self.seen));
            (1.0 - p.name_weight) * text + p.name_weight * n
        } else {
            text
        };
        if let (Some(sigma), Some((a, an)), Some((b, bn))) = (p.decay_days, span, story.when) {
            let gap = (a / an - b / bn).abs() / DAY;
            score *= (1.0 + p.time_boost) * (-gap * gap / (2.0 * sigma * sigma)).exp();
        }
        if self.conflict(specifics, &story.specifics) {
            score *= 1.0 - p.specifics_penalty;
        }
        score
    }

    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        article: &str,
        (terms, names, specifics): (SparseVec, SparseVec, SparseVec),
        time: Option<i64>,
        span: Option<(f64, f64)>,
        seq: u64,
    ) -> StoryId {
        let id = self.next_id;
        self.next_id += 1;
        for &(t, _) in &terms {
            self.index.insert(t, id);
        }
        let state = StoryState {
            story: Story {
                id,
                articles: vec![article.to_string()],
                first_seen: time,
                last_seen: time,
            },
            terms,
            names,
            specifics,
            when: span,
            norm: (0, 0.0),
            last_seq: seq,
        };
        self.track(&state);
        self.live.insert(id, state);
        self.prune(id);
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn join(
        &mut self,
        id: StoryId,
        article: &str,
        (terms, names, specifics): (SparseVec, SparseVec, SparseVec),
        time: Option<i64>,
        span: Option<(f64, f64)>,
        seq: u64,
    ) {
        let mut s = self.live.remove(&id).expect("a candidate is live");
        self.untrack(&s);
        for &(t, _) in &terms {
            self.index.insert(t, id);
        }
        s.terms = index::add(&s.terms, &terms);
        s.names = index::add(&s.names, &names);
        s.specifics = cap_specifics(index::add(&s.specifics, &specifics));
        s.story.articles.push(article.to_string());
        widen(&mut s.story, time, time);
        s.when = union(s.when, span);
        s.norm.0 = 0;
        s.last_seq = seq;
        self.track(&s);
        self.live.insert(id, s);
        self.prune(id);
    }

    /// A live story that `id` now matches at `merge_threshold` or above (a
    /// dated one-article story: at its late-join threshold), if any.
    fn merge_partner(&mut self, id: StoryId) -> Option<StoryId> {
        let candidates = self.candidates(&self.live[&id].terms, Some(id));
        self.refresh_norms(&candidates);
        let s = &self.live[&id];
        let length = index::norm(&s.terms, self.idf_terms());
        let mut best: Option<(StoryId, f64)> = None;
        for other in candidates {
            let o = &self.live[&other];
            let score = self.similarity(&s.terms, length, &s.names, &s.specifics, s.when, o);
            let threshold = self.merge_threshold(s, o);
            if score >= threshold && best.is_none_or(|(_, b)| score > b) {
                best = Some((other, score));
            }
        }
        best.map(|(o, _)| o)
    }

    /// The score at which `grown` (a story that just took an article) and
    /// `other` merge: `merge_threshold`, or for a dated one-article `other`
    /// the late join's threshold, `late_join ×` that of its article (see
    /// [`Params::late_join`]). The score is symmetric, so this is the
    /// article's join score against the grown story.
    fn merge_threshold(&self, grown: &StoryState, other: &StoryState) -> f64 {
        let p = &self.params;
        match p.late_join {
            Some(factor)
                if other.story.articles.len() == 1
                    && grown.when.is_some()
                    && other.when.is_some() =>
            {
                let join = p.threshold * length_factor(other.terms.len(), p);
                (factor * join).min(p.merge_threshold)
            }
            _ => p.merge_threshold,
        }
    }

    fn merge(&mut self, from: StoryId, into: StoryId) {
        let f = self.live.remove(&from).expect("merged stories are live");
        self.untrack(&f);
        for &(t, _) in &f.terms {
            self.index.remove(t, from);
            self.index.insert(t, into);
        }
        let mut s = self.live.remove(&into).expect("merged stories are live");
        self.untrack(&s);
        s.terms = index::add(&s.terms, &f.terms);
        s.names = index::add(&s.names, &f.names);
        s.specifics = cap_specifics(index::add(&s.specifics, &f.specifics));
        s.story.articles.extend(f.story.articles);
        widen(&mut s.story, f.story.first_seen, f.story.last_seen);
        s.when = union(s.when, f.when);
        s.norm.0 = 0;
        s.last_seq = s.last_seq.max(f.last_seq);
        self.track(&s);
        self.live.insert(into, s);
        self.redirect.insert(from, into);
        self.prune(into);
    }

    /// Recomputes the cached lengths of `ids` that are stale.
    fn refresh_norms(&mut self, ids: &[StoryId]) {
        let seen = self.seen;
        let idf = self.terms.idf(seen);
        for id in ids {
            if let Some(s) = self.live.get_mut(id) {
                if s.norm.0 == 0 || seen - s.norm.0 >= NORM_REFRESH {
                    s.norm = (seen, index::norm(&s.terms, &idf));
                }
            }
        }
    }

    /// Keeps a centroid to its `max_story_terms` strongest terms (weight × IDF),
    /// so a long-running story costs the same to compare as a young one.
    fn prune(&mut self, id: StoryId) {
        let limit = self.params.max_story_terms;
        let s = &self.live[&id];
        if s.terms.len() <= limit {
            return;
        }
        let idf = self.terms.idf(self.seen);
        let mut ranked: Vec<(u32, f64)> = s.terms.iter().map(|&(t, w)| (t, w * idf(t))).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let dropped: Vec<u32> = ranked[limit..].iter().map(|&(t, _)| t).collect();
        let mut keep: Vec<u32> = ranked[..limit].iter().map(|&(t, _)| t).collect();
        keep.sort_unstable();
        let s = self.live.get_mut(&id).expect("live");
        s.terms.retain(|(t, _)| keep.binary_search(t).is_ok());
        s.norm.0 = 0;
        for t in dropped {
            self.index.remove(t, id);
        }
    }

    fn track(&mut self, s: &StoryState) {
        if let Some(t) = s.story.last_seen {
            self.by_time.insert((t, s.story.id));
        }
        self.by_seq.insert((s.last_seq, s.story.id));
    }

    fn untrack(&mut self, s: &StoryState) {
        if let Some(t) = s.story.last_seen {
            self.by_time.remove(&(t, s.story.id));
        }
        self.by_seq.remove(&(s.last_seq, s.story.id));
    }

    /// Retires stories quiet for `retire_after_days` of stream time, or for
    /// `retire_after_articles` arrivals (what bounds memory in undated streams).
    fn retire(&mut self, seq: u64) {
        let mut quiet = Vec::new();
        if let (Some(clock), Some(days)) = (self.clock, self.params.retire_after_days) {
            let cutoff = clock - (days * DAY) as i64;
            quiet.extend(
                self.by_time
                    .iter()
                    .take_while(|(t, _)| *t < cutoff)
                    .map(|&(_, id)| id),
            );
        }
        let cutoff = seq.saturating_sub(self.params.retire_after_articles);
        quiet.extend(
            self.by_seq
                .iter()
                .take_while(|(q, _)| *q < cutoff)
                .map(|&(_, id)| id),
        );
        quiet.sort_unstable();
        quiet.dedup();
        for id in quiet {
            if let Some(s) = self.live.remove(&id) {
                self.untrack(&s);
                for &(t, _) in &s.terms {
                    self.index.remove(t, id);
                }
                self.retired.push(s.story);
            }
        }
    }
}

/// Scales the threshold for short articles: `(terms / full_length)^length_exponent`,
/// at most 1. A headline shares a few words with its story where a full article
/// shares dozens, so its cosine with the centroid runs lower for the same
/// story (on the UCI headlines the best fixed threshold is half ECB+'s).
fn length_factor(terms: usize, p: &Params) -> f64 {
    (terms as f64 / p.full_length.max(1) as f64)
        .powf(p.length_exponent)
        .min(1.0)
}

/// Keeps a story's `MAX_SPECIFICS` most frequent numbers (ties: older id).
fn cap_specifics(mut v: SparseVec) -> SparseVec {
    if v.len() > MAX_SPECIFICS {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(MAX_SPECIFICS);
        v.sort_unstable_by_key(|&(t, _)| t);
    }
    v
}

fn union(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> Option<(f64, f64)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0 + b0, a1 + b1)),
        (a, b) => a.or(b),
    }
}

fn widen(story: &mut Story, first: Option<i64>, last: Option<i64>) {
    story.first_seen = match (story.first_seen, first) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    story.last_seen = match (story.last_seen, last) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_only() -> Params {
        Params {
            name_weight: 0.0,
            decay_days: None,
            ..Params::default()
        }
    }

    fn add(c: &mut Clusterer, id: &str, title: &str, text: &str) -> Assignment {
        c.add(&Article::new(id, Some(title), text))
            .expect("a valid article")
    }

    const QUAKE_CHILE: [(&str, &str); 3] = [
        ("Earthquake of magnitude 8.2 strikes off Chile near Iquique",
         "A magnitude 8.2 earthquake struck off northern Chile near Iquique, triggering a tsunami warning and evacuations along the coast."),
        ("Chile quake near Iquique kills six, tsunami warning lifted",
         "Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile; the tsunami warning along the coast was lifted."),
        ("Iquique residents return home after Chile earthquake",
         "Residents of Iquique returned home as northern Chile counted the damage of the 8.2 magnitude quake and the tsunami evacuations."),
    ];

    const QUAKE_JAPAN: (&str, &str) = (
        "Earthquake of magnitude 6.1 shakes Fukushima in Japan",
        "A magnitude 6.1 earthquake shook Fukushima prefecture in Japan, halting bullet trains; no damage to the nuclear plant was reported.",
    );

    const IPHONE: (&str, &str) = (
        "Apple unveils larger iPhone at Cupertino event",
        "Apple showed a new iPhone with a larger screen and a faster chip at its autumn event in Cupertino on Wednesday.",
    );

    #[test]
    fn articles_on_one_event_join_one_story() {
        let mut c = Clusterer::new(Params::default()).unwrap();
        let stories: Vec<StoryId> = QUAKE_CHILE
            .iter()
            .enumerate()
            .map(|(i, (t, b))| add(&mut c, &i.to_string(), t, b).story)
            .collect();
        assert_eq!(stories, [1, 1, 1]);
        let other = add(&mut c, "x", IPHONE.0, IPHONE.1);
        assert!(other.new_story);
        assert_eq!(other.story, 2);
        let live = c.stories();
        assert_eq!(live.len(), 2);
        assert_eq!(live[0].articles, ["0", "1", "2"]);
    }

    #[test]
    fn same_subject_different_event_splits() {
        let mut c = Clusterer::new(Params::default()).unwrap();
        for (i, (t, b)) in QUAKE_CHILE.iter().enumerate() {
            add(&mut c, &i.to_string(), t, b);
        }
        let japan = add(&mut c, "jp", QUAKE_JAPAN.0, QUAKE_JAPAN.1);
        assert!(japan.new_story, "another earthquake is another story");
    }

    #[test]
    fn the_same_words_a_month_apart_are_another_story() {
        let mut c = Clusterer::new(Params::default()).unwrap();
        let (t, b) = QUAKE_CHILE[0];
        let first = c
            .add(&Article::new("a", Some(t), b).with_date("2014-04-01T23:46:00Z"))
            .unwrap();
        let next_day = c
            .add(&Article::new("b", Some(t), b).with_date("2014-04-02T10:00:00Z"))
            .unwrap();
        assert_eq!(next_day.story, first.story);
        // Same text, a month later: time decay says a new event of the same kind.
        let later = c
            .add(&Article::new("c", Some(t), b).with_date("2014-05-02T10:00:00Z"))
            .unwrap();
        assert!(later.new_story);
    }

    #[test]
    fn nearness_in_time_joins_what_words_alone_leave_apart() {
        let first = (
            "Earthquake strikes off Chile near Iquique",
            "A strong earthquake struck off northern Chile near Iquique on Tuesday night.",
        );
        let follow_up = (
            "Rescuers search rubble in the north of Chile",
            "Rescue teams searched collapsed homes and counted the dead on Wednesday after the quake. \
             Volunteers brought water, blankets and food to families sleeping outside schools.",
        );
        let run = |dates: [Option<&str>; 2]| {
            let mut c = Clusterer::new(Params::default()).unwrap();
            let ids: Vec<StoryId> = [first, follow_up]
                .iter()
                .zip(dates)
                .enumerate()
                .map(|(i, ((t, b), d))| {
                    let a = Article::new(i.to_string(), Some(t), b);
                    c.add(&match d {
                        Some(d) => a.with_date(d),
                        None => a,
                    })
                    .unwrap()
                    .story
                })
                .collect();
            ids[0] == ids[1]
        };
        assert!(!run([None, None]), "undated: too few shared words");
        assert!(run([
            Some("2014-04-01T23:46:00Z"),
            Some("2014-04-02T09:00:00Z")
        ]));
        // Four days apart, the decay outweighs the boost.
        assert!(!run([
            Some("2014-04-01T23:46:00Z"),
            Some("2014-04-05T23:46:00Z")
        ]));
    }

    #[test]
    fn a_bridging_article_merges_two_stories() {
        let params = Params {
            threshold: 0.5,
            merge_threshold: 0.3,
            ..words_only()
        };
        let mut c = Clusterer::new(params).unwrap();
        let a = add(&mut c, "a", "", "alpha bravo charlie delta");
        let b = add(&mut c, "b", "", "echo foxtrot golf hotel");
        assert_ne!(a.story, b.story);
        let bridge = add(
            &mut c,
            "c",
            "",
            "alpha bravo charlie delta echo foxtrot golf hotel",
        );
        assert_eq!(bridge.merged, [(b.story, a.story)]);
        assert_eq!(c.resolve(b.story), a.story);
        assert_eq!(c.resolve(bridge.story), a.story);
        let live = c.stories();
        assert_eq!(live.len(), 1);
        let mut articles = live[0].articles.clone();
        articles.sort();
        assert_eq!(articles, ["a", "b", "c"]);
        // Without the merge pass the two stay apart.
        let mut c = Clusterer::new(Params {
            merge_threshold: 2.0,
            ..c.params().clone()
        })
        .unwrap();
        add(&mut c, "a", "", "alpha bravo charlie delta");
        add(&mut c, "b", "", "echo foxtrot golf hotel");
        assert!(add(
            &mut c,
            "c",
            "",
            "alpha bravo charlie delta echo foxtrot golf hotel"
        )
        .merged
        .is_empty());
        assert_eq!(c.stories().len(), 2);
    }

    #[test]
    fn a_lone_dated_article_joins_late_when_its_story_grows() {
        // a and b share too little to join; c joins b's story, and that grown
        // story now matches a at 1.2 × the join threshold (0.48), well under
        // merge_threshold: a late join, only when the articles are dated.
        let params = Params {
            threshold: 0.4,
            full_length: 1,
            merge_threshold: 0.9,
            late_join: Some(1.2),
            ..words_only()
        };
        let stream = [
            ("a", "alpha bravo charlie delta"),
            ("b", "echo foxtrot golf alpha bravo"),
            ("c", "alpha bravo charlie delta echo foxtrot golf"),
        ];
        let run = |params: &Params, dated: bool| {
            let mut c = Clusterer::new(params.clone()).unwrap();
            let out: Vec<Assignment> = stream
                .iter()
                .map(|(id, text)| {
                    let a = Article::new(*id, None, text);
                    let a = if dated {
                        a.with_date("2014-04-01T12:00:00Z")
                    } else {
                        a
                    };
                    c.add(&a).unwrap()
                })
                .collect();
            (out, c.stories().len())
        };
        let (out, stories) = run(&params, true);
        assert!(out[1].new_story, "b shares too little with a");
        assert_eq!(out[2].story, 1);
        assert_eq!(out[2].merged, [(2, 1)]);
        assert_eq!(stories, 1);
        // Undated, or with the late join off, a stays alone.
        let (out, stories) = run(&params, false);
        assert!(out[2].merged.is_empty());
        assert_eq!(stories, 2);
        let off = Params {
            late_join: None,
            ..params
        };
        let (out, stories) = run(&off, true);
        assert!(out[2].merged.is_empty());
        assert_eq!(stories, 2);
    }

    #[test]
    fn short_articles_join_at_a_lower_threshold() {
        let p = Params::default();
        assert_eq!(length_factor(p.full_length, &p), 1.0);
        assert_eq!(length_factor(10 * p.full_length, &p), 1.0);
        // A headline of 7 terms: about 0.3, as under the earlier sqrt(7 / 80).
        let headline = length_factor(7, &p);
        assert!(
            (headline - (7.0f64 / 80.0).sqrt()).abs() < 0.01,
            "{headline}"
        );
        // 40 terms: lower than the square root's 0.71.
        assert!(length_factor(40, &p) < 0.7);
    }

    #[test]
    fn an_article_whose_numbers_all_differ_is_held_back() {
        // Two earthquakes told in the same words: only the numbers (magnitude,
        // toll, year, depth) tell them apart.
        let story = [
            "A magnitude 6.1 earthquake struck the coast in 2008, killing 45 people at a depth of 10.5 km.",
            "The 6.1 earthquake on the coast killed 45 people in 2008; it struck 10.5 km deep.",
        ];
        let same = "The coast earthquake of magnitude 6.1 killed 45 people in 2008, 10.5 km deep.";
        let other = "A magnitude 7.2 earthquake struck the coast in 2011, killing 120 people at a depth of 33 km.";
        let run = |penalty: f64, last: &str| {
            let mut c = Clusterer::new(Params {
                specifics_penalty: penalty,
                ..words_only()
            })
            .unwrap();
            for (i, text) in story.iter().enumerate() {
                assert_eq!(add(&mut c, &i.to_string(), "", text).story, 1);
            }
            add(&mut c, "x", "", last).new_story
        };
        assert!(!run(0.0, other), "without the test, the words decide");
        assert!(run(0.9, other), "no number shared: the other event");
        assert!(!run(0.9, same), "numbers shared: the same event");
        // Fewer than `specifics_min` numbers on one side: no conflict.
        assert!(!run(
            0.9,
            "A magnitude 7.2 earthquake struck the coast, killing people."
        ));
    }

    #[test]
    fn quiet_stories_retire_and_take_no_more_articles() {
        let params = Params {
            retire_after_days: Some(2.0),
            ..Params::default()
        };
        let mut c = Clusterer::new(params).unwrap();
        let (t, b) = QUAKE_CHILE[0];
        let first = c
            .add(&Article::new("a", Some(t), b).with_date("2014-04-01T00:00:00Z"))
            .unwrap();
        assert!(c.take_retired().is_empty());
        c.add(&Article::new("x", Some(IPHONE.0), IPHONE.1).with_date("2014-04-04T00:00:00Z"))
            .unwrap();
        let retired = c.take_retired();
        assert_eq!(retired.len(), 1);
        assert_eq!(retired[0].id, first.story);
        assert_eq!(retired[0].articles, ["a"]);
        assert_eq!(retired[0].first_seen, Some(1_396_310_400));
        assert_eq!(c.live_stories(), 1);
        // Handed over once only.
        assert!(c.take_retired().is_empty());
        let late = c
            .add(&Article::new("b", Some(t), b).with_date("2014-04-04T01:00:00Z"))
            .unwrap();
        assert!(late.new_story);
    }

    #[test]
    fn undated_streams_retire_by_arrivals() {
        let params = Params {
            retire_after_articles: 2,
            ..words_only()
        };
        let mut c = Clusterer::new(params).unwrap();
        add(&mut c, "a", "", "alpha bravo charlie");
        add(&mut c, "b", "", "delta echo foxtrot");
        assert!(c.take_retired().is_empty());
        add(&mut c, "c", "", "golf hotel india");
        add(&mut c, "d", "", "juliet kilo lima");
        let retired: Vec<StoryId> = c.take_retired().iter().map(|s| s.id).collect();
        assert_eq!(retired, [1]);
    }

    #[test]
    fn one_input_order_gives_one_clustering() {
        let mut stream: Vec<Article> = Vec::new();
        for round in 0..4 {
            for (i, (t, b)) in QUAKE_CHILE
                .iter()
                .chain([&QUAKE_JAPAN, &IPHONE])
                .enumerate()
            {
                let day = 1 + round * 2 + i % 2;
                stream.push(
                    Article::new(format!("{round}-{i}"), Some(t), b)
                        .with_date(&format!("2014-04-{day:02}T12:00:00Z")),
                );
            }
        }
        let run = || {
            let mut c = Clusterer::new(Params::default()).unwrap();
            let ids: Vec<StoryId> = stream.iter().map(|a| c.add(a).unwrap().story).collect();
            let ids: Vec<StoryId> = ids.into_iter().map(|s| c.resolve(s)).collect();
            (ids, c.stories())
        };
        let first = run();
        for _ in 0..3 {
            assert_eq!(run(), first);
        }
    }

    #[test]
    fn preparing_ahead_gives_the_same_stories_as_adding_one_by_one() {
        let stream: Vec<Article> = QUAKE_CHILE
            .iter()
            .chain([&QUAKE_JAPAN, &IPHONE])
            .cycle()
            .take(12)
            .enumerate()
            .map(|(i, (t, b))| Article::new(i.to_string(), Some(t), b))
            .collect();
        let mut one = Clusterer::new(Params::default()).unwrap();
        let a: Vec<Assignment> = stream.iter().map(|x| one.add(x).unwrap()).collect();
        let mut batch = Clusterer::new(Params::default()).unwrap();
        let prepared: Vec<Prepared> = stream.iter().map(|x| batch.prepare(x).unwrap()).collect();
        let b: Vec<Assignment> = prepared
            .into_iter()
            .map(|p| batch.add_prepared(p).unwrap())
            .collect();
        assert_eq!(a, b);
        assert_eq!(one.stories(), batch.stories());
    }

    #[test]
    fn a_bad_article_is_an_error_and_changes_nothing() {
        let mut c = Clusterer::new(Params::default()).unwrap();
        let empty = Article::new("e", None, "  ");
        let err = c.add(&empty).unwrap_err().to_string();
        assert!(err.contains("\"e\"") || err.starts_with("e:"), "{err}");
        assert!(err.contains("no title and no text"), "{err}");
        let bad_date = Article::new("d", Some("Title"), "Body text here.").with_date("yesterday");
        let err = c.add(&bad_date).unwrap_err().to_string();
        assert!(
            err.contains("yesterday") && err.contains("ISO-8601"),
            "{err}"
        );
        let ok = add(&mut c, "ok", QUAKE_JAPAN.0, QUAKE_JAPAN.1);
        assert_eq!(ok.story, 1);
        assert_eq!(c.stories()[0].articles, ["ok"]);
    }

    #[test]
    fn out_of_range_params_are_refused() {
        for p in [
            Params {
                threshold: 0.0,
                ..Params::default()
            },
            Params {
                name_weight: 1.5,
                ..Params::default()
            },
            Params {
                decay_days: Some(-1.0),
                ..Params::default()
            },
            Params {
                max_candidates: 0,
                ..Params::default()
            },
            Params {
                late_join: Some(0.0),
                ..Params::default()
            },
            Params {
                length_exponent: 0.0,
                ..Params::default()
            },
            Params {
                specifics_penalty: 1.0,
                ..Params::default()
            },
        ] {
            assert!(Clusterer::new(p).is_err());
        }
    }
}
