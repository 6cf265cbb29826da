#!/usr/bin/env Rscript
# Builds the constructed cases for src/stats and their reference values from R's survey package.
# Run from the repository root:  Rscript test/golden/make-stats-golden.R
# Writes test/golden/cases/<case>.json (the input data) and test/golden/stats-golden.json (R's answers).
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "certainty") # a one-respondent stratum contributes nothing (docs/methods.md 4.3)
options(warn = 1)

case_dir <- file.path("test", "golden", "cases")
dir.create(case_dir, recursive = TRUE, showWarnings = FALSE)
source(file.path("test", "golden", "stats-golden-lib.R"))

share_mean <- list(unsafe = "share", avoid = "share", score = "mean")

# realistic: 8 districts with figures plus one without, skewed response, a few unusable respondents,
# p = 0 and p = 1 for `avoid` in two districts, missing items.
set.seed(20260101)
D <- 9
A <- 5
cells <- make_population(D, A, figures = c(rep(TRUE, 8), FALSE))
resp <- draw_sample(cells, D, A, sizes = c(60, 45, 80, 35, 50, 14, 25, 70, 8))
resp <- add_indicators(resp, D)
resp$avoid[resp$district == 1] <- 0
resp$avoid[resp$district == 4] <- 1
extra_rows <- data.frame(district = c(0, 2, 3, 5, 6, 7), sex = c(-1, 0, -1, 1, -1, 0), age_group = c(2, -1, 1, -1, -1, 3))
extra_rows <- add_indicators(extra_rows, D)
resp <- rbind(resp, extra_rows)
realistic_design <- run_case("realistic", "8 districts with figures and 1 without, response skewed to older and female, 6 respondents missing sex or age, avoid: p = 0 in district 1 and p = 1 in district 4, about 5% missing items; raking",
  D, A, cells, resp, share_mean, list(method = one("rake")),
  function(dat) rake_design(start_design(dat, cells, A), dat, cells, A))

# The same zone a wave later: a new sample with a shifted indicator, for the two-wave comparison.
resp2 <- add_indicators(draw_sample(cells, D, A, sizes = c(55, 50, 75, 40, 45, 20, 30, 65, 0)), D, shift = 0.35)
wave2_design <- run_case("realistic-wave2", "the realistic zone a wave later, indicators shifted up; raking",
  D, A, cells, resp2, share_mean, list(method = one("rake")),
  function(dat) rake_design(start_design(dat, cells, A), dat, cells, A))

# singleton: district 2 has one respondent and population only in that respondent's cell.
set.seed(20260102)
D <- 4
A <- 3
cells <- make_population(D, A)
resp <- draw_sample(cells, D, A, sizes = c(30, 25, 0, 40))
resp <- rbind(resp, data.frame(district = 2, sex = 1, age_group = 1))
cells[cell_at(2, 0, 0, A) + 0:(2 * A - 1)] <- 0
cells[cell_at(2, 1, 1, A)] <- 1800
resp <- add_indicators(resp, D)
resp$unsafe[resp$district == 2] <- 1
resp$score[resp$district == 2] <- 6.5
run_case("singleton", "district 2 has a single respondent (population only in that respondent's cell); raking",
  D, A, cells, resp, share_mean, list(method = one("rake")),
  function(dat) rake_design(start_design(dat, cells, A), dat, cells, A))

# unweighted: no population figures; a one-respondent district, respondents missing sex/age still count,
# one respondent without a district is left out.
set.seed(20260103)
D <- 5
A <- 5
resp <- draw_sample(make_population(D, A), D, A, sizes = c(40, 1, 30, 22, 35), need = "none")
resp$sex[c(3, 50)] <- -1
resp$age_group[c(7, 60)] <- -1
resp <- rbind(resp, data.frame(district = -1, sex = 0, age_group = 2))
resp <- add_indicators(resp, D)
run_case("unweighted", "no population figures: d = 1, no calibration; district 1 has one respondent; 4 respondents missing sex or age are kept; 1 without a district is left out",
  D, A, NULL, resp, share_mean, list(method = one("none")),
  function(dat) {
    dat$one <- 1
    svydesign(ids = ~1, strata = ~district, weights = ~one, data = dat)
  })

