//! The one budgeted greedy selection loop every method shares.
//!
//! Takes a pool of candidate sentences, the budget and redundancy rules, and
//! a [`Gain`] (what adding a sentence is worth, given what is already
//! chosen); hands on the chosen sentences in the order they were picked.
//! The rules live here once: a sentence more similar than the redundancy
//! threshold to one already chosen is never taken, and picking stops when
//! the [`Budget`] is spent (so the last sentence may cross a word budget).
//! A method is then only its gain: a fixed ranking ([`InOrder`] over a
//! pool sorted by score, the default), MMR's relevance minus similarity, Lin & Bilmes' coverage plus
//! diversity, or the ILP's uncovered concept weight.

use super::paraphrase::Facts;
use super::{Budget, Context};

/// What adding one sentence to a selection is worth.
///
/// The loop asks [`Gain::gain`] for every candidate still in the pool, takes
/// the largest (the first in pool order on ties), then calls [`Gain::add`].
pub trait Gain {
    /// The value of adding sentence `i` to `chosen`; `None` when `i` may not
    /// be picked now (e.g. it adds nothing).
    fn gain(&self, i: usize, chosen: &[usize]) -> Option<f64>;

    /// Records that sentence `i` was picked.
    fn add(&mut self, _i: usize) {}

    /// Whether the pool's own order is the ranking (a gain that never
    /// changes as sentences are picked): the loop then takes the first
    /// sentence that passes the rules, one pass in all instead of one pass
    /// per pick.
    fn in_order(&self) -> bool {
        false
    }
}

/// The gain of a fixed ranking: the pool, sorted beforehand (see
/// [`by_score`]), is taken in order.
pub struct InOrder;

impl Gain for InOrder {
    fn gain(&self, _i: usize, _chosen: &[usize]) -> Option<f64> {
        Some(0.0)
    }

    fn in_order(&self) -> bool {
        true
    }
}

/// Sorts `pool` best score first, ties to the earlier sentence (earlier
/// article, then earlier sentence), which makes `lead` a round-robin over
/// the articles.
pub fn by_score(pool: &mut [usize], scores: &[f64]) {
    pool.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
}

/// The limits a selection runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'a> {
    /// When to stop.
    pub budget: Budget,
    /// A candidate whose cosine with a chosen sentence exceeds this is
    /// skipped; `f64::INFINITY` turns the check off.
    pub redundancy: f64,
    /// A candidate that reports the same fact as a chosen sentence in other
    /// words ([`Facts::same`] at the threshold given) is skipped too.
    pub paraphrase: Option<(&'a Facts, f64)>,
}

/// Picks from `pool` by `gain` until the budget is spent or nothing is left,
/// after the sentences already in `chosen`. Returns every chosen sentence,
/// `chosen`'s first, in the order picked.
pub fn select(
    ctx: &Context,
    limits: Limits<'_>,
    mut chosen: Vec<usize>,
    mut pool: Vec<usize>,
    gain: &mut dyn Gain,
) -> Vec<usize> {
    let mut words: usize = chosen
        .iter()
        .map(|&i| ctx.analysis.sentences[i].words)
        .sum();
    let ranked = gain.in_order();
    let check = limits.redundancy.is_finite();
    let redundant_pair = |i: usize, j: usize| {
        (check && ctx.rep.cosine(i, j) > limits.redundancy)
            || limits
                .paraphrase
                .is_some_and(|(facts, t)| facts.same(i, j, t))
    };
    // The selection only grows, so a candidate found redundant stays
    // redundant, and one that passed the first k chosen sentences need only
    // be compared with the ones picked since: every pair is compared once,
    // not once per pick (the paraphrase test is not free).
    let mut compared = vec![0usize; ctx.len()];
    let mut dead = vec![false; ctx.len()];
    // In a ranking, a sentence skipped as redundant stays redundant (the
    // selection only grows), so the scan resumes where it stopped.
    let mut next = 0;
    while !limits.budget.is_spent(chosen.len(), words) && next < pool.len() {
        let mut best: Option<(usize, f64)> = None;
        for (slot, &i) in pool.iter().enumerate().skip(next) {
            if dead[i] {
                continue;
            }
            if chosen[compared[i]..].iter().any(|&j| redundant_pair(i, j)) {
                dead[i] = true;
                continue;
            }
            compared[i] = chosen.len();
            let Some(v) = gain.gain(i, &chosen) else {
                continue;
            };
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((slot, v));
            }
            if ranked {
                break;
            }
        }
        let Some((slot, _)) = best else { break };
        let i = if ranked {
            next = slot + 1;
            pool[slot]
        } else {
            pool.swap_remove(slot)
        };
        gain.add(i);
        words += ctx.analysis.sentences[i].words;
        chosen.push(i);
    }
    chosen
}
