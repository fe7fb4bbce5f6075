use super::*;

fn chile(id: &str, date: &str, title: &str, text: &str) -> Article {
    let mut a = Article::new(id, Some(title), text).with_date(date);
    a.source = Some(format!("source-{id}"));
    a
}

fn stream() -> Vec<Article> {
    vec![
        chile(
            "q1",
            "2014-04-01T23:50:00Z",
            "Magnitude 8.2 earthquake strikes off Chile near Iquique",
            "A magnitude 8.2 earthquake struck off northern Chile near Iquique, and a tsunami warning sent thousands to higher ground.",
        ),
        chile(
            "p1",
            "2014-04-02T00:10:00Z",
            "Apple unveils larger iPhone in Cupertino",
            "Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino.",
        ),
        chile(
            "q2",
            "2014-04-02T02:00:00Z",
            "Chile earthquake near Iquique kills six; tsunami warning lifted",
            "Six people died after the magnitude 8.2 earthquake near Iquique in northern Chile; the tsunami warning was lifted.",
        ),
        chile(
            "p2",
            "2014-04-02T03:00:00Z",
            "New iPhone from Apple gets a larger screen",
            "The iPhone that Apple unveiled in Cupertino has a larger screen and a faster chip, and goes on sale Friday.",
        ),
    ]
}

fn new_ids(results: &[Result<Added>]) -> Vec<(String, StoryId)> {
    results
        .iter()
        .filter_map(|r| match r {
            Ok(Added::New { id, story }) => Some((id.clone(), *story)),
            _ => None,
        })
        .collect()
}

#[test]
fn stories_group_articles_and_list_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let added = new_ids(&store.add(&stream()).unwrap());
    assert_eq!(added.len(), 4);
    assert_eq!(
        added[0].1, added[2].1,
        "the two Chile articles share a story"
    );
    assert_eq!(added[1].1, added[3].1);
    assert_ne!(added[0].1, added[1].1);
    let list = store.stories(None).unwrap();
    assert_eq!(list.len(), 2);
    // The Apple story got the latest article.
    assert_eq!(list[0].headline, "Apple unveils larger iPhone in Cupertino");
    assert_eq!((list[0].articles, list[0].sources), (2, 2));
    assert_eq!(list[1].first_seen.as_deref(), Some("2014-04-01T23:50:00Z"));
    assert_eq!(list[1].last_seen.as_deref(), Some("2014-04-02T02:00:00Z"));
}

#[test]
fn re_adding_by_id_url_or_text_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    store.add(&stream()).unwrap();
    let first = store.stories(None).unwrap();
    // Same ids.
    let again = store.add(&stream()).unwrap();
    assert_eq!(store.stories(None).unwrap(), first);
    assert!(again
        .iter()
        .all(|r| matches!(r, Ok(Added::Duplicate { .. }))));
    // Same text under a new id, re-flowed and re-cased.
    let mut copy = stream()[0].clone();
    copy.id = "copy".into();
    copy.text = Some(copy.text.unwrap().to_uppercase().replace(' ', "\n  "));
    // Same URL as a stored article, other text.
    let mut a = Article::new("u1", Some("First"), "Some text about the Chile earthquake.");
    a.url = Some("http://x/1".into());
    store.add(&[a]).unwrap();
    let mut b = Article::new("u2", Some("Second"), "Other words entirely, about markets.");
    b.url = Some("http://x/1".into());
    let r = store.add(&[copy, b]).unwrap();
    assert_eq!(
        r[0].as_ref().unwrap(),
        &Added::Duplicate {
            id: "copy".into(),
            of: "q1".into()
        }
    );
    assert_eq!(
        r[1].as_ref().unwrap(),
        &Added::Duplicate {
            id: "u2".into(),
            of: "u1".into()
        }
    );
    assert_eq!(store.article_count().unwrap(), 5);
    let before = store.stories(None).unwrap();
    drop(store);
    // A fresh process sees the same stories, and re-adding there is a no-op too.
    let mut store = Store::open(&path).unwrap();
    store.add(&stream()).unwrap();
    assert_eq!(store.stories(None).unwrap(), before);
    assert_eq!(store.article_count().unwrap(), 5);
}

#[test]
fn a_bad_article_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let mut batch = stream();
    batch.insert(
        1,
        Article::new("bad", Some("Dated badly"), "text").with_date("yesterday"),
    );
    batch.insert(2, Article::new("empty", None, " "));
    let r = store.add(&batch).unwrap();
    assert!(r[1].as_ref().unwrap_err().to_string().contains("yesterday"));
    assert!(r[2].is_err());
    assert_eq!(new_ids(&r).len(), 4);
    assert_eq!(store.article_count().unwrap(), 4);
}

#[test]
fn batches_and_processes_agree_with_one_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.db");
    let mut store = Store::open(&one).unwrap();
    store.add(&stream()).unwrap();
    let whole = store.stories(None).unwrap();
    // Two writers on one file, taking turns: each catches up on the other's rows.
    let two = dir.path().join("two.db");
    let mut a = Store::open(&two).unwrap();
    let mut b = Store::open(&two).unwrap();
    let s = stream();
    a.add(&s[..1]).unwrap();
    b.add(&s[1..3]).unwrap();
    let last = a.add(&s[3..]).unwrap();
    assert_eq!(b.stories(None).unwrap(), whole);
    // `a` clustered p2 with p1, which `b` stored.
    let apple = whole.iter().find(|s| s.headline.contains("Apple")).unwrap();
    assert_eq!(new_ids(&last)[0].1, apple.id);
}

#[test]
fn show_gives_summary_brief_and_articles_and_refreshes_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let s = stream();
    let r = store.add(&s[..2]).unwrap();
    let chile = new_ids(&r)[0].1;
    let first = store.story(chile).unwrap().unwrap();
    assert_eq!(first.articles.len(), 1);
    assert!(first.summary.brief.is_some());
    assert!(!first.summary.sentences.is_empty());
    store.add(&s[2..3]).unwrap();
    let second = store.story(chile).unwrap().unwrap();
    let ids: Vec<&str> = second.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2"]);
    assert_eq!(
        second.summary.documents.len(),
        2,
        "the cached summary was refreshed"
    );
    // Cached now: a second show reads the same summary.
    let third = store.story(chile).unwrap().unwrap();
    assert_eq!(third.summary, second.summary);
    assert!(store.story(999).unwrap().is_none());
}

#[test]
fn feed_state_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.db")).unwrap();
    assert_eq!(store.feed_state("http://f").unwrap(), FeedState::default());
    let state = FeedState {
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    store.set_feed_state("http://f", &state).unwrap();
    assert_eq!(store.feed_state("http://f").unwrap(), state);
}
