//! `newsbrief stories cluster` (a stream of articles → one story per article)
//! and `newsbrief eval-stories` (pairwise and B-cubed scores against the gold
//! `cluster` field, beside the single-pass TF-IDF baseline, with speed).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use newsbrief::stories::{metrics, Article, ArticleReader, ClusterScores, Clusterer, Params};
use rayon::prelude::*;

#[derive(Args)]
pub struct StoriesArgs {
    #[command(subcommand)]
    pub command: StoriesCommand,
}

#[derive(Subcommand)]
pub enum StoriesCommand {
    /// Cluster a JSONL stream of articles (`.gz` accepted) into stories; prints
    /// `{"id", "story"}` per article, in input order, with final story ids.
    Cluster(ClusterArgs),
    /// Add articles to the story store: JSONL, folders of .txt/.html, RSS / Atom feed files.
    Add(crate::store_cmd::AddArgs),
    /// List the store's stories, newest first.
    List(crate::store_cmd::ListArgs),
    /// One story of the store: its summary (and brief) and its articles.
    Show(crate::store_cmd::ShowArgs),
    /// Poll RSS / Atom feeds over HTTP into the store, fetching the pages they link.
    Watch(crate::store_cmd::WatchArgs),
}

#[derive(Args)]
pub struct ClusterArgs {
    /// JSONL articles: `id`, `date` (ISO-8601 or null), `title`, `text` or `html`, `source`, `url`.
    pub input: PathBuf,
    #[command(flatten)]
    pub params: ParamsArg,
}

#[derive(Args)]
pub struct EvalStoriesArgs {
    /// JSONL articles with the gold story in `cluster` (e.g. ../shared/data/ecbplus_stories.jsonl.gz).
    pub input: PathBuf,
    #[command(flatten)]
    pub params: ParamsArg,
    /// Leave out the single-pass TF-IDF baseline (threshold 0.2).
    #[arg(long)]
    pub no_baseline: bool,
    /// Write newsbrief's `{"id", "story"}` lines here (for ../shared/tools/stories_reference.py).
    #[arg(long, short)]
    pub predictions: Option<PathBuf>,
    /// Print one JSON line per system instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ParamsArg {
    /// JSON file of clustering parameters (fields of `newsbrief::stories::Params`;
    /// missing fields keep their defaults).
    #[arg(long = "params")]
    pub path: Option<PathBuf>,
}

impl ParamsArg {
    fn load(&self) -> anyhow::Result<Params> {
        let Some(path) = &self.path else {
            return Ok(Params::default());
        };
        let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        let params: Params =
            serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
        params.validate()?;
        Ok(params)
    }
}

pub fn stories(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        StoriesCommand::Cluster(args) => cluster(args),
        StoriesCommand::Add(args) => crate::store_cmd::add(args),
        StoriesCommand::List(args) => crate::store_cmd::list(args),
        StoriesCommand::Show(args) => crate::store_cmd::show(args),
        StoriesCommand::Watch(args) => crate::store_cmd::watch(args),
    }
}

/// A spinner counting articles on stderr, only when stderr is a terminal;
/// shared by `stories cluster` and the store's `add` and `watch`.
pub(crate) fn progress() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles, {per_sec}, {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Articles analysed in parallel at a time; they are then added in order.
const BATCH: usize = 512;

/// Prepares a batch on all cores (text analysis reads no clusterer state),
/// then adds it in input order: the stories are those of adding one by one.
fn add_batch(
    clusterer: &mut Clusterer,
    batch: Vec<newsbrief::Result<Article>>,
) -> Vec<newsbrief::Result<(String, u64)>> {
    let prepared: Vec<_> = {
        let c = &*clusterer;
        batch
            .into_par_iter()
            .map(|a| a.and_then(|a| c.prepare(&a)))
            .collect()
    };
    prepared
        .into_iter()
        .map(|p| {
            let p = p?;
            let id = p.id().to_string();
            clusterer.add_prepared(p).map(|s| (id, s.story))
        })
        .collect()
}

fn cluster(args: ClusterArgs) -> anyhow::Result<ExitCode> {
    let mut clusterer = Clusterer::new(args.params.load()?)?;
    let bar = progress();
    // Final ids are known only after the last merge, so lines wait until the end.
    let mut assigned: Vec<(String, u64)> = Vec::new();
    let mut failed = 0usize;
    let mut reader = ArticleReader::open(&args.input)?;
    loop {
        let batch: Vec<_> = reader.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        bar.inc(batch.len() as u64);
        for result in add_batch(&mut clusterer, batch) {
            match result {
                Ok(pair) => assigned.push(pair),
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("newsbrief: {e}"));
                }
            }
        }
        // This command keeps only the assignments; retired stories are dropped.
        clusterer.take_retired();
    }
    bar.finish_and_clear();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (id, story) in &assigned {
        let line = serde_json::json!({"id": id, "story": clusterer.resolve(*story)});
        let mut bytes = serde_json::to_vec(&line).context("encoding output")?;
        bytes.push(b'\n');
        out.write_all(&bytes)?;
    }
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "newsbrief: {failed} of {} records failed",
            failed + assigned.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// One system's run over the stream.
