//! Every call the Python package makes into the newsbrief library, in plain
//! Rust (no PyO3 types): takes JSON record lines and settings, hands back
//! JSON text, the CLI's batch lines and ROUGE figures. Keeping the library
//! surface in this one file means a change to the library's API is adapted
//! here and nowhere else.
//!
//! Records go through `ingest::parse_record`, the function behind
//! `newsbrief summarize FILE.jsonl`, so a Python document list, a Spark row
//! and a CLI line are read by the same code with the same error messages.
//! The [`Config`] is built by deserializing JSON over the defaults, so it
//! follows the library's serde shape rather than its struct fields.

use std::sync::OnceLock;

use newsbrief::eval::harness::{self, SystemReport};
use newsbrief::eval::{truncate_words, RougeScorer, RougeScores};
use newsbrief::{ingest, Config, Method, Pipeline};
use rayon::prelude::*;
use serde_json::{json, Value};

/// Settings as the Python API names them.
pub struct Settings<'a> {
    pub method: &'a str,
    pub words: Option<i64>,
    pub sentences: Option<i64>,
    pub truncate: bool,
    pub brief: bool,
}

/// The library configuration for `settings`, or the library's message.
pub fn config(s: &Settings) -> Result<Config, String> {
    let budget = |n: i64| -> Result<usize, String> {
        usize::try_from(n)
            .map_err(|_| "invalid configuration: the budget must be at least 1".into())
    };
    // As the CLI: a sentence budget, when given, replaces the word budget.
    let budget = match (s.words, s.sentences) {
        (_, Some(n)) => json!({ "sentences": budget(n)? }),
        (Some(n), None) => json!({ "words": budget(n)? }),
        (None, None) => json!({ "words": 100 }),
    };
    let mut value = serde_json::to_value(Config::default()).map_err(|e| e.to_string())?;
    value["method"] = json!(s.method);
    value["selection"]["budget"] = budget;
    value["truncate"] = json!(s.truncate);
    value["brief"] = json!(s.brief);
    let config: Config = serde_json::from_value(value)
        .map_err(|e| format!("invalid configuration: method {:?}: {e}", s.method))?;
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}

/// `(name, description)` of every method, in the CLI's `newsbrief methods` order.
pub fn methods() -> Vec<(String, String)> {
    Method::ALL
        .iter()
        .map(|m| (m.name().to_string(), m.describe().to_string()))
        .collect()
}

/// A failed record: the cluster id when the record was read, and the message.
pub type Failure = (Option<String>, String);

/// A configured pipeline; shared by threads.
pub struct Engine {
    pipeline: Pipeline,
}

impl Engine {
    pub fn new(settings: &Settings) -> Result<Engine, String> {
        Ok(Engine {
            pipeline: Pipeline::new(config(settings)?),
        })
    }

    /// One record (`{"id"?, "documents"}` or any form the CLI reads) to the
    /// summary, serialized by the library's serde derive as `--format json`
    /// prints it. `label` names the record in messages and is its id when it
    /// has none.
    pub fn summarize(&self, record: &Value, label: &str) -> Result<Value, Failure> {
        // Through the JSONL reader itself, so the CLI's rules and messages apply.
        let line = record.to_string();
        let cluster = ingest::parse_record(&line, label).map_err(|e| (None, e.to_string()))?;
        let summary = self
            .pipeline
            .summarize(&cluster)
            .map_err(|e| (Some(cluster.id.clone()), e.to_string()))?;
        serde_json::to_value(&summary).map_err(|e| (Some(cluster.id.clone()), e.to_string()))
    }

    /// [`Self::summarize`] over many records on the rayon pool, in order.
    pub fn summarize_many(&self, records: &[(Value, String)]) -> Vec<Result<Value, Failure>> {
        records
            .par_iter()
            .map(|(record, label)| self.summarize(record, label))
            .collect()
    }

