//! RSS 2.0 / Atom (and RSS 1, JSON Feed) documents as articles, parsed by
//! the `feed-rs` crate.
//!
//! Takes a feed's bytes and the name to report it by (a file or URL) and
//! hands on one [`Article`] per entry: its link as id and URL, its title,
//! its content (else its summary) as text or HTML, its publication (else
//! update) time, and the feed's title as source. A document that is not a
//! feed, or broken XML, is an error naming the origin; an entry with
//! nothing to read is an error for that entry only.

use crate::error::{Error, Result};
use crate::stories::Article;

/// Parses a feed; see the module comment.
pub fn parse_feed(bytes: &[u8], origin: &str) -> Result<Vec<Result<Article>>> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Error::Unsupported {
        origin: origin.to_string(),
        message: match e {
            feed_rs::parser::ParseFeedError::ParseError(kind) => {
                format!("not an RSS or Atom feed ({kind})")
            }
            other => format!("broken feed: {other}"),
        },
    })?;
    let source = feed.title.as_ref().map(|t| t.content.trim().to_string());
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let link = entry
                .links
                .first()
                .map(|l| l.href.trim().to_string())
                .filter(|l| !l.is_empty());
            // feed-rs makes up a random UUID for an entry without an id and a
            // link, which would defeat de-duplication by id; the link is the
            // stable name of a news item, so it wins when there is one.
            let id = link.clone().unwrap_or(entry.id);
            let body = entry
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.map(|s| s.content));
            let (text, html) = match body {
                Some(b) if b.contains('<') => (None, Some(b)),
                Some(b) => (Some(b), None),
                None => (None, None),
            };
            let article = Article {
                id,
                date: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
                title: entry.title.map(|t| t.content),
                text,
                html,
                source: source.clone(),
                url: link,
                cluster: None,
            };
            if article.has_content() {
                Ok(article)
            } else {
                Err(Error::BadRecord {
                    origin: format!("{origin}: entry {}", i + 1),
                    id: Some(article.id),
                    message: "entry has no title, content or summary".into(),
                })
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>http://example.com/</link>
<item><title>Quake hits Chile</title><link>http://example.com/a</link>
<description>A magnitude 8.2 earthquake struck off northern Chile.</description>
<pubDate>Tue, 01 Apr 2014 23:50:00 GMT</pubDate></item>
<item><title>Apple &amp; the iPhone</title><link>http://example.com/b</link>
<description>&lt;p&gt;Apple showed a &lt;b&gt;new&lt;/b&gt; iPhone.&lt;/p&gt;</description></item>
<item><link>http://example.com/empty</link></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:feed</id>
<updated>2014-04-02T00:00:00Z</updated>
<entry><title>Tsunami warning lifted</title><id>urn:entry:1</id>
<link href="http://example.org/t"/><updated>2014-04-02T02:00:00Z</updated>
<content type="text">Chile lifted its tsunami warning.</content></entry>
</feed>"#;

    #[test]
    fn rss_items_become_articles_and_an_empty_item_is_its_own_error() {
        let items = parse_feed(RSS.as_bytes(), "wire.xml").unwrap();
        assert_eq!(items.len(), 3);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "http://example.com/a");
        assert_eq!(a.url.as_deref(), Some("http://example.com/a"));
        assert_eq!(a.title.as_deref(), Some("Quake hits Chile"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.timestamp().unwrap(), Some(1_396_396_200));
        assert!(a.text.as_deref().unwrap().contains("magnitude 8.2"));
        let b = items[1].as_ref().unwrap();
        assert_eq!(b.title.as_deref(), Some("Apple & the iPhone"));
        assert!(b.html.as_deref().unwrap().contains("<b>new</b>"));
        let err = items[2].as_ref().unwrap_err().to_string();
        assert!(err.contains("wire.xml: entry 3"), "{err}");
    }

    #[test]
    fn atom_entries_become_articles() {
        let items = parse_feed(ATOM.as_bytes(), "atom.xml").unwrap();
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "http://example.org/t");
        assert_eq!(a.source.as_deref(), Some("Atom wire"));
        assert_eq!(a.text.as_deref(), Some("Chile lifted its tsunami warning."));
        assert_eq!(a.timestamp().unwrap(), Some(1_396_404_000));
    }

    #[test]
    fn broken_and_non_feed_documents_are_clear_errors() {
        let broken = &RSS[..RSS.len() / 2];
        let e = parse_feed(broken.as_bytes(), "cut.xml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("cut.xml: "), "{e}");
        let e = parse_feed(b"<html><body>hi</body></html>", "page.html")
            .unwrap_err()
            .to_string();
        assert!(e.contains("page.html: not an RSS or Atom feed"), "{e}");
        let e = parse_feed(b"\x00\x01binary", "x.bin")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.bin: "), "{e}");
    }
}
