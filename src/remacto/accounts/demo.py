"""Demo accounts: one per role, all with pseudonyms, on the Ben Guerir commune (the demo scenario's commune).

Idempotent; used by ``make run`` through ``manage.py load_demo``. Never run it on a production database.
"""

from allauth.account.models import EmailAddress
from django.db import transaction

from remacto.territories.models import Collectivity

from . import services
from .models import Organisation, OrganisationMember, Role, User

DEMO_PASSWORD = "remacto-demo-2026"  # noqa: S105 - public demo password, printed by make run
DEMO_COLLECTIVITY = "ben-guerir"

DEMO_ACCOUNTS = [
    # email, display name, role kind in the demo commune (None: no role, see WITHOUT_ROLE). Names only: the pages
    # say each person's role themselves, in the reader's language.
    ("admin@demo.remacto.ma", "سلمى", Role.Kind.NETWORK_ADMIN),
    ("focal@demo.remacto.ma", "يوسف", Role.Kind.FOCAL_POINT),
    ("committee@demo.remacto.ma", "خديجة", Role.Kind.COMMITTEE_MEMBER),
    ("secretariat@demo.remacto.ma", "عمر", Role.Kind.COUNCIL_SECRETARIAT),
    ("advisory@demo.remacto.ma", "نادية", Role.Kind.ADVISORY_MEMBER),
    ("moderator@demo.remacto.ma", "حميد", Role.Kind.MODERATOR),
    ("information@demo.remacto.ma", "رشيد", Role.Kind.INFORMATION_OFFICER),
    ("association@demo.remacto.ma", "فاطمة", None),
    ("citizen@demo.remacto.ma", "أمين", None),
    ("applicant@demo.remacto.ma", "مصطفى", None),
]
WITHOUT_ROLE = {
    # what make run prints for the accounts without a role
    "association@demo.remacto.ma": "association admin",
    "citizen@demo.remacto.ma": "citizen",
    "applicant@demo.remacto.ma": "membership applicant (a council not yet a member)",
}


def account(name: str) -> User:
    """The demo account ``name``@demo.remacto.ma (``"focal"``, ``"citizen"``…), for the other apps' demo data."""
    return User.objects.get(email=f"{name}@demo.remacto.ma")


def _account(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
    elif user.display_name != name:
        user.display_name = name
        user.save(update_fields=["display_name"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Create or refresh the demo accounts; returns (email, role label) pairs to print."""
    collectivity = Collectivity.objects.get(slug=DEMO_COLLECTIVITY)
    admin = _account(*DEMO_ACCOUNTS[0][:2])
    if not Role.objects.filter(user=admin, kind=Role.Kind.NETWORK_ADMIN).exists():
        Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)
    printed = [(admin.email, str(Role.Kind.NETWORK_ADMIN.label))]
    for email, name, kind in DEMO_ACCOUNTS[1:]:
        user = _account(email, name)
        if kind is not None:
            if not Role.objects.filter(user=user, kind=kind, collectivity=collectivity).exists():
                services.grant_role(admin, user, kind, collectivity)
            printed.append((email, f"{kind.label} — {collectivity.name_fr}"))
        else:
            printed.append((email, WITHOUT_ROLE[email]))
    fatima = User.objects.get(email="association@demo.remacto.ma")
    org = Organisation.objects.filter(slug="jamiyat-al-amal-ben-guerir").first()
    if org is None:
        org = Organisation.objects.create(
            name="جمعية الأمل للتنمية (demo)",
            slug="jamiyat-al-amal-ben-guerir",
            description="Sample association for the demo.",
            collectivity=collectivity,
        )
    OrganisationMember.objects.get_or_create(organisation=org, user=fatima, defaults={"is_admin": True})
    return printed
