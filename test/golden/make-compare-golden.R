#!/usr/bin/env Rscript
# Reference values for `safety-scan compare` on the demo zone, for test/e2e/compare.test.ts: the change between
# the two survey waves per indicator x district (and the whole area), tested as docs/methods.md section 8 says:
#   two independent samples, diff = est_2 - est_1, SE = sqrt(SE_1^2 + SE_2^2), z = diff / SE,
#   p = 2 * pnorm(-|z|), and Benjamini-Hochberg q-values (p.adjust(p, "BH")) over every testable row of the run.
# Estimates and SEs are R survey's, read from test/golden/demo-golden.json (make-demo-golden.R): its `se` is the
# SE with the raking adjustment swept to convergence, the one the tool must match (not `se_svymean`).
# A row with either side suppressed (fewer than min_cell answers) cannot be tested: its diff, SE, z, p, q and
# `significant` are null and it is not part of the BH family. Besides the full run, `subsets` holds a few filtered
# runs (`--indicator` / `--district`): their rows carry the q-values of the full family (a finding must not
# change with what is shown), and their family_size is the full family's.
# Run from the repository root:  Rscript test/golden/make-compare-golden.R
# Writes test/golden/compare-golden.json. Deterministic: no random numbers; rows in the order of demo-golden.json
# (indicators in codebook order; districts in population-file order, then the whole area).
suppressPackageStartupMessages(library(jsonlite))
options(warn = 2)

# to_json / one / write_json_file: the full-precision JSON writer shared with the other golden scripts.
source(file.path("test", "golden", "stats-golden-lib.R"))

FROM <- "2023"
TO <- "2026"
FDR <- 0.05 # the tool's default compare.fdr

demo <- fromJSON(file.path("test", "golden", "demo-golden.json"), simplifyVector = FALSE)
stopifnot(identical(sort(names(demo$waves)), c(FROM, TO)))
indicators <- unlist(demo$indicators)
districts <- unlist(demo$districts)

key_of <- function(indicator, district) paste(indicator, if (is.null(district)) "" else district, sep = "\r")
index_rows <- function(rows) setNames(rows, vapply(rows, function(r) key_of(r$indicator, r$district), ""))
before <- index_rows(demo$waves[[FROM]]$rows)
after <- index_rows(demo$waves[[TO]]$rows)
stopifnot(setequal(names(before), names(after)), !anyDuplicated(names(before)))

num <- function(x) if (is.null(x)) NA_real_ else as.numeric(x)

# One row per indicator x district (then the whole area): R's estimates and SEs, and the test where possible.
rows <- list()
for (indicator in indicators) {
  for (district in c(as.list(districts), list(NULL))) {
    k <- key_of(indicator, district)
    a <- before[[k]]
    b <- after[[k]]
    stopifnot(!is.null(a), !is.null(b))
    testable <- !isTRUE(a$suppressed) && !isTRUE(b$suppressed)
    est1 <- if (isTRUE(a$suppressed)) NA_real_ else num(a$estimate)
    est2 <- if (isTRUE(b$suppressed)) NA_real_ else num(b$estimate)
    se1 <- if (isTRUE(a$suppressed)) NA_real_ else num(a$se)
    se2 <- if (isTRUE(b$suppressed)) NA_real_ else num(b$se)
    diff <- se <- z <- p <- NA_real_
    if (testable) {
      diff <- est2 - est1
      se <- sqrt(se1^2 + se2^2)
      # The demo has no row with an SE of 0 on both sides; the tool tests one exactly when both estimates are
      # reliable (p = 0 for a difference, 1 for none; docs/methods.md 8.1, test/e2e/compare-without-error.test.ts).
      if (se > 0) {
        z <- diff / se
        p <- 2 * pnorm(-abs(z))
      }
    }
    rows[[length(rows) + 1]] <- list(indicator = indicator, district = district,
      suppressed_from = isTRUE(a$suppressed), suppressed_to = isTRUE(b$suppressed),
      estimate_from = est1, estimate_to = est2, se_from = se1, se_to = se2,
      diff = diff, se = se, z = z, p = p)
  }
}

# Benjamini-Hochberg over the testable rows of one run (p.adjust drops NAs from the count too; explicit here).
with_q <- function(rows) {
  p <- vapply(rows, function(r) r$p, 0)
  q <- rep(NA_real_, length(p))
  tested <- !is.na(p)
  q[tested] <- p.adjust(p[tested], method = "BH")
  for (i in seq_along(rows)) {
    rows[[i]]$q <- q[i]
    rows[[i]]$significant <- if (is.na(q[i])) NA else q[i] < FDR
  }
  list(rows = rows, family_size = sum(tested))
}

as_json_row <- function(r, full = TRUE) {
  base <- list(indicator = one(r$indicator), district = if (is.null(r$district)) NULL else one(r$district))
  extra <- if (full) list(suppressed_from = one(r$suppressed_from), suppressed_to = one(r$suppressed_to),
    estimate_from = one(r$estimate_from), estimate_to = one(r$estimate_to),
    se_from = one(r$se_from), se_to = one(r$se_to), diff = one(r$diff), se = one(r$se), z = one(r$z)) else list()
  c(base, extra, list(p = one(r$p), q = one(r$q), significant = one(r$significant)))
}

full <- with_q(rows)

# Filtered runs: the rows the tool prints for the filter (each chosen district, then the whole area, for each
# chosen indicator), taken from the full run with its q-values: BH over the whole family, whatever is shown.
subset_run <- function(name, args, only_indicators, only_districts) {
  keep <- Filter(function(r) {
    (is.null(only_indicators) || r$indicator %in% only_indicators) &&
      (is.null(r$district) || is.null(only_districts) || r$district %in% only_districts)
  }, full$rows)
  list(name = one(name), args = args, family_size = one(full$family_size),
    rows = lapply(keep, as_json_row, full = FALSE))
}

subsets <- list(
  subset_run("unsafe_often in Oudegem", c("--indicator", "unsafe_often", "--district", "Oudegem"), "unsafe_often", "Oudegem"),
  subset_run("every indicator in Zwijnaarde", c("--district", "Zwijnaarde"), NULL, "Zwijnaarde"),
  subset_run("every indicator in Drieënhoek (one row suppressed)", c("--district", "Drieënhoek"), NULL, "Drieënhoek"),
  subset_run("three indicators in two districts",
    c("--indicator", "unsafe_often", "--indicator", "problem_drugs", "--indicator", "insecurity_index",
      "--district", "Sint-Amandsberg", "--district", "Oudegem"),
    c("unsafe_often", "problem_drugs", "insecurity_index"), c("Sint-Amandsberg", "Oudegem"))
)

write_json_file(list(
  generated_by = one("test/golden/make-compare-golden.R"),
  source = one("test/golden/demo-golden.json"),
  r_version = one(paste(R.version$major, R.version$minor, sep = ".")),
  survey_version = one(demo$survey_version),
  from = one(FROM),
  to = one(TO),
  fdr = one(FDR),
  min_cell = one(demo$min_cell),
  districts = districts,
  indicators = indicators,
  family_size = one(full$family_size),
  significant = one(sum(vapply(full$rows, function(r) isTRUE(r$significant), TRUE))),
  rows = lapply(full$rows, as_json_row),
  subsets = subsets
), file.path("test", "golden", "compare-golden.json"))
cat("wrote", length(full$rows), "rows,", full$family_size, "tested,",
  sum(vapply(full$rows, function(r) isTRUE(r$significant), TRUE)), "significant\n")
