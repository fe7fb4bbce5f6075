//! Score and select: which sentences make the summary.
//!
//! Takes a [`Context`] (the cluster's documents, [`Analysis`] and
//! [`Representation`]) and hands on the chosen sentence positions in reading
//! order. A [`Summarizer`] has one required method, [`Summarizer::score`],
//! and may give a marginal [`Gain`]; selection is one loop
//! ([`greedy::select`]): the best gain first (by default the best score),
//! skipping sentences too short to stand alone and any sentence too similar
//! to one already chosen, until the [`Budget`] is spent, then back into
//! reading order. Methods are the closed enum [`Method`], so the CLI, the HTTP API
//! and a saved configuration name them the same way.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::analyze::Analysis;
use crate::clean::Document;
use crate::entities::{self, Entities, Word};
use crate::represent::Representation;

mod centroid;
pub mod greedy;
pub mod headline;
mod ilp;
mod lead;
pub mod learned;
mod lexrank;
mod mmr;
pub mod paraphrase;
mod submodular;
mod textrank;

pub use centroid::Centroid;
pub use greedy::{Gain, InOrder};
pub use ilp::Ilp;
pub use lead::Lead;
pub use learned::Learned;
pub use lexrank::LexRank;
pub use mmr::Mmr;
pub use submodular::{Hybrid, Submodular};
pub use textrank::TextRank;

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Budget {
    /// Whitespace-separated words; the last sentence may cross the line, so
    /// a summary never passes it by more than one sentence.
    Words(usize),
    /// A number of sentences.
    Sentences(usize),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Words(100)
    }
}

impl Budget {
    /// Whether a summary of `sentences` sentences and `words` words is full.
    pub fn is_spent(&self, sentences: usize, words: usize) -> bool {
        match *self {
            Budget::Words(n) => words >= n,
            Budget::Sentences(n) => sentences >= n,
        }
    }
}

/// Everything a method may look at; built once per cluster by the pipeline.
pub struct Context<'a> {
    /// The cleaned articles.
    pub docs: &'a [Document],
    /// The shared analysis.
    pub analysis: &'a Analysis,
    /// Vectors and similarities.
    pub rep: &'a Representation,
    derived: &'a Derived,
}

/// What selection and the brief both read, computed on first use and kept
/// with the prepared cluster ([`crate::pipeline::Prepared`]), so a summary
/// with its brief finds the cluster's names once and its headline
/// similarities once, however many stages ask.
#[derive(Default)]
pub(crate) struct Derived {
    headline: OnceLock<Vec<f64>>,
    words: OnceLock<Vec<Vec<Word>>>,
    entities: OnceLock<Entities>,
    facts: OnceLock<paraphrase::Facts>,
}

impl<'a> Context<'a> {
    /// What a method may look at, with `derived` holding what is computed
    /// on first use.
    pub(crate) fn new(
        docs: &'a [Document],
        analysis: &'a Analysis,
        rep: &'a Representation,
        derived: &'a Derived,
    ) -> Self {
        Context {
            docs,
            analysis,
            rep,
            derived,
        }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.analysis.sentences.len()
    }

    /// Whether there is no sentence.
    pub fn is_empty(&self) -> bool {
        self.analysis.sentences.is_empty()
    }

    /// Per sentence, its similarity to the cluster's headlines
    /// ([`headline::headline_similarity`]), computed once per cluster.
    pub fn headline_similarity(&self) -> &'a [f64] {
        self.derived
            .headline
            .get_or_init(|| headline::headline_similarity(self))
    }

    /// Every sentence's words as the brief reads them, split once.
    pub(crate) fn sentence_words(&self) -> &'a [Vec<Word>] {
        self.derived
            .words
            .get_or_init(|| entities::sentence_words(self.docs, self.analysis))
    }

    /// The cluster's names, aliases unified, found once.
    pub(crate) fn entities(&self) -> &'a Entities {
        self.derived
            .entities
            .get_or_init(|| entities::extract(self.docs, self.analysis, self.sentence_words()))
    }

    /// The cluster's facts for the paraphrase test, read once.
    pub fn facts(&self) -> &'a paraphrase::Facts {
        self.derived
            .facts
            .get_or_init(|| paraphrase::Facts::new(self))
    }
}

