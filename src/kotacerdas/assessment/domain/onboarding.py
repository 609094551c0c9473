"""Bulk import of assessors and region teams from a CSV or XLSX table, all or nothing.

Columns (row 1): ``name, email, role, region, expertise``, and optionally ``username`` (default: the
e-mail address), ``affiliation`` (required for assessors) and ``province`` (an assessor's home province
code). ``role`` is ``assessor`` or ``region_team``; ``region`` is a Kemendagri code, for region teams
only; ``expertise`` is ``group:level`` pairs separated by ``;`` (levels 0–1, groups of the rubrics),
for assessors only. Every row is checked before anything is written; the problems of all rows are
reported together with file, row and column. Then one transaction creates the users (without a
password: they set their own from the invitation) and the assessors' profiles.

This lives in the assessment app because it creates :class:`AssessorProfile` rows; the users themselves
are made by :func:`kotacerdas.accounts.domain.users.create_user`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.invitations import invite_users
from kotacerdas.accounts.domain.users import create_user
from kotacerdas.accounts.domain.wording import localised
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.assessment.domain.people import save_assessor_profile
from kotacerdas.assessment.models import RubricVersion
from kotacerdas.errors import InputError, KotaCerdasError, Location, PermissionDeniedError
from kotacerdas.io.registry import load_registry
from kotacerdas.io.rubric_files import list_rubrics
from kotacerdas.regions.domain.tables import read_table
from kotacerdas.regions.models import Region

REQUIRED = ("name", "email", "role", "region", "expertise")
OPTIONAL = ("username", "affiliation", "province")
ROLES = {
    "assessor": Role.ASSESSOR,
    "asesor": Role.ASSESSOR,
    "region_team": Role.REGION_TEAM,
    "tim daerah": Role.REGION_TEAM,
}
MAX_PROBLEMS = 50


@dataclass
class BulkImportError(InputError):
    """Every problem found in the table (the message names the first and counts the rest)."""

    problems: list[InputError] = field(default_factory=list)


@dataclass
class Person:
    """One valid row, ready to create."""

    row: int
    username: str
    name: str
    email: str
    role: Role
    region: Region | None
    expertise: dict[str, float]
    affiliation: str
    province: str


def _text(value: object) -> str:
    """A cell as text; XLSX numbers such as a region code 63.7 come back as ``63.70``."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value).strip()


def rubric_groups() -> set[str]:
    """Group ids of the packaged rubrics and of every rubric version stored on the platform."""
    groups = {g.id for rubric in list_rubrics() for g in rubric.groups}
    for definition in RubricVersion.objects.values_list("definition", flat=True):
        groups |= {str(g.get("id")) for g in definition.get("groups", []) if isinstance(g, dict)}
    return groups


def parse_expertise(text: str, groups: set[str]) -> dict[str, float]:
    """``"struktur:0.8; suprastruktur:0.5"`` → ``{"struktur": 0.8, "suprastruktur": 0.5}``."""
    levels: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        group, sep, level = (s.strip() for s in part.partition(":"))
        if not sep:
            raise InputError(
                _("%(part)r bukan kelompok:tingkat") % {"part": part},
                hint=_("mis. struktur:0.8; suprastruktur:0.5"),
                code="not_group_level",
            )
        if group not in groups:
            raise InputError(
                _("kelompok rubrik %(group)r tidak dikenal") % {"group": group},
                hint=_("kelompok: %(groups)s") % {"groups": ", ".join(sorted(groups))},
                code="unknown_rubric_group",
            )
        try:
            value = float(level.replace(",", "."))
        except ValueError:
            raise InputError(
                _("%(group)s: %(level)r bukan angka") % {"group": group, "level": level},
                code="expertise_not_a_number",
            ) from None
        if not 0.0 <= value <= 1.0:
            raise InputError(
                _("%(group)s: %(value)s di luar 0–1") % {"group": group, "value": localised(float(value))},
                code="out_of_range",
            )
        if group in levels:
            raise InputError(
                _("kelompok %(group)r muncul dua kali") % {"group": group}, code="duplicate_group"
            )
        levels[group] = value
    return levels


