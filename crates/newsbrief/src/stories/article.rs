//! Articles of a story stream: the JSONL schema of `../shared/data`'s story
//! streams, read one line at a time.
//!
//! Takes a path (plain or gzipped JSONL, one article per line) or a single
//! line and hands on [`Article`]s. A bad line (malformed JSON, a bad date,
//! neither title nor text) is an [`Error::BadRecord`] naming `file:line`;
//! the reader goes on with the next line, so one bad record never costs the
//! others their story.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};

/// One article of a stream. Fields beyond these (`lang`, `publisher`, ...) are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The article's id, unique within the stream (a JSON number is read as its digits).
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// Publication time, ISO-8601 (`2014-03-10T16:52:50Z`, with an offset, or a bare date,
    /// read as UTC); `null` when unknown.
    #[serde(default)]
    pub date: Option<String>,
    /// The headline; weighs more than body words.
    #[serde(default)]
    pub title: Option<String>,
    /// Plain text; `html` is used when this is absent or empty.
    #[serde(default)]
    pub text: Option<String>,
    /// An HTML page, reduced to its main text like any other HTML input.
    #[serde(default)]
    pub html: Option<String>,
    /// The outlet or feed it came from.
    #[serde(default)]
    pub source: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// The gold story in evaluation streams; the clusterer never reads it.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub cluster: Option<String>,
}

impl Article {
    /// An undated plain-text article, for tests and callers building articles in code.
    pub fn new(id: impl Into<String>, title: Option<&str>, text: &str) -> Self {
        Article {
            id: id.into(),
            title: title.map(str::to_string),
            text: Some(text.to_string()),
            ..Article::default()
        }
    }

    /// Sets the date (ISO-8601).
    pub fn with_date(mut self, date: &str) -> Self {
        self.date = Some(date.to_string());
        self
    }

    /// Seconds since the Unix epoch of `date`, `None` when the article has none.
    pub fn timestamp(&self) -> Result<Option<i64>> {
        match self.date.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => parse_date(s).map(Some).ok_or_else(|| Error::BadRecord {
                origin: self.id.clone(),
                id: Some(self.id.clone()),
                message: format!("date {s:?} is not ISO-8601"),
            }),
        }
    }

    /// Whether the article has a title or text (or HTML) to cluster on.
    pub fn has_content(&self) -> bool {
        let some = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        some(&self.title) || some(&self.text) || some(&self.html)
    }

    /// Parses one JSONL line; `label` (`file:line`) names it in errors. Checks the
    /// date and that there is something to read, so a clusterer never sees a bad record.
    pub fn from_json_line(line: &str, label: &str) -> Result<Article> {
        let bad = |id: Option<&str>, message: String| Error::BadRecord {
            origin: label.to_string(),
            id: id.map(str::to_string),
            message,
        };
        let article: Article =
            serde_json::from_str(line).map_err(|e| bad(None, format!("malformed article: {e}")))?;
        if !article.has_content() {
            return Err(bad(
                Some(&article.id),
                format!("article {:?} has no title and no text", article.id),
            ));
        }
        article
            .timestamp()
            .map_err(|e| bad(Some(&article.id), format!("article {:?}: {e}", article.id)))?;
        Ok(article)
    }
}

/// RFC 3339 first (`Z` or an offset, fractions of a second); then a date and time
/// without a zone, or a bare date, both read as UTC.
fn parse_date(s: &str) -> Option<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc().timestamp());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or number, found {other}"
        ))),
    }
}

fn opt_string_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => Ok(Some(s)),
        serde_json::Value::Number(n) => Ok(Some(n.to_string())),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or number, found {other}"
        ))),
    }
}

/// Reads a JSONL stream of articles (gzip detected by its magic bytes), one
/// `Result` per non-blank line, in file order, without loading the file whole.
pub struct ArticleReader {
    lines: std::io::Lines<Box<dyn BufRead>>,
    path: PathBuf,
    line: usize,
    /// Set after an I/O error, so the error is reported once and the stream ends.
    done: bool,
}

