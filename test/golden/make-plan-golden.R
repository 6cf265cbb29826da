#!/usr/bin/env Rscript
# Reference values for survey planning (docs/methods.md section 11, docs/methods.md section 11), for
# test/stats/plan-golden.test.ts:
#   power_prop_test  per-group n of stats::power.prop.test(p1 =, p2 =, sig.level =, power =) over a grid of p1, p2,
#                    power (0.8, 0.9) and alpha (0.05, 0.01). R solves with uniroot to tol = eps^0.25 (about 1e-4
#                    in n), so `n` is the same call with tol = 1e-12 (the exact root, to compare within 1e-6) and
#                    `n_default_tol` the plain call (its rounding up must agree); `n_strict` is strict = TRUE.
#   half_width       n = deff qnorm(0.975)^2 p (1 - p) / h^2 over a grid of p, h and deff, and ceiling(n).
#   per_wave         completes in each of two new waves (a new baseline and the deadline) for a goal's change.
#   means            the same for means and scores, both waves with the baseline's weighted variance s2.
#   detectable       the minimum detectable change of a goal and the completes that make a change detectable,
#                    as src/stats/detectable.ts defines them, computed here independently with uniroot:
#                    V_b = p_b (1 - p_b) deff_b / n_b, V_t = p_t (1 - p_t) deff_t / n_t, power of the two-sided
#                    z-test pnorm(delta - z) + pnorm(-delta - z), delta = |p_t - p_b| / sqrt(V_b + V_t).
# Run from the repository root:  Rscript test/golden/make-plan-golden.R
# Writes test/golden/plan-golden.json. Deterministic: fixed grids.
suppressPackageStartupMessages(library(jsonlite))
options(warn = 2)

# to_json / one / write_json_file: the full-precision JSON writer shared with the other golden scripts.
source(file.path("test", "golden", "stats-golden-lib.R"))

EXACT <- 1e-12

power_prop_test <- list()
pairs <- list(c(0.05, 0.10), c(0.10, 0.05), c(0.10, 0.15), c(0.15, 0.10), c(0.20, 0.30), c(0.30, 0.20),
  c(0.30, 0.40), c(0.50, 0.40), c(0.50, 0.60), c(0.12, 0.08), c(0.45, 0.35), c(0.70, 0.80), c(0.02, 0.01))
for (pair in pairs) for (power in c(0.8, 0.9)) for (alpha in c(0.05, 0.01)) {
  exact <- power.prop.test(p1 = pair[1], p2 = pair[2], sig.level = alpha, power = power, tol = EXACT)$n
  plain <- power.prop.test(p1 = pair[1], p2 = pair[2], sig.level = alpha, power = power)$n
  strict <- power.prop.test(p1 = pair[1], p2 = pair[2], sig.level = alpha, power = power, strict = TRUE, tol = EXACT)$n
  power_prop_test[[length(power_prop_test) + 1]] <- list(p1 = one(pair[1]), p2 = one(pair[2]), power = one(power),
    alpha = one(alpha), n = one(exact), n_default_tol = one(plain), n_strict = one(strict), completes = one(ceiling(plain)))
}

half_width <- list()
for (p in c(0.05, 0.1, 0.2, 0.3, 0.5, 0.7)) for (h in c(0.02, 0.03, 0.05, 0.1)) for (deff in c(1, 1.4)) {
  n <- deff * qnorm(0.975)^2 * p * (1 - p) / h^2
  half_width[[length(half_width) + 1]] <- list(share = one(p), half_width = one(h), deff = one(deff), n = one(n), completes = one(ceiling(n)))
}

z_power <- function(d, se, alpha) {
  z <- qnorm(alpha / 2, lower.tail = FALSE)
  pnorm(d / se - z) + pnorm(-d / se - z)
}
variance <- function(p, n, deff) p * (1 - p) * deff / n

mdc <- function(baseline, direction, n_b, deff_b, n_t, deff_t, alpha = 0.05, power = 0.8) {
  sign <- if (direction == "increase") 1 else -1
  largest <- if (direction == "increase") 1 - baseline else baseline
  f <- function(d) z_power(d, sqrt(variance(baseline, n_b, deff_b) + variance(baseline + sign * d, n_t, deff_t)), alpha) - power
  if (f(largest) < 0) return(NA)
  uniroot(f, c(1e-12, largest), tol = 1e-15)$root
}

# delta*: the d / SE at which the two-sided test has the power; then n_t from V_t = (d / delta*)^2 - V_b.
completes_for_change <- function(baseline, target, n_b, deff_b, deff_t, alpha = 0.05, power = 0.8) {
  delta <- uniroot(function(x) z_power(x, 1, alpha) - power, c(0, 10), tol = 1e-15)$root
  d <- abs(target - baseline)
  allowed <- (d / delta)^2 - variance(baseline, n_b, deff_b)
  if (allowed <= 0) return(list(possible = one(FALSE), max_power = one(z_power(d, sqrt(variance(baseline, n_b, deff_b)), alpha))))
  n <- target * (1 - target) * deff_t / allowed
  list(possible = one(TRUE), n = one(n), completes = one(max(1, ceiling(n))))
}

