//! The story store over HTTP (`newsbrief serve --db PATH`).
//!
//! Takes requests on three routes and hands them to [`newsbrief::store`]:
//! - `GET /v1/stories[?limit=N]` → `{"stories": [{"id", "headline",
//!   "articles", "sources", "first_seen", "last_seen"}]}`, newest first;
//! - `GET /v1/stories/{id}[?include_sources=true]` → the summary JSON
//!   (`summarize --format json`, with its brief) plus `"story"` (the listing
//!   fields) and `"articles"`, and with `include_sources` the sources' text
//!   and sentence spans (`sources_text`, as `/v1/summarize` gives them), for
//!   the page's citations;
//! - `POST /v1/articles` with one article, an array of them, or
//!   `{"articles": [...]}` (the JSONL schema of the story streams) →
//!   `{"added", "duplicates", "failed", "results": [...]}`, one result per
//!   article (`{"status": "new", "id", "story"}`, `{"status": "duplicate",
//!   "id", "of"}` or `{"status": "error", "message"}`).
//!
//! SQLite calls block, so each runs on tokio's blocking pool. Reads open their
//! own connection (WAL readers never wait for the writer); writes share one
//! [`Store`], whose clusterer stays warm between requests, behind a mutex.
//! A `stories add` in another process can write to the same file meanwhile:
//! each batch catches up on the other's rows first.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use newsbrief::store::Store;
use newsbrief::stories::Article;
use newsbrief::{Config, Pipeline};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::ApiError;

struct StoreState {
    path: PathBuf,
    body_limit: usize,
    /// The writer, opened on the first POST (its clusterer replays the store once).
    writer: Mutex<Option<Store>>,
}

/// The three routes on the store at `path`; bodies up to `body_limit` bytes.
pub(crate) fn router(path: PathBuf, body_limit: usize) -> Router {
    let state = Arc::new(StoreState {
        path,
        body_limit,
        writer: Mutex::new(None),
    });
    Router::new()
        .route("/v1/stories", get(list).fallback(crate::wrong_method))
        .route("/v1/stories/{id}", get(show).fallback(crate::wrong_method))
        .route("/v1/articles", post(ingest).fallback(crate::wrong_method))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

fn store_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", e.to_string())
}

/// Runs `f` on the blocking pool; a panic there is a 500, not a hang.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| store_error(format!("the store task stopped: {e}")))?
}

#[derive(Deserialize)]
struct ShowQuery {
    #[serde(default)]
    include_sources: bool,
}

#[derive(Deserialize)]
struct ListQuery {
    limit: Option<usize>,
}

async fn list(
    State(state): State<Arc<StoreState>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let path = state.path.clone();
    let stories = blocking(move || {
        let store = Store::open(&path).map_err(store_error)?;
        store.stories(q.limit).map_err(store_error)
    })
    .await?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "stories": stories })),
    )
        .into_response())
}

async fn show(
    State(state): State<Arc<StoreState>>,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, ApiError> {
    let id: u64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("{id:?} is not a story id (a positive integer)")))?;
    let path = state.path.clone();
    let (detail, sources) = blocking(move || {
        let store = Store::open(&path).map_err(store_error)?;
        let Some(detail) = store.story(id).map_err(store_error)? else {
            return Ok(None);
        };
        let mut sources = None;
        if q.include_sources {
            if let Some(cluster) = store.story_cluster(id).map_err(store_error)? {
                let prepared = Pipeline::new(Config::default()).prepare(&cluster)?;
                sources = Some(newsbrief::render::sources_text(&prepared));
            }
        }
        Ok(Some((detail, sources)))
    })
    .await?
    .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no story {id}")))?;
    let mut value = serde_json::to_value(&detail.summary).map_err(store_error)?;
    value["story"] = serde_json::to_value(&detail.story).map_err(store_error)?;
    value["articles"] = serde_json::to_value(&detail.articles).map_err(store_error)?;
    if let Some(sources) = sources {
        value["sources_text"] = serde_json::to_value(sources).map_err(store_error)?;
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(value)).into_response())
}

async fn ingest(
    State(state): State<Arc<StoreState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|r| crate::body_error(r, state.body_limit))?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("invalid JSON request: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut obj) if obj.contains_key("articles") => match obj.remove("articles") {
            Some(Value::Array(items)) => items,
            _ => return Err(ApiError::bad("\"articles\" must be an array of articles")),
        },
        one @ Value::Object(_) => vec![one],
        _ => {
            return Err(ApiError::bad(
                "send an article, an array of articles or {\"articles\": [...]}",
            ))
        }
    };
    // Each article is checked on its own: one bad record costs only itself.
    let mut parsed: Vec<Result<Article, String>> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        parsed.push(
            Article::from_json_line(&item.to_string(), &format!("articles[{i}]"))
                .map_err(|e| e.to_string()),
        );
    }
    let state = state.clone();
    let results = blocking(move || {
        let mut writer = state
            .writer
            .lock()
            .map_err(|_| store_error("the store writer failed earlier"))?;
        if writer.is_none() {
            *writer = Some(Store::open(&state.path).map_err(store_error)?);
        }
        let store = writer.as_mut().expect("opened above");
        let good: Vec<Article> = parsed
            .iter()
            .filter_map(|p| p.as_ref().ok().cloned())
            .collect();
        let mut added = store.add(&good).map_err(store_error)?.into_iter();
        let results: Vec<Value> = parsed
            .into_iter()
            .map(|p| match p {
                Err(message) => json!({"status": "error", "message": message}),
                Ok(_) => match added.next() {
                    Some(Ok(a)) => serde_json::to_value(a).unwrap_or(Value::Null),
                    Some(Err(e)) => json!({"status": "error", "message": e.to_string()}),
                    None => json!({"status": "error", "message": "not processed"}),
                },
            })
            .collect();
        Ok(results)
    })
    .await?;
    let count = |s: &str| results.iter().filter(|r| r["status"] == s).count();
    let reply = json!({
        "added": count("new"),
        "duplicates": count("duplicate"),
        "failed": count("error"),
        "results": results,
    });
    Ok((StatusCode::OK, Json(reply)).into_response())
}