impl ArticleReader {
    /// Reads a JSONL file of articles, gzip-compressed or not.
    pub fn open(path: &Path) -> Result<Self> {
        let mut file = BufReader::new(File::open(path).map_err(|e| Error::io(path, e))?);
        let gzip = file
            .fill_buf()
            .map_err(|e| Error::io(path, e))?
            .starts_with(&[0x1f, 0x8b]);
        let reader: Box<dyn BufRead> = if gzip {
            Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
        } else {
            Box::new(file)
        };
        Ok(Self::from_reader(reader, path))
    }

    /// Reads from any buffered reader; `origin` names it in errors.
    pub fn from_reader(reader: Box<dyn BufRead>, origin: &Path) -> Self {
        ArticleReader {
            lines: reader.lines(),
            path: origin.to_path_buf(),
            line: 0,
            done: false,
        }
    }
}

impl Iterator for ArticleReader {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let label = format!("{}:{}", self.path.display(), self.line);
            let line = match self.lines.next()? {
                Ok(line) => line,
                // Invalid UTF-8 costs that line only; an I/O error ends the stream.
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    return Some(Err(Error::BadRecord {
                        origin: label,
                        id: None,
                        message: "not valid UTF-8".into(),
                    }))
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.path, e)));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(Article::from_json_line(&line, &label));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_the_stream_schema_and_ignores_extras() {
        let a = Article::from_json_line(
            r#"{"id": 7, "date": "2014-03-10T16:52:50.698000Z", "title": "Fed taper", "text": "",
                "lang": "en", "cluster": "dd1", "publisher": "LA Times", "url": "http://x"}"#,
            "s.jsonl:1",
        )
        .unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.cluster.as_deref(), Some("dd1"));
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.timestamp().unwrap(), Some(1_394_470_370));
        let html =
            Article::from_json_line(r#"{"id": "h", "html": "<p>Hi there</p>"}"#, "x").unwrap();
        assert!(html.has_content());
    }

    #[test]
    fn dates_with_offsets_without_zones_and_bare() {
        let t = |d: &str| {
            Article::new("a", None, "x")
                .with_date(d)
                .timestamp()
                .unwrap()
        };
        assert_eq!(t("2014-03-10T16:52:50Z"), t("2014-03-10T17:52:50+01:00"));
        assert_eq!(t("2014-03-10T16:52:50Z"), t("2014-03-10 16:52:50"));
        assert_eq!(t("2014-03-10"), Some(1_394_409_600));
        assert_eq!(Article::new("a", None, "x").timestamp().unwrap(), None);
    }

    #[test]
    fn bad_lines_are_named_and_the_stream_goes_on() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        writeln!(f, r#"{{"id": "a", "title": "One", "text": "First."}}"#).unwrap();
        writeln!(f, r#"{{"id": "b", "title": "Two""#).unwrap();
        writeln!(f).unwrap();
        writeln!(f, r#"{{"id": "c", "title": null, "text": ""}}"#).unwrap();
        writeln!(f, r#"{{"id": "d", "title": "Three", "date": "March 3rd"}}"#).unwrap();
        writeln!(f, r#"{{"id": "e", "text": "Last."}}"#).unwrap();
        let items: Vec<Result<Article>> = ArticleReader::open(f.path()).unwrap().collect();
        assert_eq!(items.len(), 5);
        let name = f.path().display().to_string();
        let err = |i: usize| items[i].as_ref().unwrap_err().to_string();
        assert!(
            err(1).starts_with(&format!("{name}:2: malformed article")),
            "{}",
            err(1)
        );
        assert!(
            err(2).starts_with(&format!("{name}:4:")) && err(2).contains("no title and no text")
        );
        assert!(err(3).starts_with(&format!("{name}:5:")) && err(3).contains("March 3rd"));
        assert_eq!(items[4].as_ref().unwrap().id, "e");
    }

    #[test]
    fn gzipped_streams_are_read() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        writeln!(gz, r#"{{"id": "a", "title": "One"}}"#).unwrap();
        f.write_all(&gz.finish().unwrap()).unwrap();
        let items: Vec<Article> = ArticleReader::open(f.path())
            .unwrap()
            .map(|a| a.unwrap())
            .collect();
        assert_eq!(items[0].title.as_deref(), Some("One"));
    }
}
