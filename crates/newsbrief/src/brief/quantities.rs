//! Quantity reading: the figures a sentence states.
//!
//! Takes the documents, the analysis, the TF-IDF representation and each
//! sentence's words; hands on [`Quantity`]s, each with its value, the
//! interval its wording allows, what it counts and the words around it.
//! `conflicts` groups them across articles.
//!
//! A quantity is a number (digits, "4.5 million", number words, "dozens",
//! ordinals such as "eighth") with its qualifier ("at least", "nearly",
//! "more than") and the noun it counts ("87 people", "60 missiles", "dozens
//! of Tomahawk"). Years, dates, clock times, identifiers ("Su-22", "Game
//! 1"), compound adjectives ("15-member") and "one" (too often a pronoun)
//! are not quantities. The counted noun is mapped to a class ("deaths",
//! "dead", "victims", "people" → people; "Tomahawk", "rockets" → missiles;
//! otherwise its Snowball stem) plus the event reported near the number
//! (killed, injured, missing, arrested, ...), so "killed at least 87
//! people", "nearly 100 deaths" and "the attack that killed dozens" share
//! the key "people killed". A person's age is keyed by the person ("age of
//! McKinney").

use std::ops::Range;

use rust_stemmers::Stemmer;

use crate::analyze::{Analysis, MONTHS};
use crate::clean::Document;
use crate::entities::{is_capitalized, Word};
use crate::represent::{Representation, SparseVec};

/// Words either side of a figure that say what it counts.
const CONTEXT_WORDS: usize = 8;

/// How a figure is qualified; decides the interval it allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Qualifier {
    Exact,
    AtLeast,
    Nearly,
    About,
    AtMost,
    /// "dozens", "hundreds": a vague plural.
    Vague(f64, f64),
}

/// One quantity found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Quantity {
    pub sentence: usize,
    pub value: f64,
    pub(super) qualifier: Qualifier,
    ordinal: bool,
    /// Counted-noun class and event, e.g. ("people", "killed").
    pub unit: String,
    pub event: Option<&'static str>,
    /// The wording, qualifier to counted noun.
    pub span: Range<usize>,
    /// IDF-weighted content words around the wording, normalised.
    pub(super) context: SparseVec,
}

impl Quantity {
    /// The values the wording allows.
    pub(super) fn interval(&self) -> (f64, f64) {
        let v = self.value;
        match self.qualifier {
            Qualifier::Exact => (v, v),
            Qualifier::AtLeast => (v, f64::INFINITY),
            Qualifier::Nearly => (0.85 * v, v),
            Qualifier::About => (0.85 * v, 1.15 * v),
            Qualifier::AtMost => (0.0, v),
            Qualifier::Vague(a, b) => (a, b),
        }
    }

    /// What it counts: unit and event, or unit marked ordinal.
    pub(super) fn key(&self) -> String {
        match self.event {
            Some(e) => format!("{} {e}", self.unit),
            None if self.ordinal => format!("{} (ordinal)", self.unit),
            None => self.unit.clone(),
        }
    }
}

const SMALL: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
];

const ORDINALS: &[(&str, f64)] = &[
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
];

const VAGUE: &[(&str, f64, f64)] = &[
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2000.0, 9999.0),
    ("millions", 2e6, 9.9e6),
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Qualifiers, longest first: words before the number → kind.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["at", "least"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::AtLeast),
    (&["over"], Qualifier::AtLeast),
    (&["upwards", "of"], Qualifier::AtLeast),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["up", "to"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["fewer", "than"], Qualifier::AtMost),
    (&["less", "than"], Qualifier::AtMost),
    (&["under"], Qualifier::AtMost),
];

/// Event words near a number → the event; the first class that matches
/// within six words wins, nearest first.
const EVENTS: &[(&str, &[&str])] = &[
    (
        "killed",
        &[
            "kill",
            "killed",
            "killing",
            "kills",
            "dead",
            "death",
            "deaths",
            "died",
            "die",
            "dying",
            "toll",
            "fatalities",
            "lives",
            "perished",
            "bodies",
            "drowned",
        ],
    ),
    (
        "injured",
        &[
            "injured", "wounded", "hurt", "injuries", "injuring", "wounding",
        ],
    ),
    ("missing", &["missing", "unaccounted"]),
    (
        "arrested",
        &["arrested", "detained", "arrests", "detentions"],
    ),
    (
        "displaced",
        &["homeless", "evacuated", "displaced", "fled", "refugees"],
    ),
];