/// Selection settings shared by every method; missing fields take their
/// defaults.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Selection {
    /// How long the summary may be.
    pub budget: Budget,
    /// A candidate whose TF-IDF cosine with a chosen sentence exceeds this is
    /// skipped as redundant.
    pub redundancy: f64,
    /// Sentences with fewer words are not candidates: fragments like
    /// "It denies it is responsible." read badly out of context.
    pub min_words: usize,
    /// Sentences with more words are not candidates (run-on transcript lines).
    pub max_words: usize,
    /// Sentences that open with a pronoun or connective pointing outside
    /// themselves ("He said ...", "But ...": [`crate::analyze::dangling_opener`])
    /// are not candidates, unless no other sentence is. Out of their article
    /// they dangle, and the text stays extractive, so they are left out
    /// rather than rewritten.
    pub skip_dangling: bool,
    /// The summary opens with the sentence closest to the cluster's
    /// headlines ([`headline::headline_similarity`]); the rest follow in
    /// reading order. When the articles have titles, the candidate closest
    /// to them is picked before the method's own choices, so the main event
    /// is always in the summary; without titles the closest of the chosen
    /// sentences leads.
    pub lead_with_headline: bool,
    /// A candidate that reports the same fact as a chosen sentence in other
    /// words is skipped: some clause of one has at least this share of its
    /// names and content words (aliases unified) in the other, sharing a
    /// name and a word ([`paraphrase::Facts`]). Above 1 turns the test off.
    pub paraphrase: f64,
}

impl Selection {
    /// The budget and redundancy rules of the greedy loop; `facts` are the
    /// cluster's, read when the paraphrase test is on ([`Selection::facts`]).
    pub fn limits<'a>(&self, facts: Option<&'a paraphrase::Facts>) -> greedy::Limits<'a> {
        greedy::Limits {
            budget: self.budget,
            redundancy: self.redundancy,
            paraphrase: facts.map(|f| (f, self.paraphrase)),
        }
    }

    /// The cluster's [`paraphrase::Facts`] when the paraphrase test is on.
    pub fn facts<'a>(&self, ctx: &Context<'a>) -> Option<&'a paraphrase::Facts> {
        (self.paraphrase <= 1.0).then(|| ctx.facts())
    }
}

impl Default for Selection {
    fn default() -> Self {
        // 0.5: MEAD's reranker used 0.7 on word overlap; on TF-IDF cosine
        // near-duplicate wire copies score above 0.8 and paraphrases of one
        // fact 0.5-0.7, so 0.5 drops both while keeping distinct facts.
        Selection {
            budget: Budget::default(),
            redundancy: 0.5,
            min_words: 6,
            max_words: 80,
            skip_dangling: true,
            lead_with_headline: true,
            paraphrase: paraphrase::SAME_FACT,
        }
    }
}

/// A summarization method: scores every sentence of a cluster, and says
/// what a sentence adds to a selection.
pub trait Summarizer {
    /// One score per sentence of `ctx.analysis`, higher is better.
    fn score(&self, ctx: &Context) -> Vec<f64>;

    /// What a sentence adds to the sentences already chosen; by default a
    /// fixed ranking by score ([`greedy::InOrder`] over a pool sorted with
    /// [`greedy::by_score`]).
    fn gain<'a>(&self, ctx: &'a Context<'a>, scores: &'a [f64]) -> Box<dyn Gain + 'a> {
        let _ = (ctx, scores);
        Box::new(InOrder)
    }

    /// Chooses sentences within the budget: the shared greedy loop over the
    /// candidates with [`Summarizer::gain`]. Returns positions into
    /// `ctx.analysis.sentences`, in reading order. Only a method with its
    /// own solver (the exact ILP) overrides this.
    fn select(&self, ctx: &Context, scores: &[f64], selection: &Selection) -> Vec<usize> {
        let mut gain = self.gain(ctx, scores);
        select_greedy(ctx, scores, selection, gain.as_mut())
    }
}

