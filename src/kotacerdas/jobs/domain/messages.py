"""A job's message (its progress or how it ended), worded in every platform language when written.

``Job.message`` keeps the Indonesian, ``Job.messages`` every language, ``Job.message_text`` the
reader's (see :mod:`kotacerdas.accounts.domain.wording`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from kotacerdas.accounts.domain.wording import Wordable, in_each_language

#: a stored message is cut to this many characters (``Job.message``'s length)
LIMIT = 300


def message_fields(text: Wordable) -> dict[str, Any]:
    """The job fields ``message`` and ``messages`` for ``text`` (worded in each language now)."""
    messages = dict(in_each_language(text, limit=LIMIT))
    return {"message": messages[settings.LANGUAGE_CODE], "messages": messages}
