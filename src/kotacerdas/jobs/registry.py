"""The registry of job functions and periodic tasks, filled by decorators in each app's ``tasks.py``.

A job function is called as ``func(progress=..., **arguments)`` with JSON arguments and returns a
JSON-able result. It is registered under a stable name, which is what a queued job stores (never a
dotted import path). ``uploads`` names the arguments that are storage paths the job owns: they are
kept while the job can be retried and removed when it is done or cancelled.

Periodic tasks are plain functions without arguments that the worker's scheduler runs every
``every`` (one worker at a time, claimed through :class:`kotacerdas.jobs.models.PeriodicRun`).
The ``tasks`` module of every installed app is imported when Django starts
(:meth:`kotacerdas.jobs.apps.JobsConfig.ready`), so registering is only a decorator away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError

JobCallable = Callable[..., Any]


@dataclass(frozen=True)
class JobFunction:
    """A registered job function: its stable name, the callable, the upload arguments it owns and the
    label a person reads (a lazy text, worded in the reader's language; the name if it has none)."""

    name: str
    func: JobCallable
    uploads: tuple[str, ...] = ()
    label: Promise | str | None = None

    def __call__(self, **kwargs: Any) -> Any:
        return self.func(**kwargs)


@dataclass(frozen=True)
class PeriodicTask:
    """A function the worker runs every ``every`` (see :mod:`kotacerdas.jobs.scheduler`)."""

    name: str
    func: Callable[[], Any]
    every: dt.timedelta | Callable[[], dt.timedelta] = field(default=dt.timedelta(minutes=1))

    def interval(self) -> dt.timedelta:
        """The interval now (a callable lets it follow a setting such as the job lease)."""
        return self.every() if callable(self.every) else self.every


_JOBS: dict[str, JobFunction] = {}
_PERIODIC: dict[str, PeriodicTask] = {}


def job_function(
    name: str, *, uploads: tuple[str, ...] = (), label: Promise | str | None = None
) -> Callable[[JobCallable], JobFunction]:
    """Register ``func`` as the job function ``name`` (decorator for an app's ``tasks.py``)."""

    def register(func: JobCallable) -> JobFunction:
        if name in _JOBS and _JOBS[name].func is not func:
            raise ValueError(f"job function {name!r} is registered twice")
        _JOBS[name] = JobFunction(name=name, func=func, uploads=uploads, label=label)
        return _JOBS[name]

    return register


def periodic(
    name: str, *, every: dt.timedelta | Callable[[], dt.timedelta]
) -> Callable[[Callable[[], Any]], PeriodicTask]:
    """Register ``func`` as a periodic task run by the worker every ``every``."""

    def register(func: Callable[[], Any]) -> PeriodicTask:
        if name in _PERIODIC and _PERIODIC[name].func is not func:
            raise ValueError(f"periodic task {name!r} is registered twice")
        _PERIODIC[name] = PeriodicTask(name=name, func=func, every=every)
        return _PERIODIC[name]

    return register


def lookup(name: str) -> JobFunction:
    """The job function registered as ``name``; an unknown name is refused with the known ones."""
    try:
        return _JOBS[name]
    except KeyError:
        known = ", ".join(sorted(_JOBS)) or "—"
        raise InputError(
            _("%(name)r bukan fungsi pekerjaan yang terdaftar") % {"name": name},
            hint=_("yang terdaftar: %(known)s") % {"known": known},
            code="unknown_job_function",
        ) from None


def label_of(kind: str) -> Promise | str:
    """The label of the job kind ``kind`` (a registered function's name), or ``kind`` itself."""
    registered = _JOBS.get(kind)
    return registered.label if registered is not None and registered.label is not None else kind


def periodic_tasks() -> list[PeriodicTask]:
    """The registered periodic tasks, by name."""
    return [_PERIODIC[name] for name in sorted(_PERIODIC)]
