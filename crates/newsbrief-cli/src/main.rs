//! The `newsbrief` command: a thin shell over the library. Flags are parsed
//! once here into the library's [`newsbrief::Config`]; everything else lives
//! in the engine.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use newsbrief::render::Format;
use newsbrief::{Budget, Config, Method};

mod bench_cmd;
mod eval_cmd;
mod serve_cmd;
mod store_cmd;
mod stories_cmd;
mod summarize_cmd;
mod train_cmd;

#[derive(Parser)]
#[command(
    name = "newsbrief",
    version,
    about = "Cited, non-redundant briefs from a cluster of news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Summarize a cluster: a folder of .txt/.html files, files, a `|||||` file, JSONL (batch), or - for stdin.
    Summarize(SummarizeArgs),
    /// Throughput of each method on a corpus, as a ratio to a tokenize-only pass.
    Bench(BenchArgs),
    /// Score methods (and outside summaries) with ROUGE against human references.
    Eval(EvalArgs),
    /// List the summarization methods, one per line: name, then description.
    Methods,
    /// Serve the HTTP API (POST /v1/summarize) and the web page.
    Serve(ServeArgs),
    /// Fit the `learned` method's scorer on a corpus with summaries; writes its weights file.
    Train(TrainArgs),
    /// Story clustering (`stories cluster`) and the story store (`stories add|list|show|watch`).
    Stories(stories_cmd::StoriesArgs),
    /// Score story clustering against the gold `cluster` field: pairwise and B-cubed P/R/F1, speed.
    EvalStories(stories_cmd::EvalStoriesArgs),
}

