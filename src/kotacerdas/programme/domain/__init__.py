"""Services of the programme app: each owns one whole transition (check → write → audit)."""
