//! Paraphrase-aware redundancy: two sentences that report one fact in
//! different words.
//!
//! Takes the [`Context`] and hands on [`Facts`], which answers whether two
//! sentences report the same fact. Word cosine misses a paraphrase: in the
//! bundled example "Russian Federation vetoed a United Nations draft
//! resolution demanding ..." and "Moments after ... Rex Tillerson and ...
//! Sergei Lavrov ended a news conference in Moscow, Russia vetoed the latest
//! United Nations resolution condemning ..." have a TF-IDF cosine of about
//! 0.2, far under the 0.5 redundancy threshold, yet report one veto. A fact
//! is read as its actor, its action and its object (the predicate-argument
//! view of Pyramid-style content units, Nenkova & Passonneau 2004), which
//! without a parser is approximated by the keys of a clause:
//! - names, with the brief's alias grouping (`crate::entities`), so
//!   "Russian Federation" and "Russia" are one key;
//! - content words, stemmed, weighted by their IDF in the cluster; reporting
//!   verbs ("said", "told") carry no fact and are left out.
//!
//! A sentence is split into clauses at commas, semicolons, colons, dashes
//! and brackets (the veto above is the second sentence's last clause). Two
//! sentences report the same fact when some clause of one has at least a
//! threshold share of its key weight in the other, sharing at least one
//! name and one content word: same actor or object, same action.

use std::ops::Range;

use super::Context;

/// Verbs that report speech: in a news sentence they are the frame, not the
/// fact ("X said Y" and "X told reporters Y" report the same Y).
const REPORTING: &[&str] = &[
    "said",
    "say",
    "says",
    "saying",
    "told",
    "tell",
    "tells",
    "added",
    "according",
    "stated",
    "noted",
    "reported",
    "reports",
    "announced",
    "claimed",
    "asked",
    "explained",
];

/// The share of a clause's key weight another sentence must hold to report
/// the same fact: the selection's default and the brief's exclusives. At
/// 0.45 the example's two vetoes are one fact and its other statements stay
/// apart (tests below); on DUC 2004 and Multi-News validation the test
/// left hybrid's ROUGE within 0.06 points (docs/tuning.md).
pub const SAME_FACT: f64 = 0.45;

/// A clause with fewer keys joins the one before it: "In Moscow," alone
/// says nothing.
const MIN_CLAUSE_KEYS: usize = 3;

/// One key of a clause: a stemmed content word or a unified name.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key {
    /// Term id, or `u32::MAX - entity` for a name.
    id: u32,
    weight: f32,
}

impl Key {
    fn is_name(&self) -> bool {
        self.id > u32::MAX / 2
    }
}

/// Per sentence, its clauses' keys, for the same-fact test.
#[derive(Debug, Default)]
pub struct Facts {
    /// Per sentence, the keys of each clause.
    clauses: Vec<Vec<Vec<Key>>>,
    /// Per sentence, all its keys, sorted by id without repeats.
    all: Vec<Vec<Key>>,
}

impl Facts {
    /// Reads every sentence of the cluster once, with the names the
    /// context found ([`Context::facts`] keeps the result).
    pub fn new(ctx: &Context) -> Self {
        let found = ctx.entities();
        let a = ctx.analysis;
        let max_idf = ctx.rep.idf.iter().copied().fold(1.0f64, f64::max);
        let mut clauses = Vec::with_capacity(a.sentences.len());
        let mut all = Vec::with_capacity(a.sentences.len());
        for (i, s) in a.sentences.iter().enumerate() {
            let text = &ctx.docs[s.doc].text;
            let mentions = &found.by_sentence[i];
            // (position, key) in text order, names at their mention.
            let mut keyed: Vec<(usize, Key)> = mentions
                .iter()
                .map(|m| {
                    (
                        m.span.start,
                        Key {
                            id: u32::MAX - m.entity as u32,
                            weight: 1.0,
                        },
                    )
                })
                .collect();
            for t in a.tokens_of(i) {
                if t.stop || mentions.iter().any(|m| overlaps(&m.span, &t.span)) {
                    continue;
                }
                let word = &text[t.span.clone()];
                if word.len() < 2 || REPORTING.iter().any(|r| r.eq_ignore_ascii_case(word)) {
                    continue;
                }
                let weight = (ctx.rep.idf[t.term as usize] / max_idf) as f32;
                keyed.push((t.span.start, Key { id: t.term, weight }));
            }
            keyed.sort_by_key(|&(at, k)| (at, k.id));
            let mut sentence_clauses: Vec<Vec<Key>> = Vec::new();
            let mut current: Vec<Key> = Vec::new();
            let mut last = s.span.start;
            for (at, key) in keyed {
                if !current.is_empty() && breaks_clause(&text[last.min(at)..at]) {
                    push_clause(&mut sentence_clauses, std::mem::take(&mut current));
                }
                current.push(key);
                last = at;
            }
            push_clause(&mut sentence_clauses, current);
            let mut keys: Vec<Key> = sentence_clauses.iter().flatten().copied().collect();
            keys.sort_by_key(|k| k.id);
            keys.dedup_by_key(|k| k.id);
            for c in &mut sentence_clauses {
                c.sort_by_key(|k| k.id);
                c.dedup_by_key(|k| k.id);
            }
            clauses.push(sentence_clauses);
            all.push(keys);
        }
        Facts { clauses, all }
    }

