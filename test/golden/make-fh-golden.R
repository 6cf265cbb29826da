#!/usr/bin/env Rscript
# Reference values for the Fay-Herriot model (docs/methods.md section 10, docs/methods.md section 10), for
# test/stats/fh-golden.test.ts: sae 1.3 eblupFH(method = "REML") and mseFH on
#   milk            sae's own example: data(milk), yi ~ as.factor(MajorArea), vardir SD^2
#   milk_maxiter_2  the same with MAXITER = 2: sae reports convergence FALSE
#   s2u_zero        direct estimates closer together than their sampling variances allow: s2u truncated at 0
#   oscillating     intercept only, s2u near 0: sae's scoring alternates in sign and does not converge
#   intercept_only  one covariate, the intercept
#   five_areas      m = 5 areas, intercept and one covariate
#   out_of_sample   12 areas, 2 without a direct estimate: sae fits the 10 others (it refuses NA), and the
#                   synthetic x_d' beta_hat with MSE s2u + x_d' V(beta_hat) x_d is computed here from sae's fit
#   demo            the demo zone's unsafe_often, wave 2026 (R survey's estimates from demo-golden.json), with
#                   psi_d = deff_bar p_tilde (1 - p_tilde) / n_d (deff_bar: plain mean of deff over districts with
#                   n_eff >= 30 and 0 < p < 1) and covariates intercept + population share aged 75+ (population.csv)
#   demo_previous   the same plus the 2023 direct estimate of unsafe_often as a covariate
# Each case holds its inputs and sae's answers, so the test reads both from one file. Besides sae's outputs:
# gamma_d = s2u / (s2u + psi_d), standardised residuals (theta_hat_d - x_d' beta_hat) / sqrt(s2u + psi_d), the
# untruncated last Fisher-scoring value (from a line-by-line copy of sae's loop, checked against sae), and the
# variance explained 1 - s2u / s2u_0, s2u_0 from eblupFH(y ~ 1) on the same areas (floored at 0; null if s2u_0 = 0).
# Run from the repository root:  Rscript test/golden/make-fh-golden.R      (needs sae 1.3 and jsonlite)
# Writes test/golden/fh-golden.json. Deterministic: constructed cases use set.seed.
suppressPackageStartupMessages({
  library(jsonlite)
  library(sae)
})
options(warn = 1)
stopifnot(packageVersion("sae") == "1.3")

# to_json / one / write_json_file: the full-precision JSON writer shared with the other golden scripts.
source(file.path("test", "golden", "stats-golden-lib.R"))

# sae's REML loop, line for line, to read the value it truncates (sae returns only max(A, 0)).
reml_trace <- function(y, X, vardir, MAXITER = 100, PRECISION = 1e-4) {
  A <- median(vardir)
  k <- 0
  diff <- PRECISION + 1
  while ((diff > PRECISION) & (k < MAXITER)) {
    k <- k + 1
    Vi <- 1 / (A[k] + vardir)
    XtVi <- t(Vi * X)
    Q <- solve(XtVi %*% X)
    P <- diag(Vi) - t(XtVi) %*% Q %*% XtVi
    Py <- P %*% y
    s <- (-0.5) * sum(diag(P)) + 0.5 * (t(Py) %*% Py)
    F <- 0.5 * sum(diag(P %*% P))
    A[k + 1] <- A[k] + s / F
    diff <- abs((A[k + 1] - A[k]) / A[k])
  }
  list(last = A[k + 1], iterations = k)
}

