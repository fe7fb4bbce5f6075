//! Criterion benchmarks of the hot stages, on DUC 2004 when `../shared/data`
//! is present and on the bundled example cluster otherwise:
//! `cargo bench -p newsbrief --bench stages`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use newsbrief::ingest::{read_paths, Input};
use newsbrief::represent::Representation;
use newsbrief::summarize::{Context, LexRank};
use newsbrief::{Cluster, Pipeline, Summarizer};

fn corpus() -> (String, Vec<Cluster>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let duc = root.join("../shared/data/duc2004.jsonl.gz");
    let (label, path) = if duc.exists() {
        ("duc2004", duc)
    } else {
        eprintln!("../shared/data not found: benchmarking the bundled example cluster only");
        ("example", root.join("examples/tillerson-moscow-2017"))
    };
    let clusters = match read_paths(&[path]).expect("corpus reads") {
        Input::Single(c) => vec![c],
        Input::Batch(r) => r.into_iter().filter_map(Result::ok).collect(),
    };
    (label.to_string(), clusters)
}

fn stages(c: &mut Criterion) {
    let (label, clusters) = corpus();
    let pipeline = Pipeline::default();
    let docs: Vec<_> = clusters
        .iter()
        .flat_map(|c| c.documents.iter().map(newsbrief::clean::clean))
        .collect();
    c.bench_function(&format!("{label}/segment"), |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .flat_map(|d| {
                    d.blocks
                        .iter()
                        .map(|bl| newsbrief::segment::split_sentences(&d.text, bl.clone()).len())
                })
                .sum();
            black_box(n)
        })
    });
    let prepared: Vec<_> = clusters
        .iter()
        .filter_map(|c| pipeline.prepare(c).ok())
        .collect();
    c.bench_function(
        &format!("{label}/prepare (clean+segment+analyze+represent)"),
        |b| {
            b.iter(|| {
                for c in &clusters {
                    black_box(pipeline.prepare(c).ok());
                }
            })
        },
    );
    c.bench_function(&format!("{label}/neighbours"), |b| {
        b.iter(|| {
            for p in &prepared {
                let rep = Representation::new(&p.analysis);
                black_box(rep.neighbours().len());
            }
        })
    });
    for p in &prepared {
        p.rep.neighbours();
    }
    c.bench_function(&format!("{label}/lexrank_power_iteration"), |b| {
        b.iter(|| {
            for p in &prepared {
                let ctx: Context = p.context();
                black_box(LexRank::default().score(&ctx));
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages
}
criterion_main!(benches);
