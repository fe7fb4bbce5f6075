//! `newsbrief bench`: throughput of each method on a corpus, as a ratio to
//! a tokenize-only pass over the same text (the floor under any method), so
//! the figure means the same on a loaded laptop and a quiet server.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsbrief::ingest::{self, Input};
use newsbrief::{Cluster, Method, Pipeline};
use serde::Serialize;

use crate::BenchArgs;

#[derive(Serialize)]
struct Row {
    pass: String,
    seconds: f64,
    clusters_per_s: f64,
    mb_per_s: f64,
    /// Time relative to the tokenize-only floor (1.0 = as fast as tokenizing).
    ratio_to_floor: f64,
}

pub fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let clusters: Vec<Cluster> = match ingest::read_paths(std::slice::from_ref(&args.input))? {
        Input::Single(c) => vec![c],
        Input::Batch(records) => records.into_iter().filter_map(Result::ok).collect(),
    };
    anyhow::ensure!(
        !clusters.is_empty(),
        "{}: no cluster to benchmark",
        args.input.display()
    );
    let bytes: usize = clusters
        .iter()
        .flat_map(|c| &c.documents)
        .map(|d| d.body.len())
        .sum();
    let methods: Vec<Method> = if args.methods.is_empty() {
        Method::ALL.to_vec()
    } else {
        args.methods.clone()
    };
    let repeat = args.repeat.max(1);
    // Best of `repeat` runs: the minimum is the least disturbed by other load.
    let time = |f: &dyn Fn()| -> Duration {
        (0..repeat)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let floor = time(&|| {
        let words: usize = clusters
            .iter()
            .flat_map(|c| &c.documents)
            .map(|d| newsbrief::analyze::word_spans(&d.body).count())
            .sum();
        std::hint::black_box(words);
    });
    let mut rows = vec![row(
        "tokenize-only (floor)",
        floor,
        floor,
        clusters.len(),
        bytes,
    )];
    let prepare = time(&|| {
        let p = Pipeline::default();
        for c in &clusters {
            let _ = std::hint::black_box(p.prepare(c));
        }
    });
    rows.push(row(
        "prepare (clean+segment+analyze+represent)",
        prepare,
        floor,
        clusters.len(),
        bytes,
    ));
    for &method in &methods {
        let pipeline = Pipeline::new(crate::config(crate::ConfigFlags {
            method: Some(method),
            words: Some(args.words),
            ..crate::ConfigFlags::default()
        })?);
        let t = time(&|| {
            for c in &clusters {
                let _ = std::hint::black_box(pipeline.summarize(c));
            }
        });
        rows.push(row(method.name(), t, floor, clusters.len(), bytes));
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        println!(
            "{} clusters, {:.2} MB, best of {repeat}, one thread",
            clusters.len(),
            bytes as f64 / 1e6
        );
        println!(
            "{:<44} {:>9} {:>11} {:>8} {:>9}",
            "pass", "seconds", "clusters/s", "MB/s", "x floor"
        );
        for r in &rows {
            println!(
                "{:<44} {:>9.4} {:>11.1} {:>8.2} {:>9.1}",
                r.pass, r.seconds, r.clusters_per_s, r.mb_per_s, r.ratio_to_floor
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn row(pass: &str, t: Duration, floor: Duration, clusters: usize, bytes: usize) -> Row {
    let s = t.as_secs_f64().max(1e-9);
    Row {
        pass: pass.to_string(),
        seconds: s,
        clusters_per_s: clusters as f64 / s,
        mb_per_s: bytes as f64 / 1e6 / s,
        ratio_to_floor: s / floor.as_secs_f64().max(1e-9),
    }
}
