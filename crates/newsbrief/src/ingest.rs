//! Ingest: turns what the user points at into clusters of raw articles.
//!
//! Takes paths (a folder of `.txt`/`.html`/`.htm` files, single files, a file
//! with `|||||` between articles as in Multi-News, JSONL with one cluster per
//! line, `-` for stdin, any of them gzip-compressed) and hands on [`Input`]:
//! either one [`Cluster`] or, for JSONL, a batch of per-line results so that
//! one malformed line never costs the others their output.
//!
//! Nothing here interprets the text: HTML stays HTML until the clean stage.
//! Bytes that are not UTF-8 are decoded lossily and reported as a warning on
//! the cluster, because real crawls carry stray Latin-1 and the rest of such
//! an article is still worth reading.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// The separator Multi-News puts between the articles of one cluster.
pub const MULTI_NEWS_SEPARATOR: &str = "|||||";

/// How an article's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    /// Plain text.
    Text,
    /// An HTML page; clean extracts its main text.
    Html,
}

/// One article as read, before cleaning.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawDocument {
    /// Where it came from: a file name, or `"<cluster id>#<n>"`.
    pub source: String,
    /// A title the input supplied (JSON `title`); HTML titles are found by clean.
    pub title: Option<String>,
    /// Whether `body` is text or HTML.
    pub format: Markup,
    /// The article as given.
    pub body: String,
}

impl RawDocument {
    /// A plain-text article.
    pub fn text(source: impl Into<String>, body: impl Into<String>) -> Self {
        RawDocument {
            source: source.into(),
            title: None,
            format: Markup::Text,
            body: body.into(),
        }
    }

    /// An HTML article.
    pub fn html(source: impl Into<String>, body: impl Into<String>) -> Self {
        RawDocument {
            format: Markup::Html,
            ..RawDocument::text(source, body)
        }
    }
}

/// The articles about one story, with the human references when the input
/// is an evaluation corpus.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cluster {
    /// The cluster's id (file or folder name, or JSON `id`).
    pub id: String,
    /// Its articles, in input order.
    pub documents: Vec<RawDocument>,
    /// Human reference summaries (`summary` / `summaries` in eval JSONL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Problems that did not stop reading (lossy UTF-8, skipped files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Cluster {
    /// A cluster of plain-text articles named `0.txt`, `1.txt`, ... (for
    /// programs that hold their articles in memory, and for tests).
    pub fn from_texts(id: impl Into<String>, texts: &[&str]) -> Self {
        Cluster {
            id: id.into(),
            documents: texts
                .iter()
                .enumerate()
                .map(|(i, t)| RawDocument::text(format!("{i}.txt"), *t))
                .collect(),
            ..Cluster::default()
        }
    }
}

/// A cluster, or the error that kept one line of a batch from being one.
pub type Record = std::result::Result<Cluster, Error>;

/// What the user's input holds.
#[derive(Debug)]
pub enum Input {
    /// A folder, loose files or a `|||||` file: one story.
    Single(Cluster),
    /// JSONL: one record per line, in input order.
    Batch(Vec<Record>),
}

/// Reads the user's input. One path that is a folder, a JSONL file or a
/// `|||||` file is read as such; several paths are one article each.
pub fn read_paths(paths: &[PathBuf]) -> Result<Input> {
    match paths {
        [] => Err(Error::Config("no input given".into())),
        [one] => read_path(one),
        many => {
            let mut cluster = Cluster {
                id: "cluster".into(),
                ..Cluster::default()
            };
            if many.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
                return Err(Error::Config("`-` (stdin) can be given only once".into()));
            }
            for path in many {
                // Several paths are one article each; stdin among them is one
                // more article, named "stdin".
                if path.as_os_str() == "-" {
                    let (text, warning) = read_stdin()?;
                    cluster.warnings.extend(warning);
                    let format = if looks_like_html(&text) {
                        Markup::Html
                    } else {
                        Markup::Text
                    };
                    cluster.documents.push(RawDocument {
                        format,
                        ..RawDocument::text("stdin", text)
                    });
                    continue;
                }
                if path.is_dir() {
                    return Err(Error::Config(format!(
                        "{}: a folder cannot be mixed with other inputs",
                        path.display()
                    )));
                }
                if is_jsonl_name(&strip_gz(path)) {
                    return Err(Error::Config(format!(
                        "{}: a JSONL file holds whole clusters and cannot be mixed with article files; give it on its own",
                        path.display()
                    )));
                }
                let (text, warning) = read_text(path)?;
                cluster.warnings.extend(warning);
                cluster.documents.push(document_from_file(path, text));
            }
            Ok(Input::Single(cluster))
        }
    }
}

