//! Where the sources disagree: quantities, grouped across articles.
//!
//! Takes the documents, the analysis and the TF-IDF representation; hands on
//! [`Conflict`]s: the same quantity reported with different figures by
//! different articles, each with its own wording.
//!
//! A quantity is a number (digits, "4.5 million", number words, "dozens",
//! ordinals such as "eighth") with its qualifier ("at least", "nearly",
//! "more than") and the noun it counts ("87 people", "60 missiles", "dozens
//! of Tomahawk"). Years, dates, clock times, identifiers ("Su-22", "Game
//! 1"), compound adjectives ("15-member") and "one" (too often a pronoun)
//! are not quantities.
//!
//! Two mentions count the same thing when their keys match and their
//! sentences are about the same event. The key is the counted noun mapped to
//! a class ("deaths", "dead", "victims", "people" → people; "Tomahawk",
//! "rockets" → missiles; otherwise its Snowball stem) plus the event the
//! sentence reports near the number (killed, injured, missing, arrested,
//! ...), so "killed at least 87 people", "nearly 100 deaths" and "the attack
//! that killed dozens" share the key "people killed" while "10 countries
//! voted" and "our two countries" do not share a context. Same-event means
//! TF-IDF cosine of the two sentences of at least [`SAME_EVENT`]; mentions
//! are linked single-link within a key.
//!
//! A group disagrees when two articles state different values. Each
//! conflict says whether the figures can all be true at once (`compatible`:
//! "at least 87" and "nearly 100" can; "60" and "75" cannot), read from the
//! interval each wording allows.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use super::entities::{words, Word};
use super::{Conflict, Figure, Place};
use crate::analyze::Analysis;
use crate::clean::Document;
use crate::represent::Representation;

/// Sentence cosine at or above which two mentions with one key are taken to
/// report the same event; measured on the hand-labelled DUC 2004 groups
/// (tests/fixtures/conflicts_duc2004.jsonl).
pub const SAME_EVENT: f64 = 0.1;

/// How a figure is qualified; decides the interval it allows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Qualifier {
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
    qualifier: Qualifier,
    ordinal: bool,
    /// Counted-noun class and event, e.g. ("people", "killed").
    pub unit: String,
    pub event: Option<&'static str>,
    /// The wording, qualifier to counted noun.
    pub span: Range<usize>,
}

impl Quantity {
    fn interval(&self) -> (f64, f64) {
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

    fn key(&self) -> String {
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

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
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
            "bodies",
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
pub(crate) fn quantities(docs: &[Document], analysis: &Analysis) -> Vec<Quantity> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut out = Vec::new();
    for (si, s) in analysis.sentences.iter().enumerate() {
        let text = &docs[s.doc].text;
        let ws = words(text, s.span.clone());
        let mut k = 0;
        while k < ws.len() {
            match read_quantity(text, &ws, k, si, &stemmer) {
                Some((q, next)) => {
                    out.push(q);
                    k = next;
                }
                None => k += 1,
            }
        }
    }
    out
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
        if before == Some('$') {
            // handled as the unit below
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
    if low == "one" {
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
    let unit = if unit.is_empty() {
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
        },
        last + 1,
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

/// Groups quantities across articles and keeps the groups whose articles
/// state different values.
pub(crate) fn conflicts(
    docs: &[Document],
    analysis: &Analysis,
    rep: &Representation,
    qs: &[Quantity],
) -> Vec<Conflict> {
    // Single-link within a key.
    let n = qs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let keys: Vec<String> = qs.iter().map(Quantity::key).collect();
    for a in 0..n {
        for b in a + 1..n {
            if keys[a] != keys[b] {
                continue;
            }
            let (sa, sb) = (qs[a].sentence, qs[b].sentence);
            if sa == sb || rep.cosine(sa, sb) >= SAME_EVENT {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut root_group: std::collections::HashMap<usize, usize> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        let g = *root_group.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut out = Vec::new();
    for g in groups {
        // One figure per article and value, first mention first.
        let mut figures: Vec<&Quantity> = Vec::new();
        for &i in &g {
            let q = &qs[i];
            let doc = analysis.sentences[q.sentence].doc;
            let dup = figures
                .iter()
                .any(|f| analysis.sentences[f.sentence].doc == doc && f.value == q.value);
            if !dup {
                figures.push(q);
            }
        }
        let articles = |fs: &[&Quantity]| {
            let mut d: Vec<usize> = fs
                .iter()
                .map(|f| analysis.sentences[f.sentence].doc)
                .collect();
            d.sort_unstable();
            d.dedup();
            d.len()
        };
        if articles(&figures) < 2 {
            continue;
        }
        // Different articles must state different values.
        let disagree = figures.iter().any(|a| {
            figures.iter().any(|b| {
                analysis.sentences[a.sentence].doc != analysis.sentences[b.sentence].doc
                    && a.value != b.value
            })
        });
        if !disagree {
            continue;
        }
        let lo = figures
            .iter()
            .map(|f| f.interval().0)
            .fold(f64::MIN, f64::max);
        let hi = figures
            .iter()
            .map(|f| f.interval().1)
            .fold(f64::MAX, f64::min);
        let about = qs[g[0]].key().replace(" (ordinal)", "");
        out.push((
            articles(&figures),
            Conflict {
                about,
                compatible: lo <= hi,
                figures: figures
                    .iter()
                    .map(|q| {
                        let s = &analysis.sentences[q.sentence];
                        let text = &docs[s.doc].text;
                        Figure {
                            text: text[q.span.clone()].to_string(),
                            value: q.value,
                            sentence_text: text[s.span.clone()].to_string(),
                            place: Place {
                                article: s.doc,
                                sentence: s.index,
                                span: [q.span.start, q.span.end],
                            },
                        }
                    })
                    .collect(),
            },
        ));
    }
    // Most articles first, then contradictions before compatible wordings.
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.compatible.cmp(&b.1.compatible)));
    out.into_iter().map(|(_, c)| c).collect()
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
        quantities(std::slice::from_ref(&doc), &analysis)
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
