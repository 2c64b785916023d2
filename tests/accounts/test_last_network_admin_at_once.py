"""Two last network admins leaving at the same instant: the role rows are locked, so one of them stays
(PostgreSQL row locks; SQLite runs one transaction at a time)."""

from django.core.exceptions import ValidationError

from remacto.accounts import privacy, services
from remacto.accounts.models import Role, User

from ..conftest import PASSWORD, make_user
from ..threads import ON_POSTGRESQL, at_once

pytestmark = ON_POSTGRESQL


def _admin(email: str) -> User:
    user = make_user(email)
    Role.objects.create(user=user, kind=Role.Kind.NETWORK_ADMIN)
    return user


def _admins() -> int:
    return Role.objects.filter(kind=Role.Kind.NETWORK_ADMIN).count()


def test_two_last_admins_deleting_their_accounts_at_once_leave_one(reference):
    first, second = _admin("a1@example.ma"), _admin("a2@example.ma")
    people = [first, second]

    def delete(n):
        privacy.delete_account(people[n], people[n], password=PASSWORD)
        return people[n].pk

    deleted, errors = at_once(2, delete)
    assert len(deleted) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert _admins() == 1 and User.objects.filter(pk__in=[first.pk, second.pk]).count() == 1


def test_two_admins_revoking_each_other_at_once_leave_one(reference):
    first, second = _admin("a1@example.ma"), _admin("a2@example.ma")
    pairs = [(first, second.roles.get()), (second, first.roles.get())]

    def revoke(n):
        actor, role = pairs[n]
        services.revoke_role(User.objects.get(pk=actor.pk), role)
        return n

    done, errors = at_once(2, revoke)
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert _admins() == 1
