#!/usr/bin/env Rscript
# Reference values for the demo zone (fixtures/demo) from R's survey package, for
# test/e2e/indicators-golden.test.ts: every built-in indicator per district and for the whole area, both waves,
# computed with the methods of docs/methods.md sections 1-7 (stratified design, raking on district x sex and
# district x age group, svymean on the raked design, Korn-Graubard / t intervals).
# Run from the repository root:  Rscript test/golden/make-demo-golden.R
# Writes test/golden/demo-golden.json. Deterministic: no random numbers, fixed row and column order.
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "certainty") # a one-respondent stratum contributes nothing (docs/methods.md 4.3)
options(warn = 2) # any warning (e.g. rake not converging) stops the script

# The full-precision JSON writer (to_json, one, write_json_file) and kg_interval (Korn-Graubard bounds from
# qbeta / qt, docs/methods.md 5) are shared with the stats-core golden script.
source(file.path("test", "golden", "stats-golden-lib.R"))

demo_dir <- file.path("fixtures", "demo")
MIN_CELL <- 10 # the tool's default min_cell: rows with fewer answers are suppressed (docs/methods.md 6)

# ---- reading the fixtures: decode explicitly so the strings are UTF-8 whatever the R session's locale ----
read_text_table <- function(file, sep, encoding) {
  bytes <- readBin(file, "raw", file.info(file)$size)
  if (length(bytes) >= 3 && all(bytes[1:3] == as.raw(c(0xef, 0xbb, 0xbf)))) bytes <- bytes[-(1:3)] # UTF-8 BOM
  text <- iconv(rawToChar(bytes), from = encoding, to = "UTF-8")
  stopifnot(!is.na(text))
  read.table(text = text, sep = sep, header = TRUE, quote = "\"", na.strings = "", colClasses = "character",
    comment.char = "", strip.white = TRUE, encoding = "UTF-8", check.names = FALSE)
}

# population.csv: district | sex | age_group | population (UTF-8 with BOM, '|').
pop <- read_text_table(file.path(demo_dir, "population.csv"), "|", "UTF-8")
pop$population <- as.numeric(pop$population)
age_groups <- unique(pop$age_group) # "15-29" ... "75+", in file order
age_bounds <- t(vapply(age_groups, function(label) {
  if (grepl("\\+$", label)) return(c(as.numeric(sub("\\+$", "", label)), Inf))
  as.numeric(strsplit(label, "-", fixed = TRUE)[[1]])
}, c(0, 0)))
age_group_of <- function(age) {
  vapply(age, function(a) {
    if (is.na(a)) return(NA_character_)
    hit <- which(a >= age_bounds[, 1] & a <= age_bounds[, 2])
    if (length(hit) == 1) age_groups[hit] else NA_character_
  }, "")
}
districts <- unique(pop$district) # file order: deterministic, locale-free
N_h <- tapply(pop$population, pop$district, sum) # district population 15+

# ---- the built-in indicators (contract.md): 0/1 shares with NA for a missing answer, and the 0-10 index ----
problems <- c("burglary", "vehicle_crime", "speeding", "aggressive_traffic", "parking", "dumping", "vandalism",
  "noise", "drugs", "youth_nuisance")
share_defs <- c(
  list(unsafe_general = list("unsafe_freq", 3:5), unsafe_often = list("unsafe_freq", 4:5),
    unsafe_neighbourhood = list("unsafe_neighbourhood", 3:5), avoidance = list("avoid_places", 1),
    victimisation = list("victim_any", 1), police_satisfied = list("police_satisfaction", 4:5)),
  setNames(lapply(problems, function(p) list(paste0("problem_", p), 3:4)), paste0("problem_", problems))
)
index_items <- c("unsafe_freq", "unsafe_neighbourhood", "unsafe_dark") # each on 1..5

# Computed from the answers in `s`, written to `out`: `unsafe_neighbourhood` is both an item and an indicator.
add_indicators <- function(s) {
  out <- s
  for (id in names(share_defs)) {
    x <- as.numeric(s[[share_defs[[id]][[1]]]])
    out[[id]] <- ifelse(is.na(x), NA, as.numeric(x %in% share_defs[[id]][[2]]))
  }
  scaled <- sapply(index_items, function(k) 10 * (as.numeric(s[[k]]) - 1) / 4)
  answered <- rowSums(!is.na(scaled))
  out$insecurity_index <- ifelse(answered >= 2, rowSums(scaled, na.rm = TRUE) / answered, NA)
  out
}
indicator_types <- c(setNames(rep("share", length(share_defs)), names(share_defs)), insecurity_index = "mean")