# post-stratification on district x sex x age cells (3 age groups).
set.seed(20260104)
D <- 5
A <- 3
cells <- make_population(D, A)
resp <- add_indicators(draw_sample(cells, D, A, sizes = c(50, 40, 60, 35, 45), need = "cells"), D)
run_case("poststratify", "post-stratification on district x sex x age cells, 3 age groups",
  D, A, cells, resp, share_mean, list(method = one("poststratify")),
  function(dat) poststratify_design(start_design(dat, cells, A), dat, cells, A))

# supplied design weights (monitor microdata) that vary within districts, then raking / post-stratification.
set.seed(20260105)
D <- 4
A <- 3
cells <- make_population(D, A)
resp <- add_indicators(draw_sample(cells, D, A, sizes = c(45, 50, 40, 55), need = "cells"), D)
resp$weight <- round(runif(nrow(resp), 0.5, 3) * 100, 2)
run_case("supplied-weights-rake", "a supplied weight column varying within districts replaces the start weights; raking",
  D, A, cells, resp, share_mean, list(method = one("rake")),
  function(dat) rake_design(start_design(dat, cells, A), dat, cells, A))
run_case("supplied-weights-poststratify", "a supplied weight column varying within districts replaces the start weights; post-stratification (R centres u by the design-weighted cell mean)",
  D, A, cells, resp, share_mean, list(method = one("poststratify")),
  function(dat) poststratify_design(start_design(dat, cells, A), dat, cells, A))

# Empty cells (raking): district 1 has no respondent aged 45-59, district 3 none aged 15-29.
# Collapsed in R by hand: each empty age group joins its younger neighbour (15-29 has none, so the older one).
set.seed(20260106)
D <- 4
A <- 5
cells <- make_population(D, A)
resp <- draw_sample(cells, D, A, sizes = c(40, 45, 35, 50))
resp <- resp[!(resp$district == 1 & resp$age_group == 2) & !(resp$district == 3 & resp$age_group == 0), ]
resp <- add_indicators(resp, D)
merged_age <- function(d, a) {
  if (d == 1 && a %in% 1:2) return("1 1-2")
  if (d == 3 && a %in% 0:1) return("3 0-1")
  paste(d, a)
}
empty_rake <- list(
  list(district = one(1), ageGroup = one(2), population = one(cells[cell_at(1, 0, 2, A)] + cells[cell_at(1, 1, 2, A)])),
  list(district = one(3), ageGroup = one(0), population = one(cells[cell_at(3, 0, 0, A)] + cells[cell_at(3, 1, 0, A)]))
)
run_case("empty-cell-rake", "raking with empty district x age cells (district 1 age 2, district 3 age 0): an error without collapsing, merged age groups with it",
  D, A, cells, resp, share_mean, list(method = one("rake"), collapseEmptyCells = one(TRUE)),
  function(dat) rake_design(start_design(dat, cells, A), dat, cells, A, merged_age),
  extra = list(empty_cells = empty_rake, collapsed = list(
    list(district = one(1), sex = one(NA), ageGroups = c(1, 2)),
    list(district = one(3), sex = one(NA), ageGroups = c(0, 1))
  )))