    /// The line `newsbrief summarize FILE.jsonl` prints for each record (text
    /// format), and what it prints to stderr for it, in order.
    pub fn batch_lines(&self, records: &[(String, String)]) -> Vec<(String, Vec<String>)> {
        records
            .par_iter()
            .map(|(line, label)| {
                let record = ingest::parse_record(line, label);
                let result = match &record {
                    Ok(cluster) => self.pipeline.summarize(cluster),
                    Err(_) => Err(newsbrief::Error::Config(String::new())),
                };
                let (value, messages) = match (record, result) {
                    (Ok(_), Ok(summary)) => {
                        let warnings = summary
                            .warnings
                            .iter()
                            .map(|w| format!("newsbrief: warning: {w}"))
                            .collect();
                        (
                            json!({"id": summary.id, "summary": summary.text()}),
                            warnings,
                        )
                    }
                    (Ok(cluster), Err(e)) => (
                        json!({"id": cluster.id, "error": e.to_string()}),
                        vec![format!("newsbrief: {e}")],
                    ),
                    // The record's own id when it could be read, as the CLI prints.
                    (Err(e), _) => (
                        json!({"id": e.record_id(), "error": e.to_string()}),
                        vec![format!("newsbrief: {e}")],
                    ),
                };
                (value.to_string(), messages)
            })
            .collect()
    }
}

fn scorer() -> &'static RougeScorer {
    static SCORER: OnceLock<RougeScorer> = OnceLock::new();
    SCORER.get_or_init(RougeScorer::new)
}

/// ROUGE of `candidate` against `references` (averaged over them), cut to
/// `words` words first when given, as `newsbrief eval` scores.
pub fn rouge(candidate: &str, references: &[String], words: Option<usize>) -> RougeScores {
    let candidate = match words {
        Some(n) => truncate_words(candidate, n),
        None => candidate.to_string(),
    };
    scorer().score_multi(references, &candidate)
}

/// What one record contributes to an evaluation.
pub enum EvalRow {
    /// The record could not be read: `newsbrief eval` skips it with this message.
    Unreadable(String),
    /// A cluster without references: counted, not scored.
    NoReference,
    /// The cluster's [`harness::figures`] and the bytes of its articles.
    Scored { scores: Vec<f64>, bytes: usize },
}

/// One method at a word budget, summarizing and scoring as `newsbrief eval`.
pub struct Evaluator {
    pipeline: Pipeline,
    words: usize,
}

impl Evaluator {
    pub fn new(method: &str, words: usize) -> Result<Evaluator, String> {
        let settings = Settings {
            method,
            words: Some(words as i64),
            sentences: None,
            truncate: true,
            brief: false,
        };
        Ok(Evaluator {
            pipeline: Pipeline::new(config(&settings)?),
            words,
        })
    }

    /// Summarizes one eval record, cut exactly at the budget, and scores it
    /// against its references (a cluster the engine cannot summarize scores
    /// as an empty summary, as in the library's harness).
    pub fn record(&self, line: &str, label: &str) -> EvalRow {
        let cluster = match ingest::parse_record(line, label) {
            Ok(c) => c,
            Err(e) => return EvalRow::Unreadable(e.to_string()),
        };
        if cluster.references.is_empty() {
            return EvalRow::NoReference;
        }
        let bytes = cluster.documents.iter().map(|d| d.body.len()).sum();
        let text = self
            .pipeline
            .summarize(&cluster)
            .map(|s| s.text())
            .unwrap_or_default();
        let cut = truncate_words(&text, self.words);
        let scores = scorer().score_multi(&cluster.references, &cut);
        EvalRow::Scored {
            scores: harness::figures(&scores, &cut),
            bytes,
        }
    }

    /// [`Self::record`] over many records on the rayon pool, in order.
    pub fn records(&self, records: &[(String, String)]) -> Vec<EvalRow> {
        records
            .par_iter()
            .map(|(line, label)| self.record(line, label))
            .collect()
    }
}

/// The system name `newsbrief eval` gives a method.
pub fn system_name(method: &str) -> String {
    format!("newsbrief {method}")
}

/// One system's report from per-cluster [`harness::figures`] (corpus
/// order), with the library's bootstrap, so the intervals equal `newsbrief
/// eval`'s; plus the speed of the run.
pub fn report(
    system: &str,
    per_cluster: &[Vec<f64>],
    skipped: usize,
    seconds: f64,
    bytes: usize,
) -> SystemReport {
    let seconds = seconds.max(1e-9);
    SystemReport {
        seconds: Some(seconds),
        clusters_per_s: Some(per_cluster.len() as f64 / seconds),
        mb_per_s: Some(bytes as f64 / 1e6 / seconds),
        ..harness::report(system, per_cluster, skipped)
    }
}

