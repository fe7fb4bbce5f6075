//! `newsbrief eval`: summarize a reference corpus with each method (and/or
//! read summaries made elsewhere) and print ROUGE with 95% bootstrap
//! intervals, one row per system.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use newsbrief::eval::harness::{self, Prediction, Preset, SystemReport};
use newsbrief::eval::RougeScorer;
use newsbrief::ingest::{self, Input};
use newsbrief::{Cluster, Method};

use crate::EvalArgs;

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let clusters = read_corpus(&args.data)?;
    let words = match (args.preset, args.words) {
        (_, Some(w)) => w,
        (Some(p), None) => p.words(),
        (None, None) => newsbrief::eval::DUC2004_WORDS,
    };
    let methods: Vec<Method> = if !args.methods.is_empty() {
        args.methods.clone()
    } else if args.predictions.is_empty() {
        Method::ALL.to_vec()
    } else {
        Vec::new()
    };
    let scorer = RougeScorer::new();
    let mut reports: Vec<SystemReport> = Vec::new();
    let mut outputs: Vec<Prediction> = Vec::new();
    for &method in &methods {
        let bar = progress(clusters.len() as u64, method.name());
        let config = crate::config(crate::ConfigFlags {
            method: Some(method),
            words: Some(words),
            truncate: true,
            base: args.config,
            ..crate::ConfigFlags::default()
        })?;
        let (report, preds) = harness::evaluate_method(&clusters, &config, &scorer, &|| bar.inc(1));
        bar.finish_and_clear();
        reports.push(report);
        outputs.extend(preds);
    }
    for path in &args.predictions {
        let preds = read_predictions(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        reports.extend(harness::evaluate_predictions(
            &clusters, &preds, words, &name, &scorer,
        ));
    }
    if let Some(path) = &args.output {
        let mut text = String::new();
        for p in &outputs {
            text.push_str(&serde_json::to_string(p)?);
            text.push('\n');
        }
        fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let value = serde_json::json!({
            "data": args.data.display().to_string(),
            "clusters": clusters.len(),
            "words": words,
            "preset": args.preset.map(Preset::name),
            "systems": reports,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        let metrics: &[&str] = match args.preset {
            Some(p) => p.metrics(),
            None => harness::DEFAULT_METRICS,
        };
        write!(
            out,
            "{}",
            harness::table(&reports, metrics, clusters.len(), words)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read_corpus(path: &std::path::Path) -> anyhow::Result<Vec<Cluster>> {
    let records = match ingest::read_paths(&[path.to_path_buf()])? {
        Input::Batch(records) => records,
        Input::Single(_) => anyhow::bail!(
            "{}: eval needs JSONL with references (\"summary\" or \"summaries\")",
            path.display()
        ),
    };
    let mut clusters = Vec::with_capacity(records.len());
    for r in records {
        match r {
            Ok(c) => clusters.push(c),
            Err(e) => eprintln!("newsbrief: skipped {e}"),
        }
    }
    anyhow::ensure!(
        clusters.iter().any(|c| !c.references.is_empty()),
        "{}: no cluster has reference summaries",
        path.display()
    );
    Ok(clusters)
}

fn read_predictions(path: &std::path::Path) -> anyhow::Result<Vec<Prediction>> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        io::Read::read_to_string(&mut ingest::gunzip_reader(&bytes), &mut s)
            .with_context(|| format!("decompressing {}", path.display()))?;
        s
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let mut preds = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let p: Prediction = serde_json::from_str(line).with_context(|| {
            format!(
                "{}:{}: expected {{\"id\", \"summary\", \"system\"?}}",
                path.display(),
                i + 1
            )
        })?;
        preds.push(p);
    }
    Ok(preds)
}

fn progress(len: u64, label: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} clusters {per_sec}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(label.to_string());
    bar
}
