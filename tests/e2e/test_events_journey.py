"""In a real browser, in Arabic: a focal point registers for the regional meeting from its page, then a network
admin takes attendance at the door on a phone with JavaScript turned off (search a name, one tap), and the focal
point finds their presence recorded and the attendance certificate offered."""

import re

import pytest

from remacto.events.models import Registration

from ..events.conftest import make_event
from .steps import confirm_registration, mark_present_at_door, no_horizontal_scroll, register_for_event, shot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_focal_point_registers_and_is_marked_present_at_the_door(
    live_server, page, browser, artifacts, commune, focal_point, network_admin, reference
):
    from remacto.events.services import events as event_services
    from remacto.territories.models import Region

    event = make_event(level="regional", region=Region.objects.get(code="01"), capacity=100)
    event_services.set_agenda(
        network_admin,
        event,
        [
            {"starts_at": "09:30", "ends_at": "10:00", "title": "استقبال وتسجيل المشاركين"},
            {
                "starts_at": "10:30",
                "ends_at": "11:30",
                "title": "عرض حول الميزانية التشاركية كآلية لتعزيز الانفتاح",
                "speakers": [
                    {"name": "فتحية زبيبي", "role": "رئيسة قسم", "organisation": "المديرية العامة للجماعات الترابية"}
                ],
            },
            {
                "starts_at": "12:15",
                "ends_at": "13:45",
                "title": "ورشة 1: تجربة تطوان والعرائش",
                "parallel_group": "الورشات",
            },
            {
                "starts_at": "12:15",
                "ends_at": "13:45",
                "title": "ورشة 2: تجربة شفشاون والحسيمة",
                "parallel_group": "الورشات",
            },
        ],
    )

    # The focal point finds the meeting from the header, reads its programme and registers.
    sign_in(page, live_server, focal_point.email)
    register_for_event(page, live_server, event, commune)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".agenda-slot").count() == 3
    shot(page, artifacts, "events-register")
    registration = confirm_registration(page, event, focal_point, commune)

    # At the door, on a phone without JavaScript: the network admin searches the name and taps once.
    mark_present_at_door(browser, live_server, artifacts, registration, network_admin, "events-door")

    # The focal point sees the presence recorded and the certificate offered.
    page.reload()
    assert "سُجل حضورك." in page.locator("#registration").inner_text()
    link = page.locator("#registration a", has_text="شهادة الحضور")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    shot(page, artifacts, "events-present")


def test_a_second_tab_registering_again_is_told_why(
    live_server, page, browser, artifacts, expected_console_errors, focal_point, reference
):
    """Two tabs of the event page: registering in the first, then in the second (its form still shown), the
    second answer gives the refusal above the registration, in Arabic, on a phone and on a desktop."""
    from remacto.territories.models import Region

    expected_console_errors += [r"status of 400 \(Bad Request\)", r"Response Status Error Code 400 from "]
    event = make_event(level="regional", region=Region.objects.get(code="01"), capacity=10)
    sign_in(page, live_server, focal_point.email)
    second = page.context.new_page()
    for tab in (page, second):
        tab.goto(f"{live_server.url}/ar/events/{event.pk}/")
        tab.select_option("#id_category", "focal_point")
    page.locator("#registration button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/ar/events/{event.pk}/$"))
    second.locator("#registration button[type=submit]").click()
    second.wait_for_load_state()
    alert = second.locator("#registration [role=alert]")
    assert "أنت مسجل(ة) في هذا النشاط من قبل." in alert.inner_text()
    assert "أنت مسجل(ة)." in second.locator("#registration").inner_text()
    assert Registration.objects.filter(event=event, user=focal_point).count() == 1
    no_horizontal_scroll(second)
    second.screenshot(path=str(artifacts / "events-registered-twice-ar-phone.png"), full_page=True)
    second.set_viewport_size({"width": 1280, "height": 900})
    second.screenshot(path=str(artifacts / "events-registered-twice-ar-desktop.png"), full_page=True)
