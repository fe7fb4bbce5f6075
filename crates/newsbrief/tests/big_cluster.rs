//! Big clusters: every method finishes on a cluster far past the exact
//! similarity limit (no dense n×n structure), and a cluster past the input
//! ceiling gets a clear error instead of an abort. Speed and memory are
//! measured in `scripts/big_cluster_bench.sh`, not here.

use newsbrief::{Budget, Cluster, Config, Error, Method, Pipeline, RawDocument, Selection};

/// `articles` articles of `per_article` sentences of eight pseudo-words
/// from a 3,000-word vocabulary, deterministic.
fn synthetic(articles: usize, per_article: usize) -> Cluster {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "fa", "go", "hu", "pe", "ri", "su",
        "ta",
    ];
    let word = |k: u64| -> String {
        let k = k % 3_000;
        [k % 16, (k / 16) % 16, (k / 256) % 16]
            .iter()
            .map(|&s| SYLLABLES[s as usize])
            .collect()
    };
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let documents = (0..articles)
        .map(|a| {
            let text: Vec<String> = (0..per_article)
                .map(|_| {
                    let words: Vec<String> = (0..8).map(|_| word(next())).collect();
                    let mut s = words.join(" ");
                    s[..1].make_ascii_uppercase();
                    s + "."
                })
                .collect();
            RawDocument::text(format!("{a}.txt"), text.join(" "))
        })
        .collect();
    Cluster {
        id: "big".into(),
        documents,
        ..Cluster::default()
    }
}

#[test]
fn every_method_finishes_on_twenty_thousand_sentences() {
    let cluster = synthetic(200, 100);
    let pipeline = Pipeline::new(Config {
        selection: Selection {
            budget: Budget::Words(60),
            ..Selection::default()
        },
        ..Config::default()
    });
    let prepared = pipeline.prepare(&cluster).unwrap();
    assert!(prepared.analysis.sentences.len() >= 19_000);
    assert!(!prepared.rep.is_exact(), "past the exact limit");
    // Bounded rows: each sentence keeps at most k neighbours of its own
    // (plus those that chose it), never the whole cluster.
    let entries: usize = prepared.rep.neighbours().iter().map(Vec::len).sum();
    assert!(entries <= prepared.analysis.sentences.len() * (2 * newsbrief::represent::TOP_K + 1));
    for &method in Method::ALL {
        let summary = pipeline.summarize_prepared(&prepared, method);
        assert!(!summary.sentences.is_empty(), "{method}: empty summary");
        assert!(
            summary.words >= 60 || method.name() == "ilp",
            "{method}: {}",
            summary.words
        );
        for (k, a) in summary.sentences.iter().enumerate() {
            for b in &summary.sentences[k + 1..] {
                assert!(a.text != b.text, "{method}: duplicate sentence");
            }
        }
    }
}

#[test]
fn a_cluster_past_the_ceiling_is_a_clear_error() {
    let cluster = synthetic(20, 50);
    let few = Pipeline::new(Config {
        max_sentences: 100,
        ..Config::default()
    });
    let err = few.summarize(&cluster).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with("big: ") && msg.contains("1000 sentences") && msg.contains("max_sentences"),
        "{msg}"
    );
    let small = Pipeline::new(Config {
        max_bytes: 1_000,
        ..Config::default()
    });
    let msg = small.summarize(&cluster).unwrap_err().to_string();
    assert!(
        msg.contains("over the limit of 1000") && msg.contains("max_bytes"),
        "{msg}"
    );
    // Under the ceilings, the same cluster summarizes.
    assert!(Pipeline::default().summarize(&cluster).is_ok());
}
