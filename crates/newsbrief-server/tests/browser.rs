//! End to end in a real browser: headless Chromium, driven over the W3C
//! WebDriver protocol by ChromeDriver, loads the page, presses "Load
//! example", runs it, and checks that the summary appears and that clicking
//! a citation highlights the cited sentence in its source.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them
//! when it runs as root); without them the test says so and passes.

mod support;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use newsbrief_server::ServerOptions;
use serde_json::{json, Value};
use support::{get, request, start};

fn find(names: &[&str], env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// ChromeDriver, killed when the test ends however it ends.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(s) = &self.session {
            let _ = request(self.addr, "DELETE", &format!("/session/{s}"), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let session = self.session.as_deref().unwrap_or("");
        let path = format!("/session/{session}{path}");
        let body = body.to_string();
        let reply = request(self.addr, method, &path, Some(body.as_bytes()));
        let v = reply.json();
        assert_eq!(reply.status, 200, "WebDriver {method} {path}: {v}");
        v["value"].clone()
    }

    fn script(&self, js: &str) -> Value {
        self.call("POST", "/execute/sync", json!({"script": js, "args": []}))
    }

    fn click(&self, css: &str) {
        let el = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        let id = el
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("element id")
            .to_string();
        self.call("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Polls `js` until it returns something truthy; panics after 20 s.
    fn wait_for(&self, js: &str, what: &str) -> Value {
        let start = Instant::now();
        loop {
            let v = self.script(js);
            let truthy = !(v.is_null() || v == json!(false) || v == json!(0) || v == json!(""));
            if truthy {
                return v;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; status: {}",
                self.script("return document.getElementById('status').textContent")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

#[test]
fn load_example_summarize_and_follow_a_citation() {
    let (Some(chromium), Some(chromedriver)) = (
        find(
            &["chromium", "chromium-browser", "google-chrome"],
            "NEWSBRIEF_CHROMIUM",
        ),
        find(&["chromedriver"], "NEWSBRIEF_CHROMEDRIVER"),
    ) else {
        support::skip(
            "load_example_summarize_and_follow_a_citation",
            "chromium and chromedriver not found (Debian: apt-get install chromium chromium-driver)",
        );
        return;
    };
    let server = start(ServerOptions::default());
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let mut driver = Driver {
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        session: None,
    };
    let start_wait = Instant::now();
    while std::net::TcpStream::connect(driver.addr).is_err() {
        assert!(
            start_wait.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(get(driver.addr, "/status").json()["value"]["ready"], true);

    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000"]
        }
    }}});
    let reply = request(
        driver.addr,
        "POST",
        "/session",
        Some(caps.to_string().as_bytes()),
    );
    let v = reply.json();
    assert_eq!(reply.status, 200, "new session: {v}");
    driver.session = Some(
        v["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string(),
    );

    driver.call("POST", "/url", json!({"url": format!("http://{server}/")}));
    driver.wait_for(
        "return document.querySelectorAll('#method option').length",
        "the method list",
    );
    driver.click("#load-example");
    driver.wait_for(
        "return document.querySelectorAll('#file-list li').length === 5",
        "the example's five articles",
    );
    driver.click("#run");
    let n = driver.wait_for(
        "return document.querySelectorAll('#summary .summary-sentence').length",
        "the summary",
    );
    assert!(n.as_u64().unwrap() >= 1);
    // The brief's sections are on the page too.
    let headings = driver.script(
        "return Array.from(document.querySelectorAll('.brief-section h3')).map(h => h.textContent)",
    );
    for section in [
        "Who said what",
        "Where the sources disagree",
        "Only in one source",
    ] {
        assert!(
            headings.as_array().unwrap().iter().any(|h| h == section),
            "{headings}"
        );
    }

    // Follow the first summary sentence's own citation.
    let cited = driver.script(
        "const p = document.querySelector('#summary .summary-sentence');\
         const c = p.querySelector('.cite');\
         return [p.firstChild.textContent, c.dataset.article, c.dataset.sentence];",
    );
    assert_eq!(
        driver.script("return document.querySelectorAll('.sent.highlight').length"),
        json!(0)
    );
    driver.click("#summary .summary-sentence .cite");
    let lit = driver.wait_for(
        "const h = document.querySelector('.sent.highlight'); return h ? [h.id, h.textContent] : null;",
        "a highlighted source sentence",
    );
    let (text, article, sentence) = (&cited[0], &cited[1], &cited[2]);
    assert_eq!(
        lit[0],
        json!(format!(
            "s-{}-{}",
            article.as_str().unwrap(),
            sentence.as_str().unwrap()
        ))
    );
    assert_eq!(&lit[1], text, "the highlighted sentence is the cited one");
    // Exactly one sentence is lit.
    assert_eq!(
        driver.script("return document.querySelectorAll('.sent.highlight').length"),
        json!(1)
    );

    // A word budget of 0 or "abc" is an error on the page, and the brief
    // from before is taken off the screen rather than left as if current.
    for bad in ["0", "abc"] {
        driver.script(&format!(
            "const w = document.getElementById('words'); w.type = 'text'; w.value = '{bad}'; return null;"
        ));
        driver.click("#run");
        let status = driver.wait_for(
            "const s = document.getElementById('status'); return s.classList.contains('error') ? s.textContent : null;",
            "the error message",
        );
        assert!(
            status.as_str().unwrap().contains("Words must be"),
            "{bad}: {status}"
        );
        assert_eq!(
            driver.script("return document.querySelectorAll('#summary .summary-sentence').length"),
            json!(0),
            "{bad}: the old brief is cleared"
        );
        driver.script("document.getElementById('status').classList.remove('error'); return null;");
    }
}
