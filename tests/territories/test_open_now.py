"""Finding programmes: every cycle from a member's space, "open now" on the home page, the directory's filter."""

import datetime

import pytest
from django.utils import timezone

from remacto.cocreation.models import Phase, Programme, ProgrammePhase
from remacto.territories import openings, selectors
from remacto.territories.models import Collectivity

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _programme(collectivity, cycle, phase, *, starts=None, ends=None, title="برنامج عمل الانفتاح") -> Programme:
    programme = Programme.objects.create(collectivity=collectivity, cycle=cycle, title=title, phase=phase)
    if starts or ends:
        ProgrammePhase.objects.create(programme=programme, phase=phase, starts_on=starts, ends_on=ends)
    return programme


def test_member_space_links_every_cycle(client, commune):
    _programme(commune, "2024-2025", Phase.ADOPTION)
    _programme(commune, "2026-2027", Phase.IDEAS)
    body = client.get(f"/fr/members/{commune.slug}/").content.decode()
    assert f'href="/fr/members/{commune.slug}/programme/2024-2025/"' in body
    assert f'href="/fr/members/{commune.slug}/programme/2026-2027/"' in body


def test_open_now_lists_programmes_collecting_ideas_or_in_consultation(client, reference):
    marrakech, safi, zagora, tetouan, martil = (
        Collectivity.objects.get(slug=s) for s in ("marrakech", "safi", "zagora", "tetouan", "martil")
    )
    week = datetime.timedelta(days=7)
    _programme(marrakech, "2026-2027", Phase.IDEAS, starts=TODAY - week, ends=TODAY + week, title="Marrakech ideas")
    _programme(safi, "2026-2027", Phase.CONSULTATION, title="Safi consultation")
    _programme(zagora, "2026-2027", Phase.ADOPTION, title="Zagora adoption")
    _programme(tetouan, "2026-2027", Phase.IDEAS, starts=TODAY - 2 * week, ends=TODAY - week, title="Tetouan closed")
    _programme(martil, "2026-2027", Phase.IDEAS, starts=TODAY + week, title="Martil later")
    found = openings.open_now()
    assert [str(o.obj.title) for o in found] == ["Marrakech ideas", "Safi consultation"]
    assert found[0].closes_on == TODAY + week and found[1].closes_on is None
    body = client.get("/fr/").content.decode()
    assert "Marrakech ideas" in body and "Safi consultation" in body
    assert "Zagora adoption" not in body and "Tetouan closed" not in body and "Martil later" not in body
    assert 'href="/fr/members/?open_now=on"' in body
    assert set(selectors.directory(open_now=True).values_list("slug", flat=True)) == {"marrakech", "safi"}
    assert client.get("/fr/members/", {"open_now": "on"}).context["page"].paginator.count == 2


def test_home_says_when_nothing_is_open(client, commune):
    _programme(commune, "2024-2025", Phase.ADOPTION)
    with_nothing = client.get("/ar/")
    assert with_nothing.context["open_now"] == []
    assert "لا شيء مفتوح للمشاركة" in with_nothing.content.decode()


def test_other_kinds_of_openings_join_through_the_registry(client, commune, monkeypatch):
    """A participatory-budget vote or a petition registers a source; the home page and directory take it as is."""
    vote = openings.Opening(
        collectivity=commune,
        obj=Programme(title="Vote on the 2027 participatory budget"),
        what="Vote",
        period="2027",
        url="/fr/members/ben-guerir/",
        closes_on=TODAY,
    )
    source = openings.Source(
        openings=lambda limit: [vote], collectivity_ids=lambda: Collectivity.objects.filter(pk=commune.pk).values("pk")
    )
    monkeypatch.setattr(openings, "_SOURCES", [*openings._SOURCES, source])
    assert "Vote on the 2027 participatory budget" in client.get("/fr/").content.decode()
    assert list(selectors.directory(open_now=True)) == [commune]


def test_home_and_space_queries_are_capped(client, reference, commune, django_assert_max_num_queries):
    for n, slug in enumerate(("marrakech", "safi", "essaouira", "saada", "tahannaout")):
        collectivity = Collectivity.objects.get(slug=slug)
        _programme(collectivity, "2026-2027", Phase.IDEAS, ends=TODAY + datetime.timedelta(days=n + 1))
        _programme(collectivity, "2024-2025", Phase.CLOSED)
    for cycle in ("2020-2021", "2022-2023", "2024-2025"):
        _programme(commune, cycle, Phase.CLOSED)
    with django_assert_max_num_queries(5):  # 4, and one for the network's latest news
        assert len(client.get("/ar/").context["open_now"]) == 5
    with django_assert_max_num_queries(5):
        assert len(client.get(f"/ar/members/{commune.slug}/").context["programmes"]) == 3
    with django_assert_max_num_queries(8):
        assert client.get("/ar/members/", {"open_now": "on", "q": "جماعة"}).context["page"].paginator.count == 5
