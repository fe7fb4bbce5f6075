//! End-to-end tests of `newsbrief stories cluster` and `newsbrief eval-stories`
//! on small streams built in temp dirs, and on the shared ECB+ stream when present.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

#[path = "../../newsbrief/tests/support/skip.rs"]
mod support_skip;
use support_skip::skip;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect()
}

const STREAM: &str = r#"{"id": "q1", "date": "2014-04-01T23:50:00Z", "title": "Magnitude 8.2 earthquake strikes off Chile near Iquique", "text": "A magnitude 8.2 earthquake struck off northern Chile near Iquique, and a tsunami warning sent thousands to higher ground.", "cluster": "chile"}
{"id": "p1", "date": "2014-04-02T00:10:00Z", "title": "Apple unveils larger iPhone in Cupertino", "text": "Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino.", "cluster": "apple"}
{"id": "bad", "title": "broken
{"id": "q2", "date": "2014-04-02T02:00:00Z", "title": "Chile earthquake near Iquique kills six; tsunami warning lifted", "text": "Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile; the tsunami warning was lifted.", "cluster": "chile"}
{"id": "empty", "date": null, "title": null, "text": "", "cluster": "none"}
{"id": "p2", "date": "2014-04-02T03:00:00Z", "title": "New iPhone from Apple gets a larger screen", "text": "The iPhone that Apple unveiled in Cupertino has a larger screen and a faster chip, and goes on sale Friday.", "cluster": "apple"}
"#;

fn stream(dir: &Path) -> PathBuf {
    let path = dir.join("stream.jsonl");
    std::fs::write(&path, STREAM).unwrap();
    path
}

#[test]
fn cluster_prints_one_story_per_good_article_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = stream(dir.path());
    let out = run(&["stories", "cluster", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    // Two bad records: reported by line, and the exit status says so.
    assert!(!out.status.success());
    assert!(err.contains("stream.jsonl:3: malformed article"), "{err}");
    assert!(
        err.contains("stream.jsonl:5:") && err.contains("no title and no text"),
        "{err}"
    );
    let got = lines(&out);
    let ids: Vec<&str> = got.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["q1", "p1", "q2", "p2"]);
    let story: Vec<u64> = got.iter().map(|v| v["story"].as_u64().unwrap()).collect();
    assert_eq!(
        story[0], story[2],
        "the two Chile earthquake reports are one story"
    );
    assert_eq!(story[1], story[3], "the two iPhone reports are one story");
    assert_ne!(story[0], story[1]);
    // No progress bar when stderr is not a terminal: only the two errors and the count.
    assert_eq!(err.lines().count(), 3, "{err}");
    // Same input, same output.
    assert_eq!(
        run(&["stories", "cluster", path.to_str().unwrap()]).stdout,
        out.stdout
    );
}

#[test]
fn eval_stories_scores_newsbrief_and_the_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let path = stream(dir.path());
    let preds = dir.path().join("pred.jsonl");
    let out = run(&[
        "eval-stories",
        path.to_str().unwrap(),
        "--json",
        "--predictions",
        preds.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out);
    assert_eq!(rows[0]["system"], "newsbrief");
    assert_eq!(rows[1]["system"], "baseline-tfidf-0.2");
    assert_eq!(rows[0]["articles"], 4);
    assert_eq!(rows[0]["bcubed_f1"], 1.0);
    assert_eq!(rows[0]["pair_f1"], 1.0);
    assert!(rows[0]["articles_per_second"].as_f64().unwrap() > 0.0);
    assert_eq!(std::fs::read_to_string(&preds).unwrap().lines().count(), 4);
}

#[test]
fn bad_params_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = stream(dir.path());
    let params = dir.path().join("p.json");
    std::fs::write(&params, r#"{"threshold": 3}"#).unwrap();
    let out = run(&[
        "stories",
        "cluster",
        path.to_str().unwrap(),
        "--params",
        params.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("threshold must be in (0, 1]"));
    std::fs::write(&params, r#"{"treshold": 0.3}"#).unwrap();
    let out = run(&[
        "stories",
        "cluster",
        path.to_str().unwrap(),
        "--params",
        params.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `treshold`"));
}

#[test]
fn ecbplus_scores_above_the_baseline() {
    let data =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ecbplus_stories.jsonl.gz");
    if !data.exists() {
        skip(
            "ecbplus_scores_above_the_baseline",
            &format!(
                "{} not found (research corpora are not in the repository)",
                data.display()
            ),
        );
        return;
    }
    let out = run(&["eval-stories", data.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out);
    assert_eq!(rows[0]["articles"], 982);
    let ours = rows[0]["bcubed_f1"].as_f64().unwrap();
    let baseline = rows[1]["bcubed_f1"].as_f64().unwrap();
    assert!(ours > baseline, "newsbrief {ours} vs baseline {baseline}");
}
