//! The story store: articles, their stories and each story's cached summary
//! and brief, in one SQLite file (WAL mode) that survives restarts and that
//! several processes (a server and a `stories add`) can use at once.
//!
//! Takes [`Article`]s in batches ([`Store::add`]) and hands on, per article,
//! whether it was stored and in which story ([`Added`]); lists stories
//! newest first ([`Store::stories`]) and gives one story with its summary
//! and brief ([`Store::story`]), the library's [`Summary`] made by the
//! [`Pipeline`].
//!
//! Guarantees, and how they are kept:
//! - *Idempotence.* An article whose id, URL or normalised text (a 128-bit
//!   SipHash of its lower-cased, whitespace-collapsed title and body) is
//!   already stored changes nothing; the three columns are `UNIQUE`.
//! - *Crash safety.* Each batch is one transaction (synchronous = FULL), so
//!   a process killed mid-ingest leaves every earlier batch whole and none of
//!   its current one. The clusterer is deterministic, so the store does not
//!   persist its state: a process rebuilds it by replaying the stored
//!   articles in insertion order, which gives the stories the stored rows
//!   already name. Re-adding the input after a crash then skips what was
//!   stored and continues exactly as an uninterrupted run would have.
//! - *Concurrent use.* A batch starts with `BEGIN IMMEDIATE` (one writer at
//!   a time; others wait up to `busy_timeout`) and first replays the rows
//!   other processes inserted since this one last looked, so every writer
//!   clusters against the same history and they agree on story ids. Readers
//!   never block in WAL mode.
//!
//! Reading (`stories`, `story`) needs no clusterer: story rows carry their
//! counts and time span, kept up to date by each batch, so a list or a show
//! answers from indexes without a replay. A story's summary is cached in its
//! row and cleared whenever the story changes; [`Store::story`] recomputes
//! it when missing (ingest stays as fast as clustering).

use std::collections::BTreeSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ingest::{Cluster, RawDocument};
use crate::stories::{Article, Clusterer, Params, StoryId};
use crate::{Config, Pipeline, Summary};

/// The summary of a story covers at most this many of its articles (the
/// latest): summarizing is superlinear in sentences, and a story that grew
/// for weeks is best told by its recent reporting.
pub const SUMMARY_ARTICLES: usize = 64;

/// How long a writer waits for another's transaction before giving up. A
/// batch of a few hundred articles commits in well under a second here.
const BUSY_TIMEOUT_MS: u64 = 30_000;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    url TEXT UNIQUE,
    hash BLOB NOT NULL UNIQUE,
    story INTEGER NOT NULL,
    date INTEGER,
    source TEXT,
    title TEXT,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story, seq);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    headline TEXT NOT NULL,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    first_seen INTEGER,
    last_seen INTEGER,
    last_seq INTEGER NOT NULL,
    rev INTEGER NOT NULL DEFAULT 0,
    summary TEXT
);
CREATE INDEX IF NOT EXISTS stories_newest ON stories (last_seq DESC);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
";

/// What became of one article given to [`Store::add`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "status")]
pub enum Added {
    /// Stored, in this story.
    New {
        /// The article's id.
        id: String,
        /// Its story, after any merge the article caused.
        story: StoryId,
    },
    /// Already stored (same id, URL or text): nothing changed.
    Duplicate {
        /// The article's id.
        id: String,
        /// The id of the stored article it repeats.
        of: String,
    },
}

/// A story as listed: what a reader scans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryInfo {
    /// The story's id.
    pub id: StoryId,
    /// The title of its first article (or the start of its text).
    pub headline: String,
    /// Number of articles.
    pub articles: u64,
    /// Number of distinct sources (articles without a source are not counted).
    pub sources: u64,
    /// Earliest and latest article date, RFC 3339; `None` if no article is dated.
    pub first_seen: Option<String>,
    /// See `first_seen`.
    pub last_seen: Option<String>,
}

/// An article as listed under a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleInfo {
    /// The article's id.
    pub id: String,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Its source (publisher), when known.
    pub source: Option<String>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its date, RFC 3339.
    pub date: Option<String>,
}