/// The shared selection: the candidates of `selection`, picked by `gain`
/// (sorted by score first when the gain is a fixed ranking), then put in
/// reading order.
pub fn select_greedy(
    ctx: &Context,
    scores: &[f64],
    selection: &Selection,
    gain: &mut dyn Gain,
) -> Vec<usize> {
    let mut pool = candidates(ctx, selection);
    let mut chosen = Vec::new();
    // Only real titles earn a sentence its place: without them the leads
    // stand in for the headline, and picking their nearest sentence first
    // cost DUC 2004 0.24 R-2 recall and Multi-News 0.07 R-1 F1
    // (docs/tuning.md), where ordering alone costs nothing.
    let titled = ctx.docs.iter().any(|d| d.title.is_some());
    if let Some(first) = headline_pick(ctx, &pool, selection).filter(|_| titled) {
        pool.retain(|&i| i != first);
        gain.add(first);
        chosen.push(first);
    }
    if gain.in_order() {
        greedy::by_score(&mut pool, scores);
    } else if !ctx.rep.is_exact() && pool.len() > MAX_POOL {
        // A marginal gain is evaluated for every candidate at every pick;
        // past the exact limit only the best-scored candidates compete,
        // in cluster order as before, so a pick costs a bounded pool.
        greedy::by_score(&mut pool, scores);
        pool.truncate(MAX_POOL);
        pool.sort_unstable();
    }
    let facts = selection.facts(ctx);
    let mut chosen = greedy::select(ctx, selection.limits(facts), chosen, pool, gain);
    arrange(ctx, &mut chosen, selection);
    chosen
}

/// The candidate of `pool` that best states the main event (the highest
/// [`headline::headline_similarity`], the earlier sentence on ties), when
/// the selection leads with it. Only a whole sentence leads, when there is
/// one: not a bare quote, which does not say who speaks (the example's
/// closest sentence to its titles is `"The current state of US-Russia
/// relations at low point ..."`, with no speaker); not a line without a
/// final stop (a headline repeated in the body: "Doctor Who: Peter Capaldi
/// revealed as 12th Doctor"); not under [`MIN_LEAD_WORDS`] words (on ECB+
/// clusters the titles' nearest short sentences were splits like "A.
/// County Sheriff's Deputy Jerry Ortiz in June, 2005.").
pub fn headline_pick(ctx: &Context, pool: &[usize], selection: &Selection) -> Option<usize> {
    if !selection.lead_with_headline || pool.is_empty() {
        return None;
    }
    let sim = ctx.headline_similarity();
    let leads = |i: usize| {
        let text = ctx.analysis.text(ctx.docs, i).trim();
        let quoted = text.starts_with(['"', '\'', '\u{201c}', '\u{2018}', '`']);
        let ended = text
            .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')'])
            .ends_with(['.', '!', '?']);
        !quoted && ended && ctx.analysis.sentences[i].words >= MIN_LEAD_WORDS
    };
    let eligible: Vec<usize> = pool.iter().copied().filter(|&i| leads(i)).collect();
    let pool = if eligible.is_empty() { pool } else { &eligible };
    pool.iter()
        .copied()
        .filter(|&i| sim[i] > 0.0)
        .fold(None, |best: Option<usize>, i| match best {
            Some(b) if sim[b] >= sim[i] => Some(b),
            _ => Some(i),
        })
}

/// The fewest words of a sentence that opens a summary: a lead states who
/// did what, where and when.
pub const MIN_LEAD_WORDS: usize = 10;

/// Puts the chosen sentences in the order a reader gets them: the one that
/// best states the main event first (when the selection leads with the
/// headline), then [`reading_order`].
pub fn arrange(ctx: &Context, chosen: &mut [usize], selection: &Selection) {
    reading_order(ctx, chosen);
    if let Some(first) = headline_pick(ctx, chosen, selection) {
        let at = chosen.iter().position(|&i| i == first).unwrap_or(0);
        chosen[..=at].rotate_right(1);
    }
}

/// Past [`crate::represent::EXACT_LIMIT`] sentences, the candidates a
/// marginal gain (MMR, submodular, hybrid) is evaluated on: the best by the
/// method's score.
pub const MAX_POOL: usize = 2_000;

