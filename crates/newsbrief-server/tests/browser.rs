//! End to end in a real browser: headless Chromium, driven over the W3C
//! WebDriver protocol by ChromeDriver, loads the page, presses "Load
//! example", runs it, and checks that the summary appears and that clicking
//! a citation highlights the cited sentence in its source; and, on a server
//! with a story store, lists the stories and opens one's brief.
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

/// A headless Chromium session, or `None` (and a skip notice for `test`)
/// when Chromium or ChromeDriver is not installed.
fn browser(test: &str) -> Option<Driver> {
    let (Some(chromium), Some(chromedriver)) = (
        find(
            &["chromium", "chromium-browser", "google-chrome"],
            "NEWSBRIEF_CHROMIUM",
        ),
        find(&["chromedriver"], "NEWSBRIEF_CHROMEDRIVER"),
    ) else {
        support::skip(
            test,
            "chromium and chromedriver not found (Debian: apt-get install chromium chromium-driver)",
        );
        return None;
    };
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
    Some(driver)
}

#[test]
fn load_example_summarize_and_follow_a_citation() {
    let Some(driver) = browser("load_example_summarize_and_follow_a_citation") else {
        return;
    };
    let server = start(ServerOptions::default());
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

#[test]
fn stories_view_lists_stories_and_opens_a_brief_with_citations() {
    let Some(driver) = browser("stories_view_lists_stories_and_opens_a_brief_with_citations")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = start(ServerOptions {
        db: Some(dir.path().join("s.db")),
        ..ServerOptions::default()
    });
    let articles = json!([
        {"id": "q1", "date": "2014-04-01T23:50:00Z", "source": "AP",
         "title": "Magnitude 8.2 earthquake strikes off Chile near Iquique",
         "text": "A magnitude 8.2 earthquake struck off northern Chile near Iquique on Tuesday. A tsunami warning sent thousands to higher ground."},
        {"id": "p1", "date": "2014-04-02T00:10:00Z", "source": "Reuters",
         "title": "Apple unveils larger iPhone in Cupertino",
         "text": "Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino."},
        {"id": "q2", "date": "2014-04-02T02:00:00Z", "source": "BBC",
         "title": "Chile earthquake near Iquique kills six; tsunami warning lifted",
         "text": "Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile. The tsunami warning was lifted on Wednesday."}
    ]);
    let reply = support::post(server, "/v1/articles", &articles.to_string());
    assert_eq!(reply.json()["added"], 3, "{}", reply.body);

    driver.call("POST", "/url", json!({"url": format!("http://{server}/")}));
    let stories = driver.wait_for(
        "const v = document.getElementById('stories');\
         const items = Array.from(document.querySelectorAll('#story-list .story'));\
         return !v.hidden && items.length ? items.map(b => b.textContent) : null;",
        "the Stories view",
    );
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 2, "{stories:?}");
    // Newest first, with counts and the time span.
    let first = stories[0].as_str().unwrap();
    assert!(first.starts_with("Magnitude 8.2 earthquake"), "{first}");
    assert!(
        first.contains("2 articles · 2 sources · 2014-04-01 23:50 – 2014-04-02 02:00"),
        "{first}"
    );
    driver.click("#story-list li:first-child .story");
    let n = driver.wait_for(
        "return document.querySelectorAll('#summary .summary-sentence').length",
        "the story's summary",
    );
    assert!(n.as_u64().unwrap() >= 1);
    assert_eq!(
        driver.script("return document.querySelectorAll('#sources .source').length"),
        json!(2)
    );
    driver.click("#summary .summary-sentence .cite");
    let lit = driver.wait_for(
        "const h = document.querySelector('.sent.highlight'); return h ? h.textContent : null;",
        "a highlighted source sentence",
    );
    assert!(!lit.as_str().unwrap().is_empty());
}