/// One story with its summary and brief and its articles (oldest first).
#[derive(Debug, Clone, Serialize)]
pub struct StoryDetail {
    /// The listing fields.
    pub story: StoryInfo,
    /// Summary and brief of its latest [`SUMMARY_ARTICLES`] articles.
    pub summary: Summary,
    /// Every article of the story, in arrival order.
    pub articles: Vec<ArticleInfo>,
}

/// Conditional-GET state of a polled feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    /// The `ETag` the feed last answered with.
    pub etag: Option<String>,
    /// The `Last-Modified` it last answered with.
    pub last_modified: Option<String>,
}

/// An open store; see the module comment.
pub struct Store {
    path: PathBuf,
    conn: Connection,
    params: Params,
    /// The clusterer, built on the first write; `None` until then (a reader
    /// never pays for the replay).
    clusterer: Option<Clusterer>,
    /// The highest article `seq` the clusterer has seen.
    seen: i64,
    pipeline: Pipeline,
}

impl Store {
    /// Opens the store at `path`, creating it (with the default clustering
    /// [`Params`]) if it does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, Params::default())
    }

    /// Opens the store at `path`; a new store records `params`, an existing
    /// one keeps the parameters it was created with (its stories were made
    /// with them, and a replay must use them too).
    pub fn open_with(path: &Path, params: Params) -> Result<Store> {
        params.validate()?;
        let db = |e: rusqlite::Error| sql_error(path, e);
        let conn = Connection::open(path).map_err(db)?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
            .map_err(db)?;
        // WAL: readers never block the writer and a server can read while a
        // `stories add` writes. synchronous = FULL: a commit survives a power
        // cut, not only a killed process; the cost is one fsync per batch.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db)?;
        conn.execute_batch(SCHEMA).map_err(db)?;
        let stored: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'params'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db)?;
        let params = match stored {
            Some(json) => serde_json::from_str(&json).map_err(|e| Error::BadRecord {
                origin: path.display().to_string(),
                id: None,
                message: format!("stored clustering parameters are unreadable: {e}"),
            })?,
            None => {
                let json =
                    serde_json::to_string(&params).map_err(|e| Error::Config(e.to_string()))?;
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('params', ?1)",
                    [json],
                )
                .map_err(db)?;
                params
            }
        };
        let config = Config {
            brief: true,
            ..Config::default()
        };
        Ok(Store {
            path: path.to_path_buf(),
            conn,
            params,
            clusterer: None,
            seen: 0,
            pipeline: Pipeline::new(config),
        })
    }

    /// The file the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The clustering parameters the store was created with.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.sql(e))
    }

    /// Whether an article with this URL is stored.
    pub fn has_url(&self, url: &str) -> Result<bool> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE url = ?1", [url], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(|e| self.sql(e))
    }

    /// Adds a batch of articles in one transaction, in order. Returns one
    /// result per article: an article the clusterer refuses (no content, a bad
    /// date) is an error for that article only. An `Err` for the whole call
    /// (the database failed) means nothing of the batch was stored.
    pub fn add(&mut self, articles: &[Article]) -> Result<Vec<Result<Added>>> {
        let result = self.add_inner(articles);
        if result.is_err() {
            // The transaction rolled back but the clusterer may have taken
            // some of the batch: rebuild it from the database next time.
            self.clusterer = None;
            self.seen = 0;
        }
        result
    }

    fn add_inner(&mut self, articles: &[Article]) -> Result<Vec<Result<Added>>> {
        let path = self.path.clone();
        let db = |e: rusqlite::Error| sql_error(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        // Catch up on what this process has not seen (all of it on the first
        // write; rows of other processes later).
        let clusterer = match &mut self.clusterer {
            Some(c) => c,
            none => none.insert(Clusterer::new(self.params.clone())?),
        };
        {
            let mut stmt = tx
                .prepare_cached("SELECT seq, id, json FROM articles WHERE seq > ?1 ORDER BY seq")
                .map_err(db)?;
            let mut rows = stmt.query([self.seen]).map_err(db)?;
            while let Some(row) = rows.next().map_err(db)? {
                let seq: i64 = row.get(0).map_err(db)?;
                let id: String = row.get(1).map_err(db)?;
                let json: String = row.get(2).map_err(db)?;
                let article: Article =
                    serde_json::from_str(&json).map_err(|e| Error::BadRecord {
                        origin: format!("{}: stored article", path.display()),
                        id: Some(id),
                        message: e.to_string(),
                    })?;
                // It was accepted when stored, so it is accepted again.
                clusterer.add(&article)?;
                clusterer.take_retired();
                self.seen = seq;
            }
        }
        let mut touched: BTreeSet<StoryId> = BTreeSet::new();
        let mut out = Vec::with_capacity(articles.len());
        for article in articles {
            let hash = text_hash(article);
            let url = article
                .url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty());
            if let Some(of) = duplicate_of(&tx, &article.id, url, &hash).map_err(db)? {
                out.push(Ok(Added::Duplicate {
                    id: article.id.clone(),
                    of,
                }));
                continue;
            }
            let time = match article.timestamp() {
                Ok(t) => t,
                Err(e) => {
                    out.push(Err(e));
                    continue;
                }
            };
            let assignment = match clusterer.add(article) {
                Ok(a) => a,
                Err(e) => {
                    out.push(Err(e));
                    continue;
                }
            };
            // Retired stories stay in the table: they only stop growing.
            clusterer.take_retired();
            let json = serde_json::to_string(article).map_err(|e| Error::Config(e.to_string()))?;
            tx.prepare_cached(
                "INSERT INTO articles (id, url, hash, story, date, source, title, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    article.id,
                    url,
                    &hash[..],
                    assignment.story as i64,
                    time,
                    article.source,
                    article.title,
                    json
                ])
            })
            .map_err(db)?;
            self.seen = tx.last_insert_rowid();
            if assignment.new_story {
                tx.prepare_cached(
                    "INSERT INTO stories (id, headline, articles, sources, last_seq)
                     VALUES (?1, ?2, 0, 0, 0)",
                )
                .and_then(|mut s| s.execute(params![assignment.story as i64, headline(article)]))
                .map_err(db)?;
            }
            for &(from, into) in &assignment.merged {
                tx.execute(
                    "UPDATE articles SET story = ?2 WHERE story = ?1",
                    params![from as i64, into as i64],
                )
                .map_err(db)?;
                tx.execute("DELETE FROM stories WHERE id = ?1", [from as i64])
                    .map_err(db)?;
                touched.remove(&from);
            }
            touched.insert(assignment.story);
            out.push(Ok(Added::New {
                id: article.id.clone(),
                story: assignment.story,
            }));
        }
        // Counts and span once per touched story, not per article; the cached
        // summary is cleared (`rev` tells a reader its summary went stale).
        for id in touched {
            tx.prepare_cached(
                "UPDATE stories SET
                    articles = (SELECT COUNT(*) FROM articles WHERE story = ?1),
                    sources = (SELECT COUNT(DISTINCT source) FROM articles WHERE story = ?1),
                    first_seen = (SELECT MIN(date) FROM articles WHERE story = ?1),
                    last_seen = (SELECT MAX(date) FROM articles WHERE story = ?1),
                    last_seq = (SELECT MAX(seq) FROM articles WHERE story = ?1),
                    rev = rev + 1,
                    summary = NULL
                 WHERE id = ?1",
            )
            .and_then(|mut s| s.execute([id as i64]))
            .map_err(db)?;
        }
        tx.commit().map_err(db)?;
        Ok(out)
    }

    /// Stories, newest first (by their latest article's arrival), at most `limit`.
    pub fn stories(&self, limit: Option<usize>) -> Result<Vec<StoryInfo>> {
        let limit = limit.map_or(-1, |n| n as i64);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, headline, articles, sources, first_seen, last_seen
                 FROM stories ORDER BY last_seq DESC LIMIT ?1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([limit], story_info)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))
    }

    /// One story with its summary and brief (computed and cached if the story
    /// changed since the last time), or `None` if there is no such story.
    pub fn story(&self, id: StoryId) -> Result<Option<StoryDetail>> {
        let db = |e| self.sql(e);
        let row = self
            .conn
            .query_row(
                "SELECT id, headline, articles, sources, first_seen, last_seen, rev, summary
                 FROM stories WHERE id = ?1",
                [id as i64],
                |r| {
                    Ok((
                        story_info(r)?,
                        r.get::<_, i64>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ))
                },
            )
            .optional()
            .map_err(db)?;
        let Some((info, rev, cached)) = row else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, source, url, date, json FROM articles WHERE story = ?1 ORDER BY seq",
            )
            .map_err(db)?;
        let mut list = Vec::new();
        let mut texts = Vec::new();
        let mut rows = stmt.query([id as i64]).map_err(db)?;
        while let Some(r) = rows.next().map_err(db)? {
            list.push(ArticleInfo {
                id: r.get(0).map_err(db)?,
                title: r.get(1).map_err(db)?,
                source: r.get(2).map_err(db)?,
                url: r.get(3).map_err(db)?,
                date: r.get::<_, Option<i64>>(4).map_err(db)?.map(rfc3339),
            });
            if cached.is_none() {
                texts.push(r.get::<_, String>(5).map_err(db)?);
            }
        }
        let cached = cached.and_then(|json| serde_json::from_str::<Summary>(&json).ok());
        let summary = match cached {
            Some(s) => s,
            None => {
                let summary = self.summarize(id, &texts)?;
                // Cache it unless the story changed meanwhile (another
                // process's batch bumped `rev`); a failed write only costs a
                // recomputation next time.
                if let Ok(json) = serde_json::to_string(&summary) {
                    let _ = self.conn.execute(
                        "UPDATE stories SET summary = ?1 WHERE id = ?2 AND rev = ?3",
                        params![json, id as i64, rev],
                    );
                }
                summary
            }
        };
        Ok(Some(StoryDetail {
            story: info,
            summary,
            articles: list,
        }))
    }

    fn summarize(&self, id: StoryId, jsons: &[String]) -> Result<Summary> {
        self.pipeline.summarize(&self.cluster_of(id, jsons)?)
    }

    /// The cluster a story's summary is made from (its latest
    /// [`SUMMARY_ARTICLES`] articles, oldest first), or `None` if there is no
    /// such story: for callers that also want the sources' text
    /// ([`crate::render::sources_text`]).
    pub fn story_cluster(&self, id: StoryId) -> Result<Option<Cluster>> {
        let db = |e| self.sql(e);
        let exists = self
            .conn
            .query_row("SELECT 1 FROM stories WHERE id = ?1", [id as i64], |_| {
                Ok(())
            })
            .optional()
            .map_err(db)?;
        if exists.is_none() {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT json FROM articles WHERE story = ?1 ORDER BY seq")
            .map_err(db)?;
        let jsons = stmt
            .query_map([id as i64], |r| r.get::<_, String>(0))
            .map_err(db)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db)?;
        self.cluster_of(id, &jsons).map(Some)
    }

    fn cluster_of(&self, id: StoryId, jsons: &[String]) -> Result<Cluster> {
        let start = jsons.len().saturating_sub(SUMMARY_ARTICLES);
        let mut cluster = Cluster {
            id: format!("story-{id}"),
            ..Cluster::default()
        };
        for json in &jsons[start..] {
            let a: Article = serde_json::from_str(json).map_err(|e| Error::BadRecord {
                origin: format!("{}: story {id}", self.path.display()),
                id: None,
                message: e.to_string(),
            })?;
            let name = match &a.source {
                Some(s) => format!("{s} [{}]", a.id),
                None => a.id.clone(),
            };
            let text = a.text.as_deref().filter(|t| !t.trim().is_empty());
            let mut doc = match (text, &a.html) {
                (Some(t), _) => RawDocument::text(name, t),
                (None, Some(h)) => RawDocument::html(name, h.as_str()),
                (None, None) => RawDocument::text(name, ""),
            };
            doc.title = a.title.clone();
            cluster.documents.push(doc);
        }
        Ok(cluster)
    }

    /// The conditional-GET state stored for a feed URL.
    pub fn feed_state(&self, url: &str) -> Result<FeedState> {
        self.conn
            .query_row(
                "SELECT etag, last_modified FROM feeds WHERE url = ?1",
                [url],
                |r| {
                    Ok(FeedState {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.sql(e))
    }

    /// Records a feed's conditional-GET state (after its articles are stored,
    /// so a crash in between re-fetches rather than misses them).
    pub fn set_feed_state(&self, url: &str, state: &FeedState) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO feeds (url, etag, last_modified) VALUES (?1, ?2, ?3)
                 ON CONFLICT (url) DO UPDATE SET etag = ?2, last_modified = ?3",
                params![url, state.etag, state.last_modified],
            )
            .map(|_| ())
            .map_err(|e| self.sql(e))
    }

    fn sql(&self, e: rusqlite::Error) -> Error {
        sql_error(&self.path, e)
    }
}