/// Whether sentence `i` may appear in a summary at all.
pub fn is_candidate(ctx: &Context, i: usize, selection: &Selection) -> bool {
    let s = &ctx.analysis.sentences[i];
    (selection.min_words..=selection.max_words).contains(&s.words) && !ctx.rep.tfidf[i].is_empty()
}

/// The sentences that may appear in a summary, in cluster order: those of
/// the right length, without a dangling opener when the selection skips
/// them (all of the right length when every one has such an opener).
pub fn candidates(ctx: &Context, selection: &Selection) -> Vec<usize> {
    let fit: Vec<usize> = (0..ctx.len())
        .filter(|&i| is_candidate(ctx, i, selection))
        .collect();
    if !selection.skip_dangling {
        return fit;
    }
    let standalone: Vec<usize> = fit
        .iter()
        .copied()
        .filter(|&i| crate::analyze::dangling_opener(ctx.analysis.text(ctx.docs, i)).is_none())
        .collect();
    if standalone.is_empty() {
        fit
    } else {
        standalone
    }
}

/// Puts chosen sentences in reading order: by relative position in their
/// article (leads first, as a reader expects a story to open), then by
/// article. Within one article this is source order.
pub fn reading_order(ctx: &Context, chosen: &mut [usize]) {
    let key = |i: usize| {
        let s = &ctx.analysis.sentences[i];
        let len = ctx.analysis.doc_len(s.doc).max(1) as f64;
        (s.index as f64 / len, s.doc, s.index)
    };
    chosen.sort_by(|&a, &b| {
        let (ra, da, ia) = key(a);
        let (rb, db, ib) = key(b);
        if da == db {
            ia.cmp(&ib)
        } else {
            ra.total_cmp(&rb).then(da.cmp(&db))
        }
    });
}

/// Declares [`Method`] from one table: each row is a variant holding its
/// method's parameter type (which has a `const DEFAULT` and implements
/// [`Summarizer`]), its name (the serde `"type"` tag) and a line on what it
/// does. Everything that lists or dispatches on methods (`ALL`, `name`,
/// `describe`, `summarizer`) is generated from the table, so adding a method
/// is its file and one row here; a test checks each name against its tag.
macro_rules! methods {
    ($($(#[$doc:meta])* $variant:ident($ty:ty) = $name:literal : $describe:literal;)*) => {
        /// The summarization methods newsbrief offers, each with its parameters.
        ///
        /// Serialized with a `"type"` tag and the parameters beside it, so a saved
        /// configuration reproduces a run exactly; a plain string (`"lexrank"`) is
        /// shorthand for the method with its default parameters.
        ///
        /// ```
        /// use newsbrief::Method;
        ///
        /// let m: Method = serde_json::from_str(r#"{"type": "mmr", "lambda": 0.5}"#)?;
        /// assert_eq!(m.name(), "mmr");
        /// assert_eq!(serde_json::to_string(&m)?, r#"{"type":"mmr","lambda":0.5}"#);
        /// // A bare name is the method with its defaults.
        /// let d: Method = serde_json::from_str(r#""learned""#)?;
        /// assert_eq!(d, Method::default());
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(remote = "Self", tag = "type", rename_all = "lowercase")]
        pub enum Method {
            $($(#[$doc])* $variant($ty),)*
        }

        impl Method {
            /// Every method with its default parameters, in the order `newsbrief
            /// methods` lists them.
            pub const ALL: &'static [Method] = &[$(Method::$variant(<$ty>::DEFAULT),)*];

            /// The method's name, its `"type"` tag.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Method::$variant(_) => $name,)*
                }
            }

            /// One line on what the method does and where it comes from.
            pub fn describe(&self) -> &'static str {
                match self {
                    $(Method::$variant(_) => $describe,)*
                }
            }

            /// The method's implementation, with the parameters it carries.
            pub fn summarizer(&self) -> &dyn Summarizer {
                match self {
                    $(Method::$variant(m) => m,)*
                }
            }
        }
    };
}

