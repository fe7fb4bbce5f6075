//! Brief: how the sources relate, beyond the summary.
//!
//! Takes a prepared cluster's [`Context`] (cleaned text, sentence spans,
//! analysis, vectors) and what the summary chosen from it says (its first
//! sentence and how many articles carry each sentence), and hands on a
//! [`Brief`]. It sees neither the pipeline nor the `Summary` type, so the
//! pipeline depends on the brief and not the other way round. The brief gives:
//! who said what (`quotes`), which figures the sources disagree on
//! (`conflicts`), what only one source reports (`exclusives`), and who
//! and what is named (`entities`). Every item points back to the article,
//! sentence and byte span it came from, as summary sentences do. Nothing here
//! changes the summary; a cluster with no quotes or no numbers gets empty
//! sections, and a single article gets no conflicts and no exclusives.

mod conflicts;
mod quantities;
mod quotes;

pub use crate::entities::{Entity, EntityKind};
use crate::summarize::paraphrase::{Facts, SAME_FACT};
use crate::summarize::Context;

/// Where a brief item was found: article and sentence (0-based, as in the
/// summary's `documents`), and the byte span in that article's text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    /// Article, 0-based, as in the summary's `documents`.
    pub article: usize,
    /// Sentence within the article, 0-based.
    pub sentence: usize,
    /// Byte span `[start, end)` in the article's text.
    pub span: [usize; 2],
}

/// Everything the brief adds to a summary.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Brief {
    /// One line saying what the story is.
    pub headline: String,
    /// Per summary sentence, in summary order: how many articles carry it.
    pub corroboration: Vec<usize>,
    /// Who said what.
    pub quotes: Vec<Quote>,
    /// Where the sources disagree on a figure.
    pub conflicts: Vec<Conflict>,
    /// Statements only one article makes.
    pub exclusives: Vec<Exclusive>,
    /// The people, organizations and places named.
    pub entities: Vec<Entity>,
}

/// A direct quotation, merged across the articles that carry it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// The quoted words, from the first article that carries them.
    pub text: String,
    /// Who said it, when the text names them unambiguously.
    pub speaker: Option<String>,
    /// Every place the quote appears, first article first.
    pub sources: Vec<Place>,
}

/// A quantity the sources report differently.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    /// What is counted ("people killed", "missiles").
    pub about: String,
    /// Whether every figure could be true at once ("at least 87" and
    /// "nearly 100" can; "60" and "75" cannot).
    pub compatible: bool,
    /// Each source's own figure, one per article that reports it.
    pub figures: Vec<Figure>,
}

/// One source's figure in a conflict.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// The wording as printed ("at least 87 people").
    pub text: String,
    /// The number it states (a lower bound for "at least", a rough value
    /// for "dozens").
    pub value: f64,
    /// Its sentence, for context.
    pub sentence_text: String,
    #[serde(flatten)]
    /// Where it was found.
    pub place: Place,
}

/// A statement only one article makes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exclusive {
    /// The statement.
    pub text: String,
    /// How central it is to the cluster (higher first).
    pub score: f64,
    #[serde(flatten)]
    /// Where it was found.
    pub place: Place,
}

/// A sentence is exclusive to its article when no sentence of any other
/// article reaches this TF-IDF cosine with it. Below the 0.45 that two
/// different statements about one event reach in the example cluster, so
/// a paraphrase elsewhere is not mistaken for silence.
pub const EXCLUSIVE_MAX_SIMILARITY: f64 = 0.35;
/// How many exclusives the brief lists, most central first.
pub const MAX_EXCLUSIVES: usize = 10;
/// How many entities the brief lists.
pub const MAX_ENTITIES: usize = 30;

/// Builds the brief of a cluster whose summary opens with `lead` and whose
/// sentences are carried by `corroboration[i]` articles each.
pub fn build(p: &Context, lead: Option<&str>, corroboration: Vec<usize>) -> Brief {
    let words = p.sentence_words();
    let found = p.entities();
    let quotes = quotes::extract(p.docs, p.analysis, found);
    let qs = quantities::quantities(p.docs, p.analysis, p.rep, words);
    let conflicts = conflicts::conflicts(p.docs, p.analysis, &qs);
    Brief {
        headline: headline(p, lead),
        corroboration,
        quotes,
        conflicts,
        exclusives: exclusives(p, p.facts()),
        entities: ranked_entities(found.list.clone()),
    }
}

