//! The `newsbrief` command: a thin shell over the library. Flags are parsed
//! once here into the library's [`newsbrief::Config`]; everything else lives
//! in the engine.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use newsbrief::render::{self, Format};
use newsbrief::{Budget, Config, Input, Method, Pipeline, Selection, Summary};

#[derive(Parser)]
#[command(name = "newsbrief", version, about = "Cited, non-redundant briefs from a cluster of news articles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Summarize a cluster: a folder of .txt/.html files, files, a `|||||` file, JSONL (batch), or - for stdin.
    Summarize(SummarizeArgs),
}

#[derive(Args)]
struct SummarizeArgs {
    /// Folder, article files, a `|||||` file, a JSONL file (one cluster per line), or `-`; `.gz` accepted.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    method: MethodArgs,
    /// Output format.
    #[arg(long, short, default_value = "text", value_parser = parse_format)]
    format: Format,
}

/// Method and length settings shared by the subcommands that summarize.
#[derive(Args)]
struct MethodArgs {
    /// Summarization method.
    #[arg(long, short, default_value_t = Method::default(), value_parser = parse_method)]
    method: Method,
    /// Word budget (default 100); the last sentence may cross it unless --truncate.
    #[arg(long, short, conflicts_with = "sentences")]
    words: Option<usize>,
    /// Sentence budget instead of words.
    #[arg(long, short)]
    sentences: Option<usize>,
    /// Cut the summary at exactly the word budget (for evaluation).
    #[arg(long)]
    truncate: bool,
    /// Cosine above which a candidate is skipped as redundant with a chosen sentence.
    #[arg(long, default_value_t = Selection::default().redundancy)]
    redundancy: f64,
}

impl MethodArgs {
    fn config(&self) -> anyhow::Result<Config> {
        let budget = match (self.words, self.sentences) {
            (_, Some(n)) => Budget::Sentences(n),
            (Some(n), None) => Budget::Words(n),
            (None, None) => Budget::default(),
        };
        let config = Config {
            method: self.method,
            selection: Selection {
                budget,
                redundancy: self.redundancy,
                ..Selection::default()
            },
            truncate: self.truncate,
            ..Config::default()
        };
        config.validate()?;
        Ok(config)
    }
}

fn parse_method(s: &str) -> Result<Method, String> {
    s.parse().map_err(|e: newsbrief::Error| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse().map_err(|e: newsbrief::Error| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Summarize(args) => summarize(args),
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

fn summarize(args: SummarizeArgs) -> anyhow::Result<ExitCode> {
    let config = args.method.config()?;
    let pipeline = Pipeline::new(config);
    let input = newsbrief::ingest::read_paths(&args.inputs)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match input {
        Input::Single(cluster) => {
            let summary = pipeline.summarize(&cluster)?;
            warn(&summary.warnings);
            out.write_all(render::render(&summary, args.format).as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Input::Batch(records) => {
            let results = pipeline.summarize_batch(&records);
            let mut failed = 0;
            for (record, result) in records.iter().zip(results) {
                let line = match result {
                    Ok(summary) => {
                        warn(&summary.warnings);
                        batch_line(&summary, args.format)
                    }
                    Err(e) => {
                        failed += 1;
                        eprintln!("newsbrief: {e}");
                        let id = record.as_ref().ok().map(|c| c.id.clone());
                        serde_json::json!({"id": id, "error": e.to_string()})
                    }
                };
                serde_json::to_writer(&mut out, &line).context("writing output")?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            if failed > 0 {
                eprintln!("newsbrief: {failed} of {} records failed", records.len());
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One JSONL output record: `{"id", "summary": text, ...}`, so the file can
/// be scored directly as predictions; JSON format adds the full structure.
fn batch_line(summary: &Summary, format: Format) -> serde_json::Value {
    let text = match format {
        Format::Markdown => render::markdown(summary),
        _ => summary.text(),
    };
    let mut value = serde_json::json!({"id": summary.id, "summary": text});
    if format == Format::Json {
        if let (Some(obj), Ok(serde_json::Value::Object(full))) =
            (value.as_object_mut(), serde_json::to_value(summary))
        {
            obj.extend(full);
        }
    }
    value
}

fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("newsbrief: warning: {w}");
    }
}