methods! {
    /// First sentences of each article in turn.
    Lead(Lead) = "lead": "first sentences of each article in turn";
    /// Continuous LexRank (Erkan & Radev 2004).
    LexRank(LexRank) = "lexrank": "continuous LexRank centrality (Erkan & Radev 2004)";
    /// TextRank (Mihalcea & Tarau 2004).
    TextRank(TextRank) = "textrank": "TextRank word-overlap graph (Mihalcea & Tarau 2004)";
    /// Centroid-based (Radev et al. 2004, MEAD).
    Centroid(Centroid) = "centroid":
        "MEAD centroid + position + first-sentence overlap (Radev et al. 2004)";
    /// Maximal Marginal Relevance (Carbonell & Goldstein 1998).
    Mmr(Mmr) = "mmr": "maximal marginal relevance to the centroid (Carbonell & Goldstein 1998)";
    /// Concept-coverage ILP (Gillick & Favre 2009).
    Ilp(Ilp) = "ilp": "bigram-concept coverage ILP, solved exactly (Gillick & Favre 2009)";
    /// Submodular coverage + diversity (Lin & Bilmes 2011).
    Submodular(Submodular) = "submodular":
        "submodular coverage + diversity, cost-scaled greedy (Lin & Bilmes 2011)";
    /// Boosted trees trained on Multi-News, a veto in hybrid's gain. The
    /// default: it ties `hybrid` on DUC 2004 and beats it on Multi-News
    /// validation at 230 and 250 words, with the same selection rules
    /// (figures in BENCHMARKS.md and docs/tuning.md).
    Learned(Learned) = "learned":
        "boosted trees over corpus-independent features as a veto in hybrid's gain (Kupiec et al. 1995; Hong & Nenkova 2014)";
    /// Submodular coverage + diversity + ILP concept coverage: a preset of
    /// [`Submodular`]'s parameters; the default until the learned veto
    /// beat it on both corpora, and about 1.4× as fast.
    Hybrid(Hybrid) = "hybrid":
        "Lin & Bilmes coverage + diversity plus Gillick & Favre bigram-concept coverage";
}

impl Default for Method {
    fn default() -> Self {
        Method::Learned(Learned::DEFAULT)
    }
}

impl serde::Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Method::serialize(self, s)
    }
}

impl<'de> serde::Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        // A name or the tagged object; read once, then dispatched, so a
        // wrong name gets the list of methods rather than serde's
        // "did not match any variant".
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(name) => name.parse().map_err(D::Error::custom),
            value => Method::deserialize(value).map_err(D::Error::custom),
        }
    }
}

impl Method {
    /// The name, with the parameters as JSON when they are not the
    /// method's defaults (`hybrid`, `hybrid{"a":25.0,...}`): how `newsbrief
    /// eval` tells two settings of one method apart.
    pub fn label(&self) -> String {
        if Method::ALL.contains(self) {
            return self.name().to_string();
        }
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.remove("type");
        }
        format!("{}{}", self.name(), v)
    }

    /// The names of [`Method::ALL`].
    pub fn names() -> Vec<&'static str> {
        Method::ALL.iter().map(|m| m.name()).collect()
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = crate::Error;

    /// A method by name, with its default parameters, or as the tagged
    /// JSON object (`{"type": "hybrid", "a": 25}`) with its own.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim_start().starts_with('{') {
            return serde_json::from_str(s)
                .map_err(|e| crate::Error::Config(format!("method {s}: {e}")));
        }
        let lower = s.to_ascii_lowercase();
        Method::ALL
            .iter()
            .copied()
            .find(|m| m.name() == lower)
            .ok_or_else(|| {
                crate::Error::Config(format!(
                    "unknown method {s:?} (expected one of: {})",
                    Method::names().join(", ")
                ))
            })
    }
}

