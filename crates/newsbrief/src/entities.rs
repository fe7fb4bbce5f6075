//! Who and what is named: people, organizations and places, aliases unified.
//!
//! Takes the cluster's sentences and hands on [`Entities`]: the unified
//! [`Entity`] list (with mentions per article) and, per sentence, where each
//! mention sits. The brief's quote attributor reads it to find speakers, and
//! selection's paraphrase test (`summarize::paraphrase`) to see that
//! "Russian Federation" and "Russia" are one actor.
//!
//! Rules and a gazetteer, no model (a statistical NER would need weights we
//! cannot ship or download). A name is a run of capitalized words with no
//! punctuation between them ("Russian Foreign Minister Sergei Lavrov"). The
//! run is read left to right: the longest gazetteer alias wins ("Russian
//! Federation" → Russia, "U.S." / "USA" / "United States" → United States),
//! demonyms ("Russian") and titles ("Foreign Minister", "Mr") are modifiers,
//! and what is left is a name candidate. Candidates are grouped by surname
//! ("Rex Tillerson", "Mr Tillerson", "Tillerson") unless their last word marks
//! an organization ("... Council", "... Ministry"). The kind of a grouped name
//! is voted from its contexts across the cluster: a title, an honorific or a
//! speech verb ("Lavrov said") makes a person; "in"/"at"/"near" before it a
//! place; an organization suffix an organization. A capitalized word at the
//! start of a sentence that the cluster also uses in lower case ("Despite",
//! "Tensions") is not a name.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::analyze::{is_calendar_name, Analysis};
use crate::clean::Document;

/// Kinds of named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party or other organization.
    Organization,
    /// A country, city or other place.
    Place,
    /// Named, but of no kind above.
    Other,
}

/// A person, organization or place, with its aliases unified.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// The fullest name used.
    pub name: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Every other form used for it ("Tillerson", "Mr Tillerson").
    pub aliases: Vec<String>,
    /// Mentions per article, indexed like `documents`.
    pub mentions: Vec<usize>,
}

/// One word of a sentence as the brief reads it.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub span: Range<usize>,
    /// The word with dots removed ("U.S." → "US"), possessive cut off.
    pub norm: String,
    /// Followed directly by a possessive `'s`.
    pub possessive: bool,
}

/// Splits `text[span]` into words: letters and digits with inner
/// apostrophes, hyphens and dots ("al-Assad", "U.S.", "O'Brien").
pub(crate) fn words(text: &str, span: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = span.start;
    while i < span.end {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < span.end {
            let c = text[j..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                j += c.len_utf8();
                end = j;
            } else if matches!(c, '\'' | '’' | '-' | '.') {
                // Inner joiner only when a letter or digit follows.
                let next = text[j + c.len_utf8()..span.end].chars().next();
                if next.is_some_and(|n| n.is_alphanumeric()) {
                    j += c.len_utf8();
                } else {
                    // "U.S." keeps its final dot as part of the word.
                    if c == '.' && is_dotted_abbrev(&text[start..j]) {
                        end = j + 1;
                    }
                    break;
                }
            } else {
                break;
            }
        }
        let mut raw = &text[start..end];
        let mut possessive = false;
        for suffix in ["'s", "’s", "'", "’"] {
            if raw.len() > suffix.len() + 1 && raw.ends_with(suffix) {
                raw = &raw[..raw.len() - suffix.len()];
                possessive = true;
                break;
            }
        }
        let norm: String = raw.chars().filter(|&c| c != '.').collect();
        out.push(Word {
            span: start..start + raw.len(),
            norm,
            possessive,
        });
        i = end.max(start + 1);
    }
    out
}

/// "U.S", "U.N", "a.m": single letters joined by dots.
fn is_dotted_abbrev(s: &str) -> bool {
    s.contains('.') && s.split('.').all(|p| p.chars().count() == 1)
}

