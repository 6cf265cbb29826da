#!/usr/bin/env Rscript
# Reference values for raking on population margins alone (docs/methods.md 2.4), for
# test/stats/rake-margins.test.ts: the CBS wijken of fixtures/cbs give men and women and residents per age band,
# no sex x age cross-table. R's survey::rake gets exactly those margins (the sex margin rescaled to the age total,
# as safety-scan does when the two are less than 1% apart; here they agree), start weights N_h / n_h per wijk
# (N_h = the wijk's residents in the age groups), strata = wijken, as src/stats/design.ts.
# Run from the repository root:  Rscript test/golden/make-rake-margins-golden.R
# Reads fixtures/cbs/kwb-2024-marges-15plus.csv; writes test/golden/rake-margins-golden.json. Deterministic (fixed seed).
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "certainty")
options(warn = 2)
source(file.path("test", "golden", "stats-golden-lib.R"))

margins <- read.table(file.path("fixtures", "cbs", "kwb-2024-marges-15plus.csv"), sep = "|", header = TRUE, check.names = FALSE, stringsAsFactors = FALSE)
districts <- margins$district # WK168000 .. WK168003: safety-scan's sorted order, indices 0 .. D-1
age_groups <- c("15-24", "25-44", "45-64", "65+")
D <- length(districts)
A <- length(age_groups)
age_pop <- as.matrix(margins[, age_groups]) # D x A
sex_raw <- as.matrix(margins[, c("sex_M_15plus", "sex_F_15plus")]) # D x 2
age_total <- rowSums(age_pop)
stopifnot(all(abs(rowSums(sex_raw) - age_total) <= 0.01 * pmax(rowSums(sex_raw), age_total)))
sex_pop <- sex_raw * age_total / rowSums(sex_raw)

# Respondents: per wijk a sample from the independence table, response rising with age and higher for women.
set.seed(20261203)
sizes <- c(70, 45, 38, 22)
rows <- list()
for (d in 0:(D - 1)) {
  pop_d <- as.vector(outer(sex_pop[d + 1, ] / age_total[d + 1], age_pop[d + 1, ])) # sex fastest: M a0, F a0, M a1, ...
  prob <- pop_d * as.vector(outer(c(0.8, 1.2), seq(0.5, 1.4, length.out = A)))
  repeat {
    cell <- sample.int(2 * A, sizes[d + 1], replace = TRUE, prob = prob)
    sex <- (cell - 1) %% 2
    age <- (cell - 1) %/% 2
    if (length(unique(sex)) == 2 && length(unique(age)) == A) break
  }
  rows[[d + 1]] <- data.frame(district = d, sex = sex, age_group = age)
}
resp <- add_indicators(do.call(rbind, rows), D)
resp$avoid <- NULL
indicators <- list(unsafe = "share", score = "mean")

resp$d <- age_total[resp$district + 1] / ave(rep(1, nrow(resp)), resp$district, FUN = sum)
resp$dsex <- factor(paste(resp$district, resp$sex))
resp$dage <- factor(paste(resp$district, resp$age_group))
design <- svydesign(ids = ~1, strata = ~district, weights = ~d, data = resp)
sex_margin <- data.frame(dsex = as.vector(outer(0:(D - 1), 0:1, paste)), Freq = as.vector(sex_pop))
age_margin <- data.frame(dage = as.vector(outer(0:(D - 1), 0:(A - 1), paste)), Freq = as.vector(age_pop))
raked <- rake(design, list(~dsex, ~dage), list(sex_margin, age_margin), control = list(maxit = 1000, epsilon = 1e-12))

write_json_file(list(
  generated_by = one("test/golden/make-rake-margins-golden.R"),
  survey_version = one(as.character(packageVersion("survey"))),
  districts = districts,
  age_groups = age_groups,
  sex_margins = lapply(seq_len(D), function(d) sex_pop[d, ]),
  age_margins = lapply(seq_len(D), function(d) age_pop[d, ]),
  respondents = list(district = resp$district, sex = resp$sex, ageGroup = resp$age_group,
    y = lapply(setNames(names(indicators), names(indicators)), function(k) resp[[k]])),
  weights = weights(raked),
  indicators = estimate_all(raked, resp, D, indicators)
), file.path("test", "golden", "rake-margins-golden.json"))
