//! `newsbrief stories add | list | show | watch`: the story store
//! ([`newsbrief::store`]) from the command line.
//!
//! `add` reads JSONL article streams (`.gz` accepted), folders of
//! .txt/.html files and RSS / Atom feed files, and stores them in batches;
//! `list` and `show` read the store; `watch` polls feeds over HTTP with
//! conditional GETs and fetches the pages they link. HTTP stays here, out of
//! the library.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use indicatif::ProgressBar;
use newsbrief::ingest::RawDocument;
use newsbrief::render::{self, Format};
use newsbrief::store::{Added, FeedState, Store, StoryDetail, StoryInfo};
use newsbrief::stories::{Article, ArticleReader};

/// Articles per transaction. A commit costs an fsync (a few ms); 256
/// articles cluster in a fraction of a second, so a kill loses at most that
/// much work and the fsyncs stay a small share of ingest time.
const BATCH: usize = 256;

#[derive(Args)]
pub struct DbArg {
    /// The store (SQLite); created if missing.
    #[arg(long, default_value = "newsbrief.db")]
    pub db: PathBuf,
}

#[derive(Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// JSONL articles (`.gz` accepted), folders of .txt/.html files, or RSS / Atom feed files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// `text` (a table) or `json` (one line per story).
    #[arg(long, short, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Only the newest N stories.
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Args)]
pub struct ShowArgs {
    /// The story's id (from `stories list`).
    pub id: u64,
    #[command(flatten)]
    pub db: DbArg,
    /// Add the brief: who said what, where the sources disagree, what only one source reports.
    #[arg(long, short)]
    pub brief: bool,
    /// Output format: text, markdown or json.
    #[arg(long, short, default_value = "text", value_parser = parse_format)]
    pub format: Format,
}

#[derive(Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Feed URL to poll (repeat the flag).
    #[arg(long = "feed", required = true)]
    pub feeds: Vec<String>,
    /// Time between polls: `30s`, `10m`, `1h`.
    #[arg(long, default_value = "10m", value_parser = parse_every)]
    pub every: Duration,
    /// Poll once and exit.
    #[arg(long)]
    pub once: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse().map_err(|e: newsbrief::Error| e.to_string())
}

fn parse_every(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("{s:?}: expected a number and a unit, like 10m"))?;
    let secs = match unit {
        "s" | "" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("{s:?}: the unit must be s, m or h")),
    };
    if secs == 0 {
        return Err("the interval must be at least 1s".into());
    }
    Ok(Duration::from_secs(secs))
}

/// Counts of one ingest.
#[derive(Default)]
struct Tally {
    added: usize,
    duplicates: usize,
    failed: usize,
}

impl Tally {
    fn take(&mut self, results: Vec<newsbrief::Result<Added>>, bar: &ProgressBar) {
        for r in results {
            match r {
                Ok(Added::New { .. }) => self.added += 1,
                Ok(Added::Duplicate { .. }) => self.duplicates += 1,
                Err(e) => {
                    self.failed += 1;
                    bar.suspend(|| eprintln!("newsbrief: {e}"));
                }
            }
        }
    }
}

pub fn add(args: AddArgs) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&args.db.db)?;
    let bar = crate::stories_cmd::progress();
    let mut tally = Tally::default();
    let mut batch = Vec::with_capacity(BATCH);
    for input in &args.inputs {
        for article in read_input(input)? {
            bar.inc(1);
            match article {
                Ok(a) => batch.push(a),
                Err(e) => {
                    tally.failed += 1;
                    bar.suspend(|| eprintln!("newsbrief: {e}"));
                }
            }
            if batch.len() == BATCH {
                tally.take(store.add(&batch)?, &bar);
                batch.clear();
            }
        }
    }
    tally.take(store.add(&batch)?, &bar);
    bar.finish_and_clear();
    eprintln!(
        "newsbrief: {} added, {} already stored, {} failed; {} articles in {}",
        tally.added,
        tally.duplicates,
        tally.failed,
        store.article_count()?,
        args.db.db.display()
    );
    Ok(if tally.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The articles of one input, in order; an unreadable input is an error,
/// an unreadable record an `Err` item.
fn read_input(path: &Path) -> anyhow::Result<Box<dyn Iterator<Item = newsbrief::Result<Article>>>> {
    if path.is_dir() {
        return Ok(Box::new(read_folder(path)?.into_iter()));
    }
    if !path.exists() {
        anyhow::bail!("{}: no such file or directory", path.display());
    }
    if looks_like_feed(path)? {
        let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
        let items = newsbrief::feeds::parse_feed(&bytes, &path.display().to_string())?;
        return Ok(Box::new(items.into_iter()));
    }
    Ok(Box::new(ArticleReader::open(path)?))
}

/// A file whose first non-blank byte is `<` is XML (a feed); JSONL starts
/// with `{`, gzip with 0x1f.
fn looks_like_feed(path: &Path) -> anyhow::Result<bool> {
    let mut head = [0u8; 512];
    let mut file = std::fs::File::open(path).with_context(|| path.display().to_string())?;
    let n = file
        .read(&mut head)
        .with_context(|| path.display().to_string())?;
    let head = head[..n]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head[..n]);
    Ok(head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'))
}

/// Each .txt / .html / .htm file of a folder (sorted by name) as one
/// article, id = its path; HTML is cleaned to its main text and title once,
/// here, so the store keeps (and replays) plain text.
fn read_folder(dir: &Path) -> anyhow::Result<Vec<newsbrief::Result<Article>>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let html = match ext.as_deref() {
            Some("txt") => false,
            Some("html" | "htm") => true,
            _ => continue,
        };
        let id = path.display().to_string();
        out.push(match std::fs::read(&path) {
            Ok(bytes) => {
                let body = String::from_utf8_lossy(&bytes).into_owned();
                Ok(article_from_page(id, None, None, &body, html))
            }
            Err(e) => Err(newsbrief::Error::Io {
                path: path.clone(),
                source: e,
            }),
        });
    }
    Ok(out)
}

