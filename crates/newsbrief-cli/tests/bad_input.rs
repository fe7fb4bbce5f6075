//! Bad input, one case per row: the real `newsbrief` binary on each kind of
//! input a user may hand it by mistake, asserting the exit status and that
//! the message names the file or record and the reason. None may panic,
//! abort, or print a clean-looking empty summary.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            // A run that fails before reading stdin closes it: a broken pipe
            // here is the binary's answer, judged by its status below.
            let _ = pipe.write_all(bytes);
        }
    }
    child.wait_with_output().expect("binary finishes")
}

const PROSE: &str = "The council voted on Monday to close the old bridge for repairs. \
    Work will start next week and is expected to last a month, officials said.";

/// What a case gives the binary.
enum Given {
    /// Files to write (name, bytes), then the arguments.
    Files(Vec<(&'static str, Vec<u8>)>, Vec<&'static str>),
}

struct Case {
    name: &'static str,
    given: Given,
    stdin: Option<Vec<u8>>,
    /// Expected exit status.
    code: i32,
    /// Each must appear in stderr.
    stderr: Vec<&'static str>,
    /// Each must appear in stdout.
    stdout: Vec<&'static str>,
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn deep_html(depth: usize) -> Vec<u8> {
    format!(
        "<html><body>{}<p>{PROSE}</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
    .into_bytes()
}

fn cases() -> Vec<Case> {
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    binary.extend((0u8..=255).cycle().take(4096));
    let mut gz_garbage = vec![0x1f, 0x8b, 0x08, 0x00];
    gz_garbage.extend(b"this is not deflate data at all, just text".iter());
    let huge_line = "word ".repeat(400_000).into_bytes(); // 2 MB, no punctuation
    vec![
        Case {
            name: "empty file",
            given: Given::Files(vec![("empty.txt", vec![])], vec!["empty.txt"]),
            stdin: None,
            code: 1,
            stderr: vec!["empty.txt", "no readable article"],
            stdout: vec![],
        },
        Case {
            name: "binary file named .txt",
            given: Given::Files(vec![("x.txt", binary.clone())], vec!["x.txt"]),
            stdin: None,
            code: 1,
            stderr: vec!["x.txt", "binary data"],
            stdout: vec![],
        },
        Case {
            name: "binary data on stdin",
            given: Given::Files(vec![], vec!["-"]),
            stdin: Some(binary.clone()),
            code: 1,
            stderr: vec!["<stdin>", "binary data"],
            stdout: vec![],
        },
        Case {
            name: "binary file in a folder is skipped with a warning",
            given: Given::Files(
                vec![("dir/a.txt", PROSE.into()), ("dir/b.txt", binary.clone())],
                vec!["dir"],
            ),
            stdin: None,
            code: 0,
            stderr: vec!["b.txt", "binary data"],
            stdout: vec!["old bridge"],
        },
        Case {
            name: "Chinese",
            given: Given::Files(
                vec![("zh.txt", "中国国家主席周三在北京会见了来访的外国领导人，双方讨论了贸易问题。".into())],
                vec!["zh.txt"],
            ),
            stdin: None,
            code: 1,
            stderr: vec!["zh.txt", "looks like Chinese (Han script)", "handles English"],
            stdout: vec![],
        },
        Case {
            name: "Arabic",
            given: Given::Files(
                vec![("ar.txt", "أعلنت الحكومة يوم الأربعاء عن خطة جديدة لدعم الاقتصاد الوطني.".into())],
                vec!["ar.txt"],
            ),
            stdin: None,
            code: 1,
            stderr: vec!["ar.txt", "looks like Arabic (Arabic script)"],
            stdout: vec![],
        },
        Case {
            name: "Hebrew beside an English article: a warning, the English summarized",
            given: Given::Files(
                vec![
                    ("he.txt", "הממשלה הודיעה ביום רביעי על תוכנית חדשה לתמיכה בכלכלה.".into()),
                    ("en.txt", PROSE.into()),
                ],
                vec!["he.txt", "en.txt"],
            ),
            stdin: None,
            code: 0,
            stderr: vec!["warning: he.txt: looks like Hebrew (Hebrew script)"],
            stdout: vec!["old bridge"],
        },
        Case {
            name: "malformed JSONL line: the others still summarized",
            given: Given::Files(
                vec![(
                    "in.jsonl",
                    format!(
                        "{{\"id\": \"a\", \"documents\": [\"{PROSE}\"]}}\n{{not json\n{{\"id\": \"c\", \"documents\": [\"{PROSE}\"]}}\n"
                    )
                    .into(),
                )],
                vec!["in.jsonl"],
            ),
            stdin: None,
            code: 1,
            stderr: vec!["in.jsonl:2: malformed JSON", "1 of 3 records failed"],
            stdout: vec!["\"id\":\"a\"", "\"id\":\"c\"", "\"id\":null"],
        },
        Case {
            name: "bad JSONL record with an id: the error line carries it",
            given: Given::Files(
                vec![(
                    "in.jsonl",
                    "{\"id\": \"story-7\", \"documents\": []}\n{\"id\": \"story-8\", \"documents\": \"oops\"}\n".into(),
                )],
                vec!["in.jsonl"],
            ),
            stdin: None,
            code: 1,
            stderr: vec!["in.jsonl:1", "no articles", "in.jsonl:2", "must be an array"],
            stdout: vec!["\"id\":\"story-7\"", "\"id\":\"story-8\""],
        },
        Case {
            name: "empty JSONL file",
            given: Given::Files(vec![("in.jsonl", b"\n\n".to_vec())], vec!["in.jsonl"]),
            stdin: None,
            code: 1,
            stderr: vec!["in.jsonl", "no JSON record"],
            stdout: vec![],
        },
        Case {
            name: "missing file",
            given: Given::Files(vec![], vec!["nope.txt"]),
            stdin: None,
            code: 1,
            stderr: vec!["nope.txt", "no such file"],
            stdout: vec![],
        },
        Case {
            name: "2 MB line without punctuation: a warning, not a silent empty summary",
            given: Given::Files(vec![("long.txt", huge_line)], vec!["long.txt"]),
            stdin: None,
            code: 0,
            stderr: vec!["long.txt", "no sentence end"],
            stdout: vec![],
        },
        Case {
            name: "100,000-deep HTML",
            given: Given::Files(vec![("deep.html", deep_html(100_000))], vec!["deep.html"]),
            stdin: None,
            code: 0,
            stderr: vec![],
            stdout: vec!["old bridge"],
        },
        Case {
            name: "gzip garbage",
            given: Given::Files(vec![("x.txt.gz", gz_garbage)], vec!["x.txt.gz"]),
            stdin: None,
            code: 1,
            stderr: vec!["x.txt.gz", "does not decompress"],
            stdout: vec![],
        },
        Case {
            name: "gzipped binary",
            given: Given::Files(vec![("x.txt.gz", gzip(&binary))], vec!["x.txt.gz"]),
            stdin: None,
            code: 1,
            stderr: vec!["x.txt.gz", "binary data"],
            stdout: vec![],
        },
        Case {
            name: "stdin among files is one more article",
            given: Given::Files(vec![("a.txt", PROSE.into())], vec!["-", "a.txt"]),
            stdin: Some(
                b"The mayor resigned on Tuesday after a long dispute with the council over the bridge."
                    .to_vec(),
            ),
            code: 0,
            stderr: vec![],
            stdout: vec!["] stdin", "] a.txt"],
        },
        Case {
            name: "stdin twice",
            given: Given::Files(vec![], vec!["-", "-"]),
            stdin: Some(PROSE.into()),
            code: 1,
            stderr: vec!["only once"],
            stdout: vec![],
        },
        Case {
            name: "JSONL beside article files",
            given: Given::Files(
                vec![("a.txt", PROSE.into()), ("b.jsonl", b"{}\n".to_vec())],
                vec!["a.txt", "b.jsonl"],
            ),
            stdin: None,
            code: 1,
            stderr: vec!["b.jsonl", "cannot be mixed"],
            stdout: vec![],
        },
        Case {
            name: "folder beside files",
            given: Given::Files(
                vec![("a.txt", PROSE.into()), ("dir/b.txt", PROSE.into())],
                vec!["a.txt", "dir"],
            ),
            stdin: None,
            code: 1,
            stderr: vec!["dir", "cannot be mixed"],
            stdout: vec![],
        },
        Case {
            name: "junk prefix before a one-line article",
            given: Given::Files(
                vec![(
                    "m.txt",
                    format!("Image copyright AFP image caption Troops at the site {PROSE}").into(),
                )],
                vec!["m.txt"],
            ),
            stdin: None,
            code: 0,
            stderr: vec![],
            stdout: vec!["old bridge"],
        },
    ]
}

#[test]
fn bad_input_table() {
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        let Given::Files(files, args) = &case.given;
        for (name, bytes) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        let mut full = vec!["summarize"];
        full.extend(args.iter().copied());
        let out = run_in(dir.path(), &full, case.stdin.as_deref());
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(case.code),
            "{}: exit status\nstderr: {stderr}\nstdout: {stdout}",
            case.name
        );
        for want in &case.stderr {
            assert!(
                stderr.contains(want),
                "{}: stderr lacks {want:?}: {stderr}",
                case.name
            );
        }
        for want in &case.stdout {
            assert!(
                stdout.contains(want),
                "{}: stdout lacks {want:?}: {stdout}",
                case.name
            );
        }
        assert!(!stderr.contains("panicked"), "{}: {stderr}", case.name);
    }
}

#[test]
fn control_characters_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "The council voted\u{1b}[2J on Monday\u{7} to close the old bridge for repairs.\u{1}\u{8}\u{9b}31m Work will start next week, officials said in a statement.";
    fs::write(dir.path().join("ctl.txt"), text).unwrap();
    for format in ["text", "markdown", "json"] {
        let out = run_in(
            dir.path(),
            &["summarize", "ctl.txt", "--format", format],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("old bridge"), "{stdout}");
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: {stdout:?}"
        );
    }
}

#[test]
fn brief_in_batch_text_output_is_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"id": "s1", "documents": [
        "\"We will rebuild the bridge,\" Mayor Anna Berg said on Monday. The council voted to close the old bridge for repairs.",
        "The council voted on Monday to close the old bridge for repairs, officials said. Work starts next week."
    ]});
    fs::write(dir.path().join("b.jsonl"), format!("{line}\n")).unwrap();
    let out = run_in(dir.path(), &["summarize", "b.jsonl", "--brief"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "s1");
    let brief = v["brief"].as_str().expect("the brief is in the line");
    assert!(brief.contains("Sources:"), "{brief}");
    assert!(!v["summary"].as_str().unwrap().contains("Sources:"));
}
