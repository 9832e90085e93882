from __future__ import annotations


class Conflict(Exception):
    """The request clashes with what is already recorded (answered 409).

    ``existing_id`` names the record it clashes with, when there is one.
    """

    def __init__(self, detail, existing_id: int | None = None):
        super().__init__(str(detail))
        self.detail = detail
        self.existing_id = existing_id
