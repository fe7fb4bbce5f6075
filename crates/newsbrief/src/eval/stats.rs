//! Means with percentile-bootstrap confidence intervals for evaluation tables.
//!
//! The resampling uses a hand-written SplitMix64 generator (no `rand` dependency), so an
//! interval is a pure function of `(values, resamples, seed)` on every platform.

use serde::{Deserialize, Serialize};

/// A mean with a 95% confidence interval `[low, high]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The mean.
    pub mean: f64,
    /// Lower bound of the 95% interval.
    pub low: f64,
    /// Upper bound of the 95% interval.
    pub high: f64,
}

/// Resamples used for published tables.
pub const DEFAULT_RESAMPLES: usize = 1000;
/// Seed used for published tables.
pub const DEFAULT_SEED: u64 = 0x5EED_2004;

/// SplitMix64 (Steele, Lea & Flood 2014).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by Lemire's multiply-shift with rejection.
    fn below(&mut self, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = (self.next_u64() as u128) * (n as u128);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Linear-interpolated quantile of sorted data (numpy's default "linear" method).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Mean of `values` (e.g. one ROUGE score per cluster) and its 95% percentile-bootstrap
/// interval: `resamples` resamples of `values.len()` draws with replacement, interval =
/// 2.5th and 97.5th percentiles of the resample means (linear interpolation). Deterministic
/// for a given `seed`.
///
/// Empty input gives all zeros; a single value or `resamples == 0` gives a zero-width
/// interval at the mean. NaNs are not filtered (they make the result NaN).
pub fn bootstrap_mean(values: &[f64], resamples: usize, seed: u64) -> Interval {
    if values.is_empty() {
        return Interval::default();
    }
    let m = mean(values);
    if values.len() == 1 || resamples == 0 {
        return Interval {
            mean: m,
            low: m,
            high: m,
        };
    }
    let mut rng = SplitMix64(seed);
    let n = values.len();
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            (0..n)
                .map(|_| values[rng.below(n as u64) as usize])
                .sum::<f64>()
                / n as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    Interval {
        mean: m,
        low: quantile(&means, 0.025),
        high: quantile(&means, 0.975),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_zero() {
        assert_eq!(bootstrap_mean(&[], 1000, 1), Interval::default());
    }

    #[test]
    fn constant_and_single() {
        let i = bootstrap_mean(&[0.4; 20], 1000, 7);
        assert!(
            (i.mean - 0.4).abs() < 1e-12
                && (i.low - 0.4).abs() < 1e-12
                && (i.high - 0.4).abs() < 1e-12
        );
        assert_eq!(
            bootstrap_mean(&[0.3], 1000, 7),
            Interval {
                mean: 0.3,
                low: 0.3,
                high: 0.3
            }
        );
        assert_eq!(
            bootstrap_mean(&[0.1, 0.3], 0, 7),
            Interval {
                mean: 0.2,
                low: 0.2,
                high: 0.2
            }
        );
    }

    #[test]
    fn deterministic_and_brackets_mean() {
        let v: Vec<f64> = (0..50).map(|i| ((i * 37) % 50) as f64 / 50.0).collect();
        let a = bootstrap_mean(&v, 1000, DEFAULT_SEED);
        assert_eq!(a, bootstrap_mean(&v, 1000, DEFAULT_SEED));
        assert!(a.low < a.mean && a.mean < a.high);
        // Standard error of the mean of uniform-ish [0,1) data, n = 50: ~0.041; 95% ~ ±0.08.
        assert!(a.high - a.low > 0.1 && a.high - a.low < 0.22, "{a:?}");
        assert_ne!(a, bootstrap_mean(&v, 1000, DEFAULT_SEED + 1));
    }

    #[test]
    fn rng_below_is_in_range_and_covers() {
        let mut r = SplitMix64(3);
        let mut seen = [false; 7];
        for _ in 0..1000 {
            let x = r.below(7) as usize;
            seen[x] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
