//! Change points in the mean of a short series: exact penalised segmentation.
//!
//! The model: the series is piecewise constant plus Gaussian noise of one variance σ². The
//! segmentation minimises `Σ segments SSE/σ² + β · (number of changes)` exactly, by optimal
//! partitioning (Jackson et al. 2005 — the recursion PELT prunes; the series here have at most a
//! few thousand points, so the O(n²) recursion runs in milliseconds and needs no pruning, whose
//! validity with a minimum segment length is subtle). β is the BIC penalty for a mean change,
//! `2 ln n` (one new mean and one location per change). σ is estimated robustly from first
//! differences, `1.4826 · median|Δx| / √2`, which a step does not inflate; when more than half
//! the differences are zero it falls back to the standard deviation of the differences over √2,
//! and it is never below the caller's `min_sigma`, so that changes too small to matter are not
//! reported however smooth the series.

/// Options of [`segment`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Shortest segment, in points. 2 keeps a single outlying point from becoming a segment.
    pub min_len: usize,
    /// Floor of the noise estimate, in the series' units.
    pub min_sigma: f64,
}

/// Start indices of the segments after the first (the change points), ascending.
pub fn segment(x: &[f64], opts: Options) -> Vec<usize> {
    let n = x.len();
    let min_len = opts.min_len.max(1);
    if n < 2 * min_len {
        return vec![];
    }
    let sigma = noise_sigma(x).max(opts.min_sigma);
    if sigma.is_nan() || sigma <= 0.0 || !sigma.is_finite() {
        return vec![];
    }
    let beta = 2.0 * (n as f64).ln();
    let mut s1 = vec![0.0; n + 1];
    let mut s2 = vec![0.0; n + 1];
    for (i, v) in x.iter().enumerate() {
        s1[i + 1] = s1[i] + v;
        s2[i + 1] = s2[i] + v * v;
    }
    let var = sigma * sigma;
    let cost = |s: usize, t: usize| {
        let m = (t - s) as f64;
        let a = s1[t] - s1[s];
        ((s2[t] - s2[s]) - a * a / m).max(0.0) / var
    };
    let mut f = vec![f64::INFINITY; n + 1];
    let mut last = vec![0usize; n + 1];
    f[0] = -beta;
    for t in min_len..=n {
        for s in (0..=t - min_len).rev() {
            if !f[s].is_finite() || (s > 0 && s < min_len) {
                continue;
            }
            let v = f[s] + cost(s, t) + beta;
            if v < f[t] {
                f[t] = v;
                last[t] = s;
            }
        }
    }
    let mut cps = vec![];
    let mut t = n;
    while t > 0 {
        let s = last[t];
        if s > 0 {
            cps.push(s);
        }
        t = s;
    }
    cps.reverse();
    cps
}

/// Robust estimate of the noise standard deviation from first differences.
pub fn noise_sigma(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return 0.0;
    }
    let mut d: Vec<f64> = x.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    d.sort_by(|a, b| a.total_cmp(b));
    let med = if d.len() % 2 == 1 {
        d[d.len() / 2]
    } else {
        (d[d.len() / 2 - 1] + d[d.len() / 2]) / 2.0
    };
    if med > 0.0 {
        return 1.4826 * med / std::f64::consts::SQRT_2;
    }
    let diffs: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    let mean = diffs.iter().sum::<f64>() / diffs.len() as f64;
    let var = diffs.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / diffs.len() as f64;
    var.sqrt() / std::f64::consts::SQRT_2
}

/// Mean of `x[s..t]`.
pub(crate) fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        0.0
    } else {
        x.iter().sum::<f64>() / x.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: Options = Options { min_len: 2, min_sigma: 0.01 };

    #[test]
    fn finds_a_clean_step() {
        let x = [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3];
        assert_eq!(segment(&x, OPTS), vec![6]);
    }

    #[test]
    fn finds_a_noisy_step_and_nothing_in_noise() {
        // ±0.05 alternating noise around 0.8 then 0.4: σ from |Δ| = 0.1 is 0.105, the step
        // is 4σ wide over 8 + 8 points — far above the 2 ln 16 = 5.5 penalty.
        let mut x = vec![];
        for i in 0..16 {
            let level = if i < 8 { 0.8 } else { 0.4 };
            x.push(level + if i % 2 == 0 { 0.05 } else { -0.05 });
        }
        assert_eq!(segment(&x, OPTS), vec![8]);
        let noise: Vec<f64> = (0..16).map(|i| 0.6 + if i % 2 == 0 { 0.05 } else { -0.05 }).collect();
        assert_eq!(segment(&noise, OPTS), Vec::<usize>::new());
    }

    #[test]
    fn two_steps_and_a_lone_spike() {
        let x = [1.0, 1.0, 1.0, 1.0, 5.0, 5.0, 5.0, 5.0, 2.0, 2.0, 2.0, 2.0];
        assert_eq!(segment(&x, OPTS), vec![4, 8]);
        // One outlying point is not a segment of its own (min_len 2). By hand: σ falls back to
        // sd(Δ)/√2 = 2.67; no change costs SSE/σ² = 57.6/7.11 = 8.1, the best split (at 5)
        // 51.2/7.11 + 2 ln 10 = 11.8.
        let spike = [1.0, 1.0, 1.0, 1.0, 1.0, 9.0, 1.0, 1.0, 1.0, 1.0];
        assert_eq!(segment(&spike, OPTS), Vec::<usize>::new());
    }

    #[test]
    fn small_changes_stay_under_the_floor() {
        let x = [0.50, 0.50, 0.50, 0.50, 0.51, 0.51, 0.51, 0.51];
        assert!(segment(&x, Options { min_len: 2, min_sigma: 0.05 }).is_empty());
        assert!(segment(&[], OPTS).is_empty());
        assert!(segment(&[1.0, 2.0, 3.0], OPTS).is_empty());
        assert!(segment(&[3.0; 10], OPTS).is_empty());
    }

    #[test]
    fn sigma_by_hand() {
        // |Δ| = 1, 1, 1, 1: median 1 → 1.4826 / √2.
        let s = noise_sigma(&[0.0, 1.0, 0.0, 1.0, 0.0]);
        assert!((s - 1.4826 / 2f64.sqrt()).abs() < 1e-12);
    }
}
