//! newsbrief's HTTP API and web page: a thin shell over the engine.
//!
//! Takes HTTP requests and hands them to [`newsbrief::Pipeline`]; nothing
//! here summarizes. Routes:
//! - `POST /v1/summarize`: `{"documents": [string | {"text" | "html",
//!   "title"?, "source"?}], "config"?, "method"?, "words"? | "sentences"?,
//!   "brief"?, "include_sources"?}` (`config` is the library's
//!   [`newsbrief::Config`], the other fields override it) → the CLI's JSON
//!   summary (plus, when asked,
//!   `sources_text`: each article's text and sentence spans, for a page that
//!   highlights what a citation points to);
//! - `GET /v1/methods`, `GET /v1/example` (the bundled cluster), `GET /healthz`;
//! - `GET /`: the page, its files embedded in the binary.
//!
//! Every error is JSON `{"error": {"code", "message"}}` with 400 (bad
//! input), 404, 408 (body stalled), 413 (body over the limit), 422 (no
//! usable text), 503 (busy) or 504 (timed out). Summarizing is CPU work, so
//! it runs on tokio's blocking pool, behind a semaphore that bounds how many
//! run at once; a request waits for a slot and for its result at most the
//! configured time, and then its work is cancelled: the slot is given back
//! only when the work has stopped. Connections that send headers too slowly
//! or sit idle are closed.

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
use hyper_util::rt::TokioIo;
use newsbrief::ingest::{DocumentInput, DOCUMENT_SHAPE};
use newsbrief::{Budget, Cancel, Cluster, Config, ErrorKind, Method, Pipeline};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use tower_http::timeout::RequestBodyTimeoutLayer;

mod assets;
mod stories;

/// Server settings; [`ServerOptions::default`] is what `newsbrief serve` uses.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Largest request body accepted, in bytes (10 MB).
    pub body_limit: usize,
    /// Longest a summarize request may wait for a slot and run; past it the
    /// work is cancelled and the client gets a 504.
    pub timeout: Duration,
    /// Summaries computed at once; more requests wait.
    pub concurrency: usize,
    /// Longest a connection may take to send a request's headers, counted
    /// from the end of its previous response (so it is also the keep-alive
    /// idle limit); past it the connection is closed.
    pub header_timeout: Duration,
    /// Longest a request body may go without sending a byte; past it the
    /// request fails with 408.
    pub body_idle_timeout: Duration,
    /// The story store to serve (`/v1/stories`, `/v1/articles`); none by default.
    pub db: Option<std::path::PathBuf>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            body_limit: 10 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
            header_timeout: Duration::from_secs(10),
            body_idle_timeout: Duration::from_secs(10),
            db: None,
        }
    }
}

struct AppState {
    options: ServerOptions,
    slots: Arc<Semaphore>,
}

/// The application: every route, the body limit, JSON errors.
pub fn router(options: ServerOptions) -> Router {
    let state = Arc::new(AppState {
        slots: Arc::new(Semaphore::new(options.concurrency.max(1))),
        options: options.clone(),
    });
    let app = Router::new()
        .route("/", get(assets::index).fallback(wrong_method))
        .route("/app.js", get(assets::script).fallback(wrong_method))
        .route("/style.css", get(assets::style).fallback(wrong_method))
        .route("/healthz", get(healthz).fallback(wrong_method))
        .route("/v1/methods", get(methods).fallback(wrong_method))
        .route("/v1/example", get(assets::example).fallback(wrong_method))
        .route("/v1/summarize", post(summarize).fallback(wrong_method))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(options.body_limit))
        .layer(RequestBodyTimeoutLayer::new(options.body_idle_timeout))
        .with_state(state);
    match options.db {
        Some(db) => app.merge(
            stories::router(db, options.body_limit)
                .layer(RequestBodyTimeoutLayer::new(options.body_idle_timeout)),
        ),
        None => app,
    }
}

/// Serves `router(options)` on `listener` until `shutdown` resolves, then
/// lets requests in flight finish.
///
/// hyper's HTTP/1 connection builder is used directly rather than
/// `axum::serve`, because only it takes a header-read timeout: without one a
/// client that sends its headers a byte a minute holds a connection (and a
/// task) for ever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    options: ServerOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(options.clone());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait, then go on,
                // rather than stop serving everyone.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(options.header_timeout);
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // Errors here are the client's (reset, timeout): nothing to report.
            let _ = conn.await;
        });
    }
    graceful.shutdown().await;
    Ok(())
}