/// Titles, honorifics and roles that precede a person's name and are not
/// part of it.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "Justice",
    "Secretary",
    "General",
    "Gen",
    "Lt",
    "Col",
    "Capt",
    "Maj",
    "Sgt",
    "Adm",
    "Cmdr",
    "Commander",
    "Chief",
    "Deputy",
    "Ambassador",
    "Envoy",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Cardinal",
    "Bishop",
    "Archbishop",
    "Rev",
    "Father",
    "Sen",
    "Senator",
    "Rep",
    "Representative",
    "Gov",
    "Governor",
    "Mayor",
    "Judge",
    "Chairman",
    "Chairwoman",
    "Speaker",
    "Spokesman",
    "Spokeswoman",
    "Premier",
    "Leader",
    "Director",
    "Executive",
    "CEO",
    "Attorney",
    "Officer",
    "Strongman",
    "Dictator",
    "Sheikh",
    "State",
    "Of",
];

/// Last words that make a name an organization.
const ORG_SUFFIXES: &[&str] = &[
    "Council",
    "Ministry",
    "Department",
    "Agency",
    "Party",
    "Organization",
    "Organisation",
    "Group",
    "Bank",
    "Company",
    "Corp",
    "Corporation",
    "Inc",
    "Ltd",
    "University",
    "Committee",
    "Commission",
    "Army",
    "Forces",
    "Force",
    "Network",
    "News",
    "Times",
    "Post",
    "Union",
    "Association",
    "Institute",
    "Office",
    "Court",
    "Parliament",
    "Assembly",
    "Federation",
    "Front",
    "Movement",
    "Service",
    "Authority",
    "Fund",
    "Foundation",
    "Club",
    "League",
    "Airlines",
    "Administration",
    "Program",
    "Programme",
    "Bureau",
    "Center",
    "Centre",
    "Alliance",
    "Coalition",
    "Society",
    "Police",
    "Navy",
    "Guard",
    "Church",
    "Exchange",
];

/// Verbs that introduce reported speech.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "continued",
    "stated",
    "declared",
    "insisted",
    "warned",
    "noted",
    "argued",
    "explained",
    "asked",
    "replied",
    "wrote",
    "writes",
    "announced",
    "tweeted",
    "stressed",
    "claimed",
    "acknowledged",
    "conceded",
    "recalled",
    "urged",
    "remarked",
    "quipped",
    "complained",
    "admitted",
    "predicted",
    "asserted",
    "cautioned",
];

/// Words that join parts of one name ("Bank of England", "bin Laden").
const CONNECTORS: &[&str] = &[
    "of", "de", "da", "bin", "ibn", "van", "von", "der", "la", "le",
];

/// The gazetteer (`data/gazetteer.tsv`), parsed once.
struct Gazetteer {
    /// Alias (dots removed, words joined by one space) → (kind, canonical).
    aliases: HashMap<String, (EntityKind, &'static str)>,
    demonyms: HashSet<String>,
    longest: usize,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut aliases = HashMap::new();
        let mut demonyms = HashSet::new();
        let mut longest = 1;
        for line in include_str!("../data/gazetteer.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(kind), Some(canonical)) = (cols.next(), cols.next()) else {
                continue;
            };
            let others = cols.next().unwrap_or("");
            let names = std::iter::once(canonical).chain(others.split('|'));
            for name in names.filter(|n| !n.is_empty()) {
                let key = normalize_alias(name);
                longest = longest.max(key.split(' ').count());
                match kind {
                    "demonym" => {
                        demonyms.insert(key);
                    }
                    "place" => {
                        aliases.insert(key, (EntityKind::Place, canonical));
                    }
                    _ => {
                        aliases.insert(key, (EntityKind::Organization, canonical));
                    }
                }
            }
        }
        Gazetteer {
            aliases,
            demonyms,
            longest,
        }
    })
}

fn normalize_alias(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.replace('.', ""))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn is_capitalized(w: &str) -> bool {
    let rest = ["al-", "el-", "bin-", "Al-", "El-"]
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .unwrap_or(w);
    rest.chars().next().is_some_and(|c| c.is_uppercase())
}

