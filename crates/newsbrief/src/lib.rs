//! newsbrief turns a cluster of news articles about one story into a short,
//! non-redundant summary in which every sentence is cited to the articles
//! that carry it.
//!
//! The engine is a one-way pipeline, one module per stage:
//! [`ingest`] (paths, `|||||` files, JSONL → [`Cluster`]) →
//! [`clean`] (HTML main text, junk marked out → [`Document`]) →
//! [`segment`] (sentence spans) → [`analyze`] (tokens, stems, stop words,
//! frequencies, once per cluster) → [`represent`] (TF-IDF vectors,
//! similarities) → [`summarize`] (a [`Method`] scores, shared selection
//! chooses within a [`Budget`]) → attribute ([`Citation`]s) → [`render`].
//! [`Pipeline`] wires them; nothing else does. The types a caller needs
//! ([`Pipeline`], [`Config`], [`Method`], [`Summary`], [`Error`], ...) are
//! re-exported here; the pipeline, attribution and error modules are
//! private. `eval` (ROUGE, Punkt, the evaluation harness) is behind the
//! `eval` cargo feature.
//!
//! ```
//! use newsbrief::{Budget, Cluster, Config, Method, Pipeline, RawDocument, Selection};
//!
//! let cluster = Cluster {
//!     id: "talks".into(),
//!     documents: vec![
//!         RawDocument::text("a.txt", "Tillerson met Lavrov in Moscow on Wednesday for tense talks. \
//!             The two sides agreed to set up a working group on relations."),
//!         RawDocument::text("b.txt", "Rex Tillerson met Sergei Lavrov in Moscow on Wednesday for tense talks. \
//!             Russia vetoed a UN resolution on Syria later that day."),
//!     ],
//!     ..Cluster::default()
//! };
//! let config = Config {
//!     method: "lexrank".parse()?,
//!     selection: Selection { budget: Budget::Sentences(2), ..Selection::default() },
//!     ..Config::default()
//! };
//! let summary = Pipeline::new(config).summarize(&cluster)?;
//! assert_eq!(summary.sentences.len(), 2);
//! // The shared sentence is cited to both articles.
//! assert!(summary.sentences.iter().any(|s| s.sources.len() == 2));
//! # Ok::<(), newsbrief::Error>(())
//! ```

#![warn(missing_docs)]

pub mod analyze;
mod attribute;
pub mod brief;
pub mod cancel;
pub mod clean;
mod entities;
mod error;
#[cfg(feature = "eval")]
pub mod eval;
#[cfg(feature = "feeds")]
pub mod feeds;
pub mod ingest;
mod pipeline;
pub mod render;
pub mod represent;
pub mod segment;
#[cfg(feature = "store")]
pub mod store;
pub mod stories;
pub mod summarize;

pub use analyze::{Analysis, Analyzer, Sentence};
pub use attribute::{Citation, DEFAULT_ATTRIBUTION_THRESHOLD};
pub use brief::Brief;
pub use cancel::Cancel;
pub use clean::Document;
pub use error::{Error, ErrorKind, Result};
pub use ingest::{Cluster, Input, RawDocument, Record};
pub use pipeline::{
    Config, Pipeline, Prepared, SourceInfo, Summary, SummarySentence, DEFAULT_MAX_BYTES,
    DEFAULT_MAX_SENTENCES,
};
pub use summarize::{Budget, Method, Selection, Summarizer};
