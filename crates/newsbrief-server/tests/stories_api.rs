//! The story routes (`serve --db`) against a real server on a loopback port.

mod support;

use newsbrief_server::ServerOptions;
use serde_json::{json, Value};
use support::{get, post, request, start};

fn articles() -> Value {
    json!([
        {"id": "q1", "date": "2014-04-01T23:50:00Z", "source": "AP",
         "title": "Magnitude 8.2 earthquake strikes off Chile near Iquique",
         "text": "A magnitude 8.2 earthquake struck off northern Chile near Iquique, and a tsunami warning sent thousands to higher ground."},
        {"id": "p1", "date": "2014-04-02T00:10:00Z", "source": "Reuters",
         "title": "Apple unveils larger iPhone in Cupertino",
         "text": "Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino."},
        {"id": "bad", "date": "last Tuesday", "title": "Dated badly", "text": "Some text."},
        {"id": "q2", "date": "2014-04-02T02:00:00Z", "source": "BBC",
         "title": "Chile earthquake near Iquique kills six; tsunami warning lifted",
         "text": "Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile; the tsunami warning was lifted."}
    ])
}

#[test]
fn ingest_list_and_show_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(ServerOptions {
        db: Some(dir.path().join("s.db")),
        ..ServerOptions::default()
    });
    assert_eq!(get(addr, "/v1/stories").json(), json!({"stories": []}));

    let reply = post(addr, "/v1/articles", &articles().to_string());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    assert_eq!(
        (v["added"].as_u64(), v["failed"].as_u64()),
        (Some(3), Some(1))
    );
    let results = v["results"].as_array().unwrap();
    assert_eq!(results[2]["status"], "error");
    assert!(results[2]["message"]
        .as_str()
        .unwrap()
        .contains("articles[2]"));
    assert_eq!(results[0]["story"], results[3]["story"]);

    // Idempotent: the same articles again change nothing.
    let again = post(
        addr,
        "/v1/articles",
        &json!({"articles": articles()}).to_string(),
    )
    .json();
    assert_eq!(
        (again["added"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(3))
    );

    let list = get(addr, "/v1/stories").json();
    let stories = list["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    let chile = &stories[0];
    assert_eq!(chile["articles"], 2);
    assert_eq!(chile["sources"], 2);
    assert_eq!(chile["first_seen"], "2014-04-01T23:50:00Z");
    assert_eq!(
        get(addr, "/v1/stories?limit=1").json()["stories"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let id = chile["id"].as_u64().unwrap();
    let story = get(addr, &format!("/v1/stories/{id}"));
    assert_eq!(story.status, 200, "{}", story.body);
    let story = story.json();
    assert!(!story["sentences"].as_array().unwrap().is_empty());
    assert!(story["brief"].is_object());
    assert_eq!(story["story"]["headline"], chile["headline"]);
    assert_eq!(story["articles"].as_array().unwrap().len(), 2);
    assert!(story.get("sources_text").is_none());
    let with = get(addr, &format!("/v1/stories/{id}?include_sources=true")).json();
    assert_eq!(with["sources_text"].as_array().unwrap().len(), 2);

    let missing = get(addr, "/v1/stories/999");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["code"], "not_found");
    let bad = get(addr, "/v1/stories/abc");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "bad_request");
    let not_json = post(addr, "/v1/articles", "{nope");
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.json()["error"]["code"], "bad_request");
    let wrong = request(addr, "DELETE", "/v1/stories", None);
    assert_eq!(wrong.status, 405);
}

#[test]
fn without_a_store_the_story_routes_are_absent() {
    let addr = start(ServerOptions::default());
    let reply = get(addr, "/v1/stories");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error"]["code"], "not_found");
}
