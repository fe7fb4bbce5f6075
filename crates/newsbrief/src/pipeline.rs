//! The pipeline: the one place that wires the stages together.
//!
//! ingest ([`Cluster`]) → clean ([`Document`]) → segment (spans) → analyze
//! ([`Analysis`]) → represent ([`Representation`]) → score/select
//! ([`Summarizer`](crate::Summarizer)) → attribute ([`Citation`]) → [`Summary`], which render
//! turns into text, Markdown or JSON. [`Prepared`] is everything up to
//! represent, kept so other consumers (the brief, evaluation of several
//! methods) reuse one analysis.

use rayon::prelude::*;

use crate::analyze::{Analysis, Analyzer};
use crate::attribute::{cite, Citation, DEFAULT_ATTRIBUTION_THRESHOLD};
use crate::brief::Brief;
use crate::cancel::Cancel;
use crate::clean::{clean, long_sentence_warning, unsupported_reason, Document};
use crate::error::{Error, Result};
use crate::ingest::{Cluster, Record};
use crate::represent::Representation;
use crate::segment::split_sentences;
use crate::summarize::{Budget, Context, Method, Selection};

/// What to produce; one value serves the CLI, the HTTP API and saved runs.
///
/// Every field has a default, so a partial JSON object is a whole
/// configuration, and `"method"` may be a bare name:
///
/// ```
/// use newsbrief::{Budget, Config};
///
/// let config: Config = serde_json::from_str(
///     r#"{"method": "lexrank", "selection": {"budget": {"sentences": 3}}, "brief": true}"#,
/// )?;
/// assert_eq!(config.method.name(), "lexrank");
/// assert_eq!(config.selection.budget, Budget::Sentences(3));
/// assert_eq!(config.selection.redundancy, 0.5); // the default
/// // Saved in full, it reads back the same.
/// let saved = serde_json::to_string(&config)?;
/// assert_eq!(serde_json::from_str::<Config>(&saved)?, config);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Config {
    /// The summarization method and its parameters.
    pub method: Method,
    /// Budget and candidate rules of the selection.
    pub selection: Selection,
    /// Cut the summary at exactly the word budget (for evaluation).
    pub truncate: bool,
    /// Cosine at or above which another article's sentence is cited.
    pub attribution_threshold: f64,
    /// Add the [`Brief`] (quotes, conflicts, exclusives, entities).
    pub brief: bool,
    /// Ceiling on a cluster's input, in bytes of article text as given: a
    /// larger cluster is refused with [`Error::TooLarge`] before any work,
    /// so memory per request stays bounded.
    pub max_bytes: usize,
    /// Ceiling on a cluster's sentences, checked after segmenting: past it,
    /// [`Error::TooLarge`]. Work and memory grow linearly with sentences
    /// (see `represent`), so this bounds both.
    pub max_sentences: usize,
}

/// Default [`Config::max_bytes`]: 32 MB, three times the server's default
/// body limit.
pub const DEFAULT_MAX_BYTES: usize = 32_000_000;

/// Default [`Config::max_sentences`]: 250,000, room for the ~210,000
/// sentences of 9.5 MB of short sentences (about 25 s and 420 MB with the
/// default method on one thread; BENCHMARKS.md).
pub const DEFAULT_MAX_SENTENCES: usize = 250_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            method: Method::default(),
            selection: Selection::default(),
            truncate: false,
            attribution_threshold: DEFAULT_ATTRIBUTION_THRESHOLD,
            brief: false,
            max_bytes: DEFAULT_MAX_BYTES,
            max_sentences: DEFAULT_MAX_SENTENCES,
        }
    }
}

impl Config {
    /// The configuration of published ROUGE comparisons: `method`, a budget
    /// of `words`, summaries cut at exactly that many words.
    pub fn for_evaluation(method: Method, words: usize) -> Config {
        Config {
            method,
            selection: Selection {
                budget: Budget::Words(words),
                ..Selection::default()
            },
            truncate: true,
            ..Config::default()
        }
    }

