//! The evaluation harness: summarize every cluster of a corpus with each
//! method, or take summaries made elsewhere, and score them against the human
//! references with [`RougeScorer`]; per system, mean and 95% bootstrap
//! interval of every ROUGE figure, plus throughput.
//!
//! Conventions follow `../shared/data/README.md` so numbers compare with
//! published ones: a summary is cut to its first N whitespace-separated
//! words before scoring (ROUGE-1.5.5's `-l`), several references are averaged
//! (`-f A`), stemming is on and stop words are kept.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use rayon::prelude::*;

use super::rouge::{truncate_words, Prf, RougeScorer, RougeScores};
use super::stats::{bootstrap_mean, Interval};
use crate::ingest::Cluster;
use crate::pipeline::{Config, Pipeline};
use crate::summarize::Budget;
/// `newsbrief eval`'s plain-text table: per system, each metric as
/// `mean [low, high]`, then speed. One function, so the CLI and the Python
/// package's Spark job print the same table.
pub fn table<M: AsRef<str>>(
    reports: &[SystemReport],
    metrics: &[M],
    clusters: usize,
    words: usize,
) -> String {
    let mut s = format!(
        "{clusters} clusters, summaries cut to {words} words; ROUGE x100, mean [95% bootstrap CI]; \
         dangling = % of summary sentences opening with a pronoun or connective\n"
    );
    let name_w = reports
        .iter()
        .map(|r| r.system.len())
        .max()
        .unwrap_or(6)
        .max(6);
    s.push_str(&format!("{:<name_w$} {:>4}", "system", "n"));
    for m in metrics {
        s.push_str(&format!(" {:>21}", m.as_ref()));
    }
    s.push_str(&format!(" {:>10} {:>7}\n", "clusters/s", "MB/s"));
    for r in reports {
        s.push_str(&format!("{:<name_w$} {:>4}", r.system, r.clusters));
        for m in metrics {
            let cell = match r.scores.get(m.as_ref()) {
                Some(i) => format!("{:.2} [{:.2}, {:.2}]", i.mean, i.low, i.high),
                None => "-".into(),
            };
            s.push_str(&format!(" {:>21}", cell));
        }
        let opt = |v: Option<f64>, p: usize| v.map_or("-".to_string(), |v| format!("{v:.p$}"));
        s.push_str(&format!(
            " {:>10} {:>7}\n",
            opt(r.clusters_per_s, 1),
            opt(r.mb_per_s, 2)
        ));
    }
    s
}

#[cfg(test)]
use crate::summarize::Method;

/// Published conventions for the two corpora newsbrief is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// DUC 2004 task 2: 100 words, cut exactly; recall and F1.
    Duc2004,
    /// Multi-News: 230 words; F1.
    MultiNews,
}

impl Preset {
    /// Every preset.
    pub const ALL: &'static [Preset] = &[Preset::Duc2004, Preset::MultiNews];

    /// The preset's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Duc2004 => "duc2004",
            Preset::MultiNews => "multinews",
        }
    }

    /// The word budget of published results.
    pub fn words(self) -> usize {
        match self {
            Preset::Duc2004 => super::DUC2004_WORDS,
            Preset::MultiNews => 230,
        }
    }

    /// The figures the preset's published tables report, as metric keys.
    pub fn metrics(self) -> &'static [&'static str] {
        match self {
            Preset::Duc2004 => &[
                "rouge1.recall",
                "rouge2.recall",
                "rouge1.f1",
                "rouge2.f1",
                DANGLING,
            ],
            Preset::MultiNews => &[
                "rouge1.f1",
                "rouge2.f1",
                "rougeLsum.f1",
                "rouge1.recall",
                "rouge2.recall",
                DANGLING,
            ],
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase().replace(['-', '_'], "");
        Preset::ALL
            .iter()
            .copied()
            .find(|p| p.name() == lower)
            .ok_or_else(|| {
                crate::Error::Config(format!("unknown preset {s:?} (duc2004, multinews)"))
            })
    }
}

