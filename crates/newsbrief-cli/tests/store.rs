//! End-to-end tests of the story store commands: `stories add | list | show
//! | watch`, on inputs built in temp dirs and feeds served on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

fn newsbrief() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsbrief"))
}

fn run(args: &[&str]) -> Output {
    newsbrief().args(args).output().expect("binary runs")
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn list(db: &Path) -> Vec<Value> {
    ok(&["stories", "list", "--db", s(db), "--format", "json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const STREAM: &str = r#"{"id": "q1", "date": "2014-04-01T23:50:00Z", "source": "AP", "title": "Magnitude 8.2 earthquake strikes off Chile near Iquique", "text": "A magnitude 8.2 earthquake struck off northern Chile near Iquique, and a tsunami warning sent thousands to higher ground."}
{"id": "p1", "date": "2014-04-02T00:10:00Z", "source": "Reuters", "title": "Apple unveils larger iPhone in Cupertino", "text": "Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino."}
{"id": "bad", "title": "broken
{"id": "q2", "date": "2014-04-02T02:00:00Z", "source": "BBC", "title": "Chile earthquake near Iquique kills six; tsunami warning lifted", "text": "Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile; the tsunami warning was lifted. \"We are assessing the damage,\" President Michelle Bachelet said."}
"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn add_list_show_and_re_add_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "s.jsonl", STREAM);
    let db = dir.path().join("n.db");
    let o = run(&["stories", "add", "--db", s(&db), s(&input)]);
    // The broken line is reported by file:line and costs only itself.
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("s.jsonl:3"), "{err}");
    assert!(err.contains("3 added"), "{err}");
    let stories = list(&db);
    assert_eq!(stories.len(), 2);
    // Newest first: the Chile story has the latest article.
    let chile = &stories[0];
    assert_eq!(
        chile["headline"],
        "Magnitude 8.2 earthquake strikes off Chile near Iquique"
    );
    assert_eq!(
        (chile["articles"].as_u64(), chile["sources"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(chile["first_seen"], "2014-04-01T23:50:00Z");
    assert_eq!(chile["last_seen"], "2014-04-02T02:00:00Z");
    assert_eq!(
        stories[1]["headline"],
        "Apple unveils larger iPhone in Cupertino"
    );
    let id = stories[0]["id"].as_u64().unwrap().to_string();

    let o = run(&["stories", "add", "--db", s(&db), s(&input)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("0 added, 3 already stored"), "{err}");
    assert_eq!(list(&db), stories);

    let json: Value = serde_json::from_str(&ok(&[
        "stories",
        "show",
        &id,
        "--db",
        s(&db),
        "--brief",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(!json["sentences"].as_array().unwrap().is_empty());
    assert!(json["brief"].is_object());
    assert_eq!(json["story"]["articles"], 2);
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["q1", "q2"]);
    let plain = ok(&["stories", "show", &id, "--db", s(&db)]);
    assert!(
        plain.contains("Articles:") && plain.contains("(AP, 2014-04-01T23:50:00Z)"),
        "{plain}"
    );
    let md = ok(&[
        "stories",
        "show",
        &id,
        "--db",
        s(&db),
        "--format",
        "markdown",
    ]);
    assert!(md.starts_with("# Magnitude 8.2"), "{md}");

    let o = run(&["stories", "show", "999", "--db", s(&db)]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no story 999"));
    let o = run(&["stories", "list", "--db", s(&dir.path().join("typo.db"))]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no such store"));
}

#[test]
fn folders_and_feed_files_are_inputs_and_a_broken_feed_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pages");
    std::fs::create_dir(&folder).unwrap();
    write(
        &folder,
        "a.txt",
        "A magnitude 8.2 earthquake struck off northern Chile near Iquique on Tuesday.",
    );
    write(
        &folder,
        "b.html",
        "<html><head><title>Chile quake kills six</title></head><body><article><p>Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile on Tuesday.</p></article></body></html>",
    );
    write(&folder, "notes.md", "ignored");
    let feed = write(
        dir.path(),
        "wire.xml",
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Apple unveils larger iPhone</title><link>http://example.com/p1</link>
<description>Apple showed a new iPhone with a larger screen at its event in Cupertino.</description></item>
</channel></rss>"#,
    );
    let broken = write(dir.path(), "broken.xml", "<rss><channel><item><title>cut");
    let db = dir.path().join("n.db");
    let o = run(&["stories", "add", "--db", s(&db), s(&folder), s(&feed)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stories = list(&db);
    assert_eq!(
        stories
            .iter()
            .map(|s| s["articles"].as_u64().unwrap())
            .sum::<u64>(),
        3
    );
    assert!(stories
        .iter()
        .any(|s| s["headline"] == "Apple unveils larger iPhone"));
    let o = run(&["stories", "add", "--db", s(&db), s(&broken)]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.xml"), "{err}");
}

/// A stream of `n` synthetic articles on 40 topics, each topic with its own
/// rare words, so that clustering does real work.
fn synthetic(n: usize) -> String {
    let mut out = String::new();
    let mut x: u64 = 42;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    for i in 0..n {
        let topic = next() % 40;
        let words: Vec<String> = (0..40)
            .map(|_| {
                if next() % 2 == 0 {
                    format!("topic{topic}word{}", next() % 12)
                } else {
                    format!("common{}", next() % 300)
                }
            })
            .collect();
        let line = serde_json::json!({
            "id": format!("a{i}"),
            "date": format!("2020-01-{:02}T{:02}:00:00Z", 1 + i * 20 / n, i % 24),
            "source": format!("src{}", i % 7),
            "title": format!("Topic{topic} news {}", words[0]),
            "text": words.join(" ") + ".",
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn a_killed_ingest_loses_nothing_committed_and_re_adding_matches_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let n = 6000;
    let input = write(dir.path(), "big.jsonl", &synthetic(n));
    let whole = dir.path().join("whole.db");
    ok(&["stories", "add", "--db", s(&whole), s(&input)]);
    let expected = list(&whole);
    assert_eq!(
        expected
            .iter()
            .map(|s| s["articles"].as_u64().unwrap())
            .sum::<u64>(),
        n as u64
    );

    let db = dir.path().join("killed.db");
    let mut child = newsbrief()
        .args(["stories", "add", "--db", s(&db), s(&input)])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first committed batch, then SIGKILL mid-ingest.
    let start = Instant::now();
    let stored = loop {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no batch committed"
        );
        if db.exists() {
            let o = run(&["stories", "list", "--db", s(&db), "--format", "json"]);
            if o.status.success() && !o.stdout.is_empty() {
                break String::from_utf8_lossy(&o.stdout).lines().count();
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before the kill"
    );
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(stored > 0);
    let partial: u64 = list(&db)
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    assert!(
        partial > 0 && partial < n as u64,
        "killed after {partial} articles"
    );
    assert_eq!(partial % 256, 0, "only whole batches are stored");

    let o = run(&["stories", "add", "--db", s(&db), s(&input)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "{} added, {partial} already stored",
            n as u64 - partial
        )),
        "{err}"
    );
    assert_eq!(list(&db), expected);
}

/// A feed and its pages on 127.0.0.1, answering 304 to a matching
/// `If-None-Match`; records each request's path and conditional headers.
fn serve_feed() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let (b, l) = (base.clone(), log.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap();
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            let mut conditional = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() <= 2 {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if lower.starts_with("if-none-match:") || lower.starts_with("if-modified-since:") {
                    conditional.push_str(lower.trim());
                    conditional.push(';');
                }
            }
            l.lock().unwrap().push(format!("{path} {conditional}"));
            let (status, headers, body) = match path.as_str() {
                "/feed.xml" if conditional.contains("\"v1\"") => {
                    ("304 Not Modified", String::new(), String::new())
                }
                "/feed.xml" => (
                    "200 OK",
                    "ETag: \"v1\"\r\nLast-Modified: Tue, 01 Apr 2014 23:59:00 GMT\r\nContent-Type: application/rss+xml\r\n".to_string(),
                    format!(
                        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>
<item><title>Quake hits Chile</title><link>{b}/quake.html</link><description>Short teaser.</description><pubDate>Tue, 01 Apr 2014 23:50:00 GMT</pubDate></item>
<item><title>Apple's new iPhone</title><link>{b}/iphone.html</link><description>Teaser.</description></item>
</channel></rss>"#
                    ),
                ),
                "/quake.html" => ("200 OK", "Content-Type: text/html\r\n".into(),
                    "<html><body><article><p>A magnitude 8.2 earthquake struck off northern Chile near Iquique on Tuesday, officials said.</p><p>Thousands went to higher ground after a tsunami warning.</p></article></body></html>".into()),
                "/iphone.html" => ("200 OK", "Content-Type: text/html\r\n".into(),
                    "<html><body><article><p>Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino.</p></article></body></html>".into()),
                _ => ("404 Not Found", String::new(), String::new()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
            let mut rest = Vec::new();
            let _ = stream.set_read_timeout(Some(Duration::from_millis(1)));
            let _ = reader.read_to_end(&mut rest);
        }
    });
    (base, log)
}

#[test]
fn watch_fetches_linked_pages_and_sends_conditional_gets() {
    let (base, log) = serve_feed();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let feed = format!("{base}/feed.xml");
    ok(&[
        "stories",
        "watch",
        "--db",
        s(&db),
        "--feed",
        &feed,
        "--once",
    ]);
    let stories = list(&db);
    assert_eq!(stories.len(), 2);
    let quake = stories
        .iter()
        .find(|s| s["headline"] == "Quake hits Chile")
        .unwrap();
    let id = quake["id"].as_u64().unwrap().to_string();
    // The page's text, not the feed's teaser, is what was stored.
    let shown = ok(&["stories", "show", &id, "--db", s(&db)]);
    assert!(shown.contains("tsunami warning"), "{shown}");
    ok(&[
        "stories",
        "watch",
        "--db",
        s(&db),
        "--feed",
        &feed,
        "--once",
    ]);
    let log = log.lock().unwrap().clone();
    assert_eq!(log[0], "/feed.xml ");
    assert_eq!(
        log.iter().filter(|l| l.contains(".html")).count(),
        2,
        "{log:?}"
    );
    let second = log.last().unwrap();
    assert!(
        second.starts_with("/feed.xml ")
            && second.contains("if-none-match: \"v1\"")
            && second.contains("if-modified-since: tue, 01 apr 2014 23:59:00 gmt"),
        "{log:?}"
    );
    assert_eq!(list(&db), stories);
}