fn read_stdin() -> Result<(String, Option<String>)> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("<stdin>", e))?;
    let bytes = maybe_gunzip(bytes, Path::new("<stdin>"))?;
    refuse_binary(&bytes, "<stdin>")?;
    Ok(decode(bytes, "<stdin>"))
}

fn read_path(path: &Path) -> Result<Input> {
    if path.as_os_str() == "-" {
        let (text, warning) = read_stdin()?;
        return Ok(read_stream("stdin", text, warning));
    }
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return read_dir(path).map(Input::Single);
    }
    let (text, warning) = read_text(path)?;
    let name = strip_gz(path);
    if is_jsonl_name(&name) {
        let records = parse_jsonl(&text, &name);
        if records.is_empty() {
            return Err(Error::NoReadableArticle(format!(
                "{} (no JSON record in it)",
                path.display()
            )));
        }
        return Ok(Input::Batch(records));
    }
    if text.contains(MULTI_NEWS_SEPARATOR) {
        let mut cluster = split_multi_news(&file_label(path), &text);
        cluster.warnings.extend(warning);
        return Ok(Input::Single(cluster));
    }
    let mut cluster = Cluster {
        id: file_label(path),
        documents: vec![document_from_file(path, text)],
        ..Cluster::default()
    };
    cluster.warnings.extend(warning);
    Ok(Input::Single(cluster))
}

/// Stdin has no name, so its shape is sniffed: JSON records start with `{`.
fn read_stream(label: &str, text: String, warning: Option<String>) -> Input {
    if text.trim_start().starts_with('{') {
        return Input::Batch(parse_jsonl(&text, label));
    }
    let mut cluster = if text.contains(MULTI_NEWS_SEPARATOR) {
        split_multi_news(label, &text)
    } else {
        let format = if looks_like_html(&text) {
            Markup::Html
        } else {
            Markup::Text
        };
        Cluster {
            id: label.into(),
            documents: vec![RawDocument {
                source: label.into(),
                title: None,
                format,
                body: text,
            }],
            ..Cluster::default()
        }
    };
    cluster.warnings.extend(warning);
    Input::Single(cluster)
}

/// A folder: every `.txt`, `.html`, `.htm` (optionally `.gz`) file, sorted by
/// name so that article numbers are stable across runs and machines.
fn read_dir(dir: &Path) -> Result<Cluster> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_article_name(&strip_gz(p)))
        .collect();
    paths.sort();
    let mut cluster = Cluster {
        id: file_label(dir),
        ..Cluster::default()
    };
    for path in &paths {
        match read_text(path) {
            Ok((text, warning)) => {
                cluster.warnings.extend(warning);
                cluster.documents.push(document_from_file(path, text));
            }
            // One unreadable file should not sink the folder; say so and go on.
            Err(e) => cluster.warnings.push(format!("skipped {e}")),
        }
    }
    if cluster.documents.is_empty() {
        return Err(Error::NoReadableArticle(format!(
            "{} (no .txt, .html or .htm file in it)",
            dir.display()
        )));
    }
    Ok(cluster)
}

fn document_from_file(path: &Path, text: String) -> RawDocument {
    let name = strip_gz(path);
    let lower = name.to_ascii_lowercase();
    let source = file_label(path);
    if lower.ends_with(".html") || lower.ends_with(".htm") || looks_like_html(&text) {
        RawDocument::html(source, text)
    } else {
        RawDocument::text(source, text)
    }
}

fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    // The first 512 bytes, cut back to a character boundary (found by
    // fuzzing: a multi-byte character across byte 512 panicked here).
    let mut end = head.len().min(512);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let head = &head[..end].to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn strip_gz(path: &Path) -> String {
    let name = file_label(path);
    match name.strip_suffix(".gz") {
        Some(stem) => stem.to_string(),
        None => name,
    }
}

fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".txt", ".html", ".htm"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn is_jsonl_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jsonl", ".ndjson", ".json"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Reads a file, gunzipping when its magic bytes say gzip.
fn read_text(path: &Path) -> Result<(String, Option<String>)> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = maybe_gunzip(bytes, path)?;
    let origin = path.display().to_string();
    refuse_binary(&bytes, &origin)?;
    Ok(decode(bytes, &origin))
}

/// Refuses bytes that are not text: any NUL (no text encoding we read has
/// one; executables, images and archives all do), or more than 10% control
/// bytes other than tab, newline, CR and form feed in the first 64 KiB.
/// `/bin/ls` renamed `x.txt` was summarized before (issue 11).
pub fn refuse_binary(bytes: &[u8], origin: &str) -> Result<()> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let nul = bytes.contains(&0);
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if nul || controls * 10 > head.len() {
        let why = if nul {
            "NUL bytes"
        } else {
            "mostly control characters"
        };
        return Err(Error::Unsupported {
            origin: origin.to_string(),
            message: format!(
                "binary data ({why}), not text; newsbrief reads plain text, HTML and JSONL, optionally gzipped"
            ),
        });
    }
    Ok(())
}