/// A database failure, named by the store's file.
fn sql_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    }
}

fn story_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoryInfo> {
    Ok(StoryInfo {
        id: r.get::<_, i64>(0)? as StoryId,
        headline: r.get(1)?,
        articles: r.get::<_, i64>(2)? as u64,
        sources: r.get::<_, i64>(3)? as u64,
        first_seen: r.get::<_, Option<i64>>(4)?.map(rfc3339),
        last_seen: r.get::<_, Option<i64>>(5)?.map(rfc3339),
    })
}

fn duplicate_of(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    url: Option<&str>,
    hash: &[u8; 16],
) -> rusqlite::Result<Option<String>> {
    // Three lookups on three unique indexes (an OR of them may scan).
    let mut by_id = tx.prepare_cached("SELECT id FROM articles WHERE id = ?1")?;
    if let Some(of) = by_id.query_row([id], |r| r.get(0)).optional()? {
        return Ok(Some(of));
    }
    if let Some(url) = url {
        let mut by_url = tx.prepare_cached("SELECT id FROM articles WHERE url = ?1")?;
        if let Some(of) = by_url.query_row([url], |r| r.get(0)).optional()? {
            return Ok(Some(of));
        }
    }
    let mut by_hash = tx.prepare_cached("SELECT id FROM articles WHERE hash = ?1")?;
    by_hash.query_row([&hash[..]], |r| r.get(0)).optional()
}

