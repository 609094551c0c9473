"""The UI's CSS framework: Bootstrap 5.3 served from the installed wheel (no CDN), and the form renderer
that gives every Django widget its Bootstrap class (docs/developer/ui.md)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.staticfiles import finders
from django.urls import reverse

from kotacerdas.web.staticfinders import BootstrapCssFinder
from tests.platform import factories as f


def test_bootstrap_css_is_a_static_file_of_the_installed_wheel():
    path = finders.find("vendor/bootstrap/bootstrap.min.css")
    assert path, "vendor/bootstrap/bootstrap.min.css not found by the static finders"
    with open(path, encoding="utf-8") as css:
        head = css.read(200)
    assert re.search(r"Bootstrap\s+v5\.3\.\d+", head)
    # collectstatic copies exactly this one file of the package
    listed = [name for name, _storage in BootstrapCssFinder().list([])]
    assert listed == ["bootstrap.min.css"]


def test_every_page_links_the_local_bootstrap_and_nothing_from_outside(world, client_for):
    for role in ("public", "secretariat"):
        html = client_for(role).get("/").content.decode()
        assert '<link rel="stylesheet" href="/static/vendor/bootstrap/bootstrap.min.css">' in html
        outside = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(?:https?:)?//[^"]*"', html)
        assert outside == []


class _Everything(forms.Form):
    name = forms.CharField()
    year = forms.IntegerField()
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(widget=forms.Textarea(attrs={"class": "wide"}))
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    agree = forms.BooleanField()
    pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    file = forms.FileField()
    secret = forms.CharField(widget=forms.HiddenInput)


def _classes(html: str, name: str) -> list[str]:
    return re.findall(
        rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*class="([^"]*)"', html
    ) + re.findall(rf'<(?:input|select|textarea)[^>]*class="([^"]*)"[^>]*name="{name}"', html)


def test_the_form_renderer_gives_each_widget_its_bootstrap_class():
    html = str(_Everything())
    assert _classes(html, "name") == ["form-control"]
    assert _classes(html, "year") == ["form-control"]
    assert _classes(html, "when") == ["form-control"]
    assert _classes(html, "note") == ["form-control wide"]  # the widget's own class is kept
    assert _classes(html, "kind") == ["form-select"]
    assert _classes(html, "agree") == ["form-check-input"]
    assert _classes(html, "pick") == ["form-check-input", "form-check-input"]
    assert _classes(html, "many") == ["form-check-input"]
    assert _classes(html, "file") == ["form-control"]
    assert 'name="secret"' in html and _classes(html, "secret") == []
    # the list around radio buttons or checkboxes is not a form control
    assert '<div id="id_pick">' in html and '<div id="id_many">' in html


def test_the_form_renderer_gives_each_label_its_bootstrap_class():
    form = _Everything()
    html = str(form)  # {{ form }}
    assert '<label for="id_name" class="form-label">' in html
    assert '<label for="id_kind" class="form-label">' in html
    assert '<label for="id_agree" class="form-check-label">' in html  # a checkbox
    assert '<legend class="form-label">Pick:</legend>' in html  # a RadioSelect is a fieldset
    # each radio button and checkbox of a multiple choice: its label wraps it
    assert re.findall(r'<label class="form-check-label" for="id_pick_\d">', html) == [
        '<label class="form-check-label" for="id_pick_0">',
        '<label class="form-check-label" for="id_pick_1">',
    ]
    assert '<label class="form-check-label" for="id_many_0"><input type="checkbox"' in html
    # {{ field.label_tag }} in a template; a class given by the template is kept after Bootstrap's
    assert form["year"].label_tag() == '<label for="id_year" class="form-label">Year:</label>'
    attrs = {"class": "wide"}
    assert form["note"].label_tag(attrs=attrs) == '<label class="form-label wide" for="id_note">Note:</label>'
    assert attrs == {"class": "wide"}  # the caller's dict is not changed
    assert form["agree"].label_tag() == '<label for="id_agree" class="form-check-label">Agree:</label>'


def test_labels_of_the_pages_forms_have_the_class(world, client_for):
    """A page drawing ``{{ field.label_tag }}`` (the new assessment round) shows Bootstrap's labels."""
    html = client_for("secretariat").get("/penilaian/putaran/baru/").content.decode()
    labels = re.findall(r"<label[^>]*>", html)
    assert labels and all("form-label" in label or "form-check-label" in label for label in labels), labels


