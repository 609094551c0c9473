"""Documents made from a round: the per-region feedback PDF and the round summary workbook."""
