//! newsbrief's HTTP API and web page: a thin shell over the engine.
//!
//! Takes HTTP requests and hands them to [`newsbrief::Pipeline`]; nothing
//! here summarizes. Routes:
//! - `POST /v1/summarize`: `{"documents": [{"text" | "html", "title"?,
//!   "source"?}], "config"?, "method"?, "words"? | "sentences"?, "brief"?,
//!   "include_sources"?}` (`config` is the library's [`newsbrief::Config`],
//!   the other fields override it) → the CLI's JSON summary (plus, when asked,
//!   `sources_text`: each article's text and sentence spans, for a page that
//!   highlights what a citation points to);
//! - `GET /v1/methods`, `GET /v1/example` (the bundled cluster), `GET /healthz`;
//! - `GET /`: the page, its files embedded in the binary.
//!
//! Every error is JSON `{"error": {"code", "message"}}` with 400 (bad
//! input), 404, 413 (body over the limit), 422 (no usable text), 503 (busy)
//! or 504 (timed out). Summarizing is CPU work, so it runs on tokio's
//! blocking pool, behind a semaphore that bounds how many run at once; a
//! request waits for a slot and for its result at most the configured time.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use newsbrief::{Budget, Cluster, Config, ErrorKind, Method, Pipeline, RawDocument};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::Semaphore;

mod assets;

/// Server settings; [`ServerOptions::default`] is what `newsbrief serve` uses.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Largest request body accepted, in bytes (10 MB).
    pub body_limit: usize,
    /// Longest a summarize request may wait for a slot and run.
    pub timeout: Duration,
    /// Summaries computed at once; more requests wait.
    pub concurrency: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            body_limit: 10 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

struct AppState {
    options: ServerOptions,
    slots: Semaphore,
}

/// The application: every route, the body limit, JSON errors.
pub fn router(options: ServerOptions) -> Router {
    let state = Arc::new(AppState {
        slots: Semaphore::new(options.concurrency.max(1)),
        options: options.clone(),
    });
    Router::new()
        .route("/", get(assets::index).fallback(wrong_method))
        .route("/app.js", get(assets::script).fallback(wrong_method))
        .route("/style.css", get(assets::style).fallback(wrong_method))
        .route("/healthz", get(healthz).fallback(wrong_method))
        .route("/v1/methods", get(methods).fallback(wrong_method))
        .route("/v1/example", get(assets::example).fallback(wrong_method))
        .route("/v1/summarize", post(summarize).fallback(wrong_method))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(options.body_limit))
        .with_state(state)
}

/// Serves `router(options)` on `listener` until `shutdown` resolves, then
/// lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    options: ServerOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(options))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// An API error: status, stable code, message for people.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

impl From<newsbrief::Error> for ApiError {
    fn from(e: newsbrief::Error) -> Self {
        match e.kind() {
            ErrorKind::BadInput => ApiError::bad(e.to_string()),
            ErrorKind::NoText => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "no_text", e.to_string())
            }
            // The API reads no files; keep the message, never a bare 500.
            ErrorKind::Io => ApiError::new(StatusCode::BAD_REQUEST, "io", e.to_string()),
        }
    }
}

async fn healthz() -> impl IntoResponse {
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

async fn methods() -> impl IntoResponse {
    let list: Vec<Value> = Method::ALL
        .iter()
        .map(|m| {
            json!({"name": m.name(), "description": m.describe(), "default": *m == Method::default()})
        })
        .collect();
    Json(json!({ "methods": list }))
}

async fn wrong_method() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that HTTP method",
    )
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

/// One article of a request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    source: Option<String>,
}

/// The body of `POST /v1/summarize`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummarizeRequest {
    documents: Vec<DocumentIn>,
    /// The library's whole configuration, as `--format json` records it;
    /// the fields below are shorthands that override it.
    config: Option<Config>,
    /// A name (`"lexrank"`) or `{"type": "lexrank", ...parameters}`.
    method: Option<Method>,
    words: Option<usize>,
    sentences: Option<usize>,
    #[serde(default)]
    brief: bool,
    #[serde(default)]
    include_sources: bool,
}

impl SummarizeRequest {
    fn into_job(self) -> Result<(Cluster, Config, bool), ApiError> {
        let mut config = self.config.unwrap_or_default();
        if let Some(m) = self.method {
            config.method = m;
        }
        match (self.words, self.sentences) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad(
                    "give either \"words\" or \"sentences\", not both",
                ))
            }
            (Some(n), None) => config.selection.budget = Budget::Words(n),
            (None, Some(n)) => config.selection.budget = Budget::Sentences(n),
            (None, None) => {}
        }
        config.brief |= self.brief;
        config.validate()?;
        let mut documents = Vec::with_capacity(self.documents.len());
        for (i, d) in self.documents.into_iter().enumerate() {
            let source = d.source.unwrap_or_else(|| format!("document {}", i + 1));
            let mut raw = match (d.text, d.html) {
                (Some(t), None) => RawDocument::text(source, t),
                (None, Some(h)) => RawDocument::html(source, h),
                (Some(_), Some(_)) => {
                    return Err(ApiError::bad(format!(
                        "documents[{i}]: give \"text\" or \"html\", not both"
                    )))
                }
                (None, None) => {
                    return Err(ApiError::bad(format!(
                        "documents[{i}]: needs \"text\" or \"html\""
                    )))
                }
            };
            if d.title.is_some() {
                raw.title = d.title;
            }
            documents.push(raw);
        }
        let cluster = Cluster {
            id: "request".into(),
            documents,
            ..Cluster::default()
        };
        Ok((cluster, config, self.include_sources))
    }
}

async fn summarize(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!(
                    "the request body is over the limit of {} bytes",
                    state.options.body_limit
                ),
            )
        } else {
            ApiError::bad(r.body_text())
        }
    })?;
    let request: SummarizeRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("invalid JSON request: {e}")))?;
    let (cluster, config, include_sources) = request.into_job()?;
    let work = async {
        let _permit =
            state.slots.acquire().await.map_err(|_| {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", "shutting down")
            })?;
        tokio::task::spawn_blocking(move || run(&cluster, config, include_sources))
            .await
            .map_err(|e| {
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "failed",
                    format!("the summarizer stopped: {e}"),
                )
            })?
    };
    match tokio::time::timeout(state.options.timeout, work).await {
        Ok(result) => {
            let value = result?;
            Ok(([(header::CACHE_CONTROL, "no-store")], Json(value)).into_response())
        }
        Err(_) => Err(ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!(
                "no result within {} s; send fewer or shorter documents",
                state.options.timeout.as_secs_f64()
            ),
        )),
    }
}

/// The blocking part: prepare once, summarize, and add the sources' text
/// and sentence spans when the page asks for them.
fn run(cluster: &Cluster, config: Config, include_sources: bool) -> Result<Value, ApiError> {
    let pipeline = Pipeline::new(config);
    let prepared = pipeline.prepare(cluster)?;
    let summary = pipeline.summarize_prepared(&prepared, config.method);
    let mut value = serde_json::to_value(&summary)
        .map_err(|e| ApiError::bad(format!("could not encode the summary: {e}")))?;
    if include_sources {
        let sources = serde_json::to_value(newsbrief::render::sources_text(&prepared))
            .map_err(|e| ApiError::bad(format!("could not encode the sources: {e}")))?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert("sources_text".into(), sources);
        }
    }
    Ok(value)
}
