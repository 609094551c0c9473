"""The demo: a SYNTHETIC data set and the loader that fills a development database with it.

A layer of its own, above the apps (it drives their domain services) and below the adapters (``kotacerdas
demo`` and ``kotacerdas manage load_demo`` call it). It refuses to run in production mode
(:func:`kotacerdas.demo.guard.refuse_production`): demo users have published passwords.
"""