/// Small hand-built clusters for the methods' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::ingest::Cluster;
    use crate::pipeline::{Pipeline, Prepared};

    /// One article per text, analysed with the default pipeline.
    pub fn prepared(articles: &[&str]) -> Prepared {
        Pipeline::default()
            .prepare(&Cluster::from_texts("c", articles))
            .unwrap()
    }

    /// The position of the sentence that contains `needle`.
    pub fn find(p: &Prepared, needle: &str) -> usize {
        (0..p.analysis.sentences.len())
            .find(|&i| p.analysis.text(&p.docs, i).contains(needle))
            .unwrap_or_else(|| panic!("no sentence holds {needle:?}"))
    }

    /// Three articles on one storm. The hub ("and sank") shares words with
    /// two sentences that share none with each other; each article also
    /// has one off-topic sentence that shares nothing with any other.
    pub const STORM: [&str; 3] = [
        "The storm flooded the coastal town and sank fishing boats. \
         A local baker sold fresh bread to the neighbours all day.",
        "The storm flooded homes across the coastal town on Monday. \
         The choir sang old songs in the church square that evening.",
        "Fishing boats sank in the harbour during the night. \
         Ticket prices for the football final rose again this year.",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_round_trip_through_str_and_serde() {
        for &m in Method::ALL {
            assert_eq!(m.name().parse::<Method>().unwrap(), m);
            let short = format!("\"{}\"", m.name());
            assert_eq!(serde_json::from_str::<Method>(&short).unwrap(), m);
            let json = serde_json::to_string(&m).unwrap();
            assert!(
                json.starts_with(&format!("{{\"type\":\"{}\"", m.name())),
                "{json}"
            );
            assert_eq!(serde_json::from_str::<Method>(&json).unwrap(), m);
            let bare = format!("{{\"type\":\"{}\"}}", m.name());
            assert_eq!(serde_json::from_str::<Method>(&bare).unwrap(), m);
        }
        let m: Method = r#"{"type": "hybrid", "a": 25}"#.parse().unwrap();
        assert!(m.label().starts_with(r#"hybrid{"a":25.0"#), "{}", m.label());
        assert_eq!(Method::default().label(), "learned");
        let err = "summy".parse::<Method>().unwrap_err().to_string();
        assert!(
            err.contains("unknown method") && err.contains("lexrank"),
            "{err}"
        );
    }

    #[test]
    fn a_whole_sentence_near_the_titles_leads_the_summary() {
        use crate::ingest::Cluster;
        use crate::pipeline::Pipeline;
        let mut cluster = Cluster::from_texts(
            "c",
            &[
                "Peter Capaldi revealed as the new Doctor Who star\n\n\
                 The BBC named the actor Peter Capaldi on Sunday as the twelfth star of its series Doctor Who. \
                 Fans had waited for weeks.",
                "\"Capaldi is the new Doctor Who,\" the presenter said. \
                 The show will film its next series in Cardiff from the autumn onwards, the broadcaster said.",
            ],
        );
        for d in &mut cluster.documents {
            d.title = Some("Peter Capaldi is the new Doctor Who".into());
        }
        let p = Pipeline::default().prepare(&cluster).unwrap();
        let ctx = p.context();
        let pool: Vec<usize> = (0..ctx.len()).collect();
        let first = headline_pick(&ctx, &pool, &Selection::default()).unwrap();
        assert!(
            ctx.analysis
                .text(ctx.docs, first)
                .starts_with("The BBC named"),
            "{}",
            ctx.analysis.text(ctx.docs, first)
        );
        let off = Selection {
            lead_with_headline: false,
            ..Selection::default()
        };
        assert_eq!(headline_pick(&ctx, &pool, &off), None);
    }

    #[test]
    fn every_variant_is_in_the_list_of_methods() {
        // serde's own list of the enum's tags, from its error on an
        // unknown one: a variant missing from `Method::ALL` fails here.
        let err = Method::deserialize(serde_json::json!({"type": "no-such-method"}))
            .unwrap_err()
            .to_string();
        let listed = err.split("expected one of ").nth(1).expect(&err);
        let tags: Vec<&str> = listed
            .split(", ")
            .map(|t| t.trim_matches(|c: char| c == '`' || c.is_whitespace()))
            .collect();
        assert_eq!(tags, Method::names(), "{err}");
    }

    #[test]
    fn parameters_round_trip_and_missing_ones_take_defaults() {
        let m: Method = serde_json::from_str(r#"{"type": "hybrid", "concepts": 10.0}"#).unwrap();
        let Method::Hybrid(h) = m else {
            panic!("{m:?}")
        };
        assert_eq!(h.concepts, 10.0);
        assert_eq!(h.a, Hybrid::default().a);
        assert_ne!(Hybrid::default().a, Submodular::default().a);
        let back: Method = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
        let err = serde_json::from_str::<Method>(r#""summy""#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("lexrank"), "{err}");
    }
}
