//! Brief: how the sources relate, beyond the summary.
//!
//! Takes a [`Prepared`] cluster (cleaned text, sentence spans, analysis,
//! vectors) and the [`Summary`] chosen from it, and hands on a [`Brief`]:
//! who said what ([`quotes`]), which figures the sources disagree on
//! ([`conflicts`]), what only one source reports ([`exclusives`]), and who
//! and what is named ([`entities`]). Every item points back to the article,
//! sentence and byte span it came from, as summary sentences do. Nothing here
//! changes the summary; a cluster with no quotes or no numbers gets empty
//! sections, and a single article gets no conflicts and no exclusives.

mod entities;
mod figures;
mod quotes;

use crate::pipeline::{Prepared, Summary};

/// Where a brief item was found: article and sentence (0-based, as in the
/// summary's `documents`), and the byte span in that article's text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    pub article: usize,
    pub sentence: usize,
    pub span: [usize; 2],
}

/// Everything the brief adds to a summary.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Brief {
    /// One line saying what the story is.
    pub headline: String,
    /// Per summary sentence, in summary order: how many articles carry it.
    pub corroboration: Vec<usize>,
    pub quotes: Vec<Quote>,
    pub conflicts: Vec<Conflict>,
    pub exclusives: Vec<Exclusive>,
    pub entities: Vec<Entity>,
}

/// A direct quotation, merged across the articles that carry it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// The quoted words, from the first article that carries them.
    pub text: String,
    /// Who said it, when the text names them unambiguously.
    pub speaker: Option<String>,
    /// Every place the quote appears, first article first.
    pub sources: Vec<Place>,
}

/// A quantity the sources report differently.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    /// What is counted ("people killed", "missiles").
    pub about: String,
    /// Whether every figure could be true at once ("at least 87" and
    /// "nearly 100" can; "60" and "75" cannot).
    pub compatible: bool,
    /// Each source's own figure, one per article that reports it.
    pub figures: Vec<Figure>,
}

/// One source's figure in a conflict.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// The wording as printed ("at least 87 people").
    pub text: String,
    /// The number it states (a lower bound for "at least", a rough value
    /// for "dozens").
    pub value: f64,
    /// Its sentence, for context.
    pub sentence_text: String,
    #[serde(flatten)]
    pub place: Place,
}

/// A statement only one article makes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exclusive {
    pub text: String,
    /// How central it is to the cluster (higher first).
    pub score: f64,
    #[serde(flatten)]
    pub place: Place,
}

/// Kinds of named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// A person, organization or place, with its aliases unified.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// The fullest name used.
    pub name: String,
    pub kind: EntityKind,
    /// Every other form used for it ("Tillerson", "Mr Tillerson").
    pub aliases: Vec<String>,
    /// Mentions per article, indexed like `documents`.
    pub mentions: Vec<usize>,
}

/// A sentence is exclusive to its article when no sentence of any other
/// article reaches this TF-IDF cosine with it. Below the 0.45 that two
/// different statements about one event reach in the example cluster, so
/// a paraphrase elsewhere is not mistaken for silence.
pub const EXCLUSIVE_MAX_SIMILARITY: f64 = 0.35;
/// How many exclusives the brief lists, most central first.
pub const MAX_EXCLUSIVES: usize = 10;
/// How many entities the brief lists.
pub const MAX_ENTITIES: usize = 30;

/// Builds the brief for `summary`, which was chosen from `p`.
pub fn build(p: &Prepared, summary: &Summary) -> Brief {
    let found = entities::extract(&p.docs, &p.analysis);
    let quotes = quotes::extract(&p.docs, &p.analysis, &found);
    let qs = figures::quantities(&p.docs, &p.analysis);
    let conflicts = figures::conflicts(&p.docs, &p.analysis, &p.rep, &qs);
    Brief {
        headline: headline(p, summary),
        corroboration: summary.sentences.iter().map(|s| s.sources.len()).collect(),
        quotes,
        conflicts,
        exclusives: exclusives(p),
        entities: ranked_entities(found.list),
    }
}

/// The title whose content words the most articles share; without titles,
/// the summary's first sentence.
fn headline(p: &Prepared, summary: &Summary) -> String {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let score = |title: &str| {
        let stems: Vec<String> = title
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !crate::analyze::is_stop_word(w))
            .map(|w| stemmer.stem(&w).into_owned())
            .collect();
        let shared: f64 = stems
            .iter()
            .filter_map(|s| p.analysis.vocab.id(s))
            .map(|t| p.analysis.doc_freq[t as usize] as f64)
            .sum();
        shared / (stems.len().max(1) as f64 + 2.0)
    };
    p.docs
        .iter()
        .filter_map(|d| d.title.as_deref())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| (score(t), t))
        .fold(None::<(f64, &str)>, |best, c| match best {
            Some(b) if b.0 >= c.0 => Some(b),
            _ => Some(c),
        })
        .map(|(_, t)| t.to_string())
        .or_else(|| summary.sentences.first().map(|s| s.text.clone()))
        .unwrap_or_default()
}

/// Statements only one article makes, most central to the cluster first.
fn exclusives(p: &Prepared) -> Vec<Exclusive> {
    let a = &p.analysis;
    let articles = a.doc_sentences.iter().filter(|r| !r.is_empty()).count();
    if articles < 2 {
        return Vec::new();
    }
    let mut out: Vec<(usize, f64)> = (0..a.sentences.len())
        .filter(|&i| (8..=60).contains(&a.sentences[i].words) && !p.rep.tfidf[i].is_empty())
        .filter(|&i| {
            let own = a.sentences[i].doc;
            (0..a.sentences.len())
                .filter(|&j| a.sentences[j].doc != own)
                .all(|j| p.rep.cosine(i, j) < EXCLUSIVE_MAX_SIMILARITY)
        })
        .map(|i| (i, p.rep.tfidf[i].dot(&p.rep.centroid)))
        .collect();
    out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    out.into_iter()
        .take(MAX_EXCLUSIVES)
        .map(|(i, score)| {
            let s = &a.sentences[i];
            Exclusive {
                text: p.docs[s.doc].text[s.span.clone()].to_string(),
                score: (score * 10_000.0).round() / 10_000.0,
                place: Place {
                    article: s.doc,
                    sentence: s.index,
                    span: [s.span.start, s.span.end],
                },
            }
        })
        .collect()
}

/// People, organizations and places first, by how many articles name them.
fn ranked_entities(list: Vec<Entity>) -> Vec<Entity> {
    let mut list: Vec<Entity> = list
        .into_iter()
        .filter(|e| e.kind != EntityKind::Other || e.mentions.iter().sum::<usize>() >= 2)
        .collect();
    let key = |e: &Entity| {
        (
            e.mentions.iter().filter(|&&m| m > 0).count(),
            e.mentions.iter().sum::<usize>(),
        )
    };
    list.sort_by(|a, b| key(b).cmp(&key(a)).then(a.name.cmp(&b.name)));
    list.truncate(MAX_ENTITIES);
    list
}
