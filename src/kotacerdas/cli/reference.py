"""The command-line reference (``docs/cli.md``), generated from the click commands themselves.

``scripts/cli-reference.py`` writes the file and ``tests/cli/test_reference.py`` fails when it is out of
date, so the reference always says what ``--help`` says.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

#: help is wrapped at this width whatever the terminal, so the file does not depend on who generates it
WIDTH = 100

HEADER = """\
# Command-line reference

Every `kotacerdas` command with its `--help`. This file is generated from the click commands by
`python scripts/cli-reference.py`; do not edit it by hand (`tests/cli/test_reference.py` fails when it
is out of date). Errors end with exit code 2 and one line naming the file, row, column and reason.
"""


def _walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Context, click.Command]]:
    yield ctx, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True))


def render_reference(root: click.Command, prog_name: str = "kotacerdas") -> str:
    """Markdown with one section per command (depth first, in ``--help`` order) holding its help text."""
    top = root.make_context(
        prog_name, [], resilient_parsing=True, terminal_width=WIDTH, max_content_width=WIDTH
    )
    entries = list(_walk(root, top))
    lines = [HEADER]
    lines += [f"- [{ctx.command_path}](#{ctx.command_path.replace(' ', '-')})" for ctx, _ in entries]
    for ctx, command in entries:
        help_text = command.get_help(ctx).rstrip()
        lines += ["", f"## {ctx.command_path}", "", "```text", help_text, "```"]
    return "\n".join(lines) + "\n"