    /// Checks values a user may have typed.
    pub fn validate(&self) -> Result<()> {
        match self.selection.budget {
            Budget::Words(0) | Budget::Sentences(0) => {
                Err(Error::Config("the budget must be at least 1".into()))
            }
            _ if !(0.0..=1.0).contains(&self.selection.redundancy) => Err(Error::Config(
                "the redundancy threshold must lie in [0, 1]".into(),
            )),
            _ => Ok(()),
        }
    }
}

/// An article as listed under a summary.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    /// Where it came from (file name or `id#n`).
    pub name: String,
    /// Its title, when one was found.
    pub title: Option<String>,
    /// Sentences found in it.
    pub sentences: usize,
}

/// One sentence of a summary.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SummarySentence {
    /// The sentence as it stands in its article.
    pub text: String,
    /// Article it was taken from, 0-based index into `documents`.
    pub article: usize,
    /// Its position in that article, 0-based.
    pub sentence: usize,
    /// Byte span `[start, end)` in that article's text.
    pub span: [usize; 2],
    /// The method's score for it.
    pub score: f64,
    /// Every article carrying it, its own first.
    pub sources: Vec<Citation>,
}

/// A summary of one cluster.
///
/// ```
/// use newsbrief::{Cluster, Pipeline};
///
/// let cluster = Cluster::from_texts("storm", &[
///     "The storm flooded the coastal town on Monday night. The mayor asked for help.",
///     "Thousands left the coastal town after the storm flooded it on Monday.",
/// ]);
/// let summary = Pipeline::default().summarize(&cluster)?;
/// for s in &summary.sentences {
///     // Every sentence is a span of its article and cites its sources.
///     assert!(!s.sources.is_empty());
///     assert_eq!(s.sources[0].article, s.article);
/// }
/// // The JSON records the configuration that made it.
/// let json = newsbrief::render::json(&summary);
/// assert!(json.contains("\"config\""));
/// # Ok::<(), newsbrief::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// The cluster's id.
    pub id: String,
    /// The method's name; its parameters are in `config`.
    #[serde(serialize_with = "method_name")]
    pub method: Method,
    /// The length budget it was made for.
    pub budget: Budget,
    /// Whitespace-separated words in the summary.
    pub words: usize,
    /// The chosen sentences, in reading order.
    pub sentences: Vec<SummarySentence>,
    /// The cluster's articles.
    pub documents: Vec<SourceInfo>,
    /// Present when [`Config::brief`] asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brief: Option<Brief>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Problems that did not stop the summary (an article with no usable sentence).
    pub warnings: Vec<String>,
    /// Everything that made this summary, so it can be reproduced from its
    /// own JSON.
    #[serde(default)]
    pub config: Config,
}

fn method_name<S: serde::Serializer>(m: &Method, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(m.name())
}

impl Summary {
    /// The summary's text, one sentence per line (ROUGE-Lsum's convention).
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.sentences.iter().map(|s| s.text.as_str()).collect();
        lines.join("\n")
    }
}

/// A cluster analysed up to its vectors.
pub struct Prepared {
    /// The cluster's id.
    pub id: String,
    /// The cleaned articles.
    pub docs: Vec<Document>,
    /// Tokens, stems and sentences of the cluster.
    pub analysis: Analysis,
    /// TF-IDF vectors and similarities.
    pub rep: Representation,
    /// Warnings so far.
    pub warnings: Vec<String>,
    /// What later stages compute on first use and share.
    derived: crate::summarize::Derived,
}

impl Prepared {
    /// What a method may look at.
    pub fn context(&self) -> Context<'_> {
        Context::new(&self.docs, &self.analysis, &self.rep, &self.derived)
    }
}