/// A reader that gunzips `bytes` (gzip members concatenated, as `gzip -c a b`).
pub fn gunzip_reader(bytes: &[u8]) -> impl Read + '_ {
    flate2::read::MultiGzDecoder::new(bytes)
}

fn maybe_gunzip(bytes: Vec<u8>, path: &Path) -> Result<Vec<u8>> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| Error::Unsupported {
                origin: path.display().to_string(),
                message: format!("starts like gzip but does not decompress: {e}"),
            })?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

fn decode(bytes: Vec<u8>, origin: &str) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let warning = format!(
                "{origin}: invalid UTF-8 at byte {}; undecodable bytes replaced with U+FFFD",
                e.utf8_error().valid_up_to()
            );
            (text, Some(warning))
        }
    }
}

/// Splits a Multi-News style text on `|||||`, dropping empty pieces.
pub fn split_multi_news(id: &str, text: &str) -> Cluster {
    let documents = text
        .split(MULTI_NEWS_SEPARATOR)
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .enumerate()
        .map(|(i, piece)| {
            let source = format!("{id}#{}", i + 1);
            if looks_like_html(piece) {
                RawDocument::html(source, piece)
            } else {
                RawDocument::text(source, piece)
            }
        })
        .collect();
    Cluster {
        id: id.into(),
        documents,
        ..Cluster::default()
    }
}

/// Parses JSONL: one cluster per non-blank line. Each line's error carries the
/// line number so the user can find it.
pub fn parse_jsonl(text: &str, origin: &str) -> Vec<Record> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let label = format!("{origin}:{}", i + 1);
            parse_record(line, &label)
        })
        .collect()
}

/// One article as JSON gives it, in JSONL records and in the HTTP API alike:
/// a plain string (the article's text) or an object. When an object has both
/// `"text"` and `"html"`, the text is used: it is what the sender already
/// extracted, and reading it costs nothing.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum DocumentInput {
    /// The article's text.
    Text(String),
    /// An object with text or HTML and metadata.
    Fields(DocumentFields),
}

/// The object form of [`DocumentInput`]. Unknown fields (`url`, `date` ...)
/// are ignored, as crawled corpora carry many.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct DocumentFields {
    /// Plain text, used as it is.
    pub text: Option<String>,
    /// An HTML page, reduced to its main text.
    pub html: Option<String>,
    /// The headline, when the sender knows it.
    pub title: Option<String>,
    /// Where it came from (an outlet, a file name); shown in citations.
    pub source: Option<String>,
}

/// What a JSON document may be, for error messages.
pub const DOCUMENT_SHAPE: &str =
    "a string, or an object with \"text\" or \"html\" (and optional \"title\", \"source\")";

impl DocumentInput {
    /// The article, named `source` unless the object names itself.
    pub fn into_raw(self, source: String) -> std::result::Result<RawDocument, String> {
        match self {
            DocumentInput::Text(text) => Ok(RawDocument::text(source, text)),
            DocumentInput::Fields(f) => {
                let source = f.source.unwrap_or(source);
                let (format, body) = match (f.text, f.html) {
                    (Some(t), _) => (Markup::Text, t),
                    (None, Some(h)) => (Markup::Html, h),
                    (None, None) => {
                        return Err(format!(
                            "document {source}: needs a \"text\" or \"html\" string"
                        ))
                    }
                };
                Ok(RawDocument {
                    source,
                    title: f.title,
                    format,
                    body,
                })
            }
        }
    }
}

