"""Accounts: users with a role (and a region for region teams), the append-only audit log.

This app sits below the other apps (they record audit events and ask for roles); it imports none of them.
"""