/// Runs the stages: [`Pipeline::summarize`] for one cluster,
/// [`Pipeline::summarize_batch`] for many in parallel.
///
/// ```
/// use newsbrief::{Cluster, Config, Pipeline};
///
/// let pipeline = Pipeline::new(Config { method: "lead".parse()?, ..Config::default() });
/// let cluster = Cluster::from_texts("c", &["Rescuers reached the mountain village on Tuesday morning."]);
/// let summary = pipeline.summarize(&cluster)?;
/// assert_eq!(summary.method.name(), "lead");
/// assert_eq!(summary.sentences[0].text, "Rescuers reached the mountain village on Tuesday morning.");
/// # Ok::<(), newsbrief::Error>(())
/// ```
///
/// Cheap to clone (the configuration is plain data and the analyzer's
/// stemmer and stop words are shared); `Sync`, so one can also serve many
/// threads by reference.
#[derive(Clone)]
pub struct Pipeline {
    config: Config,
    analyzer: Analyzer,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(Config::default())
    }
}

impl Pipeline {
    /// A pipeline for `config`; check it with [`Config::validate`] first, or let [`Pipeline::summarize`] do it.
    pub fn new(config: Config) -> Self {
        Pipeline {
            config,
            analyzer: Analyzer::new(),
        }
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Its analyzer, to analyse other text the same way.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Clean, segment, analyse and represent a cluster.
    pub fn prepare(&self, cluster: &Cluster) -> Result<Prepared> {
        self.prepare_cancellable(cluster, &Cancel::new())
    }

    /// [`Pipeline::prepare`] that checks `cancel` between documents and
    /// between stages, returning [`Error::Cancelled`] once it is set.
    pub fn prepare_cancellable(&self, cluster: &Cluster, cancel: &Cancel) -> Result<Prepared> {
        if cluster.documents.is_empty() {
            return Err(Error::EmptyCluster(cluster.id.clone()));
        }
        let bytes: usize = cluster.documents.iter().map(|d| d.body.len()).sum();
        if bytes > self.config.max_bytes {
            return Err(Error::TooLarge {
                id: cluster.id.clone(),
                message: format!(
                    "{bytes} bytes of articles, over the limit of {} (max_bytes in the configuration)",
                    self.config.max_bytes
                ),
            });
        }
        let mut docs: Vec<Document> = Vec::with_capacity(cluster.documents.len());
        for raw in &cluster.documents {
            cancel.check()?;
            docs.push(clean(raw));
        }
        let mut spans: Vec<Vec<_>> = Vec::with_capacity(docs.len());
        for d in &docs {
            cancel.check()?;
            spans.push(
                d.blocks
                    .iter()
                    .flat_map(|b| split_sentences(&d.text, b.clone()))
                    .filter(|r| !crate::clean::is_photo_caption(&d.text[r.clone()]))
                    .collect(),
            );
        }
        let sentences: usize = spans.iter().map(Vec::len).sum();
        if sentences > self.config.max_sentences {
            return Err(Error::TooLarge {
                id: cluster.id.clone(),
                message: format!(
                    "{} sentences, over the limit of {} (max_sentences in the configuration)",
                    sentences, self.config.max_sentences
                ),
            });
        }
        cancel.check()?;
        let analysis = self.analyzer.analyze(&docs, &spans);
        if analysis.sentences.is_empty() {
            // Say why when the reason is one the user can act on.
            let reasons: Vec<String> = docs
                .iter()
                .filter_map(|d| {
                    let reason = unsupported_reason(d)?;
                    // A one-file cluster is named after its file already.
                    Some(if docs.len() == 1 && d.source == cluster.id {
                        reason
                    } else {
                        format!("{}: {reason}", d.source)
                    })
                })
                .collect();
            if reasons.len() == docs.len() {
                return Err(Error::Unsupported {
                    origin: cluster.id.clone(),
                    message: reasons.join("; "),
                });
            }
            return Err(Error::NoReadableArticle(cluster.id.clone()));
        }
        let mut warnings = cluster.warnings.clone();
        for (d, doc) in docs.iter().enumerate() {
            if analysis.doc_len(d) == 0 {
                warnings.push(match unsupported_reason(doc) {
                    Some(reason) => format!("{}: {reason}", doc.source),
                    None => format!("{}: no usable sentence in this article", doc.source),
                });
            }
        }
        for (doc, spans) in docs.iter().zip(&spans) {
            if let Some(w) = long_sentence_warning(doc, spans) {
                warnings.push(w);
            }
        }
        cancel.check()?;
        let rep = Representation::new(&analysis);
        Ok(Prepared {
            id: cluster.id.clone(),
            docs,
            analysis,
            rep,
            warnings,
            derived: Default::default(),
        })
    }

    /// Summarizes one cluster with the configured method.
    pub fn summarize(&self, cluster: &Cluster) -> Result<Summary> {
        self.config.validate()?;
        let prepared = self.prepare(cluster)?;
        Ok(self.summarize_prepared(&prepared, self.config.method))
    }

    /// [`Pipeline::summarize`] that stops with [`Error::Cancelled`] soon
    /// after `cancel` is set: it checks between documents and between stages.
    pub fn summarize_cancellable(&self, cluster: &Cluster, cancel: &Cancel) -> Result<Summary> {
        self.config.validate()?;
        let prepared = self.prepare_cancellable(cluster, cancel)?;
        cancel.check()?;
        Ok(self.summarize_prepared(&prepared, self.config.method))
    }

    /// Summarizes an analysed cluster with `method` (other settings from the
    /// configuration), so several methods can share one analysis.
    pub fn summarize_prepared(&self, p: &Prepared, method: Method) -> Summary {
        let ctx = p.context();
        let summarizer = method.summarizer();
        let scores = summarizer.score(&ctx);
        let chosen = summarizer.select(&ctx, &scores, &self.config.selection);
        let mut sentences: Vec<SummarySentence> = chosen
            .into_iter()
            .map(|i| {
                let s = &p.analysis.sentences[i];
                SummarySentence {
                    text: p.docs[s.doc].text[s.span.clone()].to_string(),
                    article: s.doc,
                    sentence: s.index,
                    span: [s.span.start, s.span.end],
                    score: scores[i],
                    sources: cite(&p.analysis, &p.rep, i, self.config.attribution_threshold),
                }
            })
            .collect();
        if self.config.truncate {
            if let Budget::Words(n) = self.config.selection.budget {
                truncate_words(&mut sentences, n);
            }
        }
        let mut summary = Summary {
            id: p.id.clone(),
            method,
            budget: self.config.selection.budget,
            words: sentences
                .iter()
                .map(|s| s.text.split_whitespace().count())
                .sum(),
            sentences,
            documents: p
                .docs
                .iter()
                .enumerate()
                .map(|(d, doc)| SourceInfo {
                    name: doc.source.clone(),
                    title: doc.title.clone(),
                    sentences: p.analysis.doc_len(d),
                })
                .collect(),
            brief: None,
            warnings: p.warnings.clone(),
            config: Config {
                method,
                ..self.config
            },
        };
        if self.config.brief {
            summary.brief = Some(crate::brief::build(
                &p.context(),
                summary.sentences.first().map(|s| s.text.as_str()),
                summary.sentences.iter().map(|s| s.sources.len()).collect(),
            ));
        }
        summary
    }

    /// Summarizes a batch in parallel; results keep input order and one bad
    /// record only costs its own output.
    pub fn summarize_batch(&self, records: &[Record]) -> Vec<Result<Summary>> {
        records
            .par_iter()
            .map(|r| match r {
                Ok(cluster) => self.summarize(cluster),
                Err(e) => Err(clone_error(e)),
            })
            .collect()
    }
}

/// Errors are not `Clone` (they hold `io::Error`); batch records are
/// re-reported by message with their kind kept.
fn clone_error(e: &Error) -> Error {
    match e {
        Error::NotFound(p) => Error::NotFound(p.clone()),
        Error::EmptyCluster(s) => Error::EmptyCluster(s.clone()),
        Error::NoReadableArticle(s) => Error::NoReadableArticle(s.clone()),
        Error::BadRecord {
            origin,
            id,
            message,
        } => Error::BadRecord {
            origin: origin.clone(),
            id: id.clone(),
            message: message.clone(),
        },
        Error::Config(s) => Error::Config(s.clone()),
        Error::Unsupported { origin, message } => Error::Unsupported {
            origin: origin.clone(),
            message: message.clone(),
        },
        Error::Cancelled => Error::Cancelled,
        Error::TooLarge { id, message } => Error::TooLarge {
            id: id.clone(),
            message: message.clone(),
        },
        Error::Io { path, source } => Error::Io {
            path: path.clone(),
            source: std::io::Error::new(source.kind(), source.to_string()),
        },
    }
}

/// Cuts the summary at exactly `n` words: later sentences go, the last kept
/// one is cut after its `n`-th word and its span shrinks to match.
fn truncate_words(sentences: &mut Vec<SummarySentence>, n: usize) {
    let mut left = n;
    let mut keep = 0;
    for s in sentences.iter_mut() {
        if left == 0 {
            break;
        }
        keep += 1;
        let words = s.text.split_whitespace().count();
        if words <= left {
            left -= words;
            continue;
        }
        let cut = words_end(&s.text, left);
        s.text.truncate(cut);
        s.span[1] = s.span[0] + cut;
        left = 0;
    }
    sentences.truncate(keep);
}

/// Byte offset just past the `n`-th whitespace-separated word of `text`.
fn words_end(text: &str, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(articles: &[&str]) -> Cluster {
        Cluster::from_texts("c", articles)
    }

    #[test]
    fn truncate_cuts_at_exactly_n_words_and_keeps_spans_slicing() {
        let text =
            "One two three four five six seven. Eight nine ten eleven twelve thirteen fourteen.";
        let config = Config {
            method: Method::Lead(crate::summarize::Lead),
            selection: Selection {
                budget: Budget::Words(9),
                ..Selection::default()
            },
            truncate: true,
            ..Config::default()
        };
        let s = Pipeline::new(config).summarize(&cluster(&[text])).unwrap();
        assert_eq!(s.words, 9);
        let last = s.sentences.last().unwrap();
        assert_eq!(last.text, "Eight nine");
        assert_eq!(&text[last.span[0]..last.span[1]], last.text);
    }

    #[test]
    fn empty_and_unreadable_clusters_are_errors_not_panics() {
        let p = Pipeline::default();
        assert!(matches!(
            p.summarize(&cluster(&[])),
            Err(Error::EmptyCluster(_))
        ));
        assert!(matches!(
            p.summarize(&cluster(&["...", "  "])),
            Err(Error::NoReadableArticle(_))
        ));
    }

    #[test]
    fn zero_budget_is_rejected() {
        let config = Config {
            selection: Selection {
                budget: Budget::Sentences(0),
                ..Selection::default()
            },
            ..Config::default()
        };
        let err =
            Pipeline::new(config).summarize(&cluster(&["A fine sentence about the talks today."]));
        assert!(matches!(err, Err(Error::Config(_))));
    }

    #[test]
    fn a_partial_config_with_a_method_name_deserializes() {
        let c: Config = serde_json::from_str(
            r#"{"method": "learned", "selection": {"budget": {"words": 100}}, "truncate": true, "brief": true}"#,
        )
        .unwrap();
        assert_eq!(c.method, Method::default());
        assert_eq!(c.selection, Selection::default());
        assert!(c.truncate && c.brief);
        let tagged: Config =
            serde_json::from_str(r#"{"method": {"type": "lexrank", "damping": 0.5}}"#).unwrap();
        assert_eq!(
            tagged.method,
            Method::LexRank(crate::summarize::LexRank { damping: 0.5 })
        );
        let err = serde_json::from_str::<Config>(r#"{"method": "nope"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown method") && err.contains("hybrid"),
            "{err}"
        );
    }

    #[test]
    fn words_end_finds_the_nth_word() {
        assert_eq!(words_end("a bb  ccc d", 3), 9);
        assert_eq!(words_end("a bb", 5), 4);
    }
}
