"""The ``kotacerdas`` command: thin commands over the engine, io and domain services.

Each sub-command lives in its own module and is registered in ``COMMANDS`` below. Errors from the
:mod:`kotacerdas.errors` tree are rendered in one place (:func:`main`) with a non-zero exit code.
"""

from __future__ import annotations

import importlib
import sys

import click

from kotacerdas import __version__
from kotacerdas.errors import KotaCerdasError

#: module path → attribute name of the click command or group it defines
COMMANDS: dict[str, str] = {
    "kotacerdas.cli.regions": "regions",
    "kotacerdas.cli.serve": "serve",
    "kotacerdas.cli.worker": "worker",
    "kotacerdas.cli.demo": "demo",
    "kotacerdas.cli.manage": "manage",
    "kotacerdas.cli.backup": "backup",
    "kotacerdas.cli.restore": "restore",
    "kotacerdas.cli.index": "index",
    "kotacerdas.cli.index_uncertainty": "index",
    "kotacerdas.cli.select": "select",
    "kotacerdas.cli.agreement": "agreement",
    "kotacerdas.cli.assign": "assign",
    "kotacerdas.cli.rubric": "rubric",
}

EXIT_USER_ERROR = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kotacerdas")
def cli() -> None:
    """Kota Cerdas: run a national smart-city programme end to end.

    Screening index, uncertainty, cohort selection, assessment and the web platform.
    """


def _register() -> None:
    for module_path, attr in COMMANDS.items():
        module = importlib.import_module(module_path)
        cli.add_command(getattr(module, attr))


_register()


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