# Fit sae on the areas with a direct estimate (y not NA) and predict every area.
fh_case <- function(description, y, vardir, X, covariate_names, MAXITER = 100, extra_inputs = list()) {
  sampled <- !is.na(y)
  Xs <- X[sampled, , drop = FALSE]
  ys <- y[sampled]
  vs <- vardir[sampled]
  inputs <- c(list(
    direct = y, sampling_variance = ifelse(sampled, vardir, NA),
    covariates = lapply(seq_len(nrow(X)), function(d) X[d, ]), covariate_names = covariate_names
  ), extra_inputs, list(max_iterations = one(MAXITER)))
  fit <- eblupFH(ys ~ Xs - 1, vs, method = "REML", MAXITER = MAXITER)
  if (!fit$fit$convergence) {
    return(list(description = one(description), inputs = inputs,
      expected = list(converged = one(FALSE), iterations = one(fit$fit$iterations))))
  }
  mse <- mseFH(ys ~ Xs - 1, vs, method = "REML", MAXITER = MAXITER)
  stopifnot(all.equal(as.vector(mse$est$eblup), as.vector(fit$eblup), tolerance = 0))
  A <- fit$fit$refvar
  trace <- reml_trace(ys, Xs, vs, MAXITER)
  stopifnot(trace$iterations == fit$fit$iterations, abs(max(trace$last, 0) - A) <= 1e-15 * max(A, 1e-300))
  beta <- fit$fit$estcoef$beta
  Q <- solve(t(Xs / (A + vs)) %*% Xs)
  stopifnot(all(abs(sqrt(diag(Q)) / fit$fit$estcoef$std.error - 1) < 1e-12))
  regression <- as.vector(X %*% beta)
  estimate <- mse_d <- gamma <- residual <- rep(NA_real_, nrow(X))
  estimate[sampled] <- fit$eblup
  mse_d[sampled] <- mse$mse
  gamma[sampled] <- A / (A + vs)
  residual[sampled] <- (ys - regression[sampled]) / sqrt(A + vs)
  # Not sampled: the synthetic estimator and its MSE, s2u + x_d' V(beta_hat) x_d.
  for (d in which(!sampled)) {
    estimate[d] <- regression[d]
    mse_d[d] <- A + drop(t(X[d, ]) %*% Q %*% X[d, ])
    gamma[d] <- 0
  }
  null_fit <- eblupFH(ys ~ 1, vs, method = "REML", MAXITER = MAXITER)
  s2u0 <- if (null_fit$fit$convergence) null_fit$fit$refvar else NA
  explained <- if (is.na(s2u0) || s2u0 == 0) NA else max(0, 1 - A / s2u0)
  list(description = one(description), inputs = inputs, expected = list(
    converged = one(TRUE), iterations = one(fit$fit$iterations), s2u = one(A), s2u_untruncated = one(trace$last),
    coefficients = lapply(seq_along(beta), function(j) list(
      estimate = one(beta[j]), se = one(fit$fit$estcoef$std.error[j]), z = one(fit$fit$estcoef$tvalue[j]), p = one(fit$fit$estcoef$pvalue[j])
    )),
    estimate = estimate, mse = mse_d, gamma = gamma, regression = regression, standardised_residual = residual,
    s2u_intercept_only = one(s2u0), variance_explained = one(explained)
  ))
}

cases <- list()

# (a) sae's example. The documented call eblupFH(yi ~ as.factor(MajorArea), SD^2, data = milk) fails in sae 1.3
# (vardir is looked up as a column named "SD^2"); the manual attaches milk instead. Same model here.
data(milk)
X_milk <- model.matrix(~ as.factor(MajorArea), data = milk)
reference <- eblupFH(yi ~ as.factor(MajorArea), var, data = transform(milk, var = SD^2))
cases$milk <- fh_case("sae's milk example: yi ~ as.factor(MajorArea), vardir SD^2 (43 areas, 4 coefficients)",
  milk$yi, milk$SD^2, X_milk, c("(Intercept)", "MajorArea2", "MajorArea3", "MajorArea4"))
stopifnot(all.equal(as.vector(reference$eblup), cases$milk$expected$estimate, tolerance = 0))
cases$milk_maxiter_2 <- fh_case("sae's milk example with MAXITER = 2: no convergence", milk$yi, milk$SD^2, X_milk,
  c("(Intercept)", "MajorArea2", "MajorArea3", "MajorArea4"), MAXITER = 2)
stopifnot(!cases$milk_maxiter_2$expected$converged)

# (b) constructed cases
set.seed(20261201)
m <- 10
psi <- runif(m, 0.001, 0.004)
x <- runif(m)
y <- 0.2 + 0.05 * x + rnorm(m, 0, sqrt(psi)) * 0.3
cases$s2u_zero <- fh_case("10 areas whose direct estimates vary less than their sampling variances: s2u truncated at 0",
  y, psi, cbind(1, x), c("(Intercept)", "x"))
stopifnot(cases$s2u_zero$expected$s2u == 0, cases$s2u_zero$expected$s2u_untruncated < 0)

set.seed(20261202)
m <- 15
psi <- runif(m, 0.0005, 0.006)
y <- 0.3 + rnorm(m, 0, 0.05) + rnorm(m, 0, sqrt(psi))
cases$oscillating <- fh_case(paste("15 areas, intercept only, s2u near 0: Fisher scoring jumps between signs and sae",
  "reports no convergence after 100 iterations"), y, psi, matrix(1, m, 1), "(Intercept)")
stopifnot(!cases$oscillating$expected$converged)
y <- 0.3 + rnorm(m, 0, 0.1) + rnorm(m, 0, sqrt(psi))
cases$intercept_only <- fh_case("15 areas, intercept only", y, psi, matrix(1, m, 1), "(Intercept)")