struct Run {
    system: &'static str,
    scores: ClusterScores,
    seconds: f64,
    /// Seconds per article in the second half of the stream over the first:
    /// near 1 when the cost per article stays flat.
    half_ratio: f64,
    stories: Vec<u64>,
}

fn run(
    system: &'static str,
    params: Params,
    articles: &[Article],
    gold: &[&str],
) -> anyhow::Result<Run> {
    let mut clusterer = Clusterer::new(params)?;
    let start = Instant::now();
    let mut half = articles.len() / 2;
    let mut first_half = 0.0;
    let mut assigned = Vec::with_capacity(articles.len());
    for chunk in articles.chunks(BATCH) {
        if assigned.len() >= half && first_half == 0.0 {
            first_half = start.elapsed().as_secs_f64();
            half = assigned.len();
        }
        let batch = chunk.iter().map(|a| Ok(a.clone())).collect();
        for r in add_batch(&mut clusterer, batch) {
            assigned.push(r?.1);
        }
        clusterer.take_retired();
    }
    let stories: Vec<u64> = assigned.iter().map(|&s| clusterer.resolve(s)).collect();
    let seconds = start.elapsed().as_secs_f64();
    let second_half = seconds - first_half;
    let half_ratio = if first_half > 0.0 && half > 0 {
        (second_half / (articles.len() - half) as f64) / (first_half / half as f64)
    } else {
        1.0
    };
    Ok(Run {
        system,
        scores: metrics::score(gold, &stories),
        seconds,
        half_ratio,
        stories,
    })
}

fn read_gold(path: &Path) -> anyhow::Result<Vec<Article>> {
    let mut articles = Vec::new();
    for (i, article) in ArticleReader::open(path)?.enumerate() {
        match article {
            Ok(a) if a.cluster.is_some() => articles.push(a),
            Ok(a) => anyhow::bail!(
                "{}: article {:?} (record {}) has no gold `cluster`",
                path.display(),
                a.id,
                i + 1
            ),
            // Skipped, as `stories cluster` would; the scores cover the readable articles.
            Err(e) => eprintln!("newsbrief: skipped {e}"),
        }
    }
    Ok(articles)
}

pub fn eval_stories(args: EvalStoriesArgs) -> anyhow::Result<ExitCode> {
    let params = args.params.load()?;
    let articles = read_gold(&args.input)?;
    let gold: Vec<&str> = articles
        .iter()
        .map(|a| a.cluster.as_deref().unwrap_or_default())
        .collect();
    let mut runs = vec![run("newsbrief", params, &articles, &gold)?];
    if !args.no_baseline {
        runs.push(run(
            "baseline-tfidf-0.2",
            Params::baseline(),
            &articles,
            &gold,
        )?);
    }
    if let Some(path) = &args.predictions {
        let mut f = io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("{}", path.display()))?,
        );
        for (a, s) in articles.iter().zip(&runs[0].stories) {
            serde_json::to_writer(&mut f, &serde_json::json!({"id": a.id, "story": s}))?;
            f.write_all(b"\n")?;
        }
        f.flush()?;
    }
    let mut out = io::stdout().lock();
    if args.json {
        for r in &runs {
            let mut v = serde_json::to_value(r.scores)?;
            v["system"] = r.system.into();
            v["seconds"] = r.seconds.into();
            v["articles_per_second"] = (r.scores.articles as f64 / r.seconds).into();
            v["second_half_over_first"] = r.half_ratio.into();
            writeln!(out, "{v}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<20} {:>8} {:>8} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>10}",
        "system",
        "articles",
        "stories",
        "pair P",
        "pair R",
        "pair F1",
        "B3 P",
        "B3 R",
        "B3 F1",
        "articles/s"
    )?;
    for r in &runs {
        let s = &r.scores;
        writeln!(
            out,
            "{:<20} {:>8} {:>8} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>10.0} {:>9.2}",
            r.system,
            s.articles,
            s.stories,
            100.0 * s.pair_precision,
            100.0 * s.pair_recall,
            100.0 * s.pair_f1,
            100.0 * s.bcubed_precision,
            100.0 * s.bcubed_recall,
            100.0 * s.bcubed_f1,
            s.articles as f64 / r.seconds,
            r.half_ratio
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
