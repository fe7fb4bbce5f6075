//! The HTTP API against a real server on an ephemeral loopback port.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use newsbrief_server::ServerOptions;
use serde_json::{json, Value};
use support::{get, post, request, start};

/// One server for the tests that need only the defaults.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| start(ServerOptions::default()))
}

fn example_request(extra: Value) -> String {
    let mut body = get(server(), "/v1/example").json();
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body.to_string()
}

fn error_code(reply: &support::Reply) -> String {
    reply.json()["error"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn summarizes_the_example_with_citations_and_a_brief() {
    let reply = post(
        server(),
        "/v1/summarize",
        &example_request(json!({"brief": true})),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.content_type.starts_with("application/json"));
    let v = reply.json();
    // The default method is whichever /v1/methods marks as default.
    let methods = get(server(), "/v1/methods").json();
    let default = methods["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["default"] == true)
        .unwrap()["name"]
        .clone();
    assert_eq!(v["method"], default);
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
    let sentences = v["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    let words = v["words"].as_u64().unwrap();
    assert!((60..=160).contains(&words), "about 100 words, got {words}");
    for s in sentences {
        assert!(!s["sources"].as_array().unwrap().is_empty());
    }
    let brief = &v["brief"];
    let speakers: Vec<&str> = brief["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker"].as_str())
        .collect();
    assert!(speakers.contains(&"Sergei Lavrov"), "{speakers:?}");
    assert!(!brief["conflicts"].as_array().unwrap().is_empty());
    // Only asked-for extras appear.
    assert!(v.get("sources_text").is_none());
}

#[test]
fn method_and_sentence_budget_are_honoured() {
    let reply = post(
        server(),
        "/v1/summarize",
        &example_request(json!({"method": "lead", "sentences": 2})),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    assert_eq!(v["method"], "lead");
    assert_eq!(v["sentences"].as_array().unwrap().len(), 2);
    assert!(v.get("brief").is_none());
}

#[test]
fn sources_text_lets_a_page_find_every_cited_sentence() {
    let reply = post(
        server(),
        "/v1/summarize",
        &example_request(json!({"include_sources": true})),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    let sources = v["sources_text"].as_array().unwrap();
    for s in v["sentences"].as_array().unwrap() {
        let article = s["article"].as_u64().unwrap() as usize;
        let index = s["sentence"].as_u64().unwrap();
        let piece = sources[article]["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["sentence"].as_u64() == Some(index))
            .expect("the cited sentence is a piece of its source");
        assert_eq!(piece["text"], s["text"]);
        // The pieces rebuild the source text exactly.
        let joined: String = sources[article]["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert_eq!(joined, sources[article]["text"].as_str().unwrap());
    }
}

#[test]
fn html_documents_are_read_for_their_main_text() {
    let html = "<html><head><title>Talks in Moscow</title></head><body><nav>Home | World | Sport</nav>\
        <article><p>Secretary of State Rex Tillerson met Foreign Minister Sergei Lavrov in Moscow on Wednesday for tense talks about Syria.</p>\
        <p>The two sides agreed to set up a working group to repair relations between the two countries.</p></article>\
        <footer>Copyright 2017 Example News</footer></body></html>";
    let body = json!({"documents": [{"html": html, "source": "a.html"}], "sentences": 2});
    let reply = post(server(), "/v1/summarize", &body.to_string());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    let text: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(text.iter().any(|t| t.contains("Tillerson met")), "{text:?}");
    assert!(!text
        .iter()
        .any(|t| t.contains("Copyright") || t.contains("Home |")));
    assert_eq!(v["documents"][0]["name"], "a.html");
}

#[test]
fn bad_input_gets_json_errors_with_the_right_status() {
    let cases: &[(&str, u16, &str)] = &[
        ("{", 400, "bad_request"),
        ("not json", 400, "bad_request"),
        (r#"{"documents": []}"#, 400, "bad_request"),
        (
            r#"{"documents": [{"text": "A b c"}], "method": "nope"}"#,
            400,
            "bad_request",
        ),
        (
            r#"{"documents": [{"title": "no body"}]}"#,
            400,
            "bad_request",
        ),
        (r#"{"documents": [42]}"#, 400, "bad_request"),
        (r#"{"documents": ["..."]}"#, 422, "no_text"),
        (
            r#"{"documents": [{"text": "A b c"}], "words": 5, "sentences": 2}"#,
            400,
            "bad_request",
        ),
        (
            r#"{"documents": [{"text": "A b c"}], "words": 0}"#,
            400,
            "bad_request",
        ),
        (
            r#"{"documents": [{"text": "A b c"}], "colour": "red"}"#,
            400,
            "bad_request",
        ),
        (r#"{"documents": "a string"}"#, 400, "bad_request"),
        (
            r#"{"documents": [{"text": "..."}, {"text": "   "}]}"#,
            422,
            "no_text",
        ),
    ];
    for (body, status, code) in cases {
        let reply = post(server(), "/v1/summarize", body);
        assert_eq!(reply.status, *status, "{body}: {}", reply.body);
        assert_eq!(error_code(&reply), *code, "{body}: {}", reply.body);
        assert!(!reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .is_empty());
    }
}

#[test]
fn unknown_routes_and_wrong_methods_are_json_too() {
    let reply = get(server(), "/v2/nothing");
    assert_eq!(reply.status, 404);
    assert_eq!(error_code(&reply), "not_found");
    let reply = get(server(), "/v1/summarize");
    assert_eq!(reply.status, 405);
    assert_eq!(error_code(&reply), "method_not_allowed");
}

#[test]
fn bodies_over_the_limit_get_413() {
    let addr = start(ServerOptions {
        body_limit: 2_000,
        ..ServerOptions::default()
    });
    let big = json!({"documents": [{"text": "word ".repeat(1_000)}]}).to_string();
    let reply = request(addr, "POST", "/v1/summarize", Some(big.as_bytes()));
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(error_code(&reply), "too_large");
    // Under the limit the same server answers.
    let small = json!({"documents": [{"text": "The talks in Moscow ended on Wednesday without an agreement."}]});
    assert_eq!(post(addr, "/v1/summarize", &small.to_string()).status, 200);
}

#[test]
fn methods_health_and_page() {
    let m = get(server(), "/v1/methods").json();
    let names: Vec<&str> = m["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    for expected in newsbrief::Method::ALL.iter().map(|m| m.name()) {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert_eq!(
        m["methods"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["default"] == true)
            .count(),
        1
    );
    assert_eq!(get(server(), "/healthz").json()["status"], "ok");
    let page = get(server(), "/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("Load example"));
    for asset in ["/app.js", "/style.css"] {
        assert_eq!(get(server(), asset).status, 200, "{asset}");
    }
    let example = get(server(), "/v1/example").json();
    assert_eq!(example["documents"].as_array().unwrap().len(), 5);
}

#[test]
fn requests_beyond_the_concurrency_limit_wait_and_time_out_as_json() {
    // One slot and a timeout too short for a summary: a 504 in JSON, not a
    // hang and not a 500.
    let addr = start(ServerOptions {
        concurrency: 1,
        timeout: std::time::Duration::from_millis(1),
        ..ServerOptions::default()
    });
    let big: Vec<Value> = (0..40)
        .map(|i| json!({"text": format!("Report {i}. ").repeat(1) + &"The minister said the talks in Moscow would continue next week despite the dispute over Syria. ".repeat(40)}))
        .collect();
    let reply = post(
        addr,
        "/v1/summarize",
        &json!({"documents": big}).to_string(),
    );
    assert_eq!(reply.status, 504, "{}", reply.body);
    assert_eq!(error_code(&reply), "timeout");
}

#[test]
fn plain_string_documents_are_accepted_and_text_wins_over_html() {
    let text = "The council voted on Monday to close the old bridge for repairs. Work will start next week and last a month.";
    let reply = post(
        server(),
        "/v1/summarize",
        &json!({"documents": [text, {"text": text, "html": "<p>The mayor resigned on Tuesday after a long dispute with the council.</p>"}],
                "sentences": 2})
        .to_string(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let summary: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(summary.iter().all(|s| !s.contains("mayor")), "{summary:?}");
    assert!(summary.iter().any(|s| s.contains("bridge")), "{summary:?}");
    // A document of the wrong shape says what a document may be.
    let reply = post(server(), "/v1/summarize", r#"{"documents": [42]}"#);
    let message = reply.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("a string, or an object"), "{message}");
}

/// A page of navigation with one sentence: cleaning it takes a noticeable
/// fraction of a second (Readability scores every node), summarizing it
/// nothing, so a cluster of them is slow only in the per-document stage.
fn slow_page(i: usize) -> String {
    let nav: String = (0..8000)
        .map(|n| format!(r#"<div class="item"><span><a href="/x{n}">Item {n}</a></span></div>"#))
        .collect();
    format!(
        "<html><head><title>Page {i}</title></head><body>{nav}<article><p>The council said on Monday that bridge {i} would close for repairs next week, officials added.</p></article></body></html>"
    )
}

fn running(addr: SocketAddr) -> u64 {
    get(addr, "/healthz").json()["running"].as_u64().unwrap()
}

#[test]
fn a_timed_out_request_is_cancelled_and_holds_its_slot_until_the_work_stops() {
    let addr = start(ServerOptions {
        concurrency: 1,
        timeout: Duration::from_millis(300),
        body_limit: 64 * 1024 * 1024,
        ..ServerOptions::default()
    });
    // 32 pages: many seconds of cleaning if nothing stopped it.
    let pages: Vec<Value> = (0..32).map(|i| json!({"html": slow_page(i)})).collect();
    let reply = post(
        addr,
        "/v1/summarize",
        &json!({"documents": pages}).to_string(),
    );
    assert_eq!(reply.status, 504, "{}", reply.body);
    assert_eq!(error_code(&reply), "timeout");
    // The reply came while the first page was still being cleaned: the slot
    // is still taken, because the work, not the reply, holds it.
    assert_eq!(
        running(addr),
        1,
        "the slot must be held until the work stops"
    );
    // The work stops at the next document, long before the 32 pages would
    // be done (each takes a large fraction of a second).
    let since = Instant::now();
    while running(addr) != 0 {
        assert!(
            since.elapsed() < Duration::from_secs(8),
            "the cancelled work did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // With the slot free again, the next request is served.
    let reply = post(
        addr,
        "/v1/summarize",
        &json!({"documents": ["The council voted on Monday to close the old bridge for repairs next week."], "method": "lead"})
            .to_string(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
}

/// Reads until the server closes the connection; what it sent first.
fn read_until_closed(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return String::from_utf8_lossy(&got).to_string(),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return String::from_utf8_lossy(&got).to_string()
            }
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
    }
}

#[test]
fn slow_headers_and_idle_connections_are_dropped() {
    let addr = start(ServerOptions {
        header_timeout: Duration::from_millis(300),
        ..ServerOptions::default()
    });
    // Headers that never finish.
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.write_all(b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Ty")
        .unwrap();
    let reply = read_until_closed(&mut slow);
    assert!(!reply.contains(" 200 "), "{reply}");
    // A connection that never says anything.
    let mut idle = TcpStream::connect(addr).unwrap();
    assert!(!read_until_closed(&mut idle).contains(" 200 "));
    // The server still serves others.
    assert_eq!(get(addr, "/healthz").status, 200);
}

#[test]
fn a_body_that_stops_arriving_gets_a_json_408() {
    let addr = start(ServerOptions {
        body_idle_timeout: Duration::from_millis(300),
        ..ServerOptions::default()
    });
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .write_all(b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"documents\"")
        .unwrap();
    let reply = read_until_closed(&mut stream);
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(reply.contains("body_timeout"), "{reply}");
}
