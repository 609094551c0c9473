"""API views, one module per app they serve."""