/// The title whose content words the most articles share; without titles,
/// the summary's first sentence.
fn headline(p: &Context, lead: Option<&str>) -> String {
    let score = |title: &str| {
        let terms = crate::summarize::headline::title_terms(p.analysis, title);
        let shared: f64 = terms
            .iter()
            .flatten()
            .map(|&t| p.analysis.doc_freq[t as usize] as f64)
            .sum();
        shared / (terms.len().max(1) as f64 + 2.0)
    };
    p.docs
        .iter()
        .filter_map(|d| d.title.as_deref())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| (score(t), t))
        .fold(None::<(f64, &str)>, |best, c| match best {
            Some(b) if b.0 >= c.0 => Some(b),
            _ => Some(c),
        })
        .map(|(_, t)| t.to_string())
        .or_else(|| lead.map(str::to_string))
        .unwrap_or_default()
}

/// Statements only one article makes, most central to the cluster first: no
/// sentence of another article is near it in words, nor reports the same
/// fact in other words (`facts`, so the example's two accounts of one UN
/// veto are not both "only in one source").
fn exclusives(p: &Context, facts: &Facts) -> Vec<Exclusive> {
    let a = p.analysis;
    let articles = a.doc_sentences.iter().filter(|r| !r.is_empty()).count();
    if articles < 2 {
        return Vec::new();
    }
    let mut out: Vec<(usize, f64)> = (0..a.sentences.len())
        .filter(|&i| (8..=60).contains(&a.sentences[i].words) && !p.rep.tfidf[i].is_empty())
        // Listed alone, "His comments came ..." or "However, ..." dangles as
        // it would in the summary.
        .filter(|&i| crate::analyze::dangling_opener(a.text(p.docs, i)).is_none())
        .filter(|&i| {
            let own = a.sentences[i].doc;
            if p.rep.is_exact() {
                (0..a.sentences.len())
                    .filter(|&j| a.sentences[j].doc != own)
                    .all(|j| {
                        p.rep.cosine(i, j) < EXCLUSIVE_MAX_SIMILARITY
                            && !facts.same(i, j, SAME_FACT)
                    })
            } else {
                // Past the exact limit, comparing every pair is quadratic (a
                // 200,000-sentence request would never end): the nearest
                // neighbours hold every sentence close enough to matter.
                p.rep.neighbours()[i]
                    .iter()
                    .filter(|&&(j, _)| a.sentences[j as usize].doc != own)
                    .all(|&(j, _)| {
                        p.rep.cosine(i, j as usize) < EXCLUSIVE_MAX_SIMILARITY
                            && !facts.same(i, j as usize, SAME_FACT)
                    })
            }
        })
        .map(|i| (i, p.rep.tfidf[i].dot(&p.rep.centroid)))
        .collect();
    out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    out.into_iter()
        .take(MAX_EXCLUSIVES)
        .map(|(i, score)| {
            let s = &a.sentences[i];
            Exclusive {
                text: p.docs[s.doc].text[s.span.clone()].to_string(),
                score: (score * 10_000.0).round() / 10_000.0,
                place: Place {
                    article: s.doc,
                    sentence: s.index,
                    span: [s.span.start, s.span.end],
                },
            }
        })
        .collect()
}