fn article_from_page(
    id: String,
    url: Option<String>,
    title: Option<String>,
    body: &str,
    html: bool,
) -> Article {
    if !html {
        return Article {
            url,
            title,
            ..Article::new(id, None, body)
        };
    }
    let doc = newsbrief::clean::clean(&RawDocument::html(id.clone(), body));
    Article {
        url,
        title: title.or(doc.title),
        ..Article::new(id, None, &doc.text)
    }
}

pub fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db.db)?;
    let stories = store.stories(args.limit)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.format == "json" {
        for s in &stories {
            let mut bytes = serde_json::to_vec(s)?;
            bytes.push(b'\n');
            out.write_all(&bytes)?;
        }
    } else {
        writeln!(
            out,
            "{:>6} {:>8} {:>7}  {:<41}  headline",
            "id", "articles", "sources", "span"
        )?;
        for s in &stories {
            writeln!(
                out,
                "{:>6} {:>8} {:>7}  {:<41}  {}",
                s.id,
                s.articles,
                s.sources,
                span(s),
                s.headline
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn span(s: &StoryInfo) -> String {
    match (&s.first_seen, &s.last_seen) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "undated".into(),
    }
}

/// `list` and `show` never create a store: a mistyped --db is an error.
fn open_existing(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        anyhow::bail!(
            "{}: no such store (create one with `newsbrief stories add --db {} INPUT...`)",
            path.display(),
            path.display()
        );
    }
    Ok(Store::open(path)?)
}

pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db.db)?;
    let Some(mut detail) = store.story(args.id)? else {
        anyhow::bail!("{}: no story {}", args.db.db.display(), args.id);
    };
    // The cache always holds the brief; drop it unless asked for.
    if !args.brief {
        detail.summary.brief = None;
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    out.write_all(render_detail(&detail, args.format)?.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn render_detail(d: &StoryDetail, format: Format) -> anyhow::Result<String> {
    let s = &d.story;
    Ok(match format {
        Format::Json => {
            // The summary schema (`summarize --format json`) with the story
            // and its article list beside it.
            let mut v = serde_json::to_value(&d.summary)?;
            v["story"] = serde_json::to_value(s)?;
            v["articles"] = serde_json::to_value(&d.articles)?;
            let mut text = serde_json::to_string_pretty(&v)?;
            text.push('\n');
            text
        }
        Format::Markdown => {
            let mut t = format!(
                "# {}\n\nStory {}: {} articles from {} sources, {}.\n\n",
                render::escape_markdown(&s.headline),
                s.id,
                s.articles,
                s.sources,
                span(s)
            );
            t.push_str(&render::markdown(&d.summary));
            t.push_str("\n## Articles\n\n");
            for a in &d.articles {
                let title = render::escape_markdown(a.title.as_deref().unwrap_or(&a.id));
                let label = match &a.url {
                    Some(u) => format!("[{title}](<{u}>)"),
                    None => title,
                };
                t.push_str(&format!("- {label}{}\n", meta(a)));
            }
            t
        }
        Format::Text => {
            let mut t = format!(
                "{}\nstory {}: {} articles, {} sources, {}\n\n",
                s.headline,
                s.id,
                s.articles,
                s.sources,
                span(s)
            );
            t.push_str(&render::text(&d.summary));
            t.push_str("\nArticles:\n");
            for a in &d.articles {
                t.push_str(&format!(
                    "  {}{}{}\n",
                    a.title.as_deref().unwrap_or(&a.id),
                    meta(a),
                    a.url
                        .as_deref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                ));
            }
            t
        }
    })
}

fn meta(a: &newsbrief::store::ArticleInfo) -> String {
    let parts: Vec<&str> = [a.source.as_deref(), a.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

pub fn watch(args: WatchArgs) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&args.db.db)?;
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("newsbrief/", env!("CARGO_PKG_VERSION")))
        .build()
        .context("starting the HTTP client")?;
    loop {
        let mut failed = false;
        for url in &args.feeds {
            // One feed failing (down, broken XML) never stops the others.
            match poll(&client, &mut store, url) {
                Ok(msg) => eprintln!("newsbrief: {url}: {msg}"),
                Err(e) => {
                    failed = true;
                    eprintln!("newsbrief: {url}: {e:#}");
                }
            }
        }
        if args.once {
            return Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }
        std::thread::sleep(args.every);
    }
}

/// One conditional GET of a feed; on 200, its new entries' pages are
/// fetched and stored. The validators are saved only after the articles
/// are, so a crash in between costs a re-fetch, never an article.
fn poll(
    client: &reqwest::blocking::Client,
    store: &mut Store,
    url: &str,
) -> anyhow::Result<String> {
    use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
    let state = store.feed_state(url)?;
    let mut request = client.get(url);
    if let Some(etag) = &state.etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    if let Some(lm) = &state.last_modified {
        request = request.header(IF_MODIFIED_SINCE, lm);
    }
    let response = request.send().context("fetching the feed")?;
    if response.status() == reqwest::StatusCode::NOT_MODIFIED {
        return Ok("not modified".into());
    }
    if !response.status().is_success() {
        anyhow::bail!("the feed answered {}", response.status());
    }
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    let new_state = FeedState {
        etag: header(ETAG),
        last_modified: header(LAST_MODIFIED),
    };
    let bytes = read_capped(response).context("reading the feed")?;
    let entries = newsbrief::feeds::parse_feed(&bytes, url)?;
    let mut articles = Vec::new();
    let mut failed = 0;
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                failed += 1;
                eprintln!("newsbrief: {e}");
                continue;
            }
        };
        // A page already stored is not fetched again.
        let page_url = match &entry.url {
            Some(u) if !store.has_url(u)? => u.clone(),
            Some(_) => continue,
            None => {
                articles.push(entry);
                continue;
            }
        };
        match fetch_page(client, &page_url, &entry) {
            Ok(a) => articles.push(a),
            Err(e) => {
                // The feed's own text still tells the story.
                eprintln!("newsbrief: {page_url}: {e:#}; using the feed's text");
                articles.push(entry);
            }
        }
    }
    let mut tally = Tally::default();
    for chunk in articles.chunks(BATCH) {
        tally.take(store.add(chunk)?, &ProgressBar::hidden());
    }
    store.set_feed_state(url, &new_state)?;
    Ok(format!(
        "{} added, {} already stored, {} failed",
        tally.added,
        tally.duplicates,
        tally.failed + failed
    ))
}

/// Largest feed or page read, so one endless response cannot exhaust memory
/// (the server's request limit is 10 MB; news pages are well under 5 MB).
const MAX_RESPONSE: u64 = 20 * 1024 * 1024;

fn read_capped(response: reqwest::blocking::Response) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    response.take(MAX_RESPONSE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RESPONSE {
        anyhow::bail!("the response is over {} MB", MAX_RESPONSE / (1024 * 1024));
    }
    Ok(bytes)
}

/// The page an entry links, through the HTML cleaner, keeping the entry's
/// id, title, date and source.
fn fetch_page(
    client: &reqwest::blocking::Client,
    url: &str,
    entry: &Article,
) -> anyhow::Result<Article> {
    let response = client.get(url).send()?;
    if !response.status().is_success() {
        anyhow::bail!("the page answered {}", response.status());
    }
    let body = String::from_utf8_lossy(&read_capped(response)?).into_owned();
    let page = article_from_page(
        entry.id.clone(),
        entry.url.clone(),
        entry.title.clone(),
        &body,
        true,
    );
    if page.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        anyhow::bail!("no readable text on the page");
    }
    Ok(Article {
        date: entry.date.clone(),
        source: entry.source.clone(),
        ..page
    })
}