/// Counted nouns → class.
const UNIT_CLASSES: &[(&str, &[&str])] = &[
    (
        "people",
        &[
            "people",
            "persons",
            "person",
            "civilians",
            "victims",
            "residents",
            "deaths",
            "dead",
            "fatalities",
            "lives",
            "casualties",
            "men",
            "women",
            "children",
            "passengers",
            "soldiers",
            "troops",
            "sailors",
        ],
    ),
    // Bodies found are counted apart from the dead ("59 bodies were found at
    // the scene and the 60th victim died at a hospital").
    ("bodies", &["bodies", "body", "corpses"]),
    (
        "missiles",
        &[
            "missiles",
            "missile",
            "tomahawk",
            "tomahawks",
            "rockets",
            "rocket",
        ],
    ),
    ("dollars", &["dollars", "dollar", "usd"]),
    ("percent", &["percent", "per", "pct"]),
];

/// Finds the quantities of every sentence.
/// `sentence_words` holds [`crate::entities::sentence_words`] of the same
/// cluster.
pub(crate) fn quantities(
    docs: &[Document],
    analysis: &Analysis,
    rep: &Representation,
    sentence_words: &[Vec<Word>],
) -> Vec<Quantity> {
    let stemmer = crate::analyze::stemmer();
    let mut out = Vec::new();
    for (si, (s, ws)) in analysis.sentences.iter().zip(sentence_words).enumerate() {
        let text = &docs[s.doc].text;
        let mut k = 0;
        while k < ws.len() {
            match read_quantity(text, ws, k, si, stemmer) {
                Some((mut q, next)) => {
                    q.context = context(analysis, rep, si, q.span.clone());
                    out.push(q);
                    k = next;
                }
                None => k += 1,
            }
        }
    }
    out
}