/// SipHash-1-3 (fixed keys, so stable across runs and versions) of the
/// article's title and body, lower-cased with whitespace collapsed: the same
/// wire story re-published with other line breaks is one article.
pub fn text_hash(article: &Article) -> [u8; 16] {
    let mut h = siphasher::sip128::SipHasher13::new_with_keys(0, 0);
    let body = match article.text.as_deref() {
        Some(t) if !t.trim().is_empty() => t,
        _ => article.html.as_deref().unwrap_or(""),
    };
    for part in [article.title.as_deref().unwrap_or(""), "\u{1}", body] {
        for word in part.split_whitespace() {
            for c in word.chars().flat_map(char::to_lowercase) {
                let mut buf = [0u8; 4];
                h.write(c.encode_utf8(&mut buf).as_bytes());
            }
            h.write_u8(b' ');
        }
    }
    use siphasher::sip128::Hasher128;
    h.finish128().as_bytes()
}

/// The title, or the first 100 characters of the text when there is none.
fn headline(a: &Article) -> String {
    if let Some(t) = a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let text = a.text.as_deref().unwrap_or("");
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = String::new();
    for w in words {
        if s.chars().count() + w.chars().count() > 100 {
            s.push('…');
            break;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    if s.is_empty() {
        a.id.clone()
    } else {
        s
    }
}

fn rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| t.to_string())
}

#[cfg(test)]
mod tests;
