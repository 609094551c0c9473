"""The server-rendered web UI: templates, local static assets, views that call the apps' services."""
