//! Boilerplate that crawled articles share across unrelated stories.
//!
//! Takes an article's body pieces (stemmed terms per sentence-like piece)
//! and hands back the pieces worth reading. In the Multi-News stream, 600 of
//! 15,317 articles open with the same notices ("These crawls are part of an
//! effort to archive pages ...", "Tweet with a location ...", Alexa's crawl
//! donation): by words alone they pull hundreds of unrelated articles into
//! three giant stories. A piece that the stream has already carried in
//! `min_articles` articles is dropped, short ones too (the tweet notice
//! ends in a lone "Learn more", enough to join every such article); a
//! story's own shared sentences (wire copy) recur in a few articles, not
//! dozens, and within days. A piece's count is forgotten once it has not
//! recurred for `WINDOW` arrivals (boilerplate recurs constantly, so it
//! stays known; in Multi-News the tweet notice comes every ~75 articles),
//! and even a piece judged boilerplate is forgotten after `10 × WINDOW`
//! quiet arrivals, so memory stays bounded on an endless stream. Counts are
//! kept by 64-bit hash.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Arrivals after which a piece seen fewer than `min_articles` times is forgotten.
const WINDOW: u64 = 5_000;

#[derive(Debug, Default)]
pub(crate) struct Boilerplate {
    /// Piece hash → (articles carrying it, arrival of the latest).
    seen: HashMap<u64, (u32, u64)>,
    /// Arrival at which forgotten pieces were last swept out.
    swept: u64,
}

impl Boilerplate {
    /// The terms of `pieces` minus those already seen in `min_articles`
    /// articles; then counts this article's pieces. `seq` is its arrival number.
    pub fn filter(&mut self, pieces: &[Vec<String>], min_articles: u32, seq: u64) -> Vec<String> {
        let mut kept = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        for piece in pieces {
            // DefaultHasher::new() has fixed keys: the same piece hashes the same in every run.
            let mut h = std::collections::hash_map::DefaultHasher::new();
            piece.hash(&mut h);
            let hash = h.finish();
            if self.seen.get(&hash).is_none_or(|&(n, _)| n < min_articles) {
                kept.extend(piece.iter().cloned());
            }
            hashes.push(hash);
        }
        hashes.sort_unstable();
        hashes.dedup();
        for hash in hashes {
            let entry = self.seen.entry(hash).or_insert((0, seq));
            entry.0 += 1;
            entry.1 = seq;
        }
        if seq >= self.swept + WINDOW {
            self.swept = seq;
            self.seen.retain(|_, &mut (n, last)| {
                last + WINDOW > seq || (n >= min_articles && last + 10 * WINDOW > seq)
            });
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_piece_in_many_articles_is_dropped() {
        let mut b = Boilerplate::default();
        let notice = piece("crawl archiv page creat refer");
        for seq in 1..=3 {
            let own = piece(&format!("stori {seq} own word here"));
            let kept = b.filter(&[notice.clone(), own.clone(), piece("advertis")], 3, seq);
            assert!(kept.contains(&"crawl".to_string()), "article {seq}");
            assert!(kept.contains(&"advertis".to_string()));
            assert!(kept.contains(&"own".to_string()));
        }
        let kept = b.filter(
            &[
                notice.clone(),
                piece("fourth stori word here"),
                piece("advertis"),
            ],
            3,
            4,
        );
        assert!(!kept.contains(&"crawl".to_string()));
        assert!(kept.contains(&"fourth".to_string()));
        assert!(!kept.contains(&"advertis".to_string()));
    }

    #[test]
    fn rare_pieces_are_forgotten_after_the_window() {
        let mut b = Boilerplate::default();
        b.filter(&[piece("one two three four")], 3, 1);
        b.filter(&[piece("five six seven eight")], 3, WINDOW + 2);
        assert_eq!(b.seen.len(), 1);
    }
}
