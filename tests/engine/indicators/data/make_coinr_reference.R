# Reference numbers for tests/engine/indicators/test_asem_coinr.py, produced with COINr 1.1.14
# (github bluefoxr/COINr, commit b968203, installed from source) on R 4.2 (Debian bookworm):
#   R CMD INSTALL COINr && cd tests/engine/indicators/data && Rscript make_coinr_reference.R
# then the A_*/B_*/... files renamed to coinr_*.csv. Numbers are written with 17 significant digits.
.libPaths(c(.libPaths()))
library(COINr)
out <- "."
w <- function(df, name) write.csv(format(df, digits = 17), file.path(out, name), row.names = FALSE, quote = TRUE)
wr <- function(df, name) {
  df2 <- df
  for (n in names(df2)) if (is.numeric(df2[[n]])) df2[[n]] <- sprintf("%.17g", df2[[n]])
  write.csv(df2, file.path(out, name), row.names = FALSE)
}
coin <- build_example_coin(quietly = TRUE)
for (d in c("Denominated", "Imputed", "Screened", "Treated", "Normalised", "Aggregated")) wr(get_dset(coin, d), paste0("A_", d, ".csv"))
wr(coin$Analysis$Treated$Dets_Table, "A_treat_details.csv")
wr(coin$Analysis$Treated$Treated_Points, "A_treated_points.csv")
wr(coin$Analysis$Screened$RemovedUnits |> as.data.frame(), "A_removed.csv")
res <- get_results(coin, dset = "Aggregated", tab_type = "Aggs", also_get = "none")
wr(res, "A_results.csv")
# B: z-scores (mean 10, sd 2) on denominated data, arithmetic mean with 0.75 availability threshold
coin <- Normalise(coin, dset = "Denominated", global_specs = list(f_n = "n_zscore", f_n_para = list(m_sd = c(10, 2))), write_to = "NormB")
coin <- Aggregate(coin, dset = "NormB", f_ag = "a_amean", dat_thresh = 0.75, write_to = "AggB")
wr(get_dset(coin, "NormB"), "B_Normalised.csv"); wr(get_dset(coin, "AggB"), "B_Aggregated.csv")
# C: min-max to [1, 100] on treated data, geometric mean
coin <- Normalise(coin, dset = "Treated", global_specs = list(f_n = "n_minmax", f_n_para = list(l_u = c(1, 100))), write_to = "NormC")
coin <- Aggregate(coin, dset = "NormC", f_ag = "a_gmean", write_to = "AggC")
wr(get_dset(coin, "NormC"), "C_Normalised.csv"); wr(get_dset(coin, "AggC"), "C_Aggregated.csv")
# D: rank normalisation (ties min), harmonic mean
coin <- Normalise(coin, dset = "Treated", global_specs = list(f_n = "n_rank"), write_to = "NormD")
coin <- Aggregate(coin, dset = "NormD", f_ag = "a_hmean", write_to = "AggD")
wr(get_dset(coin, "NormD"), "D_Normalised.csv"); wr(get_dset(coin, "AggD"), "D_Aggregated.csv")
# E: group-median imputation, percentile ranks, arithmetic
coin <- Impute(coin, dset = "Denominated", f_i = "i_median_grp", use_group = "EurAsia_group", write_to = "ImpE")
coin <- Normalise(coin, dset = "ImpE", global_specs = list(f_n = "n_prank"), write_to = "NormE")
coin <- Aggregate(coin, dset = "NormE", f_ag = "a_amean", write_to = "AggE")
wr(get_dset(coin, "ImpE"), "E_Imputed.csv"); wr(get_dset(coin, "NormE"), "E_Normalised.csv"); wr(get_dset(coin, "AggE"), "E_Aggregated.csv")
# F: plain mean imputation of raw (not denominated) data
coin <- Impute(coin, dset = "Raw", f_i = "i_mean", write_to = "ImpF")
wr(get_dset(coin, "ImpF"), "F_Imputed.csv")
# G: winsorise at most 1 point, then COINr's log fallback (log_CT)
coin <- Treat(coin, dset = "Screened", global_specs = list(f1_para = list(winmax = 1)), write_to = "TreatG")
wr(get_dset(coin, "TreatG"), "G_Treated.csv")
wr(coin$Analysis$TreatG$Dets_Table, "G_treat_details.csv")
wr(coin$Analysis$TreatG$Treated_Points, "G_treated_points.csv")
# P: the panel example, build_example_purse(): Screen (0.9, byNA) → Treat → Normalise(global = TRUE) → Aggregate;
# only the aggregate columns are kept in coinr_P_aggregated.csv
purse <- build_example_purse(quietly = TRUE)
wr(get_dset(purse, "Aggregated"), "P_aggregated.csv")
