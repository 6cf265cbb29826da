# The same work as `safety-scan indicators` in R survey, for the benchmark: read the files, rake to
# district x sex and district x age group, then svyby (per district) and svymean (whole area) per indicator.
# Usage: Rscript bench/r-indicators.R survey.csv population.csv
suppressMessages(library(survey))
options(survey.lonely.psu = "certainty")
args <- commandArgs(trailingOnly = TRUE)
s <- read.csv(args[1], sep = ";", stringsAsFactors = FALSE)
p <- read.csv(args[2], sep = "|", stringsAsFactors = FALSE)
p$lo <- as.integer(sub("[-+].*", "", p$age_group))
groups <- unique(p[order(p$lo), c("age_group", "lo")])
s <- s[s$sex %in% c("M", "F") & !is.na(s$age) & s$age >= min(groups$lo), ]
s$age_group <- groups$age_group[findInterval(s$age, groups$lo)]
N <- aggregate(population ~ district, p, sum)
s$d <- N$population[match(s$district, N$district)] / ave(rep(1, nrow(s)), s$district, FUN = sum)
s$dsex <- paste(s$district, s$sex)
s$dage <- paste(s$district, s$age_group)
design <- svydesign(ids = ~1, strata = ~district, weights = ~d, data = s)
msex <- aggregate(population ~ district + sex, p, sum); msex <- data.frame(dsex = paste(msex$district, msex$sex), Freq = msex$population)
mage <- aggregate(population ~ district + age_group, p, sum); mage <- data.frame(dage = paste(mage$district, mage$age_group), Freq = mage$population)
raked <- rake(design, list(~dsex, ~dage), list(msex, mage), control = list(maxit = 1000, epsilon = 1e-12))
share <- function(x, values) ifelse(is.na(x), NA, as.numeric(x %in% values))
problems <- grep("^problem_", names(s), value = TRUE)
ys <- list(unsafe_general = share(s$unsafe_freq, 3:5), unsafe_often = share(s$unsafe_freq, 4:5),
           unsafe_neighbourhood = share(s$unsafe_neighbourhood, 3:5), avoidance = share(s$avoid_places, 1),
           victimisation = share(s$victim_any, 1), police_satisfied = share(s$police_satisfaction, 4:5))
for (item in problems) ys[[item]] <- share(s[[item]], 3:4)
items <- s[, c("unsafe_freq", "unsafe_neighbourhood", "unsafe_dark")]
ys$insecurity_index <- ifelse(rowSums(!is.na(items)) >= 2, rowMeans(10 * (items - 1) / 4, na.rm = TRUE), NA)
for (name in names(ys)) {
  raked <- update(raked, y = ys[[name]])
  by <- svyby(~y, ~district, raked, svymean, na.rm = TRUE)
  total <- svymean(~y, raked, na.rm = TRUE)
}
cat(length(ys), "indicators\n")