/// Parses the body of `POST /v1/summarize` into the cluster, the
/// configuration and whether to add the sources' text: everything the
/// server does with a request before summarizing (public for fuzzing).
pub fn parse_request(body: &[u8]) -> Result<(Cluster, Config, bool), ApiError> {
    let request: SummarizeRequest = serde_json::from_slice(body).map_err(|e| {
        let message = e.to_string();
        // serde's message for a document of the wrong shape names a type.
        let message = if message.contains("untagged enum DocumentInput") {
            format!("each document must be {DOCUMENT_SHAPE} ({message})")
        } else {
            message
        };
        ApiError::bad(format!("invalid JSON request: {message}"))
    })?;
    request.into_job()
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

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable machine-readable code (`bad_request`, `timeout` ...).
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
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
            // Only the timeout cancels; the client has its 504 already.
            ErrorKind::Cancelled => {
                ApiError::new(StatusCode::GATEWAY_TIMEOUT, "timeout", e.to_string())
            }
        }
    }
}

/// Health, and how many summaries are running: the slots taken, which the
/// work (not the reply) holds, so an operator sees cancelled work drain.
async fn healthz(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let slots = state.options.concurrency.max(1);
    let running = slots - state.slots.available_permits().min(slots);
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION"),
                "running": running, "concurrency": slots}))
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

/// The body of `POST /v1/summarize`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummarizeRequest {
    documents: Vec<DocumentInput>,
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
            let raw = d
                .into_raw(format!("document {}", i + 1))
                .map_err(|e| ApiError::bad(format!("documents[{i}]: {e}")))?;
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
    let body = body.map_err(|r| body_error(r, state.options.body_limit))?;
    let (cluster, config, include_sources) = parse_request(&body)?;
    drop(body);
    // Dropped when this handler ends for any reason (done, timed out, or the
    // client went away and axum dropped the future): the work then stops at
    // its next check instead of running on unobserved.
    let cancel = CancelOnDrop(Cancel::new());
    let deadline = tokio::time::Instant::now() + state.options.timeout;
    let timed_out = || {
        ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!(
                "no result within {} s; send fewer or shorter documents",
                state.options.timeout.as_secs_f64()
            ),
        )
    };
    let permit = match tokio::time::timeout_at(deadline, state.slots.clone().acquire_owned()).await
    {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) => {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "shutting down",
            ))
        }
        Err(_) => return Err(timed_out()),
    };
    let flag = cancel.0.clone();
    // The permit moves into the blocking task and is released when that task
    // returns, not when the request gives up: "at most --concurrency
    // summaries at once" holds for the work, not just for the replies.
    let work = tokio::task::spawn_blocking(move || {
        let result = run(&cluster, config, include_sources, &flag);
        drop(permit);
        result
    });
    match tokio::time::timeout_at(deadline, work).await {
        Ok(Ok(result)) => {
            let value = result?;
            Ok(([(header::CACHE_CONTROL, "no-store")], Json(value)).into_response())
        }
        Ok(Err(e)) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "failed",
            format!("the summarizer stopped: {e}"),
        )),
        Err(_) => Err(timed_out()),
    }
}

/// Sets the flag when dropped.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

fn body_error(r: BytesRejection, limit: usize) -> ApiError {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the request body is over the limit of {limit} bytes"),
        );
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&r);
    while let Some(e) = source {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "body_timeout",
                "the request body stopped arriving; send it without pauses",
            );
        }
        source = e.source();
    }
    ApiError::bad(r.body_text())
}

/// The blocking part: prepare once, summarize, and add the sources' text
/// and sentence spans when the page asks for them.
fn run(
    cluster: &Cluster,
    config: Config,
    include_sources: bool,
    cancel: &Cancel,
) -> Result<Value, ApiError> {
    let pipeline = Pipeline::new(config);
    let prepared = pipeline.prepare_cancellable(cluster, cancel)?;
    cancel.check()?;
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