# ---- the variance with survey's own raking adjustment, swept `sweeps` times or until it no longer changes ----
# svyrecvar() alternates over the margins exactly 10 times (survey 4.1). docs/methods.md 4.2 sweeps until no value
# changes; for the sparse cells of small districts (Drieënhoek) 10 sweeps are not enough to reach that, so both
# are recorded: `se` (converged, what the tool must match) and `se_svymean` (svymean's own 10-sweep answer).
adjusted_variance <- function(x, design, sweeps = Inf) {
  x <- as.matrix(x)
  sweep <- 0
  repeat {
    before <- x
    for (margin in design$postStrata[[1]]) { # the "raking" object rake() stored: one factor per margin
      psw <- attr(margin, "weights")
      x <- x - psw * apply(x / psw, 2, ave, margin) # as in svyrecvar: u minus its plain cell mean, times w
    }
    sweep <- sweep + 1
    if (sweep >= sweeps || max(abs(x - before)) <= 1e-14 * max(abs(x))) break
    stopifnot(sweep < 10000)
  }
  unname(svyrecvar(x, design$cluster, design$strata, design$fpc, postStrata = NULL)[1, 1])
}

# ---- one domain: svymean on the raked design, n, df and the interval (docs/methods.md 3-5) ----
domain_row <- function(design, dat, indicator, type, name) {
  in_domain <- if (is.na(name)) rep(TRUE, nrow(dat)) else dat$district == name
  y <- dat[[indicator]]
  valid <- in_domain & !is.na(y)
  n <- sum(valid)
  row <- list(indicator = one(indicator), district = one(name), n = one(n),
    suppressed = one(n < MIN_CELL)) # the tool withholds these numbers; R's are kept for the min_cell = 1 test
  if (n == 0) return(c(row, list(estimate = one(NA))))
  design$variables$y <- y
  domain <- if (is.na(name)) design else subset(design, district == name)
  m <- svymean(~y, domain, na.rm = TRUE, influence = TRUE)
  est <- unname(coef(m))
  V_svymean <- unname(vcov(m)[1, 1])
  # the route below is svymean's own: with 10 sweeps it gives svymean's variance to the last digits
  stopifnot(abs(adjusted_variance(attr(m, "influence"), domain, 10) - V_svymean) <= 1e-12 * V_svymean + 1e-30)
  V <- adjusted_variance(attr(m, "influence"), domain)
  df <- n - length(unique(dat$district[valid])) # n - strata with a valid answer in the domain
  if (type == "share") {
    kg <- kg_interval(est, V, n, df)
    low <- kg$low
    high <- kg$high
    n_eff <- kg$n_eff
  } else {
    w <- weights(design)[valid]
    s2w <- sum(w * (y[valid] - est)^2) / sum(w)
    n_eff <- if (V == 0) n else min(s2w / V, n)
    half <- qt(0.975, df) * sqrt(V)
    low <- est - half
    high <- est + half
  }
  c(row, list(df = one(df), estimate = one(est), se = one(sqrt(V)), se_svymean = one(sqrt(V_svymean)),
    ci_low = one(low), ci_high = one(high), n_eff = one(n_eff)))
}

# ---- secondary suppression (docs/methods.md section 6), written here from the rule, not from the tool ----
# A reader who knows the whole area's estimate, the shown districts' estimates and each district's weight total
# can solve for a single withheld district. When a district is withheld for too few answers (0 < n < min_cell),
# shown districts are withheld as well, fewest answers first (ties: smaller weight total, then district order),
# until the withheld group holds >= 2 answered districts, has >= min_cell answers together, and its combined
# estimate is not at a bound of the indicator (unless the whole area is at one).
secondary_suppression <- function(own, design, dat, indicator) {
  area <- own[[length(own)]]
  districts_rows <- own[-length(own)]
  valid_weight <- function(name) sum(weights(design)[dat$district == name & !is.na(dat[[indicator]])])
  n <- vapply(districts_rows, function(r) r$n, 0)
  W <- vapply(districts_rows, function(r) valid_weight(r$district), 0)
  est <- vapply(districts_rows, function(r) if (is.null(r$estimate) || is.na(r$estimate)) NA_real_ else r$estimate, 0)
  answered <- n > 0 & W > 0
  withheld <- answered & n < MIN_CELL
  for (i in seq_along(districts_rows)) districts_rows[[i]]$suppression <- one(if (withheld[i]) "primary" else NA)
  if (!any(withheld) || area$n < MIN_CELL) return(c(districts_rows, list(area)))
  bounds <- if (indicator_types[[indicator]] == "share") c(0, 1) else c(0, 10)
  at_bound <- function(v) any(abs(v - bounds) <= 1e-9 * diff(bounds))
  group_estimate <- function(g) sum(W[g] * est[g]) / sum(W[g])
  safe <- function(g) sum(g) >= 2 && sum(n[g]) >= MIN_CELL && (at_bound(area$estimate) || !at_bound(group_estimate(g)))
  candidates <- which(answered & !withheld)
  candidates <- candidates[order(n[candidates], W[candidates], candidates)]
  group <- withheld
  for (i in candidates) {
    if (safe(group)) break
    group[i] <- TRUE
    districts_rows[[i]]$suppression <- one("secondary")
    districts_rows[[i]]$suppressed <- one(TRUE) # withheld by the tool, R's numbers kept as for primary suppression
  }
  c(districts_rows, list(area))
}