#[derive(Args)]
pub struct TrainArgs {
    /// JSONL corpus with references (e.g. ../shared/data/multinews_train10k.jsonl.gz).
    pub data: PathBuf,
    /// Where to write the model (the library ships crates/newsbrief/data/learned_trees.json).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Use only the first N clusters.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Number of boosted trees.
    #[arg(long, default_value_t = 300)]
    pub trees: usize,
    /// Depth of each tree.
    #[arg(long, default_value_t = 5)]
    pub depth: usize,
    /// Shrinkage of each tree's output.
    #[arg(long, default_value_t = 0.1)]
    pub learning_rate: f32,
    /// Training label per sentence against the reference: `precision`
    /// (mean ROUGE-1/2 precision), `recall` (mean ROUGE-1/2 recall) or
    /// `r2` (ROUGE-2 precision).
    #[arg(long, default_value = "precision")]
    pub label: String,
    /// Features the trees may not use (comma-separated names), for ablations.
    #[arg(long, value_delimiter = ',')]
    pub drop: Vec<String>,
    /// Features the score may only rise with (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub increasing: Vec<String>,
    /// Features the score may only fall with (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub decreasing: Vec<String>,
    /// Standardise the labels within each cluster (selection only compares
    /// sentences of one cluster).
    #[arg(long)]
    pub relative: bool,
    /// Keep the ROUGE label of sentences that open with a dangling pronoun
    /// or connective (by default their label is 0: such a sentence cannot
    /// stand in a summary, whatever its words).
    #[arg(long)]
    pub keep_dangling: bool,
    /// Also write the features and labels as CSV here, for analysis.
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Largest request body, in MB (default 10).
    #[arg(long = "body-limit-mb")]
    pub body_limit_mb: Option<usize>,
    /// Seconds a request may wait and run before a 504 (default 30).
    #[arg(long = "timeout-secs")]
    pub timeout_secs: Option<u64>,
    /// Summaries computed at once (default: the number of cores).
    #[arg(long)]
    pub concurrency: Option<usize>,
    /// Serve this story store too (`/v1/stories`, `POST /v1/articles`); created if missing.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

#[derive(Args)]
pub struct EvalArgs {
    /// JSONL corpus with references: `{"id", "documents", "summaries": [...]}` or `"summary"`.
    pub data: PathBuf,
    /// Methods to evaluate (repeat the flag), by name or as JSON with parameters
    /// (`{"type": "hybrid", "a": 25}`); default: all, or none with --predictions.
    #[arg(long = "method", short = 'm', value_parser = parse_method)]
    pub methods: Vec<Method>,
    /// Conventions of published results: duc2004 (100 words, recall+F1) or multinews (230 words, F1).
    #[arg(long, value_parser = parse_preset)]
    pub preset: Option<newsbrief::eval::Preset>,
    /// Cut summaries to this many words before scoring (overrides the preset).
    #[arg(long, short)]
    pub words: Option<usize>,
    /// Score summaries made elsewhere: JSONL `{"id", "summary", "system"?}` (repeatable).
    #[arg(long)]
    pub predictions: Vec<PathBuf>,
    /// Write newsbrief's summaries as JSONL `{"id", "system", "summary"}`.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Score with these settings (a configuration as JSON, or a file holding
    /// one, e.g. a summary's `config`); `--method` and the word budget still apply.
    #[arg(long, value_parser = parse_config)]
    pub config: Option<Config>,
}

#[derive(Args)]
pub struct BenchArgs {
    /// A cluster or a JSONL corpus (e.g. ../shared/data/duc2004.jsonl.gz).
    pub input: PathBuf,
    /// Methods to time (repeat the flag); default: all.
    #[arg(long = "method", short = 'm', value_parser = parse_method)]
    pub methods: Vec<Method>,
    /// Word budget.
    #[arg(long, short, default_value_t = 100)]
    pub words: usize,
    /// Runs per pass; the fastest is reported.
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct SummarizeArgs {
    /// Folder, article files, a `|||||` file, a JSONL file (one cluster per line), or `-`; `.gz` accepted.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub method: MethodArgs,
    /// Output format.
    #[arg(long, short, default_value = "text", value_parser = parse_format)]
    pub format: Format,
    /// Add the brief: who said what, where the sources disagree, what only one source reports.
    #[arg(long, short)]
    pub brief: bool,
}

/// Method and length settings shared by the subcommands that summarize.
#[derive(Args)]
pub struct MethodArgs {
    /// Summarization method (default: learned).
    #[arg(long, short, value_parser = parse_method)]
    method: Option<Method>,
    /// Word budget (default 100); the last sentence may cross it unless --truncate.
    #[arg(long, short, conflicts_with = "sentences")]
    words: Option<usize>,
    /// Sentence budget instead of words.
    #[arg(long, short)]
    sentences: Option<usize>,
    /// Cut the summary at exactly the word budget (for evaluation).
    #[arg(long)]
    truncate: bool,
    /// Cosine above which a candidate is skipped as redundant with a chosen sentence (default 0.5).
    #[arg(long)]
    redundancy: Option<f64>,
    /// A whole configuration as JSON, or a file holding one: e.g. the `config` of a
    /// `--format json` summary, to reproduce it. Flags given beside it override it.
    #[arg(long, value_parser = parse_config)]
    config: Option<Config>,
}

impl MethodArgs {
    /// The flags as plain data, for [`config`].
    pub fn flags(&self) -> ConfigFlags {
        ConfigFlags {
            base: self.config,
            method: self.method,
            words: self.words,
            sentences: self.sentences,
            truncate: self.truncate,
            redundancy: self.redundancy,
            brief: false,
        }
    }
}

/// Every flag that shapes a [`Config`], as parsed, before any check
/// (ripgrep's low-level arguments). `None` and `false` leave the base
/// configuration's value.
#[derive(Default)]
pub struct ConfigFlags {
    /// `--config`, else the library's defaults.
    pub base: Option<Config>,
    pub method: Option<Method>,
    pub words: Option<usize>,
    pub sentences: Option<usize>,
    pub truncate: bool,
    pub redundancy: Option<f64>,
    pub brief: bool,
}

fn parse_config(s: &str) -> Result<Config, String> {
    let text = if s.trim_start().starts_with('{') {
        s.to_string()
    } else {
        std::fs::read_to_string(s).map_err(|e| format!("{s}: {e}"))?
    };
    serde_json::from_str(&text).map_err(|e| format!("not a newsbrief configuration: {e}"))
}

/// The one place flags become a validated [`Config`] (ripgrep's
/// `HiArgs::from_low_args`); `summarize`, `bench` and `eval` all call it.
pub fn config(flags: ConfigFlags) -> anyhow::Result<Config> {
    let mut config = flags.base.unwrap_or_default();
    if let Some(m) = flags.method {
        config.method = m;
    }
    match (flags.words, flags.sentences) {
        (_, Some(n)) => config.selection.budget = Budget::Sentences(n),
        (Some(n), None) => config.selection.budget = Budget::Words(n),
        (None, None) => {}
    }
    if let Some(r) = flags.redundancy {
        config.selection.redundancy = r;
    }
    config.truncate |= flags.truncate;
    config.brief |= flags.brief;
    config.validate()?;
    Ok(config)
}

fn parse_method(s: &str) -> Result<Method, String> {
    s.parse().map_err(|e: newsbrief::Error| e.to_string())
}

fn list_methods() -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    for m in Method::ALL {
        writeln!(out, "{}\t{}", m.name(), m.describe())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_preset(s: &str) -> Result<newsbrief::eval::Preset, String> {
    s.parse().map_err(|e: newsbrief::Error| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse().map_err(|e: newsbrief::Error| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Summarize(args) => summarize_cmd::summarize(args),
        Command::Bench(args) => bench_cmd::bench(args),
        Command::Eval(args) => eval_cmd::eval(args),
        Command::Methods => list_methods(),
        Command::Serve(args) => serve_cmd::serve(args),
        Command::Train(args) => train_cmd::train(args),
        Command::Stories(args) => stories_cmd::stories(args),
        Command::EvalStories(args) => stories_cmd::eval_stories(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // `newsbrief ... | head` closes the pipe: that is success.
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsbrief: {e:#}");
            ExitCode::FAILURE
        }
    }
}
