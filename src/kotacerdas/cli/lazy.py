"""A click group whose sub-commands are imported when used, not when the group is.

``kotacerdas index build`` then imports the ``index`` module and nothing of ``regions``, ``backup``,
``demo`` and the others (about 15 ms of modules on every run, issue 9 §5). ``--help`` and
``scripts/cli-reference.py`` still list every command: listing imports them (they import only click and
small modules at the top).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import click


class LazyGroup(click.Group):
    """A group with ``lazy``: sub-command name → ``"module:attribute"`` of its click command."""

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every sub-command name, attached or lazy, sorted (as click's own groups list them)."""
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The sub-command, imported and attached on first use."""
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command) or command.name != cmd_name:
                raise RuntimeError(f"{self.lazy[cmd_name]} is not the click command {cmd_name!r}")
            self.add_command(command)
        return self.commands.get(cmd_name)
