"""Paging of the list pages, for any page number a URL can carry."""

from __future__ import annotations

from django.http import Http404
from django_tables2.paginators import LazyPaginator as TablesLazyPaginator

from vokasi.bounds import DB_INTEGER_MAX


class LazyPaginator(TablesLazyPaginator):
    """django-tables2's paginator that never counts, refusing pages no table can reach.

    It does not know the last page, so it cannot answer one: ``?page=99999999999999999999``
    would become an OFFSET beyond the database's integer range (a 500). Such a page is
    not found (404); a page within range but past the end is the last one, as before.
    """

    def validate_number(self, number):
        number = super().validate_number(number)
        if (number - 1) * self.per_page > DB_INTEGER_MAX:
            raise Http404("No such page.")
        return number