/// Content words within [`CONTEXT_WORDS`] of a quantity's wording (the
/// wording itself left out), weighted by IDF: what the number is about.
fn context(analysis: &Analysis, rep: &Representation, si: usize, span: Range<usize>) -> SparseVec {
    let toks = analysis.tokens_of(si);
    let first = toks
        .iter()
        .position(|t| t.span.start >= span.start)
        .unwrap_or(toks.len());
    let last = toks
        .iter()
        .rposition(|t| t.span.end <= span.end)
        .map_or(first, |i| (i + 1).max(first));
    let lo = first.saturating_sub(CONTEXT_WORDS);
    let hi = (last + CONTEXT_WORDS).min(toks.len());
    let mut v: Vec<(crate::analyze::TermId, f64)> = toks[lo..hi]
        .iter()
        .enumerate()
        .filter(|&(i, t)| !(first..last).contains(&(lo + i)) && !t.stop)
        .filter(|(_, t)| {
            !analysis
                .vocab
                .term(t.term)
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .map(|(_, t)| (t.term, rep.idf[t.term as usize]))
        .collect();
    v.sort_unstable_by_key(|&(t, _)| t);
    v.dedup_by_key(|&mut (t, _)| t);
    SparseVec(v).normalized()
}

fn lower(w: &Word) -> String {
    w.norm.to_lowercase()
}

/// Reads a quantity whose number starts at word `k`; returns it and the
/// next word to look at.
fn read_quantity(
    text: &str,
    ws: &[Word],
    k: usize,
    si: usize,
    stemmer: &Stemmer,
) -> Option<(Quantity, usize)> {
    if let Some(age) = read_age(text, ws, k, si) {
        return Some(age);
    }
    let raw = &text[ws[k].span.clone()];
    let low = raw.to_lowercase();
    let mut end = k + 1;
    let mut ordinal = false;
    let mut qualifier = Qualifier::Exact;
    let mut value: f64;
    if raw.chars().all(|c| c.is_ascii_digit() || c == '.')
        && raw.starts_with(|c: char| c.is_ascii_digit())
    {
        // Thousands separators split the word: "1,000" is "1" "000".
        let mut digits = raw.to_string();
        while end < ws.len()
            && &text[ws[end - 1].span.end..ws[end].span.start] == ","
            && ws[end].norm.len() == 3
            && ws[end].norm.chars().all(|c| c.is_ascii_digit())
        {
            digits.push_str(&ws[end].norm);
            end += 1;
        }
        // The tail of a number whose head was not a quantity ("1978,000").
        if k > 0 && &text[ws[k - 1].span.end..ws[k].span.start] == "," && digits.len() == 3 {
            return None;
        }
        value = digits.parse().ok()?;
        let before = text[..ws[k].span.start].chars().next_back();
        let after = text[ws[end - 1].span.end..].chars().next();
        // Clock times, scores, identifiers glued to letters.
        if matches!(after, Some(':') | Some('-'))
            || matches!(before, Some(':') | Some('-') | Some('/'))
        {
            return None;
        }
        // Years.
        if !digits.contains('.') && (1900.0..=2099.0).contains(&value) && digits.len() == 4 {
            return None;
        }
    } else if let Some(&(_, v)) = SMALL.iter().find(|(w, _)| *w == low) {
        value = v;
        if end < ws.len() && lower(&ws[end]).starts_with('-') {
            end += 1;
        }
    } else if let Some(&(_, v)) = ORDINALS.iter().find(|(w, _)| *w == low) {
        value = v;
        ordinal = true;
    } else if let Some(&(_, a, b)) = VAGUE.iter().find(|(w, _, _)| *w == low) {
        value = a;
        qualifier = Qualifier::Vague(a, b);
    } else if low == "half"
        && ws.get(k + 1).is_some_and(|w| lower(w) == "a")
        && ws
            .get(k + 2)
            .is_some_and(|w| MULTIPLIERS.iter().any(|(m, _)| *m == lower(w)))
    {
        // "half a million"
        value = 0.5;
        end = k + 2;
    } else if low == "dozen" && k > 0 && lower(&ws[k - 1]) == "a" {
        value = 12.0;
    } else if let Some(v) = ordinal_digits(&low) {
        value = v;
        ordinal = true;
    } else {
        return None;
    }
    // Hyphenated number words ("twenty-five") arrive as one word.
    if let Some((a, b)) = low.split_once('-') {
        let tens = SMALL.iter().find(|(w, _)| *w == a).map(|x| x.1);
        let ones = SMALL.iter().find(|(w, _)| *w == b).map(|x| x.1);
        match (tens, ones) {
            (Some(t), Some(o)) if t >= 20.0 && o < 10.0 => value = t + o,
            _ => return None,
        }
    }
    // Multipliers: "4.5 million", "two hundred".
    while end < ws.len() {
        match MULTIPLIERS.iter().find(|(w, _)| *w == lower(&ws[end])) {
            Some(&(_, m)) => {
                value *= m;
                end += 1;
            }
            None => break,
        }
    }
    // Dates: "April 4", "4 April".
    let prev = if k > 0 {
        lower(&ws[k - 1])
    } else {
        String::new()
    };
    let next = ws.get(end).map(lower).unwrap_or_default();
    if MONTHS.contains(&prev.as_str()) || MONTHS.contains(&next.as_str()) {
        return None;
    }
    // Identifiers: "Game 1", "Resolution 1441", "Flight 103".
    if k > 0 && ws[k - 1].norm.starts_with(|c: char| c.is_uppercase()) && !ordinal && k > 1 {
        let gap = &text[ws[k - 1].span.end..ws[k].span.start];
        if gap == " "
            && !["At", "More", "Nearly", "About", "Some", "Over", "Almost"]
                .contains(&ws[k - 1].norm.as_str())
        {
            return None;
        }
    }
    // "one", clock times ("2243 GMT") and wire-service editing marks
    // ("graf 5 pvs", DUC 2004's AP copy).
    if low == "one"
        || ["gmt", "est", "edt", "pvs", "am", "pm"].contains(&next.as_str())
        || prev == "graf"
    {
        return None;
    }
    // Qualifier before the number.
    let mut start = k;
    for (phrase, q) in QUALIFIERS {
        let n = phrase.len();
        if k >= n && (0..n).all(|i| lower(&ws[k - n + i]) == phrase[i]) {
            if matches!(qualifier, Qualifier::Exact) {
                qualifier = *q;
            }
            start = k - n;
            break;
        }
    }
    // The counted noun: after "of" for vague plurals ("dozens of Tomahawk"),
    // then the first content word, or the next one when it is the plural
    // head of a compound ("cruise missiles", "civilian deaths").
    let mut h = end;
    if ws.get(h).is_some_and(|w| lower(w) == "of") && adjacent(text, ws, h) {
        h += 1;
    }
    let mut head: Option<usize> = None;
    if h < ws.len() && adjacent(text, ws, h) && is_content(&lower(&ws[h])) {
        head = Some(h);
        let first = lower(&ws[h]);
        if h + 1 < ws.len() && adjacent(text, ws, h + 1) {
            let second = lower(&ws[h + 1]);
            if is_content(&second) && second.ends_with('s') && !first.ends_with('s') {
                head = Some(h + 1);
            }
        }
    }
    let dollars = text[..ws[k].span.start].ends_with('$');
    let head_word = head.map(|i| lower(&ws[i]));
    // "nautical miles" are not miles; "square kilometers" not kilometers.
    let measure = match head {
        Some(i)
            if i > h
                && ["nautical", "square", "cubic", "metric"].contains(&lower(&ws[h]).as_str()) =>
        {
            Some(lower(&ws[h]))
        }
        _ => None,
    };
    // "a town of 27,000", "a population of more than 26,000".
    let population = head.is_none()
        && start >= 2
        && lower(&ws[start - 1]) == "of"
        && [
            "town",
            "city",
            "village",
            "population",
            "capital",
            "nation",
            "country",
        ]
        .contains(&lower(&ws[start - 2]).as_str());
    let unit = if dollars {
        "dollars".to_string()
    } else {
        match &head_word {
            Some(w) => UNIT_CLASSES
                .iter()
                .find(|(_, ws)| ws.contains(&w.as_str()))
                .map(|(c, _)| c.to_string())
                .unwrap_or_else(|| stemmer.stem(w).into_owned()),
            None => String::new(),
        }
    };
    let event = event_near(ws, start, head.unwrap_or(end - 1), head_word.as_deref());
    let unit = match measure {
        Some(m) if !unit.is_empty() => format!("{m} {unit}"),
        _ => unit,
    };
    let unit = if unit.is_empty() && population {
        "people".to_string()
    } else if unit.is_empty() {
        // "the attack that killed dozens": the event implies people.
        match event {
            Some("killed" | "injured" | "missing" | "arrested" | "displaced") => "people".into(),
            _ => return None,
        }
    } else {
        unit
    };
    let last = head.unwrap_or(end - 1);
    Some((
        Quantity {
            sentence: si,
            value,
            qualifier,
            ordinal,
            unit,
            event,
            span: ws[start].span.start.min(ws[k].span.start)..ws[last].span.end,
            context: SparseVec(Vec::new()),
        },
        last + 1,
    ))
}

/// A person's age: "a 21-year-old freshman ... Shepard", "Shepard, a
/// 21-year-old", "Aaron McKinney, 22,". The key names the person, so ages of
/// different people never group and one person's ages group without
/// needing similar contexts.
fn read_age(text: &str, ws: &[Word], k: usize, si: usize) -> Option<(Quantity, usize)> {
    let raw = &text[ws[k].span.clone()];
    let low = raw.to_lowercase();
    let gap = |a: usize, b: usize| &text[ws[a].span.end..ws[b].span.start];
    let name_at = |i: usize| {
        i > 0
            && is_capitalized(&ws[i].norm)
            && !MONTHS.contains(&lower(&ws[i]).as_str())
            && ws[i].norm.len() > 1
    };
    let (value, subject) = if let Some(n) = low.strip_suffix("-year-old") {
        let value: f64 = match n.parse() {
            Ok(v) => v,
            Err(_) => SMALL.iter().find(|(w, _)| *w == n)?.1,
        };
        let back = (k >= 2
            && ["a", "an", "the"].contains(&lower(&ws[k - 1]).as_str())
            && gap(k - 2, k - 1).contains(',')
            && name_at(k - 2))
        .then_some(k - 2);
        let forward = (k + 1..(k + 5).min(ws.len())).find(|&i| name_at(i));
        (value, back.or(forward)?)
    } else {
        if k == 0 || !raw.chars().all(|c| c.is_ascii_digit()) || gap(k - 1, k) != ", " {
            return None;
        }
        let value: f64 = raw.parse().ok()?;
        let after = &text[ws[k].span.end..];
        let closes = after.starts_with(", ")
            || after.starts_with('.')
            || after.starts_with(';')
            || after.starts_with(')')
            || after.is_empty();
        if !(1.0..=110.0).contains(&value) || !closes || !name_at(k - 1) {
            return None;
        }
        (value, k - 1)
    };
    Some((
        Quantity {
            sentence: si,
            value,
            qualifier: Qualifier::Exact,
            ordinal: false,
            unit: format!("age of {}", ws[subject].norm),
            event: None,
            span: ws[k].span.clone(),
            context: SparseVec(Vec::new()),
        },
        k + 1,
    ))
}

fn ordinal_digits(low: &str) -> Option<f64> {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| low.strip_suffix(s))
        .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        .and_then(|d| d.parse().ok())
}

/// Whether word `i` follows word `i - 1` with only a space between.
fn adjacent(text: &str, ws: &[Word], i: usize) -> bool {
    i > 0 && text[ws[i - 1].span.end..ws[i].span.start].trim().is_empty()
}

fn is_content(w: &str) -> bool {
    w.chars().any(|c| c.is_alphabetic())
        && !crate::analyze::is_stop_word(w)
        && !MULTIPLIERS.iter().any(|(m, _)| *m == w)
}

/// The event reported near the number: the head noun itself ("deaths"),
/// else the nearest event word within six words either side.
fn event_near(ws: &[Word], start: usize, last: usize, head: Option<&str>) -> Option<&'static str> {
    let class_of = |w: &str| {
        EVENTS
            .iter()
            .find(|(_, words)| words.contains(&w))
            .map(|(e, _)| *e)
    };
    if let Some(e) = head.and_then(class_of) {
        return Some(e);
    }
    for d in 1..=6 {
        let candidates = [start.checked_sub(d), Some(last + d)];
        for i in candidates.into_iter().flatten() {
            if let Some(e) = ws.get(i).and_then(|w| class_of(&lower(w))) {
                return Some(e);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::clean::clean;
    use crate::ingest::RawDocument;
    use crate::segment::split_sentences;

    fn read(text: &str) -> Vec<(f64, String, String)> {
        let doc = clean(&RawDocument::text("a", text));
        let spans: Vec<_> = doc
            .blocks
            .iter()
            .flat_map(|b| split_sentences(&doc.text, b.clone()))
            .collect();
        let analysis = Analyzer::new().analyze(std::slice::from_ref(&doc), &[spans]);
        let rep = Representation::new(&analysis);
        let docs = std::slice::from_ref(&doc);
        let words = crate::entities::sentence_words(docs, &analysis);
        quantities(docs, &analysis, &rep, &words)
            .into_iter()
            .map(|q| (q.value, q.key(), doc.text[q.span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn reads_figures_from_real_sentences() {
        let q = read("Syria's government has denied responsibility for the gas attack in a rebel-held area of northern Syria that killed at least 87 people, many of them children.");
        assert_eq!(
            q,
            vec![(87.0, "people killed".into(), "at least 87 people".into())]
        );
        let q = read("Tensions flared recently when the US, after warning Russian forces in the area, launched nearly 60 missiles into Syria in response to the 4 April sarin attack on civilians in the Idlib province.");
        assert_eq!(
            q,
            vec![(60.0, "missiles".into(), "nearly 60 missiles".into())]
        );
        let q = read("In a blatant response to the alleged chemical attack, the US launched dozens of Tomahawk to destro the Shayrat airfield in Syria.");
        assert_eq!(
            q,
            vec![(24.0, "missiles".into(), "dozens of Tomahawk".into())]
        );
        let q = read("Trump ordered the strike, accusing the regime of the chemical attack that killed dozens, including children.");
        assert_eq!(q, vec![(24.0, "people killed".into(), "dozens".into())]);
        let q = read("This is the eighth time that Russian Federation has used its veto power at the UN Security Council since the bloody civil war began in 2011.");
        assert_eq!(
            q,
            vec![(8.0, "time (ordinal)".into(), "eighth time".into())]
        );
    }

    #[test]
    fn years_dates_times_and_identifiers_are_not_quantities() {
        assert!(read("The bloody civil war began in 2011 and the vote was on April 4 at 10:30 in Game 1 with a Su-22 and a 15-member council.").is_empty());
    }

    #[test]
    fn money_multipliers_and_separators() {
        let q = read("The company paid $4.5 million and hired 1,200 workers last year.");
        assert_eq!(q[0].0, 4_500_000.0);
        assert_eq!(q[0].1, "dollars");
        assert_eq!(q[1].0, 1200.0);
        assert_eq!(q[1].1, "worker");
    }
}