    /// Whether sentences `a` and `b` report the same fact: their
    /// [`Facts::overlap`] reaches `threshold`.
    pub fn same(&self, a: usize, b: usize, threshold: f64) -> bool {
        self.overlap(a, b) >= threshold
    }

    /// How much of one fact the two sentences share: the largest share of a
    /// clause's key weight (of either sentence) held by the other sentence,
    /// over clauses whose shared keys include a name and a content word; 0
    /// when no clause shares both.
    pub fn overlap(&self, a: usize, b: usize) -> f64 {
        self.cover(a, b).max(self.cover(b, a))
    }

    /// The best share of a clause of `a` held by `b`.
    fn cover(&self, a: usize, b: usize) -> f64 {
        let other = &self.all[b];
        self.clauses[a]
            .iter()
            .map(|clause| {
                let (mut shared, mut total) = (0.0f64, 0.0f64);
                let (mut name, mut word) = (false, false);
                for k in clause {
                    total += k.weight as f64;
                    if other.binary_search_by_key(&k.id, |o| o.id).is_ok() {
                        shared += k.weight as f64;
                        if k.is_name() {
                            name = true;
                        } else {
                            word = true;
                        }
                    }
                }
                if name && word && total > 0.0 {
                    shared / total
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max)
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether the text between two keys ends one clause: a comma, semicolon,
/// colon, dash or bracket.
fn breaks_clause(between: &str) -> bool {
    between.contains([',', ';', ':', '(', ')', '—', '–']) || between.contains(" - ")
}

/// Adds a clause, or folds it into the previous one when it is too short to
/// state a fact on its own.
fn push_clause(clauses: &mut Vec<Vec<Key>>, clause: Vec<Key>) {
    if clause.is_empty() {
        return;
    }
    match clauses.last_mut() {
        Some(last) if clause.len() < MIN_CLAUSE_KEYS || last.len() < MIN_CLAUSE_KEYS => {
            last.extend(clause)
        }
        _ => clauses.push(clause),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{find, prepared};

    #[test]
    fn one_veto_in_different_words_is_one_fact() {
        let p = prepared(&[
            "Russian Federation vetoed a United Nations draft resolution demanding the Syrian government cooperate with an investigation into a suspected chemical attack. Tillerson met Lavrov in Moscow for talks on Wednesday.",
            "Moments after Rex Tillerson and Sergei Lavrov ended a news conference in Moscow, Russia vetoed the latest United Nations resolution condemning the reported use of chemical weapons in Syria. Trump said relations with Russia may be at an all-time low.",
            "The talks between Lavrov and Tillerson in Moscow lasted five hours. Putin said trust between Russia and the United States had eroded.",
        ]);
        let ctx = p.context();
        let facts = Facts::new(&ctx);
        let veto1 = find(&p, "Russian Federation vetoed");
        let veto2 = find(&p, "Russia vetoed the latest");
        assert!(
            ctx.rep.cosine(veto1, veto2) < 0.5,
            "cosine alone misses them"
        );
        assert!(facts.same(veto1, veto2, SAME_FACT));
        assert!(facts.same(veto2, veto1, SAME_FACT));
        let met = find(&p, "Tillerson met Lavrov");
        let low = find(&p, "all-time low");
        let trust = find(&p, "trust between");
        for (x, y) in [
            (veto1, met),
            (veto2, low),
            (low, trust),
            (veto1, trust),
            (met, veto2),
        ] {
            assert!(!facts.same(x, y, SAME_FACT), "{x} {y}");
        }
    }

    #[test]
    fn a_shared_name_alone_or_words_alone_are_not_a_fact() {
        let p = prepared(&[
            "Hun Sen won the election in July with a large majority.",
            "Hun Sen visited the flooded provinces in the north on Monday.",
            "The election in July was won with a large majority, observers wrote.",
        ]);
        let ctx = p.context();
        let facts = Facts::new(&ctx);
        let won = find(&p, "Hun Sen won");
        let visit = find(&p, "visited");
        let words_only = find(&p, "observers");
        assert!(!facts.same(won, visit, SAME_FACT));
        // The third shares the words but names no one: not the same actor.
        assert!(!facts.same(won, words_only, SAME_FACT));
    }
}