# Empty cells (post-stratification): district 0 has no woman aged 65+, district 2 no man under 40 (two groups).
set.seed(20260107)
D <- 4
A <- 3
cells <- make_population(D, A)
resp <- draw_sample(cells, D, A, sizes = c(50, 40, 60, 45), need = "cells")
resp <- resp[!(resp$district == 0 & resp$sex == 1 & resp$age_group == 2) & !(resp$district == 2 & resp$sex == 0 & resp$age_group < 2), ]
resp <- add_indicators(resp, D)
merged_cell <- function(d, s, a) {
  if (d == 0 && s == 1 && a %in% 1:2) return("0 1 1-2")
  if (d == 2 && s == 0) return("2 0 0-2")
  paste(d, s, a)
}
empty_ps <- list(
  list(district = one(0), sex = one(1), ageGroup = one(2), population = one(cells[cell_at(0, 1, 2, A)])),
  list(district = one(2), sex = one(0), ageGroup = one(0), population = one(cells[cell_at(2, 0, 0, A)])),
  list(district = one(2), sex = one(0), ageGroup = one(1), population = one(cells[cell_at(2, 0, 1, A)]))
)
run_case("empty-cell-poststratify", "post-stratification with empty cells (district 0 women 65+, district 2 men in the two youngest groups): an error without collapsing, merged cells with it",
  D, A, cells, resp, share_mean, list(method = one("poststratify"), collapseEmptyCells = one(TRUE)),
  function(dat) poststratify_design(start_design(dat, cells, A), dat, cells, A, merged_cell),
  extra = list(empty_cells = empty_ps, collapsed = list(
    list(district = one(0), sex = one(1), ageGroups = c(1, 2)),
    list(district = one(2), sex = one(0), ageGroups = c(0, 2))
  )))

# Trimming: supplied design weights with a heavy tail (1 in 12 respondents 6 times the usual weight);
# cap at 3 times the district mean and rake again until the caps hold.
set.seed(20260108)
D <- 4
A <- 5
cells <- make_population(D, A)
resp <- add_indicators(draw_sample(cells, D, A, sizes = c(60, 45, 70, 50)), D)
resp$weight <- round(100 * runif(nrow(resp), 0.7, 1.3) * ifelse(runif(nrow(resp)) < 1 / 12, 6, 1), 2)
run_case("trimmed-rake", "supplied weights with a heavy tail, raking with max weight ratio 3: weights above 3 x the district mean are capped and raking repeats until every weight is within its cap",
  D, A, cells, resp, share_mean, list(method = one("rake"), maxWeightRatio = one(3)),
  function(dat) trim_loop(dat, 3, function(start) rake_design(start_design(start, cells, A), start, cells, A)))

# ---- Korn-Graubard bounds straight from qbeta / qt with the docs/methods.md section 5.2 definitions ----
kg_inputs <- list(
  c(0.3, 0.0021, 120, 119, 0.95), c(0.3, 0.0021, 400, 392, 0.95), c(0.05, 0.0004, 90, 89, 0.95),
  c(0, 0, 25, 24, 0.95), c(1, 0, 25, 24, 0.95), c(0.5, 1e-6, 40, 39, 0.95), c(0.72, 0.004, 60, 52, 0.95),
  c(0.2, 0.01, 1, 0, 0.95), c(0.6, 0.02, 12, 0, 0.95), c(0.4, 0.003, 80, 75, 0.9), c(0.999, 1e-5, 300, 280, 0.99)
)
korn_graubard <- lapply(kg_inputs, function(x) {
  kg <- kg_interval(x[1], x[2], x[3], x[4], x[5])
  list(p = one(x[1]), variance = one(x[2]), n = one(x[3]), df = one(x[4]), level = one(x[5]),
    low = one(kg$low), high = one(kg$high), n_eff = one(kg$n_eff))
})
t_inputs <- list(c(4.2, 0.31, 57, 0.95), c(6.1, 0.05, 399, 0.95), c(2.5, 0.8, 3, 0.9), c(1, 2, 1, 0.99))
t_intervals <- lapply(t_inputs, function(x) {
  half <- qt(1 - (1 - x[4]) / 2, x[3]) * x[2]
  list(estimate = one(x[1]), se = one(x[2]), df = one(x[3]), level = one(x[4]), low = one(x[1] - half), high = one(x[1] + half))
})

