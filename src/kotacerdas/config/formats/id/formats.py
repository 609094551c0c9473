"""Indonesian as officials write it: ``6 Desember 2026`` (Django's default abbreviates: ``6 Des 2026``).

Numbers come from Django's ``id`` locale: decimal comma, full-stop thousands (``3,31``, ``700.000.000``).
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
