"""Background jobs: a job table, a registry of job functions, and a task queue run by `kotacerdas worker`."""