set.seed(20261203)
m <- 5
psi <- runif(m, 0.001, 0.003)
x <- runif(m, 0.05, 0.25)
y <- 0.05 + 0.6 * x + rnorm(m, 0, 0.08) + rnorm(m, 0, sqrt(psi))
cases$five_areas <- fh_case("5 areas, intercept and one covariate", y, psi, cbind(1, x), c("(Intercept)", "x"))

set.seed(20261204)
m <- 12
psi <- runif(m, 0.0008, 0.01)
x1 <- runif(m, 0.05, 0.2)
x2 <- runif(m, 0.45, 0.55)
y <- -0.1 + 0.8 * x1 + 0.3 * x2 + rnorm(m, 0, 0.03) + rnorm(m, 0, sqrt(psi))
y[c(4, 11)] <- NA
cases$out_of_sample <- fh_case("12 areas, areas 4 and 11 (1-based) without a direct estimate: synthetic", y, psi,
  cbind(1, x1, x2), c("(Intercept)", "x1", "x2"))
# The synthetic MSE is the limit of sae's MSE for an area whose sampling variance grows without bound (1e4 here:
# far larger and sae's g1 = psi_d (1 - B_d) loses its digits to rounding).
far <- ifelse(is.na(y), 1e4, psi)
limit <- mseFH(ifelse(is.na(y), 0, y) ~ cbind(x1, x2), far, method = "REML")
stopifnot(all(abs(limit$mse[c(4, 11)] / cases$out_of_sample$expected$mse[c(4, 11)] - 1) < 1e-3))

# (c) the demo zone: unsafe_often, wave 2026, R survey's estimates per district
demo <- fromJSON(file.path("test", "golden", "demo-golden.json"), simplifyVector = FALSE)
districts <- unlist(demo$districts)
rows_of <- function(wave) {
  rows <- Filter(function(r) r$indicator == "unsafe_often", demo$waves[[wave]]$rows)
  whole_area <- vapply(rows, function(r) is.null(r$district), TRUE)
  by_district <- setNames(rows[!whole_area], vapply(rows[!whole_area], function(r) r$district, ""))
  stopifnot(sum(whole_area) == 1, setequal(names(by_district), districts))
  list(districts = by_district[districts], total = rows[[which(whole_area)]])
}
now <- rows_of("2026")
before <- rows_of("2023")
n <- vapply(now$districts, function(r) r$n, 0)
p <- vapply(now$districts, function(r) r$estimate, 0)
se <- vapply(now$districts, function(r) r$se, 0)
n_eff <- vapply(now$districts, function(r) r$n_eff, 0)
deff <- ifelse(p > 0 & p < 1, se^2 / (p * (1 - p) / n), NA) # docs/methods.md section 5: V / V_srs
pooled <- n_eff >= 30 & p > 0 & p < 1
deff_bar <- mean(deff[pooled])
p_tilde <- now$total$estimate
psi <- deff_bar * p_tilde * (1 - p_tilde) / n

population <- read.csv(file.path("fixtures", "demo", "population.csv"), sep = "|", fileEncoding = "UTF-8-BOM", check.names = FALSE)
oldest <- vapply(districts, function(d) {
  rows <- population[population$district == d, ]
  sum(rows$population[rows$age_group == "75+"]) / sum(rows$population)
}, 0)
previous <- vapply(before$districts, function(r) r$estimate, 0)
stopifnot(!anyNA(oldest), !anyNA(previous))

demo_inputs <- list(
  districts = districts, n = n, estimate = p, deff = deff, n_eff = n_eff,
  whole_area = list(estimate = one(p_tilde), deff = one(now$total$se^2 / (p_tilde * (1 - p_tilde) / now$total$n))),
  pooled_deff = one(deff_bar), pooled_from = which(pooled) - 1
)
cases$demo <- fh_case("demo zone, unsafe_often 2026: intercept + share aged 75+, pooled-deff psi", p, psi,
  cbind(1, oldest), c("(Intercept)", "aged_75_plus"), extra_inputs = list(demo = demo_inputs))
cases$demo_previous <- fh_case("demo zone, unsafe_often 2026: intercept + share aged 75+ + the 2023 estimate", p, psi,
  cbind(1, oldest, previous), c("(Intercept)", "aged_75_plus", "previous_wave"), extra_inputs = list(demo = demo_inputs))

write_json_file(list(
  generated_by = one("test/golden/make-fh-golden.R"),
  r_version = one(paste(R.version$major, R.version$minor, sep = ".")),
  sae_version = one(as.character(packageVersion("sae"))),
  cases = cases
), file.path("test", "golden", "fh-golden.json"))
