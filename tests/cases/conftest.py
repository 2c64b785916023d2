"""Fixtures of the case core's tests: the expected holidays, and a registered procedure whose responsible
official is the focal point."""

import pytest

from remacto.cases import registry
from remacto.cases.expected import add_expected
from remacto.cases.models import Case, IslamicHoliday


@pytest.fixture(autouse=True)
def expected_holidays(db):
    """The table as the data migration fills it (a transactional test elsewhere may have emptied it)."""
    add_expected(IslamicHoliday)


@pytest.fixture
def registered(focal_point):
    """The information procedure registered as its app would, reminding the commune's focal point."""
    previous = registry.registered().get(Case.Procedure.INFORMATION)
    registry.register(
        Case.Procedure.INFORMATION,
        responsible=lambda case: [focal_point],
        url=lambda case: f"/ar/cases/{case.pk}/",
        label="Access to information",
        register_url=lambda collectivity: f"/ar/members/{collectivity.slug}/information/" if collectivity else "",
    )
    yield focal_point
    registry.unregister(Case.Procedure.INFORMATION)
    if previous is not None:
        registry.register(
            previous.procedure,
            responsible=previous.responsible,
            url=previous.url,
            label=previous.label,
            public_url=previous.public_url,
            register_url=previous.register_url,
        )
