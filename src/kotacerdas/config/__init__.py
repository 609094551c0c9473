"""The Django project: settings (the only reader of the environment), URLs, WSGI/ASGI."""
