"""The ``kotacerdas`` command: thin commands over the engine, io and domain services.

Each sub-command lives in its own module and is attached below with ``cli.add_command``; a group
(``index``, ``rubric``) attaches its own sub-commands the same way in its module. Command modules import
only click and small modules at the top: numpy, pandas, scipy, Django and the engine are imported inside
each command's body, so ``kotacerdas --help`` and every command load only what they use
(``benchmarks/bench_cli.py`` measures it). Errors from the :mod:`kotacerdas.errors` tree are rendered in
one place (:func:`main`) with a non-zero exit code.
"""

from __future__ import annotations

import sys

import click

from kotacerdas import __version__
from kotacerdas.cli.agreement import agreement
from kotacerdas.cli.assign import assign
from kotacerdas.cli.backup import backup
from kotacerdas.cli.demo import demo
from kotacerdas.cli.index import index
from kotacerdas.cli.manage import manage
from kotacerdas.cli.regions import regions
from kotacerdas.cli.restore import restore
from kotacerdas.cli.rubric import rubric
from kotacerdas.cli.select import select
from kotacerdas.cli.serve import serve
from kotacerdas.cli.worker import worker
from kotacerdas.errors import KotaCerdasError

EXIT_USER_ERROR = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kotacerdas")
def cli() -> None:
    """Kota Cerdas: run a national smart-city programme end to end.

    Screening index, uncertainty, cohort selection, assessment and the web platform.
    """


cli.add_command(regions)
cli.add_command(serve)
cli.add_command(worker)
cli.add_command(demo)
cli.add_command(manage)
cli.add_command(backup)
cli.add_command(restore)
cli.add_command(index)
cli.add_command(select)
cli.add_command(agreement)
cli.add_command(assign)
cli.add_command(rubric)


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
