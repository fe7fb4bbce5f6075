//! `newsbrief train`: fits the `learned` method's boosted trees on a corpus
//! with human summaries and writes the model file the library ships
//! (`crates/newsbrief/data/learned_trees.json`). Gradient boosting from
//! `forust-ml` (squared loss); the trees are copied into the library's own
//! flat format, and the copy is checked against forust's predictions.
//! Features come from the library, so training and scoring can never
//! compute them differently. Labels (ROUGE against the reference) are only
//! for training, so they live here, out of the engine.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, ensure, Context as _};
use forust_ml::constraints::{Constraint, ConstraintMap};
use forust_ml::objective::ObjectiveType;
use forust_ml::{GradientBooster, Matrix};
use newsbrief::summarize::learned::{self, Tree, TreeModel, FEATURES};
use newsbrief::summarize::Context;
use newsbrief::{Input, Pipeline};
use rayon::prelude::*;

use crate::TrainArgs;

pub fn train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let label = Label::parse(&args.label)?;
    let Input::Batch(records) = newsbrief::ingest::read_paths(std::slice::from_ref(&args.data))?
    else {
        bail!(
            "{}: training needs a JSONL corpus with summaries",
            args.data.display()
        );
    };
    let clusters: Vec<_> = records
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|c| !c.references.is_empty())
        .take(args.limit.unwrap_or(usize::MAX))
        .collect();
    if clusters.is_empty() {
        bail!(
            "{}: no cluster with a reference summary",
            args.data.display()
        );
    }
    let start = Instant::now();
    let pipeline = Pipeline::default();
    let rows: Vec<(Vec<Vec<f64>>, Vec<f64>)> = clusters
        .par_iter()
        .filter_map(|c| {
            let p = pipeline.prepare(c).ok()?;
            let ctx = p.context();
            let mut y = labels(&ctx, &c.references[0], label);
            if !args.keep_dangling {
                for (i, v) in y.iter_mut().enumerate() {
                    let text = ctx.analysis.text(ctx.docs, i);
                    if newsbrief::analyze::dangling_opener(text).is_some() {
                        *v = 0.0;
                    }
                }
            }
            if args.relative {
                let n = y.len().max(1) as f64;
                let mean = y.iter().sum::<f64>() / n;
                let sd = (y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
                y.iter_mut().for_each(|v| *v = (*v - mean) / sd.max(1e-6));
            }
            Some((learned::features(&ctx), y))
        })
        .collect();
    let (x, y): (Vec<Vec<f64>>, Vec<f64>) = rows
        .into_iter()
        .flat_map(|(xs, ys)| xs.into_iter().zip(ys))
        .unzip();
    if let Some(path) = &args.dump {
        let mut csv = format!("{},label\n", FEATURES.join(","));
        for (r, l) in x.iter().zip(&y) {
            for v in r {
                csv.push_str(&format!("{v},"));
            }
            csv.push_str(&format!("{l}\n"));
        }
        std::fs::write(path, csv).with_context(|| format!("writing {}", path.display()))?;
    }
    let featured = start.elapsed();
    let f = FEATURES.len();
    let column = |name: &String| {
        FEATURES
            .iter()
            .position(|n| n == name)
            .with_context(|| format!("unknown feature {name:?} (expected one of {FEATURES:?})"))
    };
    let dropped = args
        .drop
        .iter()
        .map(column)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut constraints = ConstraintMap::new();
    for name in &args.increasing {
        constraints.insert(column(name)?, Constraint::Positive);
    }
    for name in &args.decreasing {
        constraints.insert(column(name)?, Constraint::Negative);
    }
    // A dropped feature is constant in training, so no tree splits on it.
    let x: Vec<Vec<f64>> = x
        .into_iter()
        .map(|mut r| {
            for &k in &dropped {
                r[k] = 0.0;
            }
            r
        })
        .collect();
    let n = x.len();
    ensure!(n > 0, "no sentence to train on");
    // forust reads column-major data.
    let columns: Vec<f64> = (0..f).flat_map(|k| x.iter().map(move |r| r[k])).collect();
    let matrix = Matrix::new(&columns, n, f);
    let mut booster = GradientBooster::default()
        .set_objective_type(ObjectiveType::SquaredLoss)
        .set_iterations(args.trees)
        .set_learning_rate(args.learning_rate)
        .set_max_depth(args.depth)
        .set_min_leaf_weight(20.0)
        .set_monotone_constraints((!constraints.is_empty()).then_some(constraints))
        .set_seed(0);
    booster
        .fit_unweighted(&matrix, &y, None)
        .map_err(|e| anyhow::anyhow!("fitting the boosted trees: {e}"))?;
    let trees = booster
        .trees
        .iter()
        .map(copy_tree)
        .collect::<anyhow::Result<Vec<Tree>>>()?;
    let out = TreeModel {
        features: FEATURES.iter().map(|s| s.to_string()).collect(),
        base: booster.base_score,
        trees,
        trained_on: format!(
            "{n} sentences of {} clusters of {}; label {} vs the reference; forust-ml squared loss, \
             {} trees of depth {}, learning rate {}; dangling openers labelled {}; \
             unused {:?}, increasing {:?}, decreasing {:?}; \
             made by `newsbrief train {} --out ...`",
            clusters.len(),
            args.data.file_name().map_or("?".into(), |s| s.to_string_lossy()),
            label.describe(),
            args.trees,
            args.depth,
            args.learning_rate,
            if args.keep_dangling { "by ROUGE" } else { "0" },
            args.drop,
            args.increasing,
            args.decreasing,
            args.data.display()
        ),
    };
    ensure!(out.is_well_formed(), "the copied trees are malformed");
    // The copy must predict what forust predicts.
    let theirs = booster.predict(&matrix, true);
    for (k, row) in x.iter().enumerate().step_by((n / 1000).max(1)) {
        let mine = out.predict(row);
        ensure!(
            (mine - theirs[k]).abs() < 1e-4,
            "row {k}: copied trees predict {mine}, forust {}",
            theirs[k]
        );
    }
    let mse = theirs
        .iter()
        .zip(&y)
        .map(|(p, t)| (p - t).powi(2))
        .sum::<f64>()
        / n as f64;
    let json = serde_json::to_string(&out)?;
    std::fs::write(&args.out, json + "\n")
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("newsbrief: {}", out.trained_on);
    eprintln!(
        "  features {:.1} s, fit {:.1} s, training MSE {mse:.5}",
        featured.as_secs_f64(),
        (start.elapsed() - featured).as_secs_f64()
    );
    eprintln!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// One forust tree in the library's flat format; forust numbers its nodes
/// by position, leaves carry their (already shrunk) output.
fn copy_tree(t: &forust_ml::tree::Tree) -> anyhow::Result<Tree> {
    let n = t.nodes.len();
    let mut out = Tree {
        feature: vec![-1; n],
        value: vec![0.0; n],
        left: vec![0; n],
        right: vec![0; n],
    };
    for (i, node) in t.nodes.iter().enumerate() {
        ensure!(node.num == i, "forust node {} at position {i}", node.num);
        if node.is_leaf {
            out.value[i] = node.weight_value as f64;
        } else {
            out.feature[i] = i16::try_from(node.split_feature)?;
            out.value[i] = node.split_value;
            out.left[i] = u32::try_from(node.left_child)?;
            out.right[i] = u32::try_from(node.right_child)?;
        }
    }
    Ok(out)
}

/// What a sentence is trained to predict.
#[derive(Clone, Copy)]
enum Label {
    /// Mean of ROUGE-1 and ROUGE-2 precision.
    Precision,
    /// Mean of ROUGE-1 and ROUGE-2 recall.
    Recall,
    /// ROUGE-2 precision.
    R2,
    /// 1 for the sentences of a greedy extractive oracle (the summary that
    /// maximises mean ROUGE-1/2 F1 against the reference, built greedily
    /// until no sentence raises it; as in Nallapati et al. 2017), else 0.
    Oracle,
}

impl Label {
    fn parse(s: &str) -> anyhow::Result<Label> {
        Ok(match s {
            "precision" => Label::Precision,
            "recall" => Label::Recall,
            "r2" => Label::R2,
            "oracle" => Label::Oracle,
            _ => bail!("unknown label {s:?} (expected precision, recall, r2 or oracle)"),
        })
    }

    fn describe(self) -> &'static str {
        match self {
            Label::Precision => "mean(ROUGE-1, ROUGE-2 precision)",
            Label::Recall => "mean(ROUGE-1, ROUGE-2 recall)",
            Label::R2 => "ROUGE-2 precision",
            Label::Oracle => "greedy-oracle membership (mean ROUGE-1/2 F1)",
        }
    }
}

