"""Services of the regions app."""
