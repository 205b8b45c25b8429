# Reference values for the figure palette checks (src/maatwerk_stats/report/figures/palette.py):
# WCAG 2.1 contrast against white, colour-vision-deficiency simulation and CIELAB coordinates,
# computed with R colorspace.
#
#   cd tests/reference && Rscript palette_colorspace.R      (or: make references)
#
# Needs: r-cran-colorspace. Written with R 4.2.2, colorspace 2.1-0 (Debian 12).
#
# - contrast_ratio(col, "white"): WCAG 2.1 relative luminance and contrast ratio;
# - protan / deutan / tritan(col, severity = 1): the Machado, Oliveira & Fernandes (2009)
#   matrices applied to linear RGB (colorspace's default linear = TRUE), clipped;
# - coords(as(hex2RGB(col), "LAB")): CIELAB L*, a*, b* (D65).
# The colours: the palette as chosen (2026-12-01), the former light series blue and Likert
# steps, the ColorBrewer Dark2 and Okabe-Ito colours it replaced, and primaries and greys.
library(colorspace)

colors <- c(
  # palette: groups, series, slopes, Likert
  "#6996c3", "#1b4f8a", "#d55e00", "#009e73", "#4d4d4d", "#34679f", "#0f2f55",
  "#a50026", "#d7482f", "#858585", "#3f83bd", "#1a4c8c",
  # former colours
  "#8fb8de", "#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac",
  "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
  "#e69f00", "#56b4e9", "#cc79a7", "#f0e442",
  # primaries, secondaries and greys
  "#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#ff00ff", "#000000",
  "#ffffff", "#777777", "#123456"
)
lab <- coords(as(hex2RGB(colors), "LAB"))
out <- data.frame(
  color = colors,
  contrast_white = contrast_ratio(colors, "white"),
  protan = tolower(protan(colors, severity = 1)),
  deutan = tolower(deutan(colors, severity = 1)),
  tritan = tolower(tritan(colors, severity = 1)),
  L = lab[, "L"], A = lab[, "A"], B = lab[, "B"]
)
write.csv(out, "palette_colorspace.csv", row.names = FALSE)
