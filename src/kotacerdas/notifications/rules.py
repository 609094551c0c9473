"""Who may use the inbox: every logged-in person, for their own notifications only."""

from __future__ import annotations

from kotacerdas.accounts.rules import is_logged_in

can_read_inbox = is_logged_in
