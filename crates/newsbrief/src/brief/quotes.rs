//! Who said what: direct quotations with their speakers, merged across
//! sources.
//!
//! Takes the cleaned documents, the analysis (sentence spans) and the
//! [`Entities`] found in them; hands on [`Quote`]s, each with every article
//! that carries it.
//!
//! Quotation marks come in three styles in real news: straight `"`, curly
//! `“ ”`, and the wire services' `` ``...'' `` (DUC 2004 is AP and NYT text
//! in that style). They are paired within one paragraph, so an unclosed
//! quote (AP opens every paragraph of a long quote without closing it) costs
//! only itself. Quotes under three words are scare quotes ("low point"), not
//! statements, and are skipped.
//!
//! The speaker is read from the sentence around the quote, in this order:
//! after it ('"...", Lavrov said', '"...", said Lavrov', '"...", he said'),
//! then before it ('Tillerson said: "..."', 'Lavrov, referring to Iraq,
//! said, "..."', 'Tillerson said the view was that Assad "cannot stay"'). A
//! pronoun ("he said") is resolved only when unambiguous: to the speaker of
//! the previous sentence when it had one (reporters continue a speaker's
//! words that way), else to the one person the previous sentence names;
//! with two or more candidates the speaker stays unknown rather than guessed.
//! A sentence that is only a quote, following a quote with a known speaker,
//! continues that speaker's words.
//!
//! The same quote carried by several outlets is one [`Quote`]: quotes match
//! when the longest common subsequence of their words covers 80% of the
//! shorter one (tolerating "cannot"/"can not" and a changed word), and a
//! short quote is only merged into a long one when it has five words or more.

use std::ops::Range;

use super::{Place, Quote};
use crate::analyze::Analysis;
use crate::clean::Document;
use crate::entities::{words, Entities, SPEECH_VERBS};

/// Quotes with fewer words are scare quotes.
const MIN_QUOTE_WORDS: usize = 3;
/// LCS share of the shorter quote above which two quotes are the same.
const SAME_QUOTE: f64 = 0.8;

/// A quote found in one article.
#[derive(Debug, Clone)]
struct Found {
    text: String,
    norm: Vec<String>,
    speaker: Option<usize>,
    place: Place,
}

pub(crate) fn extract(docs: &[Document], analysis: &Analysis, entities: &Entities) -> Vec<Quote> {
    let mut found = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let range = analysis.doc_sentences[d].clone();
        if range.is_empty() {
            continue;
        }
        // Speaker of the previous sentence with a quote, for "he said".
        let mut last: Option<(usize, Option<usize>)> = None;
        for block in &doc.blocks {
            for q in pair_quotes(&doc.text, block.clone()) {
                let Some(si) = range
                    .clone()
                    .find(|&i| analysis.sentences[i].span.contains(&q.open.start))
                else {
                    continue;
                };
                let inner = q.open.end..q.close.start;
                let text = doc.text[inner.clone()]
                    .trim()
                    .trim_end_matches([',', ' '])
                    .to_string();
                let norm = normalize(&text);
                if norm.len() < MIN_QUOTE_WORDS {
                    continue;
                }
                let sent = analysis.sentences[si].span.clone();
                let prev = last.filter(|&(s, _)| s + 1 == si || s == si);
                let speaker = find_speaker(doc, analysis, entities, si, sent, &q, prev);
                last = Some((si, speaker));
                found.push(Found {
                    text,
                    norm,
                    speaker,
                    place: Place {
                        article: d,
                        sentence: analysis.sentences[si].index,
                        span: [inner.start, inner.end],
                    },
                });
            }
        }
    }
    merge(found, entities)
}

/// Byte ranges of an opening and a closing quotation mark.
#[derive(Debug, Clone)]
struct QuoteMarks {
    open: Range<usize>,
    close: Range<usize>,
}