/// The metrics `newsbrief eval` shows for a preset name (or none).
pub fn preset(name: Option<&str>) -> Result<(usize, Vec<String>), String> {
    match name {
        None => Ok((
            newsbrief::eval::DUC2004_WORDS,
            harness::DEFAULT_METRICS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        )),
        Some(n) => {
            let p: newsbrief::eval::Preset =
                n.parse().map_err(|e: newsbrief::Error| e.to_string())?;
            Ok((
                p.words(),
                p.metrics().iter().map(|s| s.to_string()).collect(),
            ))
        }
    }
}

/// A report as JSON, as `newsbrief eval --json` lists systems.
pub fn report_json(r: &SystemReport) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// A report back from [`report_json`].
pub fn report_from_json(s: &str) -> Result<SystemReport, String> {
    serde_json::from_str(s).map_err(|e| e.to_string())
}

/// Story clustering for `newsbrief.Stories`: in memory (the library's
/// `Clusterer`, keeping the stories that retire so `stories()` lists them
/// all) or in a store file (the library's SQLite `Store`, which persists and
/// resumes). Articles come as JSON text and results go back as JSON text.
pub enum Stories {
    /// In memory; gone with the object.
    Memory {
        /// The online clusterer.
        clusterer: Box<newsbrief::stories::Clusterer>,
        /// Stories that went quiet, kept for `stories()`.
        retired: Vec<newsbrief::stories::Story>,
    },
    /// In a store file shared with `newsbrief stories add` and the server.
    Db(Box<newsbrief::store::Store>),
}

impl Stories {
    /// A clusterer with default parameters, in memory or in the store at `db`.
    pub fn new(db: Option<&str>) -> Result<Stories, String> {
        match db {
            None => Ok(Stories::Memory {
                clusterer: Box::new(
                    newsbrief::stories::Clusterer::new(Default::default())
                        .map_err(|e| e.to_string())?,
                ),
                retired: Vec::new(),
            }),
            Some(path) => newsbrief::store::Store::open(std::path::Path::new(path))
                .map(|s| Stories::Db(Box::new(s)))
                .map_err(|e| e.to_string()),
        }
    }

    /// Adds one article (a JSON object of the story-stream schema); returns
    /// `{"id", "story", "status"}` with status `new`, `joined` or `duplicate`.
    pub fn add(&mut self, article: &str, label: &str) -> Result<String, String> {
        let article = newsbrief::stories::Article::from_json_line(article, label)
            .map_err(|e| e.to_string())?;
        match self {
            Stories::Memory { clusterer, retired } => {
                let a = clusterer.add(&article).map_err(|e| e.to_string())?;
                retired.extend(clusterer.take_retired());
                let status = if a.new_story { "new" } else { "joined" };
                Ok(json!({"id": article.id, "story": clusterer.resolve(a.story), "status": status})
                    .to_string())
            }
            Stories::Db(store) => {
                let mut added = store.add(&[article]).map_err(|e| e.to_string())?;
                match added.pop() {
                    Some(Ok(newsbrief::store::Added::New { id, story })) => {
                        Ok(json!({"id": id, "story": story, "status": "added"}).to_string())
                    }
                    Some(Ok(newsbrief::store::Added::Duplicate { id, of })) => Ok(
                        json!({"id": id, "duplicate_of": of, "status": "duplicate"}).to_string(),
                    ),
                    Some(Err(e)) => Err(e.to_string()),
                    None => Err(format!("{label}: the store returned nothing")),
                }
            }
        }
    }

    /// Every story as JSON: in memory `{"id", "articles", "first_seen",
    /// "last_seen"}` (live and retired, by id); from a store its listing
    /// (newest first, with headline and counts).
    pub fn stories(&self) -> Result<String, String> {
        match self {
            Stories::Memory { clusterer, retired } => {
                let mut all: Vec<newsbrief::stories::Story> = retired.clone();
                all.extend(clusterer.stories());
                all.sort_by_key(|s| s.id);
                serde_json::to_string(&all).map_err(|e| e.to_string())
            }
            Stories::Db(store) => store
                .stories(None)
                .and_then(|s| {
                    serde_json::to_string(&s).map_err(|e| newsbrief::Error::Config(e.to_string()))
                })
                .map_err(|e| e.to_string()),
        }
    }
}
