"""``makemessages`` that keeps the translations the project already has.

Each app keeps its own catalogue (``make messages`` runs this in each app's directory). A
message that moved from one app to another would otherwise arrive untranslated in its new
app's catalogue while ``--no-obsolete`` drops it from the old one, and gettext's fuzzy
matching would give a changed message a neighbour's translation marked fuzzy, which is
never compiled: the page would fall back to English. Here messages are matched exactly,
and a missing translation is taken from ``--compendium`` (``make messages`` gathers every
translated message of every catalogue into one before the first app is rewritten), so
only the messages that are new to the project are left to translate. ``gettext_lazy``
imported as ``_l`` or ``_lazy`` is read too.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
    # Where ``gettext`` as ``_`` is also imported, ``gettext_lazy`` goes by these names.
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_l", "--keyword=_lazy"]

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--compendium",
            help="A .po file whose translations fill the messages a catalogue lacks.",
        )

    def handle(self, *args, **options):
        if options.get("compendium"):
            self.msgmerge_options = [
                *self.msgmerge_options,
                f"--compendium={options['compendium']}",
            ]
        return super().handle(*args, **options)