/// One JSON cluster record. Accepted shapes:
/// `{"id", "documents": [string | {"text"|"html", "title"?, "source"?}]}`,
/// Multi-News's `{"document": "a ||||| b", "summary"}`, and the eval files'
/// `{"id", "documents", "summaries": [...]}` / `"summary"`.
pub fn parse_record(line: &str, label: &str) -> Record {
    let value: Value = serde_json::from_str(line).map_err(|e| Error::BadRecord {
        origin: label.to_string(),
        id: None,
        message: format!("malformed JSON: {e}"),
    })?;
    let id = match value.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let bad = |message: String| Error::BadRecord {
        origin: label.to_string(),
        id: id.clone(),
        message,
    };
    let obj = value
        .as_object()
        .ok_or_else(|| bad("expected a JSON object".into()))?;
    let id = id.clone().unwrap_or_else(|| label.to_string());
    let mut cluster = match (obj.get("documents"), obj.get("document")) {
        (Some(Value::Array(items)), _) => {
            let mut documents = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let source = format!("{id}#{}", i + 1);
                let doc = DocumentInput::deserialize(item)
                    .map_err(|_| format!("document {source}: expected {DOCUMENT_SHAPE}"))
                    .and_then(|d| d.into_raw(source));
                documents.push(doc.map_err(&bad)?);
            }
            Cluster {
                id: id.clone(),
                documents,
                ..Cluster::default()
            }
        }
        (Some(_), _) => return Err(bad("\"documents\" must be an array".into())),
        (None, Some(Value::String(joined))) => split_multi_news(&id, joined),
        (None, Some(_)) => return Err(bad("\"document\" must be a string".into())),
        (None, None) => {
            return Err(bad(
                "no \"documents\" array or \"document\" string in the record".into(),
            ))
        }
    };
    cluster.references = match (obj.get("summaries"), obj.get("summary")) {
        (Some(Value::Array(refs)), _) => refs
            .iter()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect(),
        (None, Some(Value::String(s))) => vec![s.clone()],
        _ => Vec::new(),
    };
    if cluster.documents.is_empty() {
        return Err(bad("the cluster has no articles".into()));
    }
    Ok(cluster)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn folder_reads_articles_sorted_and_skips_other_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b.txt"), "Second article.").unwrap();
        fs::write(
            dir.path().join("a.html"),
            "<html><body><p>First.</p></body></html>",
        )
        .unwrap();
        fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let Input::Single(cluster) = read_paths(&[dir.path().to_path_buf()]).unwrap() else {
            panic!("a folder is one cluster");
        };
        let sources: Vec<_> = cluster
            .documents
            .iter()
            .map(|d| d.source.as_str())
            .collect();
        assert_eq!(sources, ["a.html", "b.txt"]);
        assert_eq!(cluster.documents[0].format, Markup::Html);
        assert_eq!(cluster.documents[1].format, Markup::Text);
    }

    #[test]
    fn empty_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_paths(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(err, Error::NoReadableArticle(_)), "{err}");
        assert!(err.to_string().contains("no .txt"), "{err}");
    }

    #[test]
    fn missing_path_names_the_path() {
        let err = read_paths(&[PathBuf::from("/no/such/cluster")]).unwrap_err();
        assert!(matches!(err, Error::NotFound(_)));
        assert!(err.to_string().contains("/no/such/cluster"));
    }

    #[test]
    fn html_sniffing_cuts_its_window_on_a_character_boundary() {
        // 511 ASCII bytes, then a 3-byte character across byte 512.
        let text = format!("{}€ and more text after it.", "a".repeat(511));
        let cluster = split_multi_news("x", &format!("{text} ||||| second"));
        assert_eq!(cluster.documents[0].format, Markup::Text);
    }

    #[test]
    fn multi_news_separator_splits_articles() {
        let cluster = split_multi_news("x", "First one. ||||| Second one. |||||  ");
        assert_eq!(cluster.documents.len(), 2);
        assert_eq!(cluster.documents[1].body, "Second one.");
        assert_eq!(cluster.documents[1].source, "x#2");
    }

    #[test]
    fn jsonl_shapes_and_malformed_line_keep_order() {
        let text = concat!(
            "{\"id\": \"a\", \"documents\": [\"One.\", {\"html\": \"<p>Two.</p>\", \"title\": \"T\"}]}\n",
            "{not json\n",
            "\n",
            "{\"id\": \"c\", \"document\": \"x ||||| y\", \"summary\": \"ref\"}\n",
            "{\"id\": \"d\", \"documents\": [], \"summaries\": [\"r1\"]}\n",
        );
        let records = parse_jsonl(text, "in.jsonl");
        assert_eq!(records.len(), 4);
        let a = records[0].as_ref().unwrap();
        assert_eq!(a.documents[1].format, Markup::Html);
        assert_eq!(a.documents[1].title.as_deref(), Some("T"));
        let err = records[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("in.jsonl:2: malformed JSON"), "{err}");
        let c = records[2].as_ref().unwrap();
        assert_eq!(c.documents.len(), 2);
        assert_eq!(c.references, ["ref"]);
        let err = records[3].as_ref().unwrap_err();
        assert_eq!(err.record_id(), Some("d"));
        assert!(err.to_string().contains("no articles"), "{err}");
        assert_eq!(records[1].as_ref().unwrap_err().record_id(), None);
    }

    #[test]
    fn gzip_and_invalid_utf8_are_read_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"Caf\xe9 opens today. It sells coffee.")
            .unwrap();
        fs::write(&path, gz.finish().unwrap()).unwrap();
        let Input::Single(cluster) = read_paths(&[path]).unwrap() else {
            panic!("one file is one cluster");
        };
        assert!(cluster.documents[0].body.contains("Caf\u{FFFD} opens"));
        assert_eq!(cluster.warnings.len(), 1);
        assert!(cluster.warnings[0].contains("invalid UTF-8"));
    }
}
