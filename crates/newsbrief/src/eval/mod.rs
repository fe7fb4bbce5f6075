//! Evaluation: ROUGE of candidate briefs against human reference summaries, with bootstrap
//! confidence intervals for result tables.
//!
//! **Takes** one candidate summary per cluster (plain text) and that cluster's human
//! reference summaries (one or more). **Gives** per-cluster [`RougeScores`] (precision,
//! recall and F1 of ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum, as fractions in `[0, 1]`) and,
//! over clusters, a mean with a 95% percentile-bootstrap [`Interval`].
//!
//! Scores agree with Google's `rouge-score` 0.1.2 configured as in
//! `shared/tools/rouge_reference.py` (`use_stemmer=True, split_summaries=True`: Porter
//! stemming, ROUGE-Lsum over NLTK Punkt sentences) within 1e-4 on every metric of the parity
//! fixture `tests/fixtures/rouge_parity.jsonl` (regenerate with
//! `scripts/make_rouge_fixture.py`).
//!
//! Conventions, as in the reference script and published tables:
//! - cut the candidate with [`truncate_words`] before scoring (the script's
//!   `" ".join(pred.split()[:n])`; references are not cut);
//! - **DUC 2004**: 100 words, report recall and F1, averaged over the 4 references
//!   ([`RougeScorer::score_multi`], ROUGE-1.5.5 `-f A`);
//! - **Multi-News**: 230 words (the script's default), report F1 against the single
//!   reference;
//! - tables multiply by 100 (the script prints `100 * mean`).

pub mod harness;
mod punkt;
pub mod rouge;
pub mod stats;

pub use harness::{evaluate_method, evaluate_predictions, Prediction, Preset, SystemReport};
pub use punkt::sent_tokenize;
pub use rouge::{truncate_words, Prf, RougeScorer, RougeScores, Tokenized};
pub use stats::{bootstrap_mean, Interval};

/// Words a DUC 2004 candidate is cut to before scoring.
pub const DUC2004_WORDS: usize = 100;
/// Words a Multi-News candidate is cut to before scoring.
pub const MULTINEWS_WORDS: usize = 230;