# ---- one wave: usable respondents, start weights, raking, every indicator x (districts, whole area) ----
run_wave <- function(file, encoding) {
  s <- read_text_table(file.path(demo_dir, file), ";", encoding)
  s$age_group <- age_group_of(as.numeric(s$age))
  no_sex <- is.na(s$sex) | !(s$sex %in% c("M", "F"))
  no_age <- !no_sex & is.na(s$age_group)
  stopifnot(all(s$district %in% districts))
  dat <- add_indicators(s[!no_sex & !no_age, ])
  # the respondents left out before svydesign (docs/methods.md 2)
  cat(file, ": excluded", paste(s$respondent_id[no_sex | no_age], collapse = " "), "\n")

  dat$d <- as.numeric(N_h[dat$district] / table(dat$district)[dat$district]) # d = N_h / n_h
  dat$dsex <- factor(paste(dat$district, dat$sex, sep = " | "))
  dat$dage <- factor(paste(dat$district, dat$age_group, sep = " | "))
  design <- svydesign(ids = ~1, strata = ~district, weights = ~d, data = dat)
  sex_pop <- aggregate(population ~ dsex, FUN = sum,
    data = data.frame(dsex = paste(pop$district, pop$sex, sep = " | "), population = pop$population))
  age_pop <- aggregate(population ~ dage, FUN = sum,
    data = data.frame(dage = paste(pop$district, pop$age_group, sep = " | "), population = pop$population))
  names(sex_pop)[2] <- names(age_pop)[2] <- "Freq"
  stopifnot(setequal(levels(dat$dsex), sex_pop$dsex), setequal(levels(dat$dage), age_pop$dage)) # no empty margin
  raked <- rake(design, list(~dsex, ~dage), list(sex_pop, age_pop), control = list(maxit = 1000, epsilon = 1e-12))

  # the margins hold (docs/methods.md 2: within 1e-9 of each cell)
  w <- weights(raked)
  worst <- max(abs(tapply(w, dat$dsex, sum)[sex_pop$dsex] / sex_pop$Freq - 1),
    abs(tapply(w, dat$dage, sum)[age_pop$dage] / age_pop$Freq - 1))
  stopifnot(worst < 1e-9)

  rows <- list()
  for (indicator in names(indicator_types)) {
    own <- lapply(c(districts, NA), function(district) domain_row(raked, dat, indicator, indicator_types[[indicator]], district))
    rows <- c(rows, secondary_suppression(own, raked, dat, indicator))
  }
  list(
    file = one(file),
    read = one(nrow(s)), respondents = one(nrow(dat)), excluded = one(sum(no_sex | no_age)),
    excluded_by = list(sex = one(sum(no_sex)), age_group = one(sum(no_age))),
    weight_min = one(min(w)), weight_max = one(max(w)), kish_deff = one(length(w) * sum(w^2) / sum(w)^2),
    rows = rows
  )
}

waves <- list(
  "2023" = run_wave("survey-2023.csv", "UTF-8"),
  "2026" = run_wave("survey-2026.csv", "CP1252")
)

write_json_file(list(
  generated_by = one("test/golden/make-demo-golden.R"),
  r_version = one(paste(R.version$major, R.version$minor, sep = ".")),
  survey_version = one(as.character(packageVersion("survey"))),
  min_cell = one(MIN_CELL),
  districts = districts,
  indicators = names(indicator_types),
  waves = waves
), file.path("test", "golden", "demo-golden.json"))
cat("wrote", sum(vapply(waves, function(w) length(w$rows), 0)), "rows for", length(waves), "waves\n")