/// People, organizations and places first, by how many articles name them.
fn ranked_entities(list: Vec<Entity>) -> Vec<Entity> {
    let mut list: Vec<Entity> = list
        .into_iter()
        .filter(|e| e.kind != EntityKind::Other || e.mentions.iter().sum::<usize>() >= 2)
        .collect();
    let key = |e: &Entity| {
        (
            e.mentions.iter().filter(|&&m| m > 0).count(),
            e.mentions.iter().sum::<usize>(),
        )
    };
    list.sort_by(|a, b| key(b).cmp(&key(a)).then(a.name.cmp(&b.name)));
    list.truncate(MAX_ENTITIES);
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Cluster;
    use crate::pipeline::{Config, Pipeline};

    fn brief_of(cluster: &Cluster) -> Brief {
        let config = Config {
            brief: true,
            ..Config::default()
        };
        Pipeline::new(config)
            .summarize(cluster)
            .unwrap()
            .brief
            .unwrap()
    }

    fn example() -> Brief {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/tillerson-moscow-2017"
        );
        match crate::ingest::read_paths(&[dir.into()]).unwrap() {
            crate::ingest::Input::Single(c) => brief_of(&c),
            crate::ingest::Input::Batch(_) => panic!("the example is one cluster"),
        }
    }

    fn cluster(articles: &[&str]) -> Cluster {
        Cluster::from_texts("c", articles)
    }

    fn speaker_of<'a>(b: &'a Brief, words: &str) -> Option<&'a str> {
        b.quotes
            .iter()
            .find(|q| q.text.contains(words))
            .unwrap_or_else(|| panic!("no quote with {words:?}: {:#?}", b.quotes))
            .speaker
            .as_deref()
    }

    #[test]
    fn example_quotes_have_their_speakers() {
        let b = example();
        assert_eq!(
            speaker_of(
                &b,
                "There is a low level of trust between our two countries"
            ),
            Some("Rex Tillerson")
        );
        assert_eq!(
            speaker_of(&b, "Experiments like that, which are built on an obsession"),
            Some("Sergei Lavrov")
        );
        assert_eq!(
            speaker_of(&b, "It'd be a fantastic thing if we got along with Putin"),
            Some("Donald Trump")
        );
        // Two outlets carry the "nuclear powers" line in different words.
        let q = b
            .quotes
            .iter()
            .find(|q| q.text.contains("foremost nuclear powers"))
            .unwrap();
        let mut articles: Vec<usize> = q.sources.iter().map(|p| p.article).collect();
        articles.sort();
        assert_eq!(articles, vec![0, 3]);
    }

    #[test]
    fn ambiguous_pronouns_stay_unknown() {
        // Two people in the sentence before: "he" is not guessed. (Real text
        // from the example cluster; the speaker was in fact Trump.)
        let b = example();
        assert_eq!(
            speaker_of(
                &b,
                "But when I see people using frightful, terrible chemical weapons"
            ),
            None
        );
    }

    #[test]
    fn speaker_patterns_from_wire_text() {
        let b = brief_of(&cluster(&[
            "Rep. Tom DeLay spoke to the House on Friday about the vote. ``We are here to debate impeachment and should not be distracted from that,'' the minority whip, Rep. Tom DeLay, said. \
             Prime Minister Mahathir Mohamad said: \"We will not bow to pressure from abroad on this matter.\" \
             \"The economy will recover by the end of next year,\" said Finance Minister Daim Zainuddin. \
             Officials met Anwar Ibrahim and Mahathir Mohamad on Monday in the capital city. \"Nothing was agreed at all today,\" he said.",
        ]));
        assert_eq!(speaker_of(&b, "debate impeachment"), Some("Tom DeLay"));
        assert_eq!(speaker_of(&b, "bow to pressure"), Some("Mahathir Mohamad"));
        assert_eq!(
            speaker_of(&b, "economy will recover"),
            Some("Daim Zainuddin")
        );
        assert_eq!(speaker_of(&b, "Nothing was agreed"), None);
    }

    #[test]
    fn pronoun_resolves_to_the_one_person_named_before() {
        let b = brief_of(&cluster(&[
            "Secretary of State Madeleine Albright arrived in Cairo on Sunday for talks. \
             \"We have come a long way toward an agreement,\" she told reporters at the airport.",
        ]));
        assert_eq!(
            speaker_of(&b, "a long way toward"),
            Some("Madeleine Albright")
        );
    }

    #[test]
    fn example_conflicts_are_the_death_toll_and_the_missiles() {
        let b = example();
        let find = |needle: &str| {
            b.conflicts
                .iter()
                .find(|c| c.figures.iter().any(|f| f.text.contains(needle)))
                .unwrap_or_else(|| panic!("no conflict with {needle:?}: {:#?}", b.conflicts))
        };
        let toll = find("87");
        let texts: Vec<&str> = toll.figures.iter().map(|f| f.text.as_str()).collect();
        assert!(texts.contains(&"at least 87 people"), "{texts:?}");
        assert!(texts.contains(&"nearly 100 deaths"), "{texts:?}");
        assert!(texts.contains(&"dozens"), "{texts:?}");
        let missiles = find("nearly 60 missiles");
        assert!(missiles
            .figures
            .iter()
            .any(|f| f.text == "dozens of Tomahawk"));
        // Each figure points at its own words.
        for f in &toll.figures {
            assert!(f.sentence_text.contains(&f.text));
        }
        // The "eighth" veto is said by two sources alike: not a conflict.
        assert!(
            !b.conflicts
                .iter()
                .any(|c| c.figures.iter().any(|f| f.text.contains("eighth"))),
            "{:#?}",
            b.conflicts
        );
        assert_eq!(b.conflicts.len(), 2, "{:#?}", b.conflicts);
    }

    #[test]
    fn figures_that_cannot_all_hold_are_marked() {
        let b = brief_of(&cluster(&[
            "The fire at the dance hall killed 60 people on Friday night, police said.",
            "Police said the dance hall fire killed 75 people on Friday night.",
        ]));
        assert_eq!(b.conflicts.len(), 1, "{:#?}", b.conflicts);
        assert!(!b.conflicts[0].compatible);
        assert_eq!(b.conflicts[0].about, "people killed");
    }

    #[test]
    fn aliases_are_unified() {
        let b = example();
        let entity = |name: &str| b.entities.iter().find(|e| e.name == name).unwrap();
        let russia = entity("Russia");
        assert_eq!(russia.kind, EntityKind::Place);
        assert!(russia.aliases.contains(&"Russian Federation".to_string()));
        let us = entity("United States");
        for alias in ["US", "USA"] {
            assert!(us.aliases.iter().any(|a| a == alias), "{:?}", us.aliases);
        }
        let t = entity("Rex Tillerson");
        assert_eq!(t.kind, EntityKind::Person);
        assert!(t.aliases.contains(&"Tillerson".to_string()));
        // Named in every article.
        assert!(t.mentions.iter().all(|&m| m > 0), "{:?}", t.mentions);
        assert_eq!(entity("Sergei Lavrov").kind, EntityKind::Person);
        assert_eq!(entity("United Nations").kind, EntityKind::Organization);
        // Sentence-initial ordinary words are not names.
        assert!(!b
            .entities
            .iter()
            .any(|e| e.name == "Earlier" || e.name == "However"));
    }

    #[test]
    fn exclusives_are_not_carried_elsewhere() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/tillerson-moscow-2017"
        );
        let crate::ingest::Input::Single(c) = crate::ingest::read_paths(&[dir.into()]).unwrap()
        else {
            panic!("one cluster")
        };
        let pipeline = Pipeline::new(Config {
            brief: true,
            ..Config::default()
        });
        let p = pipeline.prepare(&c).unwrap();
        let b = build(&p.context(), None, Vec::new());
        assert!(!b.exclusives.is_empty());
        for e in &b.exclusives {
            let i = p
                .analysis
                .sentences
                .iter()
                .position(|s| s.doc == e.place.article && s.index == e.place.sentence)
                .unwrap();
            for (j, s) in p.analysis.sentences.iter().enumerate() {
                if s.doc != e.place.article {
                    assert!(p.rep.cosine(i, j) < EXCLUSIVE_MAX_SIMILARITY);
                }
            }
        }
        assert!(b.exclusives.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn exclusives_of_a_big_cluster_use_the_neighbour_lists() {
        // Past the exact limit the pairwise test would be quadratic; the
        // neighbour lists must give the same answer for sentences that have
        // a wire copy in another article and for ones that have none.
        let mut articles: Vec<String> = Vec::new();
        for a in 0..60 {
            let mut text = String::new();
            for s in 0..40 {
                text.push_str(&format!(
                    "Reporter {a} filed note {s} about harbour crane {a}x{s} and ferry {s}y{a} today. "
                ));
            }
            articles.push(text);
        }
        let wire = "The minister resigned on Friday after the harbour inquiry found unpaid levies.";
        articles[0].push_str(wire);
        articles[1].push_str(wire);
        let only = "Divers recovered a bronze anchor near the lighthouse during the storm surge.";
        articles[2].push_str(only);
        let refs: Vec<&str> = articles.iter().map(String::as_str).collect();
        let pipeline = Pipeline::default();
        let p = pipeline
            .prepare(&Cluster::from_texts("big", &refs))
            .unwrap();
        assert!(!p.rep.is_exact());
        let b = build(&p.context(), None, Vec::new());
        assert!(!b.exclusives.iter().any(|e| e.text == wire));
        let listed_only = b.exclusives.iter().any(|e| e.text == only);
        // Listed only if central enough to make the top ten; never wrongly
        // excluded because the pairwise scan was skipped.
        assert!(listed_only || b.exclusives.len() == MAX_EXCLUSIVES);
    }

    #[test]
    fn sparse_clusters_give_empty_sections_not_errors() {
        let b = brief_of(&cluster(&[
            "The talks in the capital ended without an agreement on the border dispute.",
        ]));
        assert!(b.quotes.is_empty());
        assert!(b.conflicts.is_empty());
        assert!(b.exclusives.is_empty(), "one article has no exclusives");
        let b = brief_of(&cluster(&[
            "The storm killed 12 people in the coastal towns on Monday, officials said.",
            "The storm killed 15 people in the coastal towns on Monday, officials said.",
        ]));
        assert_eq!(b.conflicts.len(), 1);
        let one = brief_of(&cluster(&[
            "The storm killed 12 people in the coastal towns on Monday. Later reports said the storm killed 15 people in the coastal towns.",
        ]));
        assert!(
            one.conflicts.is_empty(),
            "a single article has no conflicts"
        );
    }
}
