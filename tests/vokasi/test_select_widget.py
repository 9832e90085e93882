"""Selects render their options in Python (``vokasi_forms.select_options``) exactly as
Django's templates would: value, selected, groups, escaping."""

from __future__ import annotations

from django import forms


class Choices(forms.Form):
    one = forms.ChoiceField(
        choices=[("", "—"), ("a&b", "A <b>"), ("Group", [("x", "X"), ("y", 'Y "q"')])],
        initial="y",
    )
    many = forms.MultipleChoiceField(choices=[(1, "one"), (2, "two")], initial=[2])


def test_options_are_written_escaped_with_the_selected_ones_marked():
    html = str(Choices()["one"])
    assert '<option value="a&amp;b">A &lt;b&gt;</option>' in html
    assert '<optgroup label="Group">' in html
    assert '<option value="y" selected>Y &quot;q&quot;</option>' in html
    assert '<option value="">—</option>' in html
    assert html.startswith('<select name="one"') and html.rstrip().endswith("</select>")


def test_a_multiple_select_marks_each_chosen_option():
    html = str(Choices()["many"])
    assert "multiple" in html
    assert '<option value="1">one</option>' in html
    assert '<option value="2" selected>two</option>' in html