/// Pairs quotation marks within `block` of `text`. Each style pairs with
/// itself (curly with curly, `` with '', straight with straight), so a
/// straight quote inside an unclosed wire-style quote still pairs.
fn pair_quotes(text: &str, block: Range<usize>) -> Vec<QuoteMarks> {
    let mut out = Vec::new();
    let mut open: [Option<Range<usize>>; 3] = [None, None, None];
    let s = &text[block.clone()];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = block.start + i;
        // (style, opens, byte length)
        let mark = match c {
            '“' => Some((0, true, c.len_utf8())),
            '”' => Some((0, false, c.len_utf8())),
            '`' if s[i..].starts_with("``") => {
                iter.next();
                Some((1, true, 2))
            }
            '\'' if s[i..].starts_with("''") => {
                iter.next();
                Some((1, false, 2))
            }
            '"' => {
                // A straight quote opens after a space or bracket when none
                // is open; otherwise it closes.
                let before = s[..i].chars().next_back();
                let opens = before.is_none_or(|b| b.is_whitespace() || "([{—–-".contains(b))
                    && open[2].is_none();
                Some((2, opens, 1))
            }
            _ => None,
        };
        let Some((style, is_open, len)) = mark else {
            continue;
        };
        if is_open {
            open[style] = Some(at..at + len);
        } else if let Some(o) = open[style].take() {
            out.push(QuoteMarks {
                open: o,
                close: at..at + len,
            });
        }
    }
    out.sort_by_key(|q| q.open.start);
    out
}

/// Lower-cased words of a quote, "cannot" split so it matches "can not".
fn normalize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase().replace('’', "'");
        if w == "cannot" {
            out.push("can".into());
            out.push("not".into());
        } else {
            out.push(w);
        }
    }
    out
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "He" | "She")
}

fn is_speech(w: &str) -> bool {
    SPEECH_VERBS.contains(&w.to_lowercase().as_str())
}

/// The speaker of quote `q` in sentence `si` (span `sent`), as an entity.
fn find_speaker(
    doc: &Document,
    analysis: &Analysis,
    entities: &Entities,
    si: usize,
    sent: Range<usize>,
    q: &QuoteMarks,
    prev: Option<(usize, Option<usize>)>,
) -> Option<usize> {
    let persons: Vec<&crate::entities::Mention> = entities.by_sentence[si]
        .iter()
        .filter(|m| entities.is_person(m.entity))
        .filter(|m| !(q.open.start..q.close.end).contains(&m.span.start))
        .collect();
    let resolve = || resolve_pronoun(analysis, entities, si, prev);

    // After the quote: '", Lavrov said', '", said Lavrov', '", he said'.
    let after_end = sent.end.max(q.close.end);
    let after = words(&doc.text, q.close.end..after_end);
    if let Some(first) = after.first() {
        if is_speech(&first.norm) {
            if after.get(1).is_some_and(|w| is_pronoun(&w.norm)) {
                return resolve();
            }
            let limit = after.get(8).map_or(after_end, |w| w.span.start);
            return persons
                .iter()
                .find(|m| m.span.start >= first.span.end && m.span.start < limit)
                .map(|m| m.entity);
        }
        if is_pronoun(&first.norm) && after.get(1).is_some_and(|w| is_speech(&w.norm)) {
            return resolve();
        }
        // A named subject within eight words, then a speech verb within
        // three words of it ('", the minister Sergei Lavrov told reporters').
        let limit = after.get(8).map_or(after_end, |w| w.span.start);
        for m in persons
            .iter()
            .filter(|m| m.span.start >= q.close.end && m.span.start < limit)
        {
            let next = after.iter().position(|w| w.span.start >= m.span.end);
            if let Some(k) = next {
                if after[k..].iter().take(3).any(|w| is_speech(&w.norm)) {
                    return Some(m.entity);
                }
            }
        }
    }

    // Before the quote: the last speech verb of the sentence before it, and
    // its subject (the nearest person before the verb, within eight words).
    let before = words(&doc.text, sent.start..q.open.start.max(sent.start));
    let Some(v) = before.iter().rposition(|w| is_speech(&w.norm)) else {
        // A sentence that is nothing but a quote, right after a quote with a
        // known speaker, continues that speaker's words (the wire services'
        // convention for consecutive quoted paragraphs).
        let bare = before.is_empty() && after.is_empty();
        return match prev {
            Some((s, speaker)) if bare && s + 1 == si => speaker,
            _ => None,
        };
    };
    if v > 0 && is_pronoun(&before[v - 1].norm) {
        return resolve();
    }
    let verb = before[v].span.start;
    let window = if v >= 8 {
        before[v - 8].span.start
    } else {
        sent.start
    };
    persons
        .iter()
        .filter(|m| m.span.end <= verb && m.span.start >= window)
        .max_by_key(|m| m.span.end)
        .map(|m| m.entity)
}

