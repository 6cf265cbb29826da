# Helpers for make-stats-golden.R: exact JSON output, constructed populations and samples, and the survey
# package calls (start weights, raking, post-stratification, trimming, per-district estimates).
# Conventions follow src/stats/design.ts: districts, sexes (0 = M, 1 = F) and age groups are 0-based,
# -1 marks a missing value (or sex X), population cells sit at (d * 2 + s) * A + a, NA = no figures.

# ---- JSON with full precision: jsonlite stops at 15 significant digits, so numbers are formatted here ----
num_text <- function(x) {
  if (is.na(x)) return("null")
  if (x == round(x) && abs(x) < 1e15) return(format(x, scientific = FALSE))
  for (digits in 15:17) {
    s <- sprintf(paste0("%.", digits, "g"), x)
    if (as.numeric(s) == x) return(s)
  }
  s
}
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x) && !is.null(names(x))) {
    if (length(x) == 0) return("{}")
    parts <- vapply(names(x), function(k) paste0(inner, toJSON(k, auto_unbox = TRUE), ": ", to_json(x[[k]], inner)), "")
    return(paste0("{\n", paste(parts, collapse = ",\n"), "\n", indent, "}"))
  }
  if (is.list(x)) {
    if (length(x) == 0) return("[]")
    parts <- vapply(x, function(v) paste0(inner, to_json(v, inner)), "")
    return(paste0("[\n", paste(parts, collapse = ",\n"), "\n", indent, "]"))
  }
  scalar <- inherits(x, "scalar")
  text <- if (is.character(x)) vapply(x, function(s) toJSON(s, auto_unbox = TRUE), "") else
    if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false")) else vapply(as.numeric(x), num_text, "")
  if (scalar) return(text[[1]])
  paste0("[", paste(text, collapse = ", "), "]")
}
one <- function(x) structure(x, class = c("scalar", class(x))) # a JSON scalar, not a one-element array
write_json_file <- function(x, path) writeLines(to_json(x), path, useBytes = TRUE)

# ---- constructed populations and samples ----
cell_at <- function(d, s, a, A) (d * 2 + s) * A + a + 1 # 1-based position in the cells vector

make_population <- function(D, A, figures = rep(TRUE, D)) {
  age_profile <- c(0.24, 0.26, 0.24, 0.16, 0.10)[seq_len(A)]
  cells <- numeric(D * 2 * A)
  for (d in 0:(D - 1)) {
    size <- round(runif(1, 2000, 15000))
    shares <- age_profile * runif(A, 0.8, 1.2)
    female <- runif(1, 0.48, 0.53)
    for (s in 0:1) for (a in 0:(A - 1)) {
      cells[cell_at(d, s, a, A)] <- if (figures[d + 1]) round(size * shares[a + 1] / sum(shares) * (if (s == 1) female else 1 - female)) else NA
    }
  }
  cells
}

# Non-response skewed to older and female respondents: propensity rises with age and is higher for women.
propensity <- function(A) as.vector(outer(seq(0.5, 1.4, length.out = A), c(0.8, 1.2)))

draw_district <- function(pop_d, n, A, need, propensity_d = propensity(A)) {
  repeat {
    cell <- sample.int(2 * A, n, replace = TRUE, prob = pop_d * propensity_d)
    sex <- (cell - 1) %/% A
    age <- (cell - 1) %% A
    ok <- switch(need,
      margins = length(unique(sex)) == 2 && length(unique(age)) == A,
      cells = length(unique(cell)) == 2 * A,
      none = TRUE
    )
    if (ok) return(data.frame(sex = sex, age_group = age))
  }
}

draw_sample <- function(cells, D, A, sizes, need = "margins") {
  rows <- list()
  for (d in 0:(D - 1)) {
    if (sizes[d + 1] == 0) next
    pop_d <- cells[cell_at(d, 0, 0, A) + 0:(2 * A - 1)]
    if (anyNA(pop_d)) pop_d <- rep(1, 2 * A)
    part <- draw_district(pop_d, sizes[d + 1], A, need)
    rows[[d + 1]] <- data.frame(district = d, part)
  }
  do.call(rbind, rows)
}

