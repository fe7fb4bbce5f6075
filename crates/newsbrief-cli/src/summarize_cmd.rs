//! `newsbrief summarize`: one cluster to text/Markdown/JSON, or a JSONL batch
//! to one JSON line per record (`{"id", "summary"}`, plus `"brief"` with
//! `--brief`, or `{"id", "error"}`).

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use newsbrief::render::{self, Format};
use newsbrief::{Input, Pipeline, Summary};

use crate::SummarizeArgs;

pub fn summarize(args: SummarizeArgs) -> anyhow::Result<ExitCode> {
    let config = crate::config(crate::ConfigFlags {
        brief: args.brief,
        ..args.method.flags()
    })?;
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
                        // The record's own id when it had one, even if the
                        // record failed to parse after it.
                        let id = match record {
                            Ok(c) => Some(c.id.clone()),
                            Err(bad) => bad.record_id().map(str::to_string),
                        };
                        serde_json::json!({"id": id, "error": e.to_string()})
                    }
                };
                // Serialise first so that a closed pipe surfaces as io::Error.
                let mut bytes = serde_json::to_vec(&line).context("encoding output")?;
                bytes.push(b'\n');
                out.write_all(&bytes)?;
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
    // With text output "summary" stays the plain sentences (scorable as a
    // prediction), so a --brief goes beside it as the single-cluster text
    // rendering; Markdown's "summary" already holds the brief, JSON its fields.
    if summary.brief.is_some() && format == Format::Text {
        value["brief"] = serde_json::Value::String(render::render(summary, format));
    }
    if format == Format::Json {
        if let (Some(obj), Ok(serde_json::Value::Object(full))) =
            (value.as_object_mut(), serde_json::to_value(summary))
        {
            obj.extend(full);
        }
    }
    value
}

pub fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("newsbrief: warning: {w}");
    }
}