/// Training labels: per sentence, how much of it is summary material.
/// With the boosted trees inside `learned` (docs/tuning.md), mean ROUGE-1/2
/// precision beat ROUGE-2 precision, mean ROUGE-1/2 recall and the greedy
/// oracle on DUC 2004 and Multi-News validation together; standardising
/// labels within each cluster (`--relative`) helped the trees' own ranking
/// on DUC but not the combination.
fn labels(ctx: &Context, reference: &str, label: Label) -> Vec<f64> {
    let scorer = newsbrief::eval::RougeScorer::new();
    let r = scorer.prepare(reference);
    if let Label::Oracle = label {
        return oracle(ctx, &scorer, &r);
    }
    (0..ctx.len())
        .map(|i| {
            let c = scorer.prepare(ctx.analysis.text(ctx.docs, i));
            let s = scorer.score_prepared(&r, &c);
            match label {
                Label::Precision => (s.rouge1.precision + s.rouge2.precision) / 2.0,
                Label::Recall => (s.rouge1.recall + s.rouge2.recall) / 2.0,
                Label::R2 => s.rouge2.precision,
                Label::Oracle => unreachable!("handled above"),
            }
        })
        .collect()
}

/// [`Label::Oracle`]: greedy extractive oracle membership.
fn oracle(
    ctx: &Context,
    scorer: &newsbrief::eval::RougeScorer,
    reference: &newsbrief::eval::Tokenized,
) -> Vec<f64> {
    let n = ctx.len();
    let texts: Vec<&str> = (0..n).map(|i| ctx.analysis.text(ctx.docs, i)).collect();
    let mut label = vec![0.0; n];
    let mut summary = String::new();
    let mut best = 0.0;
    loop {
        let mut pick: Option<(usize, f64)> = None;
        for i in 0..n {
            if label[i] > 0.0 || ctx.analysis.sentences[i].words < 6 {
                continue;
            }
            let candidate = format!("{summary} {}", texts[i]);
            let s = scorer.score_prepared(reference, &scorer.prepare(&candidate));
            let v = (s.rouge1.f1 + s.rouge2.f1) / 2.0;
            if v > best + 1e-9 && pick.is_none_or(|(_, b)| v > b) {
                pick = Some((i, v));
            }
        }
        let Some((i, v)) = pick else { break };
        label[i] = 1.0;
        best = v;
        summary.push(' ');
        summary.push_str(texts[i]);
    }
    label
}