class _Checker:
    """Validates rows one by one, remembering what earlier rows of the file claimed."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[InputError] = []
        self.usernames: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.groups = rubric_groups()
        self.provinces = set(load_registry().provinces)
        self.regions = {r.code: r for r in Region.objects.all()}

    def cell(self, number: int, column: str, check: Callable[[], Any]) -> Any:
        """Run ``check``; a refusal is noted at (file, row, column) and ``None`` returned."""
        try:
            return check()
        except KotaCerdasError as exc:
            self.problems.append(
                InputError(
                    exc.message,
                    location=Location(self.file, number, column),
                    hint=exc.hint,
                    code=exc.code,
                    params=exc.params,
                )
            )
            return None

    def person(self, number: int, cells: dict[str, str]) -> Person | None:
        before = len(self.problems)
        role = self.cell(number, "role", lambda: _role(cells["role"]))
        email = self.cell(number, "email", lambda: self._email(cells["email"], number))
        username = self.cell(
            number, "username", lambda: self._username(cells.get("username") or cells["email"], number)
        )
        name = self.cell(number, "name", lambda: _required(cells["name"], _("nama")))
        region = self.cell(number, "region", lambda: self._region(cells["region"], role))
        expertise = self.cell(number, "expertise", lambda: self._expertise(cells["expertise"], role))
        affiliation = cells.get("affiliation", "")
        if role == Role.ASSESSOR:
            self.cell(number, "affiliation", lambda: _required(affiliation, _("afiliasi asesor")))
        province = self.cell(number, "province", lambda: self._province(cells.get("province", ""), role))
        if len(self.problems) > before or role is None:
            return None
        return Person(
            number, username, name, email, role, region, expertise or {}, affiliation, province or ""
        )

    def _email(self, text: str, number: int) -> str:
        try:
            validate_email(text)
        except ValidationError:
            raise InputError(
                _("%(text)r bukan alamat e-mail") % {"text": text} if text else _("alamat e-mail kosong"),
                code="invalid_email",
            ) from None
        key = text.lower()
        if key in self.emails:
            raise InputError(
                _("%(text)r juga ada di baris %(row)s") % {"text": text, "row": self.emails[key]},
                code="duplicate_email",
            )
        if User.objects.filter(email__iexact=text).exists():
            raise InputError(_("%(text)r milik pengguna yang sudah ada") % {"text": text}, code="email_taken")
        self.emails[key] = number
        return text

    def _username(self, text: str, number: int) -> str:
        if not text:
            raise InputError(_("nama pengguna kosong"), code="username_empty")
        try:
            User.username_validator(text)
        except ValidationError as exc:
            raise InputError(
                f"{text!r}: {' '.join(str(m) for m in exc.messages)}", code="invalid_username"
            ) from None
        if text in self.usernames:
            raise InputError(
                _("nama pengguna %(text)r juga ada di baris %(row)s")
                % {"text": text, "row": self.usernames[text]},
                code="duplicate_username",
            )
        if User.objects.filter(username=text).exists():
            raise InputError(_("pengguna %(user)r sudah ada") % {"user": text}, code="username_taken")
        self.usernames[text] = number
        return text

    def _region(self, code: str, role: Role | None) -> Region | None:
        if role == Role.REGION_TEAM:
            if not code:
                raise InputError(
                    _("tim daerah memerlukan kode daerah"), hint=_("mis. 63.71"), code="region_required"
                )
            if code not in self.regions:
                raise InputError(
                    _("%(code)r bukan kode daerah") % {"code": code},
                    hint=_("kode Kemendagri, mis. 63.71"),
                    code="unknown_region",
                )
            return self.regions[code]
        if code:
            raise InputError(
                _("hanya tim daerah yang memiliki daerah"),
                hint=_("kosongkan untuk asesor"),
                code="region_for_region_team",
            )
        return None

    def _expertise(self, text: str, role: Role | None) -> dict[str, float]:
        if text and role != Role.ASSESSOR:
            raise InputError(
                _("hanya asesor yang memiliki keahlian"),
                hint=_("kosongkan untuk tim daerah"),
                code="expertise_for_assessor",
            )
        return parse_expertise(text, self.groups)

    def _province(self, code: str, role: Role | None) -> str:
        if code and role != Role.ASSESSOR:
            raise InputError(_("hanya asesor yang memiliki provinsi asal"), code="province_for_assessor")
        if code and code not in self.provinces:
            raise InputError(
                _("%(code)r bukan kode provinsi") % {"code": code},
                hint=_("mis. 63 untuk Kalimantan Selatan"),
                code="unknown_province",
            )
        return code


def _required(text: str, what: str) -> str:
    if not text:
        raise InputError(_("%(what)s kosong") % {"what": what}, code="required")
    return text


def _role(text: str) -> Role:
    role = ROLES.get(text.lower())
    if role is None:
        raise InputError(
            _("peran %(role)r tidak dikenal") % {"role": text},
            hint=_("assessor atau region_team"),
            code="unknown_role",
        )
    return role


def _records(file: str, content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    header, rows = read_table(file, content)
    names = [h.lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError(
            _("kolom yang tidak ada: %(columns)s") % {"columns": ", ".join(missing)},
            location=Location(file, 1),
            hint=_("baris 1 harus memuat %(required)s (opsional: %(optional)s)")
            % {"required": ", ".join(REQUIRED), "optional": ", ".join(OPTIONAL)},
            code="missing_columns",
        )
    for number, cells in rows:
        yield number, {n: _text(c) for n, c in zip(names, cells, strict=False) if n in REQUIRED + OPTIONAL}


def check_people(*, file: str, content: bytes) -> list[Person]:
    """Every row validated; :class:`BulkImportError` lists the problems of all rows (up to 50)."""
    checker = _Checker(file)
    people = []
    for number, cells in _records(file, content):
        cells = {c: cells.get(c, "") for c in REQUIRED + OPTIONAL}
        person = checker.person(number, cells)
        if person is not None:
            people.append(person)
        if len(checker.problems) >= MAX_PROBLEMS:
            break
    if checker.problems:
        first = checker.problems[0]
        more = len(checker.problems) - 1
        raise BulkImportError(
            first.message + (" " + _("(dan %(more)s masalah lain)") % {"more": more} if more else ""),
            location=first.location,
            hint=_("tidak ada yang diimpor; perbaiki berkas lalu unggah lagi"),
            code="import_problems",
            problems=checker.problems,
        )
    if not people:
        raise InputError(_("tabel tidak memiliki baris"), location=Location(file, 2), code="no_rows")
    return people


def import_people(*, actor: Any, file: str, content: bytes) -> list[User]:
    """Create every user (and assessor profile) of the table in one transaction, or none."""
    if not can_manage_users(actor):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh mengimpor pengguna"), code="secretariat_only"
        )
    people = check_people(file=file, content=content)
    created = []
    with transaction.atomic():
        for p in people:
            try:
                user = create_user(
                    actor=actor,
                    username=p.username,
                    name=p.name,
                    email=p.email,
                    role=p.role,
                    region=p.region,
                    invite=False,
                )
                if p.role == Role.ASSESSOR:
                    save_assessor_profile(
                        actor=actor,
                        user=user,
                        affiliation=p.affiliation,
                        home_province_code=p.province,
                        expertise=p.expertise,
                    )
            except InputError as exc:
                raise InputError(
                    exc.message,
                    location=Location(file, p.row, exc.location.column),
                    hint=exc.hint,
                    code=exc.code,
                    params=exc.params,
                ) from exc
            created.append(user)
        invite_users(actor=actor, users=[u for u in created if u.email])  # one queued job for everyone
    return created
