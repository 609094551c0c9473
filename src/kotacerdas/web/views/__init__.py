"""Web views, one module per page; each is wrapped in :func:`kotacerdas.web.permissions.guarded`."""