def test_the_renderer_writes_a_selects_options_as_django_does():
    """The options are written in Python (not one template per option) with Django's markup: escaped
    values and labels, the selected option, groups, a multiple select; only the select's class differs."""
    from django.forms.renderers import DjangoTemplates  # here: Django's own renderer, to compare with

    from kotacerdas.web.forms_renderer import BootstrapFormRenderer  # here: the renderer under test

    names: list[str] = []

    class Seen(BootstrapFormRenderer):
        def get_template(self, template_name: str):  # type: ignore[no-untyped-def]
            names.append(template_name)
            return super().get_template(template_name)

    choices = [("", "— pilih —"), ("a&b", "A <b> & 'c'"), ("Grup", [(1, "satu"), (2, "dua")]), (3, "tiga")]
    for widget, value in (
        (forms.Select(choices=choices), 2),
        (forms.SelectMultiple(choices=choices), ["a&b", 3]),
    ):
        ours = widget.render("pick", value, attrs={"id": "id_pick"}, renderer=Seen())
        django = widget.render("pick", value, attrs={"id": "id_pick"}, renderer=DjangoTemplates())
        assert ours.replace(' class="form-select"', "") == django
        assert ' class="form-select"' in ours and "A &lt;b&gt; &amp; &#x27;c&#x27;" in ours
        assert '<optgroup label="Grup">' in ours and ours.count(" selected>") == (1 if value == 2 else 2)
    assert names == ["web/forms/select.html"] * 2  # the options without a template each


def _labels_are_bootstrap_and_associated(html: str) -> list[str]:
    """The ``<label>`` tags of a page lacking Bootstrap's class or a control (by ``for`` or inside it)."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    wrong = []
    for match in re.finditer(r"<label([^>]*)>(.*?)</label>", html, re.S):
        attrs, inner = match.groups()
        classes = re.search(r'class="([^"]*)"', attrs)
        has_class = bool(classes) and bool({"form-label", "form-check-label"} & set(classes.group(1).split()))  # type: ignore[union-attr]
        target = re.search(r'\sfor="([^"]+)"', attrs)
        associated = (target is not None and target.group(1) in ids) or bool(
            re.search(r"<(input|select|textarea)\b", inner)
        )
        if not (has_class and associated):
            wrong.append(match.group(0)[:160])
    return wrong


def test_the_hand_laid_forms_labels_have_the_class_and_a_control(world, index_run, users, client_for):
    """The pages whose forms are laid out field by field (``web/forms/inline_field.html``: filter bars, lines
    of fields, table cells) draw every label with Bootstrap's class, tied to its control."""
    cohort = f.cohort(year=2030, name="Kohort label")
    plan = world.quick_win.masterplan_id  # type: ignore[attr-defined]
    pages = {
        "secretariat": [
            reverse("web:cohort-new"),
            reverse("web:cohort-interview", args=[cohort.pk]),
            reverse("web:selection-run", args=[cohort.pk]),
            reverse("web:dataset-import"),
            reverse("web:index-build", args=[world.dataset.pk]),  # type: ignore[attr-defined]
            reverse("web:index-run", args=[index_run.pk]),  # with its uncertainty form
            reverse("web:reporting-windows"),
            reverse("web:user-create"),
            reverse("web:user", args=[users["assessor"].pk]),
            reverse("web:audit"),
            reverse("web:profile"),
            reverse("web:masterplan", args=[plan]),
        ],
        "region_team": [reverse("web:masterplan-edit", args=[plan]), reverse("web:kpi-actuals", args=[plan])],
        "assessor": [reverse("web:assessment-inbox")],
    }
    for role, paths in pages.items():
        client = client_for(role)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (role, path)
            html = response.content.decode()
            assert "<label" in html, path
            assert _labels_are_bootstrap_and_associated(html) == [], path


def test_a_hand_laid_fields_error_is_beside_it_and_described(world, client_for):
    """A refused field of a hand-laid form shows its error after its control, named by the control's
    ``aria-describedby`` (the new cohort without a name)."""
    response = client_for("secretariat").post(reverse("web:cohort-new"), {"name": ""})
    html = response.content.decode()
    control = re.search(r'<input[^>]*name="name"[^>]*>', html)
    assert control is not None and 'aria-invalid="true"' in control.group(0)
    described = re.search(r'aria-describedby="([^"]+)"', control.group(0))
    assert described is not None
    error_id = described.group(1).split()[-1]
    assert re.search(rf'<span class="msg error field-error errorlist" id="{error_id}">', html)
    assert html.index(control.group(0)) < html.index(f'id="{error_id}"')