# Indicators that depend on district, age and sex, so weighting moves them.
add_indicators <- function(resp, D, shift = 0, missing_share = 0.05) {
  n <- nrow(resp)
  age <- pmax(resp$age_group, 0)
  female <- resp$sex == 1
  district_effect <- ifelse(resp$district >= 0, seq(-0.8, 0.8, length.out = D)[pmax(resp$district, 0) + 1], 0)
  p_unsafe <- plogis(-0.6 + shift + district_effect + 0.25 * age + 0.5 * female)
  resp$unsafe <- as.numeric(runif(n) < p_unsafe)
  resp$unsafe[runif(n) < missing_share] <- NA
  resp$avoid <- as.numeric(runif(n) < plogis(-1 + 0.3 * age))
  resp$score <- round(pmin(10, pmax(0, rnorm(n, 4 + 0.4 * age + district_effect + shift, 2))), 1)
  resp$score[runif(n) < missing_share] <- NA
  resp
}

# ---- estimates with R's survey package, per district and for the whole area ----
kg_interval <- function(p, V, n, df, level = 0.95) {
  a <- (1 - level) / 2
  neff <- if (p == 0 || p == 1 || V == 0) n else min(p * (1 - p) / V, n)
  factor <- if (df <= 0 || n <= 1) 1 else (qt(1 - a, n - 1) / qt(1 - a, df))^2
  ns <- neff * factor
  list(
    low = if (p == 0) 0 else qbeta(a, ns * p, ns * (1 - p) + 1),
    high = if (p == 1) 1 else qbeta(1 - a, ns * p + 1, ns * (1 - p)),
    n_eff = neff
  )
}

domain_result <- function(design, rows, y, type, strata, w) {
  valid <- rows & !is.na(y)
  n <- sum(valid)
  if (n == 0) return(list(n = one(0), estimate = one(NA)))
  m <- svymean(~y, design[rows, ], na.rm = TRUE)
  est <- unname(coef(m))
  V <- unname(vcov(m)[1, 1])
  df <- n - length(unique(strata[valid]))
  out <- list(n = one(n), df = one(df), estimate = one(est), se = one(sqrt(V)))
  if (type == "share") {
    kg <- kg_interval(est, V, n, df)
    out$ci_low <- one(kg$low)
    out$ci_high <- one(kg$high)
    out$n_eff <- one(kg$n_eff)
  } else {
    s2w <- sum(w[valid] * (y[valid] - est)^2) / sum(w[valid])
    out$n_eff <- one(if (V == 0) n else min(s2w / V, n))
    half <- if (df > 0) qt(0.975, df) * sqrt(V) else NA
    out$ci_low <- one(est - half)
    out$ci_high <- one(est + half)
  }
  out
}

estimate_all <- function(design, dat, D, indicators) {
  w <- weights(design)
  res <- list()
  for (ind in names(indicators)) {
    design$variables$y <- dat[[ind]]
    districts <- lapply(0:(D - 1), function(d) domain_result(design, dat$district == d, dat[[ind]], indicators[[ind]], dat$district, w))
    total <- domain_result(design, rep(TRUE, nrow(dat)), dat[[ind]], indicators[[ind]], dat$district, w)
    res[[ind]] <- list(type = one(indicators[[ind]]), districts = districts, total = total)
  }
  res
}

# ---- weighting in R ----
usable_rows <- function(resp, cells, D, A) {
  has_figures <- vapply(resp$district, function(d) d >= 0 && !is.na(cells[cell_at(d, 0, 0, A)]), TRUE)
  resp$district >= 0 & resp$sex >= 0 & resp$age_group >= 0 & has_figures
}

start_design <- function(dat, cells, A) {
  if (is.null(dat$weight)) {
    N_h <- vapply(dat$district, function(d) sum(cells[cell_at(d, 0, 0, A) + 0:(2 * A - 1)]), 0)
    n_h <- ave(rep(1, nrow(dat)), dat$district, FUN = sum)
    dat$d <- N_h / n_h
  } else {
    dat$d <- dat$weight
  }
  svydesign(ids = ~1, strata = ~district, weights = ~d, data = dat)
}