# ---- comparisons ----
g1 <- golden[["realistic"]]$indicators$unsafe
g2 <- golden[["realistic-wave2"]]$indicators$unsafe
compare_pair <- function(a, b) {
  if (is.na(a$estimate) || is.na(b$estimate)) return(list(diff = one(NA), se = one(NA), z = one(NA), p = one(NA)))
  diff <- unclass(b$estimate) - unclass(a$estimate)
  se <- sqrt(unclass(a$se)^2 + unclass(b$se)^2)
  z <- diff / se
  list(diff = one(diff), se = one(se), z = one(z), p = one(2 * pnorm(-abs(z))))
}
waves <- list(districts = Map(compare_pair, g1$districts, g2$districts), total = compare_pair(g1$total, g2$total))

# District against the whole area: R's own calibration adjustment and variance of the stacked influence values.
dat <- realistic_design$variables
realistic_design$variables$y <- dat$unsafe
m_total <- svymean(~y, realistic_design, na.rm = TRUE, influence = TRUE)
district_vs_total <- lapply(0:8, function(d) {
  rows <- dat$district == d
  if (!any(rows & !is.na(dat$unsafe))) return(list(district = one(d), diff = one(NA)))
  m_d <- svymean(~y, realistic_design[rows, ], na.rm = TRUE, influence = TRUE)
  V <- svyrecvar(cbind(attr(m_d, "influence"), attr(m_total, "influence")), realistic_design$cluster,
    realistic_design$strata, realistic_design$fpc, postStrata = realistic_design$postStrata)
  stopifnot(abs(V[1, 1] - vcov(m_d)[1, 1]) < 1e-12 * V[1, 1] + 1e-300, abs(V[2, 2] - vcov(m_total)[1, 1]) < 1e-12 * V[2, 2])
  diff <- unname(coef(m_d) - coef(m_total))
  se <- sqrt(V[1, 1] + V[2, 2] - 2 * V[1, 2])
  list(district = one(d), diff = one(diff), covariance = one(V[1, 2]), se = one(se), z = one(diff / se), p = one(2 * pnorm(-abs(diff / se))))
})

# Cronbach's alpha over complete cases with weighted covariances (cov.wt), an independent route to the same number.
set.seed(20260109)
latent <- rnorm(60)
items <- sapply(c(0.9, 0.7, 0.5), function(load) pmin(5, pmax(1, round(3 + load * latent + rnorm(60, 0, 0.8)))))
items[sample.int(length(items), 10)] <- NA
item_weights <- round(runif(60, 0.5, 2.5), 3)
complete <- complete.cases(items)
alpha_of <- function(w) {
  C <- cov.wt(items[complete, ], wt = w[complete], method = "ML")$cov
  ncol(items) / (ncol(items) - 1) * (1 - sum(diag(C)) / sum(C))
}
cronbach <- list(
  items = lapply(1:ncol(items), function(j) items[, j]), weights = item_weights,
  alpha_weighted = one(alpha_of(item_weights)), alpha_unweighted = one(alpha_of(rep(1, 60))), respondents = one(sum(complete))
)

bh_p <- c(0.01, 0.04, NA, 0.03, 0.2, 0.04, 0.0001, 0.5, 0.049, 1, 0.0123, NA, 0.3)
district_p <- vapply(district_vs_total, function(x) if (is.null(x$p)) NA else unclass(x$p), 0)

write_json_file(list(
  generated_by = one("test/golden/make-stats-golden.R"),
  r_version = one(paste(R.version$major, R.version$minor, sep = ".")),
  survey_version = one(as.character(packageVersion("survey"))),
  cases = golden,
  korn_graubard = korn_graubard,
  t_intervals = t_intervals,
  cronbach = cronbach,
  comparisons = list(waves_unsafe = waves, district_vs_total_unsafe = district_vs_total),
  benjamini_hochberg = list(
    list(p = bh_p, adjusted = p.adjust(bh_p, method = "BH")),
    list(p = district_p, adjusted = p.adjust(district_p, method = "BH"))
  )
), file.path("test", "golden", "stats-golden.json"))
cat("wrote", length(golden), "cases\n")

