# Golden values for the team-level statistics over the published teams only
# (analyses/small_groups.py, analyses/teams.py): ICC(1)/ICC(2) and the between-team
# correlations, on the fuzz corpus' team survey (tests/fuzz/files/teams_hidden.csv: 15
# teams, team 63 with 3 members, one respondent without a team).
#
#   cd tests/reference && Rscript teams_published.R      (or: make references)
#
# Needs: r-base-core with multilevel and psych (R 4.2.2, multilevel 2.7, psych 2.2.9).
#
# The rule, written out here independently of the Python code:
#   - a team is published for a scale when at least min_cell = 5 of its members have a score;
#   - when the respondents with a score that are in no published team (small teams plus those
#     without a team) number 1 to 4, the smallest published team (the first of equals, in
#     team-number order) is withheld too;
#   - ICC(1), ICC(2): multilevel::ICC1 / ICC2 of aov(score ~ as.factor(team)) on the members
#     of the published teams of that scale;
#   - between-team correlations: psych::statsBy(group = "team") rbg on the members of the
#     teams published for every scale of the table.
# Scale score: the mean of the answered items when at least 3 of the 4 are answered.

suppressPackageStartupMessages({
  library(multilevel)
  library(psych)
})

data <- read.csv("../fuzz/files/teams_hidden.csv")
scales <- c(taakonzekerheid = "onzeker", steun = "steun", klimaat = "klimaat",
            maatwerk = "maatwerk")
for (name in names(scales)) {
  items <- data[, paste0(scales[[name]], "_", 1:4)]
  answered <- rowSums(!is.na(items))
  data[[name]] <- ifelse(answered >= 3, rowMeans(items, na.rm = TRUE), NA)
}
min_cell <- 5

published_teams <- function(score) {
  has <- !is.na(score)
  n <- table(factor(data$team[has & !is.na(data$team)],
                    levels = sort(unique(data$team[!is.na(data$team)]))))
  shown <- n >= min_cell
  hidden <- sum(n[!shown]) + sum(has & is.na(data$team))
  if (hidden > 0 && hidden < min_cell && any(shown)) {
    candidates <- which(shown)
    shown[candidates[which.min(n[candidates])]] <- FALSE
  }
  as.numeric(names(n)[shown])
}

agreement <- do.call(rbind, lapply(names(scales), function(name) {
  teams <- published_teams(data[[name]])
  rows <- data[!is.na(data$team) & data$team %in% teams, ]
  model <- aov(rows[[name]] ~ as.factor(rows$team))
  data.frame(variable = name, n_teams_icc = length(teams), icc1 = ICC1(model),
             icc2 = ICC2(model), withheld = paste(setdiff(
               sort(unique(data$team[!is.na(data$team)])), teams), collapse = " "))
}))
write.csv(agreement, "teams_published_agreement.csv", row.names = FALSE)

common <- Reduce(intersect, lapply(names(scales), function(name) published_teams(data[[name]])))
rows <- data[!is.na(data$team) & data$team %in% common, c("team", names(scales))]
sb <- statsBy(rows, group = "team", cors = FALSE)
out <- list()
vars <- names(scales)
for (j in 1:(length(vars) - 1)) for (k in (j + 1):length(vars)) {
  out[[length(out) + 1]] <- data.frame(variable_1 = vars[j], variable_2 = vars[k],
                                       n_teams = length(common),
                                       r_between = sb$rbg[paste0(vars[j], ".bg"),
                                                    paste0(vars[k], ".bg")])
}
write.csv(do.call(rbind, out), "teams_published_between.csv", row.names = FALSE)