/// Every metric key, in table order: `rouge1.precision` ... `rougeLsum.f1`.
pub const METRICS: &[&str] = &[
    "rouge1.precision",
    "rouge1.recall",
    "rouge1.f1",
    "rouge2.precision",
    "rouge2.recall",
    "rouge2.f1",
    "rougeL.precision",
    "rougeL.recall",
    "rougeL.f1",
    "rougeLsum.precision",
    "rougeLsum.recall",
    "rougeLsum.f1",
];

fn metric_values(s: &RougeScores) -> [f64; 12] {
    let p = |x: &Prf| [x.precision, x.recall, x.f1];
    let [a, b, c] = p(&s.rouge1);
    let [d, e, f] = p(&s.rouge2);
    let [g, h, i] = p(&s.rouge_l);
    let [j, k, l] = p(&s.rouge_lsum);
    [a, b, c, d, e, f, g, h, i, j, k, l]
}

/// One system's results on a corpus.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SystemReport {
    /// The system's name.
    pub system: String,
    /// Clusters scored.
    pub clusters: usize,
    /// Clusters without a reference or a prediction, left out.
    pub skipped: usize,
    /// Metric key → mean and 95% bootstrap interval, in points (×100).
    pub scores: BTreeMap<String, Interval>,
    /// Wall time of summarization alone (absent for outside predictions).
    pub seconds: Option<f64>,
    /// Clusters summarized per second (newsbrief's own methods).
    pub clusters_per_s: Option<f64>,
    /// Input megabytes per second (newsbrief's own methods).
    pub mb_per_s: Option<f64>,
}

/// One summary, as written by `--output` and read by `--predictions`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Prediction {
    /// The cluster's id.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The system that made it, when known.
    pub system: Option<String>,
    /// The summary text.
    pub summary: String,
}

use super::stats::{DEFAULT_RESAMPLES as RESAMPLES, DEFAULT_SEED as SEED};

/// The metric key of the share of summary sentences that open with a
/// dangling pronoun or connective ([`crate::analyze::dangling_opener`]), in
/// percent, averaged over clusters.
pub const DANGLING: &str = "dangling";

/// The percentage of `summary`'s sentences (split as articles are) that
/// open with a dangling pronoun or connective; 0 for an empty summary.
pub fn dangling_percent(summary: &str) -> f64 {
    let spans = crate::segment::split_sentences(summary, 0..summary.len());
    let sentences: Vec<&str> = spans
        .iter()
        .map(|r| summary[r.clone()].trim())
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    if sentences.is_empty() {
        return 0.0;
    }
    let dangling = sentences
        .iter()
        .filter(|s| crate::analyze::dangling_opener(s).is_some())
        .count();
    100.0 * dangling as f64 / sentences.len() as f64
}

/// The metrics `newsbrief eval` shows without a preset.
pub const DEFAULT_METRICS: &[&str] = &[
    "rouge1.recall",
    "rouge2.recall",
    "rouge1.f1",
    "rouge2.f1",
    "rougeLsum.f1",
    DANGLING,
];

/// How many figures [`figures`] gives per cluster: [`METRICS`], then
/// [`DANGLING`].
pub const FIGURES: usize = 13;

/// One cluster's figures, as fractions: the twelve of [`METRICS`] in order,
/// then the share of dangling openers of `cut`, the summary as scored.
/// [`report`] turns a corpus of them into means and intervals, so the
/// Python package's Spark job reports exactly as `newsbrief eval` does.
pub fn figures(scores: &RougeScores, cut: &str) -> Vec<f64> {
    let mut v = metric_values(scores).to_vec();
    v.push(dangling_percent(cut) / 100.0);
    v
}

fn score_one(scorer: &RougeScorer, references: &[String], cut: &str) -> Vec<f64> {
    figures(&scorer.score_multi(references, cut), cut)
}