detectable <- list()
goals <- list(
  list(baseline = 0.25, direction = "decrease", target = 0.20, n_b = 300, deff_b = 1.3, n_t = 300, deff_t = 1.3),
  list(baseline = 0.25, direction = "decrease", target = 0.15, n_b = 150, deff_b = 1.5, n_t = 400, deff_t = 1.5),
  list(baseline = 0.12, direction = "decrease", target = 0.10, n_b = 1400, deff_b = 1.4, n_t = 1500, deff_t = 1.4),
  list(baseline = 0.60, direction = "increase", target = 0.70, n_b = 200, deff_b = 1.2, n_t = 250, deff_t = 1.0),
  list(baseline = 0.25, direction = "decrease", target = 0.15, n_b = 1000, deff_b = 1.3, n_t = 1000, deff_t = 1.3),
  list(baseline = 0.60, direction = "increase", target = 0.70, n_b = 600, deff_b = 1.2, n_t = 250, deff_t = 1.0),
  list(baseline = 0.08, direction = "decrease", target = 0.02, n_b = 400, deff_b = 1.1, n_t = 200, deff_t = 1.1),
  list(baseline = 0.40, direction = "increase", target = 0.45, n_b = 60, deff_b = 1.1, n_t = 60, deff_t = 1.1),
  # the baseline sample alone is too small for a 2-point change: no deadline sample can make it detectable
  list(baseline = 0.30, direction = "decrease", target = 0.28, n_b = 100, deff_b = 1.2, n_t = 100, deff_t = 1.2),
  # a small baseline share, decreasing: the MDC does not fit between 0 and the baseline
  list(baseline = 0.03, direction = "decrease", target = 0.01, n_b = 20, deff_b = 1.0, n_t = 20, deff_t = 1.0)
)
for (g in goals) {
  detectable[[length(detectable) + 1]] <- list(
    baseline = one(g$baseline), direction = one(g$direction), target = one(g$target),
    baseline_wave = list(n = one(g$n_b), deff = one(g$deff_b)), deadline_wave = list(n = one(g$n_t), deff = one(g$deff_t)),
    mdc = one(mdc(g$baseline, g$direction, g$n_b, g$deff_b, g$n_t, g$deff_t)),
    power_at_target = one(z_power(abs(g$target - g$baseline), sqrt(variance(g$baseline, g$n_b, g$deff_b) + variance(g$target, g$n_t, g$deff_t)), 0.05)),
    completes_for_change = completes_for_change(g$baseline, g$target, g$n_b, g$deff_b, g$deff_t)
  )
}

# A new baseline and a deadline wave of n completes each: d / sqrt((p_b q_b + p_t q_t) deff / n) = delta*.
per_wave <- list()
for (g in list(c(0.55, 0.70, 1.1), c(0.25, 0.15, 1.3), c(0.12, 0.10, 1.4), c(0.40, 0.45, 1.0), c(0.02, 0.0, 1.2))) {
  delta <- uniroot(function(x) z_power(x, 1, 0.05) - 0.8, c(0, 10), tol = 1e-15)$root
  f <- function(n) z_power(abs(g[2] - g[1]), sqrt((g[1] * (1 - g[1]) + g[2] * (1 - g[2])) * g[3] / n), 0.05) - 0.8
  n <- uniroot(f, c(1e-6, 1e9), tol = 1e-12)$root
  per_wave[[length(per_wave) + 1]] <- list(baseline = one(g[1]), target = one(g[2]), deff = one(g[3]), n = one(n), completes = one(max(1, ceiling(n))))
}

# Means and scores: both waves take the baseline's weighted variance s2, V_w = s2 deff_w / n_w; the MDC solves the
# power equation with uniroot, the deadline completes solve it for n_t.
means <- list()
for (g in list(c(2.1, 1.0, 300, 1.2, 300, 1.2), c(4.0, 0.3, 40, 1.1, 200, 1.3), c(0.9, 0.15, 120, 1.4, 150, 1.4), c(6.5, 0.2, 20, 1.0, 20, 1.0))) {
  spread <- g[1]; change <- g[2]; n_b <- g[3]; deff_b <- g[4]; n_t <- g[5]; deff_t <- g[6]
  vb <- spread * deff_b / n_b
  mdc_mean <- uniroot(function(d) z_power(d, sqrt(vb + spread * deff_t / n_t), 0.05) - 0.8, c(1e-9, 100), tol = 1e-15)$root
  delta <- uniroot(function(x) z_power(x, 1, 0.05) - 0.8, c(0, 10), tol = 1e-15)$root
  completes <- if ((change / delta)^2 - vb <= 0) {
    list(possible = one(FALSE), max_power = one(z_power(change, sqrt(vb), 0.05)))
  } else {
    n <- uniroot(function(n) z_power(change, sqrt(vb + spread * deff_t / n), 0.05) - 0.8, c(1e-6, 1e12), tol = 1e-12)$root
    list(possible = one(TRUE), n = one(n), completes = one(max(1, ceiling(n))))
  }
  n_each <- uniroot(function(n) z_power(change, sqrt(spread * (deff_b + deff_b) / n), 0.05) - 0.8, c(1e-6, 1e12), tol = 1e-12)$root
  means[[length(means) + 1]] <- list(spread = one(spread), change = one(change), baseline_wave = list(n = one(n_b), deff = one(deff_b)),
    deadline_wave = list(n = one(n_t), deff = one(deff_t)), mdc = one(mdc_mean), completes_for_change = completes,
    per_wave = list(n = one(n_each), completes = one(max(1, ceiling(n_each)))))
}

write_json_file(list(
  generated_by = one("test/golden/make-plan-golden.R"),
  r_version = one(paste(R.version$major, R.version$minor, sep = ".")),
  power_prop_test = power_prop_test,
  half_width = half_width,
  detectable = detectable,
  per_wave = per_wave,
  means = means
), file.path("test", "golden", "plan-golden.json"))
