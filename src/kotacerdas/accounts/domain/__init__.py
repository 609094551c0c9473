"""Services of the accounts app."""
