"""The ``kotacerdas`` command: thin commands over the engine, io and domain services.

Each sub-command lives in its own module, named in :data:`COMMANDS` and imported only when it is run or
listed (:class:`kotacerdas.cli.lazy.LazyGroup`); a group (``index``, ``rubric``) attaches its own
sub-commands in its module (``index`` lazily too). Command modules import
only click and small modules at the top: numpy, pandas, scipy, Django and the engine are imported inside
each command's body, so ``kotacerdas --help`` and every command load only what they use
(``benchmarks/bench_cli.py`` measures it). Errors from the :mod:`kotacerdas.errors` tree are rendered in
one place (:func:`main`) with a non-zero exit code.
"""

from __future__ import annotations

import sys

import click

from kotacerdas import __version__
from kotacerdas.cli.lazy import LazyGroup
from kotacerdas.errors import KotaCerdasError

EXIT_USER_ERROR = 2
COMMANDS = {
    name: f"kotacerdas.cli.{name}:{name}"
    for name in ("agreement", "assign", "backup", "demo", "index", "manage", "regions", "restore", "rubric",
                 "select", "serve", "worker")
}  # fmt: skip


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="kotacerdas")
def cli() -> None:
    """Kota Cerdas: run a national smart-city programme end to end.

    Screening index, uncertainty, cohort selection, assessment and the web platform.
    """


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; render Kota Cerdas errors as one clear line on stderr and exit non-zero."""
    try:
        cli.main(args=argv, prog_name="kotacerdas", standalone_mode=False)
    except KotaCerdasError as exc:
        click.echo(f"Error [{exc.code}]: {exc}", err=True)
        return EXIT_USER_ERROR
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
