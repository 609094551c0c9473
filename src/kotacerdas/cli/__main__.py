"""``python -m kotacerdas.cli``: the same as the ``kotacerdas`` command."""

import sys

from kotacerdas.cli import main

sys.exit(main())
