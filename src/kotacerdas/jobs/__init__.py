"""Background jobs: a database table plus an in-process worker thread (no extra server needed)."""
