"""The REST API under /api/: DRF views that call the same domain services and rules as the web UI."""