/// One mention of an entity in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Byte span in the article's text.
    pub span: Range<usize>,
    /// Index into [`Entities::list`].
    pub entity: usize,
}

/// The unified entities and where they are mentioned.
pub(crate) struct Entities {
    pub list: Vec<Entity>,
    /// Per sentence of the analysis, its mentions in text order.
    pub by_sentence: Vec<Vec<Mention>>,
}

impl Entities {
    pub fn is_person(&self, entity: usize) -> bool {
        self.list[entity].kind == EntityKind::Person
    }
}

/// A name candidate before grouping.
struct Candidate {
    sentence: usize,
    span: Range<usize>,
    words: Vec<String>,
    /// Gazetteer hit: kind and canonical name.
    known: Option<(EntityKind, &'static str)>,
    titled: bool,
    speech_after: bool,
    place_before: bool,
}

/// Every sentence's [`words`], split once for all of the brief's readers.
pub(crate) fn sentence_words(docs: &[Document], analysis: &Analysis) -> Vec<Vec<Word>> {
    analysis
        .sentences
        .iter()
        .map(|s| words(&docs[s.doc].text, s.span.clone()))
        .collect()
}

/// `sentence_words` holds [`sentence_words`] of the same cluster.
pub(crate) fn extract(
    docs: &[Document],
    analysis: &Analysis,
    sentence_words: &[Vec<Word>],
) -> Entities {
    let g = gazetteer();
    // Words the cluster writes in lower case: a sentence-initial "Despite" is
    // then not a name.
    let lower: HashSet<String> = sentence_words
        .iter()
        .flatten()
        .filter(|w| w.norm.chars().next().is_some_and(|c| c.is_lowercase()))
        .map(|w| w.norm.clone())
        .collect();
    let mut cands = Vec::new();
    for (si, ws) in sentence_words.iter().enumerate() {
        let text = &docs[analysis.sentences[si].doc].text;
        chunk_sentence(text, ws, si, g, &lower, &mut cands);
    }
    // A one-word candidate seen only at sentence starts ("Earlier,",
    // "However,") is an ordinary word the cluster never writes in lower case.
    let mut inside: HashSet<&str> = HashSet::new();
    for c in &cands {
        let first = &sentence_words[c.sentence][0];
        if c.span.start != first.span.start || c.words.len() > 1 {
            c.words.iter().for_each(|w| {
                inside.insert(w.as_str());
            });
        }
    }
    let inside: HashSet<String> = inside.into_iter().map(str::to_string).collect();
    cands.retain(|c| {
        let first = &sentence_words[c.sentence][0];
        c.known.is_some()
            || c.words.len() > 1
            || c.span.start != first.span.start
            || inside.contains(&c.words[0])
    });
    // Compounds of known names ("US-Russia") are not names themselves.
    cands.retain(|c| {
        c.known.is_some()
            || !c.words.iter().any(|w| {
                w.split('-')
                    .any(|part| g.aliases.contains_key(part) || g.demonyms.contains(part))
            })
    });
    group(cands, docs.len(), analysis)
}

fn chunk_sentence(
    text: &str,
    ws: &[Word],
    si: usize,
    g: &Gazetteer,
    lower: &HashSet<String>,
    out: &mut Vec<Candidate>,
) {
    let adjacent =
        |a: &Word, b: &Word| text[a.span.end..b.span.start].trim().is_empty() && !a.possessive;
    let mut i = 0;
    while i < ws.len() {
        if !is_capitalized(&ws[i].norm) {
            i += 1;
            continue;
        }
        // The run of capitalized words (and inner connectors).
        let mut j = i + 1;
        while j < ws.len() && adjacent(&ws[j - 1], &ws[j]) {
            if is_capitalized(&ws[j].norm) {
                j += 1;
            } else if CONNECTORS.contains(&ws[j].norm.as_str())
                && j + 1 < ws.len()
                && is_capitalized(&ws[j + 1].norm)
                && adjacent(&ws[j], &ws[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        read_run(ws, i..j, si, g, lower, out);
        i = j;
    }
}

fn read_run(
    ws: &[Word],
    run: Range<usize>,
    si: usize,
    g: &Gazetteer,
    lower: &HashSet<String>,
    out: &mut Vec<Candidate>,
) {
    let mut k = run.start;
    let mut titled = false;
    let mut name_start: Option<usize> = None;
    let flush = |from: Option<usize>, to: usize, titled: bool, out: &mut Vec<Candidate>| {
        let Some(mut a) = from else { return };
        // Sentence-initial ordinary words and calendar words are not names.
        while a < to
            && (is_calendar_name(&ws[a].norm)
                || (a == 0 && lower.contains(&ws[a].norm.to_lowercase()))
                || CONNECTORS.contains(&ws[a].norm.as_str()))
        {
            a += 1;
        }
        let mut b = to;
        while b > a
            && (CONNECTORS.contains(&ws[b - 1].norm.as_str()) || is_calendar_name(&ws[b - 1].norm))
        {
            b -= 1;
        }
        if a >= b || ws[a..b].iter().all(|w| w.norm.len() < 2) {
            return;
        }
        let words: Vec<String> = ws[a..b].iter().map(|w| w.norm.clone()).collect();
        out.push(Candidate {
            sentence: si,
            span: ws[a].span.start..ws[b - 1].span.end,
            words,
            known: None,
            titled,
            speech_after: speech_follows(ws, b),
            place_before: a > 0
                && ["in", "at", "near", "from", "to", "into"].contains(&ws[a - 1].norm.as_str()),
        });
    };
    while k < run.end {
        // Longest gazetteer alias starting here.
        let mut hit = None;
        let max = g.longest.min(run.end - k);
        for len in (1..=max).rev() {
            let key = ws[k..k + len]
                .iter()
                .map(|w| w.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(&v) = g.aliases.get(&key) {
                hit = Some((len, Some(v)));
                break;
            }
            if g.demonyms.contains(&key) {
                hit = Some((len, None));
                break;
            }
        }
        if let Some((len, known)) = hit {
            flush(name_start.take(), k, titled, out);
            titled = false;
            if let Some(v) = known {
                out.push(Candidate {
                    sentence: si,
                    span: ws[k].span.start..ws[k + len - 1].span.end,
                    words: ws[k..k + len].iter().map(|w| w.norm.clone()).collect(),
                    known: Some(v),
                    titled: false,
                    speech_after: false,
                    place_before: false,
                });
            }
            k += len;
            continue;
        }
        if name_start.is_none() && CONNECTORS.contains(&ws[k].norm.as_str()) {
            k += 1;
            continue;
        }
        // A spelled-out title ends whatever came before it in the run:
        // "Unification Minister Kang In-duk", "Anglican Archbishop Desmond
        // Tutu"; what came before qualifies the title. Short forms do not,
        // since they are also names ("Hun Sen" is not "Hun, Sen.").
        let spelled_out = ws[k].norm.len() >= 5 && ws[k].norm != "State";
        if TITLES.contains(&ws[k].norm.as_str()) && (name_start.is_none() || spelled_out) {
            name_start = None;
            titled = true;
            k += 1;
            continue;
        }
        if name_start.is_none() {
            name_start = Some(k);
        }
        k += 1;
    }
    flush(name_start, run.end, titled, out);
}

fn speech_follows(ws: &[Word], at: usize) -> bool {
    ws.get(at)
        .is_some_and(|w| SPEECH_VERBS.contains(&w.norm.to_lowercase().as_str()))
}

/// The grouping key: a person's surname, or an organization's whole name.
fn key_of(words: &[String]) -> String {
    let last = words.last().map(String::as_str).unwrap_or("");
    if ORG_SUFFIXES.contains(&last) {
        return words.join(" ").to_lowercase();
    }
    let last = last
        .strip_prefix("al-")
        .or_else(|| last.strip_prefix("Al-"))
        .or_else(|| last.strip_prefix("el-"))
        .unwrap_or(last);
    last.to_lowercase()
}

fn group(cands: Vec<Candidate>, n_docs: usize, analysis: &Analysis) -> Entities {
    let mut index: HashMap<String, usize> = HashMap::new();
    struct Acc {
        kind_votes: [f64; 4],
        forms: HashMap<String, usize>,
        mentions: Vec<usize>,
        known: Option<(EntityKind, &'static str)>,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut assigned: Vec<(usize, usize, Range<usize>)> = Vec::new();
    for c in &cands {
        let key = match c.known {
            Some((_, canonical)) => format!("={canonical}"),
            None => key_of(&c.words),
        };
        let e = *index.entry(key).or_insert_with(|| {
            accs.push(Acc {
                kind_votes: [0.0; 4],
                forms: HashMap::new(),
                mentions: vec![0; n_docs],
                known: c.known,
            });
            accs.len() - 1
        });
        let acc = &mut accs[e];
        *acc.forms.entry(c.words.join(" ")).or_default() += 1;
        acc.mentions[analysis.sentences[c.sentence].doc] += 1;
        let last = c.words.last().map(String::as_str).unwrap_or("");
        if c.titled {
            acc.kind_votes[0] += 2.0;
        }
        if c.speech_after {
            acc.kind_votes[0] += 1.0;
        }
        if c.words.len() >= 2 {
            acc.kind_votes[0] += 0.5;
        }
        if ORG_SUFFIXES.contains(&last)
            || c.words
                .iter()
                .all(|w| w.len() > 1 && w.chars().all(|ch| ch.is_uppercase()))
        {
            acc.kind_votes[1] += 2.0;
        }
        if c.place_before {
            acc.kind_votes[2] += 1.0;
        }
        assigned.push((c.sentence, e, c.span.clone()));
    }
    let list: Vec<Entity> = accs
        .into_iter()
        .map(|acc| {
            let kind = match acc.known {
                Some((k, _)) => k,
                None => {
                    let (best, v) = acc
                        .kind_votes
                        .iter()
                        .enumerate()
                        .fold((3, 0.0), |b, (i, &v)| if v > b.1 { (i, v) } else { b });
                    if v > 0.0 {
                        [
                            EntityKind::Person,
                            EntityKind::Organization,
                            EntityKind::Place,
                            EntityKind::Other,
                        ][best]
                    } else {
                        EntityKind::Other
                    }
                }
            };
            let mut forms: Vec<(String, usize)> = acc.forms.into_iter().collect();
            // The fullest form names the entity: most words, then most used.
            forms.sort_by(|a, b| {
                let wa = a.0.split(' ').count();
                let wb = b.0.split(' ').count();
                wb.cmp(&wa).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0))
            });
            let name = match acc.known {
                Some((_, canonical)) => canonical.to_string(),
                None => forms[0].0.clone(),
            };
            let aliases = forms
                .into_iter()
                .map(|(f, _)| f)
                .filter(|f| *f != name)
                .collect();
            Entity {
                name,
                kind,
                aliases,
                mentions: acc.mentions,
            }
        })
        .collect();
    let mut by_sentence = vec![Vec::new(); analysis.sentences.len()];
    for (s, e, span) in assigned {
        by_sentence[s].push(Mention { span, entity: e });
    }
    Entities { list, by_sentence }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_abbreviations_and_cut_possessives() {
        let t = "Russia's U.N. Ambassador al-Assad's O'Brien said.";
        let ws: Vec<(String, bool)> = words(t, 0..t.len())
            .into_iter()
            .map(|w| (w.norm, w.possessive))
            .collect();
        assert_eq!(
            ws,
            vec![
                ("Russia".to_string(), true),
                ("UN".to_string(), false),
                ("Ambassador".to_string(), false),
                ("al-Assad".to_string(), true),
                ("O'Brien".to_string(), false),
                ("said".to_string(), false),
            ]
        );
    }
}
