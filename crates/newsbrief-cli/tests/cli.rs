//! End-to-end tests: the real `newsbrief` binary on the bundled example
//! cluster and on small batches built in temp dirs.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsbrief"))
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/tillerson-moscow-2017")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn summary_json(extra: &[&str]) -> Value {
    let ex = example();
    let mut args = vec!["summarize", ex.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("valid JSON")
}

/// Every method the library offers: a new one is tested without editing this file.
fn methods() -> impl Iterator<Item = &'static str> {
    newsbrief::Method::ALL.iter().map(|m| m.name())
}

#[test]
fn example_default_prints_cited_summary_and_sources() {
    let ex = example();
    let out = run(&["summarize", ex.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let (summary, sources) = text.split_once("\nSources:\n").expect("a source list");
    let lines: Vec<&str> = summary.lines().collect();
    assert!(!lines.is_empty());
    let mut words = 0;
    for line in &lines {
        let (sentence, cites) = line.rsplit_once(" [").expect("each sentence is cited");
        assert!(cites.ends_with(']'), "{line}");
        for n in cites.trim_end_matches(']').split(',') {
            let n: usize = n.parse().expect("citation numbers");
            assert!((1..=5).contains(&n), "{line}");
        }
        words += sentence.split_whitespace().count();
    }
    let last = lines.last().unwrap().split_whitespace().count();
    assert!(
        words - last < 100,
        "over budget before the last sentence: {words}"
    );
    assert!(
        sources.contains("[1] 000_ec692aa17371262a.txt"),
        "{sources}"
    );
    assert!(
        sources.contains("[5] 004_d0023340b68b1f7d.txt"),
        "{sources}"
    );
}

#[test]
fn example_leads_with_the_main_news_and_reports_the_veto_once() {
    // The story's news, in 3 of the 5 headlines, is that relations are at a
    // "low point"; two articles report one UN veto in different words.
    let v = summary_json(&["--brief"]);
    let texts: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(
        texts[0].contains("low point") || texts[0].contains("all-time low"),
        "{texts:#?}"
    );
    let vetoes = texts.iter().filter(|t| t.contains("vetoed")).count();
    assert!(vetoes <= 1, "the veto twice: {texts:#?}");
    let only_one: Vec<&str> = v["brief"]["exclusives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    let vetoes = only_one.iter().filter(|t| t.contains("vetoed")).count();
    assert!(
        vetoes <= 1,
        "one veto listed as only in one source twice: {only_one:#?}"
    );
}

#[test]
fn no_method_opens_a_summary_sentence_with_a_dangling_pronoun() {
    for method in methods() {
        for words in ["100", "400"] {
            let v = summary_json(&["--method", method, "--words", words]);
            for s in v["sentences"].as_array().unwrap() {
                let text = s["text"].as_str().unwrap();
                assert_eq!(
                    newsbrief::analyze::dangling_opener(text),
                    None,
                    "{method} {words}: {text:?}"
                );
            }
        }
    }
}

#[test]
fn junk_never_reaches_a_summary_at_any_budget_or_method() {
    let junk = [
        "/30",
        "show all",
        "In Pictures",
        "Leroy Wright",
        "Larry Hoffman",
        "Latest News",
        "Getty",
    ];
    for method in methods() {
        for budget in [
            ["--words", "30"],
            ["--words", "100"],
            ["--words", "250"],
            ["--words", "1000"],
            ["--sentences", "40"],
        ] {
            let v = summary_json(&["--method", method, budget[0], budget[1]]);
            for s in v["sentences"].as_array().unwrap() {
                let text = s["text"].as_str().unwrap();
                for j in junk {
                    assert!(
                        !text.contains(j),
                        "{method} {budget:?}: junk {j:?} in {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn json_spans_slice_back_and_no_near_duplicates_are_chosen() {
    let files = example_articles();
    for method in methods() {
        let v = summary_json(&["--method", method, "--words", "400"]);
        let sentences = v["sentences"].as_array().unwrap();
        let mut seen_wire = 0;
        for s in sentences {
            let article = s["article"].as_u64().unwrap() as usize;
            let [a, b] = [
                s["span"][0].as_u64().unwrap() as usize,
                s["span"][1].as_u64().unwrap() as usize,
            ];
            assert_eq!(
                &files[article][a..b],
                s["text"].as_str().unwrap(),
                "{method}"
            );
            let sources = s["sources"].as_array().unwrap();
            assert_eq!(
                sources[0]["article"].as_u64().unwrap() as usize,
                article,
                "own article first"
            );
            if s["text"]
                .as_str()
                .unwrap()
                .starts_with("Earlier in an interview broadcast on Wednesday")
            {
                seen_wire += 1;
                let cited: Vec<u64> = sources
                    .iter()
                    .map(|c| c["article"].as_u64().unwrap())
                    .collect();
                assert!(
                    cited.contains(&1) && cited.contains(&4),
                    "wire copy cited to both: {cited:?}"
                );
            }
        }
        assert!(
            seen_wire <= 1,
            "{method}: a near-duplicate was chosen twice"
        );
    }
}

#[test]
fn a_summary_is_reproduced_from_its_own_config() {
    let first = summary_json(&["-m", "mmr", "-s", "2", "--redundancy", "0.4"]);
    let config = &first["config"];
    assert_eq!(config["method"]["type"], "mmr");
    assert_eq!(config["method"]["lambda"], 0.7);
    assert_eq!(config["selection"]["budget"]["sentences"], 2);
    let again = summary_json(&["--config", &config.to_string()]);
    assert_eq!(again, first);
    // Flags beside --config override it.
    let lead = summary_json(&["--config", &config.to_string(), "-m", "lead"]);
    assert_eq!(lead["config"]["method"]["type"], "lead");
    assert_eq!(lead["config"]["selection"]["budget"]["sentences"], 2);
    let bad = run(&[
        "summarize",
        example().to_str().unwrap(),
        "--config",
        r#"{"method": "nope"}"#,
    ]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("unknown method"), "{}", stderr(&bad));
}

#[test]
fn sentence_budget_and_truncate() {
    let v = summary_json(&["--sentences", "2"]);
    assert_eq!(v["sentences"].as_array().unwrap().len(), 2);
    let v = summary_json(&["--words", "37", "--truncate"]);
    assert_eq!(v["words"].as_u64().unwrap(), 37);
}

#[test]
fn markdown_has_footnotes() {
    let ex = example();
    let out = run(&["summarize", ex.to_str().unwrap(), "--format", "markdown"]);
    let md = stdout(&out);
    assert!(md.contains("[^1]: 000\\_ec692aa17371262a.txt"), "{md}");
    assert!(
        md.lines().any(|l| l.contains("[^") && !l.starts_with("[^")),
        "{md}"
    );
}

fn example_articles() -> Vec<String> {
    let mut paths: Vec<_> = fs::read_dir(example())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn jsonl_batch_keeps_order_and_reports_the_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.jsonl");
    let docs = example_articles();
    let good = serde_json::json!({"id": "tillerson", "documents": docs}).to_string();
    let multi = serde_json::json!({"id": "mn", "document": docs.join(" ||||| ")}).to_string();
    fs::write(
        &path,
        format!("{good}\n{{\"id\": \"broken\", \"documents\": [\n{multi}\n"),
    )
    .unwrap();
    let out = run(&["summarize", path.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "a bad record makes the exit non-zero"
    );
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "tillerson");
    assert!(lines[0]["summary"].as_str().unwrap().len() > 100);
    let err = lines[1]["error"].as_str().unwrap();
    assert!(
        err.contains("batch.jsonl:2") && err.contains("malformed JSON"),
        "{err}"
    );
    assert_eq!(lines[2]["id"], "mn");
    assert!(lines[2]["summary"].as_str().unwrap().len() > 100);
    assert!(
        stderr(&out).contains("1 of 3 records failed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_multi_news_file_and_loose_files() {
    let docs = example_articles();
    let mut child = bin()
        .args(["summarize", "-", "--sentences", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(docs.join("\n|||||\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("[5] stdin#5"), "{text}");

    let ex = example();
    let a = ex.join("000_ec692aa17371262a.txt");
    let b = ex.join("004_d0023340b68b1f7d.txt");
    let out = run(&["summarize", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("[2] 004_d0023340b68b1f7d.txt"));
}

#[test]
fn bad_inputs_give_clear_messages_not_panics() {
    let out = run(&["summarize", "/no/such/dir"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("/no/such/dir") && err.contains("no such file"),
        "{err}"
    );
    assert!(!err.contains("panicked"));

    let dir = tempfile::tempdir().unwrap();
    let out = run(&["summarize", dir.path().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no readable article"),
        "{}",
        stderr(&out)
    );

    fs::write(
        dir.path().join("latin1.txt"),
        b"The caf\xe9 reopened on Monday after the long strike ended.",
    )
    .unwrap();
    let out = run(&["summarize", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid UTF-8"));
    assert!(stdout(&out).contains("reopened on Monday"));

    let out = run(&["summarize", dir.path().to_str().unwrap(), "--words", "0"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("budget"), "{}", stderr(&out));

    let out = run(&[
        "summarize",
        dir.path().to_str().unwrap(),
        "--method",
        "nope",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unknown method"), "{}", stderr(&out));
}

#[test]
fn closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let line = serde_json::json!({"documents": example_articles()}).to_string();
    fs::write(&path, format!("{line}\n").repeat(300)).unwrap();
    let mut child = bin()
        .args(["summarize", path.to_str().unwrap(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit {status:?}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

#[test]
fn train_writes_a_model_the_library_can_read() {
    // Three clusters of the example's articles, each with a reference made
    // of one of its sentences: enough rows for a few boosted trees.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("train.jsonl");
    let articles = example_articles();
    let mut lines = String::new();
    for k in 0..3 {
        let docs = &articles[k..k + 2];
        let reference = docs[0]
            .lines()
            .find(|l| l.split_whitespace().count() > 8)
            .unwrap();
        let record =
            serde_json::json!({"id": format!("t{k}"), "documents": docs, "summary": reference});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    fs::write(&data, lines).unwrap();
    let out_path = dir.path().join("model.json");
    let out = run(&[
        "train",
        data.to_str().unwrap(),
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: newsbrief::summarize::learned::TreeModel =
        serde_json::from_str(&fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(model.features, newsbrief::summarize::learned::FEATURES);
    assert!(model.is_well_formed());
    assert!(model.base.is_finite());
    assert!(model
        .trees
        .iter()
        .all(|t| t.value.iter().all(|v| v.is_finite())));
    assert!(
        model.trained_on.contains("3 clusters"),
        "{}",
        model.trained_on
    );
    // A corpus without summaries is refused with a reason.
    let bare = dir.path().join("bare.jsonl");
    fs::write(
        &bare,
        "{\"id\": \"x\", \"documents\": [\"A sentence about the talks in Moscow today.\"]}\n",
    )
    .unwrap();
    let out = run(&[
        "train",
        bare.to_str().unwrap(),
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no cluster with a reference summary"),
        "{}",
        stderr(&out)
    );
}
