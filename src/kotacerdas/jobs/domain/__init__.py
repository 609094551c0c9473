"""Services of the jobs app."""