# Margins as R factors; `age_key` maps (district, age group) to the merged age cell label.
rake_design <- function(design, dat, cells, A, age_key = function(d, a) paste(d, a)) {
  dat$dsex <- factor(paste(dat$district, dat$sex))
  dat$dage <- factor(mapply(age_key, dat$district, dat$age_group))
  design$variables$dsex <- dat$dsex
  design$variables$dage <- dat$dage
  ds <- unique(dat$district)
  sex_pop <- do.call(rbind, lapply(ds, function(d) data.frame(dsex = paste(d, 0:1), Freq = c(
    sum(cells[cell_at(d, 0, 0, A) + 0:(A - 1)]), sum(cells[cell_at(d, 1, 0, A) + 0:(A - 1)])
  ))))
  age_pop <- do.call(rbind, lapply(ds, function(d) data.frame(dage = vapply(0:(A - 1), function(a) age_key(d, a), ""), Freq = vapply(0:(A - 1), function(a) cells[cell_at(d, 0, a, A)] + cells[cell_at(d, 1, a, A)], 0))))
  age_pop <- aggregate(Freq ~ dage, data = age_pop, FUN = sum)
  rake(design, list(~dsex, ~dage), list(sex_pop, age_pop), control = list(maxit = 1000, epsilon = 1e-12))
}

poststratify_design <- function(design, dat, cells, A, cell_key = function(d, s, a) paste(d, s, a)) {
  design$variables$cell <- factor(mapply(cell_key, dat$district, dat$sex, dat$age_group))
  ds <- unique(dat$district)
  grid <- expand.grid(a = 0:(A - 1), s = 0:1, d = ds)
  pop <- data.frame(cell = mapply(cell_key, grid$d, grid$s, grid$a), Freq = cells[cell_at(grid$d, grid$s, grid$a, A)])
  pop <- aggregate(Freq ~ cell, data = pop, FUN = sum)
  postStratify(design, ~cell, pop)
}

# Trimming as src/stats/weighting.ts does it (docs/methods.md 2): cap at r times the district mean weight and
# calibrate again, until no weight exceeds its cap by more than 1e-6 (relative), a round keeps more than 0.9
# of the previous largest excess (the caps cannot be met together with the margins), or 100 rounds.
trim_loop <- function(dat, r, calibrate) {
  start <- dat
  capped <- rep(FALSE, nrow(dat))
  previous <- Inf
  for (round in 1:100) {
    design <- calibrate(start)
    w <- weights(design)
    cap <- r * ave(w, dat$district)
    excess <- max(0, w / cap - 1)
    if (excess <= 1e-6 || excess > 0.9 * previous || round == 100) break
    capped <- capped | w > cap * (1 + 1e-6)
    start$weight <- pmin(w, cap)
    previous <- excess
  }
  list(design = design, capped = sum(capped), rounds = round, converged = excess <= 1e-6)
}

# ---- one case: write its data, compute R's answers ----
golden <- list()
run_case <- function(name, description, D, A, cells, resp, indicators, options = list(), calibrate = NULL, extra = list()) {
  case <- list(
    name = one(name), description = one(description), districtCount = one(D), ageGroupCount = one(A),
    population = if (is.null(cells)) NULL else cells,
    respondents = c(list(district = resp$district, sex = resp$sex, ageGroup = resp$age_group),
      if (!is.null(resp$weight)) list(weight = resp$weight) else list(),
      list(y = lapply(setNames(names(indicators), names(indicators)), function(k) resp[[k]]))),
    indicators = lapply(indicators, one),
    options = options
  )
  write_json_file(case, file.path(case_dir, paste0(name, ".json")))
  if (is.null(calibrate)) return(invisible(NULL))
  used <- if (is.null(cells)) resp$district >= 0 else usable_rows(resp, cells, D, A)
  dat <- resp[used, ]
  result <- calibrate(dat)
  design <- if (inherits(result, "survey.design")) result else result$design
  w_all <- rep(NA, nrow(resp))
  w_all[used] <- weights(design)
  w <- weights(design)
  kish_by <- vapply(0:(D - 1), function(d) {
    x <- w[dat$district == d]
    if (length(x) == 0) NA else length(x) * sum(x^2) / sum(x)^2
  }, 0)
  golden[[name]] <<- c(list(
    respondents = one(nrow(dat)), excluded = one(sum(!used)),
    weights = w_all, kish_deff = one(length(w) * sum(w^2) / sum(w)^2), kish_deff_by_district = kish_by,
    indicators = estimate_all(design, dat, D, indicators)
  ), if (!inherits(result, "survey.design")) list(capped = one(result$capped), trim_rounds = one(result$rounds), trim_converged = one(result$converged)) else list(), extra)
  invisible(design)
}
