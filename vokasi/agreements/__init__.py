"""Partnership agreements (MoU and PKS), their parties, scope, targets and evaluations.

A package of its own rather than more of ``vokasi/models.py`` (already ~470 lines of
vocabulary, organisations and users): agreements are one idea — who promised what to whom
— and bring their own services and document checks. They sit in ``vokasi`` because their
parties are the organisations defined there and because programmes, cohorts (trainees)
and vacancies, apprenticeships and internships (placements) point at them: imports point
down only. What an agreement has achieved is read in ``reports/agreements.py``.
"""