/// One system's report from per-cluster [`figures`] (corpus order): mean
/// and 95% bootstrap interval ×100 with the library's resamples and seed;
/// no speed.
pub fn report(system: &str, per_cluster: &[Vec<f64>], skipped: usize) -> SystemReport {
    let keys = METRICS.iter().chain(std::iter::once(&DANGLING));
    let scores: BTreeMap<String, Interval> = keys
        .enumerate()
        .map(|(k, key)| {
            let values: Vec<f64> = per_cluster.iter().map(|v| 100.0 * v[k]).collect();
            (key.to_string(), bootstrap_mean(&values, RESAMPLES, SEED))
        })
        .collect();
    SystemReport {
        system: system.to_string(),
        clusters: per_cluster.len(),
        skipped,
        scores,
        seconds: None,
        clusters_per_s: None,
        mb_per_s: None,
    }
}

/// Summarizes every cluster that has references with `config` (clusters in
/// parallel) and scores the summaries cut at its word budget (see
/// [`Config::for_evaluation`]).
pub fn evaluate_method(
    clusters: &[Cluster],
    config: &Config,
    scorer: &RougeScorer,
    tick: &(dyn Fn() + Sync),
) -> (SystemReport, Vec<Prediction>) {
    let method = config.method;
    let words = match config.selection.budget {
        Budget::Words(n) => n,
        Budget::Sentences(_) => usize::MAX,
    };
    let pipeline = Pipeline::new(*config);
    let usable: Vec<&Cluster> = clusters
        .iter()
        .filter(|c| !c.references.is_empty())
        .collect();
    let bytes: usize = usable
        .iter()
        .flat_map(|c| &c.documents)
        .map(|d| d.body.len())
        .sum();
    let start = Instant::now();
    let summaries: Vec<Option<String>> = usable
        .par_iter()
        .map(|c| {
            let s = pipeline.summarize(c).ok().map(|s| s.text());
            tick();
            s
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    let mut predictions = Vec::with_capacity(usable.len());
    let mut failed = 0;
    let pairs: Vec<(&Cluster, String)> = usable
        .iter()
        .zip(summaries)
        .map(|(c, s)| {
            // A cluster the engine cannot summarize scores zero, as an empty
            // summary would; it is not silently dropped.
            if s.is_none() {
                failed += 1;
            }
            (*c, s.unwrap_or_default())
        })
        .collect();
    let per_cluster: Vec<Vec<f64>> = pairs
        .par_iter()
        .map(|(c, s)| score_one(scorer, &c.references, &truncate_words(s, words)))
        .collect();
    for (c, s) in pairs {
        predictions.push(Prediction {
            id: c.id.clone(),
            system: Some(format!("newsbrief-{}", method.label())),
            summary: s,
        });
    }
    let mut r = report(
        &format!("newsbrief {}", method.label()),
        &per_cluster,
        clusters.len() - usable.len(),
    );
    r.seconds = Some(seconds);
    r.clusters_per_s = Some(usable.len() as f64 / seconds);
    r.mb_per_s = Some(bytes as f64 / 1e6 / seconds);
    let _ = failed;
    (r, predictions)
}

/// Scores summaries produced elsewhere, one report per `system` (a file
/// without the field is one system named `default_system`).
pub fn evaluate_predictions(
    clusters: &[Cluster],
    predictions: &[Prediction],
    words: usize,
    default_system: &str,
    scorer: &RougeScorer,
) -> Vec<SystemReport> {
    let refs: HashMap<&str, &[String]> = clusters
        .iter()
        .filter(|c| !c.references.is_empty())
        .map(|c| (c.id.as_str(), c.references.as_slice()))
        .collect();
    let mut by_system: BTreeMap<&str, Vec<&Prediction>> = BTreeMap::new();
    for p in predictions {
        by_system
            .entry(p.system.as_deref().unwrap_or(default_system))
            .or_default()
            .push(p);
    }
    by_system
        .into_iter()
        .map(|(system, preds)| {
            let matched: Vec<(&[String], &str)> = preds
                .iter()
                .filter_map(|p| refs.get(p.id.as_str()).map(|r| (*r, p.summary.as_str())))
                .collect();
            let per_cluster: Vec<Vec<f64>> = matched
                .par_iter()
                .map(|(r, s)| score_one(scorer, r, &truncate_words(s, words)))
                .collect();
            report(system, &per_cluster, preds.len() - matched.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawDocument;

    fn cluster(id: &str, text: &str, reference: &str) -> Cluster {
        Cluster {
            id: id.into(),
            documents: vec![RawDocument::text(format!("{id}.txt"), text)],
            references: vec![reference.into()],
            ..Cluster::default()
        }
    }

    #[test]
    fn a_summary_equal_to_its_reference_scores_100() {
        let text = "Tillerson met Lavrov in Moscow on Wednesday for talks. The two sides agreed to form a working group.";
        let clusters = vec![cluster("a", text, text), cluster("b", text, text)];
        let (r, preds) = evaluate_method(
            &clusters,
            &Config::for_evaluation(Method::Lead(crate::summarize::Lead), 100),
            &RougeScorer::new(),
            &|| {},
        );
        assert_eq!(r.clusters, 2);
        assert!(
            (r.scores["rouge1.f1"].mean - 100.0).abs() < 1e-6,
            "{:?}",
            r.scores["rouge1.f1"]
        );
        assert!((r.scores["rouge2.recall"].mean - 100.0).abs() < 1e-6);
        assert_eq!(preds.len(), 2);
        let back = evaluate_predictions(&clusters, &preds, 100, "x", &RougeScorer::new());
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].system, "newsbrief-lead");
        assert!((back[0].scores["rouge1.f1"].mean - 100.0).abs() < 1e-6);
    }

    #[test]
    fn predictions_group_by_system_and_skip_unknown_ids() {
        let clusters = vec![cluster(
            "a",
            "Some words here in a sentence.",
            "Some words here.",
        )];
        let preds = vec![
            Prediction {
                id: "a".into(),
                system: Some("x".into()),
                summary: "Some words here.".into(),
            },
            Prediction {
                id: "a".into(),
                system: Some("y".into()),
                summary: "Other text.".into(),
            },
            Prediction {
                id: "zzz".into(),
                system: Some("y".into()),
                summary: "Other.".into(),
            },
        ];
        let r = evaluate_predictions(&clusters, &preds, 100, "d", &RougeScorer::new());
        assert_eq!(
            r.iter().map(|s| s.system.as_str()).collect::<Vec<_>>(),
            ["x", "y"]
        );
        assert_eq!(r[1].skipped, 1);
        assert!(r[0].scores["rouge1.f1"].mean > r[1].scores["rouge1.f1"].mean);
    }

    #[test]
    fn dangling_openers_are_counted_per_summary_sentence() {
        assert_eq!(dangling_percent(""), 0.0);
        assert_eq!(
            dangling_percent("Russia vetoed the resolution. Lavrov met Tillerson."),
            0.0
        );
        let d = dangling_percent(
            "Russia vetoed the resolution. He said it was wrong. But talks went on. Lavrov spoke.",
        );
        assert!((d - 50.0).abs() < 1e-9, "{d}");
        let clusters = vec![cluster(
            "a",
            "Tillerson met Lavrov in Moscow. He said talks were frank.",
            "Tillerson met Lavrov.",
        )];
        let preds = vec![Prediction {
            id: "a".into(),
            system: None,
            summary: "He said talks were frank.".into(),
        }];
        let r = evaluate_predictions(&clusters, &preds, 100, "x", &RougeScorer::new());
        assert!((r[0].scores[DANGLING].mean - 100.0).abs() < 1e-9);
    }

    #[test]
    fn presets_parse_and_fix_word_budgets() {
        assert_eq!("duc2004".parse::<Preset>().unwrap().words(), 100);
        assert_eq!("multi-news".parse::<Preset>().unwrap().words(), 230);
        assert!("x".parse::<Preset>().is_err());
    }
}
