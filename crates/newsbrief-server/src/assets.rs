//! The page's files and the bundled example, compiled into the binary so the
//! server needs no files at run time and no network ever.

use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

const INDEX: &str = include_str!("../assets/index.html");
const SCRIPT: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/style.css");

/// The example cluster of the repository (`examples/tillerson-moscow-2017`).
const EXAMPLE: &[(&str, &str)] = &[
    (
        "000_ec692aa17371262a.txt",
        include_str!("../../../examples/tillerson-moscow-2017/000_ec692aa17371262a.txt"),
    ),
    (
        "001_860fee61a802e460.txt",
        include_str!("../../../examples/tillerson-moscow-2017/001_860fee61a802e460.txt"),
    ),
    (
        "002_9f5e90e736e7038f.txt",
        include_str!("../../../examples/tillerson-moscow-2017/002_9f5e90e736e7038f.txt"),
    ),
    (
        "003_a55be42280ba4130.txt",
        include_str!("../../../examples/tillerson-moscow-2017/003_a55be42280ba4130.txt"),
    ),
    (
        "004_d0023340b68b1f7d.txt",
        include_str!("../../../examples/tillerson-moscow-2017/004_d0023340b68b1f7d.txt"),
    ),
];

pub async fn index() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX)
}

pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

pub async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

/// The example as a request body: `{"documents": [{"source", "text"}]}`.
pub async fn example() -> impl IntoResponse {
    let documents: Vec<_> = EXAMPLE
        .iter()
        .map(|(name, text)| json!({"source": name, "text": text}))
        .collect();
    Json(json!({ "documents": documents }))
}
