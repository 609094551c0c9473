"""Domain services of the assessment app: each owns one transition (check → write → audit)."""