/// "he"/"she": the previous sentence's speaker, else the one person it (or
/// this sentence, outside quotes) names; None when ambiguous.
fn resolve_pronoun(
    analysis: &Analysis,
    entities: &Entities,
    si: usize,
    prev: Option<(usize, Option<usize>)>,
) -> Option<usize> {
    if let Some((_, Some(speaker))) = prev {
        return Some(speaker);
    }
    let s = &analysis.sentences[si];
    if s.index == 0 {
        return None;
    }
    let mut people: Vec<usize> = entities.by_sentence[si - 1]
        .iter()
        .filter(|m| entities.is_person(m.entity))
        .map(|m| m.entity)
        .collect();
    people.sort_unstable();
    people.dedup();
    match people.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Length of the longest common subsequence of two word lists.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

fn same_quote(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 5 && (short.len() as f64) < 0.6 * long.len() as f64 {
        return false;
    }
    lcs(short, long) as f64 >= SAME_QUOTE * short.len() as f64
}

fn merge(found: Vec<Found>, entities: &Entities) -> Vec<Quote> {
    let mut groups: Vec<Vec<Found>> = Vec::new();
    for f in found {
        // Two quotes in one article are two statements, however alike
        // ("a low state of trust" in one, "a low level of trust" later).
        let home = groups.iter_mut().find(|g| {
            !g.iter().any(|o| o.place.article == f.place.article) && same_quote(&g[0].norm, &f.norm)
        });
        match home {
            Some(g) => g.push(f),
            None => groups.push(vec![f]),
        }
    }
    let mut quotes: Vec<(usize, Quote)> = groups
        .into_iter()
        .enumerate()
        .map(|(order, g)| {
            // The speaker most members name; ties go to the first named.
            let mut votes: Vec<(usize, usize)> = Vec::new();
            for s in g.iter().filter_map(|f| f.speaker) {
                match votes.iter_mut().find(|v| v.0 == s) {
                    Some(v) => v.1 += 1,
                    None => votes.push((s, 1)),
                }
            }
            let speaker = votes
                .iter()
                .fold(None::<(usize, usize)>, |best, &v| match best {
                    Some(b) if b.1 >= v.1 => Some(b),
                    _ => Some(v),
                })
                .map(|(e, _)| entities.list[e].name.clone());
            let quote = Quote {
                text: g[0].text.clone(),
                speaker,
                sources: g.into_iter().map(|f| f.place).collect(),
            };
            (order, quote)
        })
        .collect();
    // Most-carried first; then attributed statements before fragments and
    // unattributed words; then the order they appear in.
    let rank = |q: &Quote| {
        (
            q.sources.len(),
            q.speaker.is_some(),
            q.text.split_whitespace().count() >= 5,
        )
    };
    quotes.sort_by(|a, b| rank(&b.1).cmp(&rank(&a.1)).then(a.0.cmp(&b.0)));
    quotes.into_iter().map(|(_, q)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_all_three_quote_styles() {
        let t = r#"He said "one two three" and “four five six” and ``seven eight nine'' ok."#;
        let q: Vec<&str> = pair_quotes(t, 0..t.len())
            .iter()
            .map(|q| &t[q.open.end..q.close.start])
            .collect();
        assert_eq!(
            q,
            vec!["one two three", "four five six", "seven eight nine"]
        );
    }

    #[test]
    fn an_unclosed_quote_costs_only_itself() {
        let t = r#"``First paragraph of a long quote "inner words here" end."#;
        let q: Vec<&str> = pair_quotes(t, 0..t.len())
            .iter()
            .map(|q| &t[q.open.end..q.close.start])
            .collect();
        assert_eq!(q, vec!["inner words here"]);
    }

    #[test]
    fn quotes_match_despite_small_differences() {
        let a = normalize(
            "The world's two foremost nuclear powers can not have this sort of relationship",
        );
        let b = normalize("two foremost nuclear powers cannot have this kind of relationship");
        assert!(same_quote(&a, &b));
        let c = normalize("low point");
        let d = normalize("relations are at a low point, he said, and falling");
        assert!(!same_quote(&c, &d));
    }
}
