"""Co-evaluation services: criteria, opening, answers, scorecards, publication; permissions per role and bad
input (nothing saved half-way)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remacto.cocreation.models import CommitteeMember, Phase, Project
from remacto.core import audit
from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import CitizenAnswer, EvaluationCriterion, Scorecard
from remacto.monitoring.services import evaluations as services

from ..conftest import make_user
from .evaluation_helpers import answer, counts, finish, open_for, score, today

pytestmark = pytest.mark.django_db
LATER = datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the services speak the reader's language)."""
    with translation.override("en"):
        yield


# criteria ----------------------------------------------------------------------------------------------------------


def test_default_criteria_are_the_openness_principles_with_stable_keys(focal_point, implemented):
    criteria = services.ensure_criteria(focal_point, implemented)
    assert [c.key for c in criteria] == ["transparency", "participation", "accountability", "innovation"]
    assert [c.order for c in criteria] == [1, 2, 3, 4]
    assert criteria[0].title == "الشفافية"  # stored in the programme's language
    with translation.override("fr"):
        assert criteria[0].label == "Transparence" and criteria[0].question.startswith("Les décisions")
    # a second call creates nothing more
    assert len(services.ensure_criteria(focal_point, implemented)) == 4
    assert AuditLogEntry.objects.filter(action="evaluation.criteria_defaults").count() == 1


def test_focal_point_adds_edits_reorders_and_removes_criteria(focal_point, implemented):
    services.ensure_criteria(focal_point, implemented)
    added = services.add_criterion(focal_point, implemented, title="  الاستدامة ", description="هل تدوم النتائج؟")
    assert added.order == 5 and added.title == "الاستدامة" and added.key == ""
    first = implemented.evaluation_criteria.get(key="transparency")
    services.edit_criterion(focal_point, first, title="الشفافية المالية", description="")
    first.refresh_from_db()
    assert first.key == "" and first.label == "الشفافية المالية"
    services.move_criterion(focal_point, added, up=True)
    assert list(implemented.evaluation_criteria.values_list("title", flat=True))[3] == "الاستدامة"
    services.remove_criterion(focal_point, added)
    assert implemented.evaluation_criteria.count() == 4
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"evaluation.criterion_add", "evaluation.criterion_edit", "evaluation.criterion_move"} <= actions
    assert "evaluation.criterion_remove" in actions


def test_a_default_criterion_sent_back_as_shown_keeps_its_key(focal_point, implemented):
    services.ensure_criteria(focal_point, implemented)
    criterion = implemented.evaluation_criteria.get(key="innovation")
    with translation.override("fr"):
        services.edit_criterion(focal_point, criterion, title=criterion.label, description=criterion.question)
    criterion.refresh_from_db()
    assert criterion.key == "innovation" and criterion.title == "الابتكار"
    assert not AuditLogEntry.objects.filter(action="evaluation.criterion_edit").exists()


def test_criteria_bad_input(focal_point, implemented):
    services.ensure_criteria(focal_point, implemented)
    with pytest.raises(ValidationError) as exc:
        services.add_criterion(focal_point, implemented, title="   ")
    assert "title" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.add_criterion(focal_point, implemented, title="x" * 201)
    assert implemented.evaluation_criteria.count() == 4
    for criterion in list(implemented.evaluation_criteria.all())[1:]:
        services.remove_criterion(focal_point, criterion)
    with pytest.raises(ValidationError, match="at least one"):
        services.remove_criterion(focal_point, implemented.evaluation_criteria.get())


def test_criteria_are_locked_once_a_scorecard_rates_them(focal_point, committee_member, project):
    evaluation = open_for(focal_point, project)
    score(committee_member, evaluation)
    criterion = evaluation.programme.evaluation_criteria.first()
    for call in (
        lambda: services.add_criterion(focal_point, project.programme, title="جديد"),
        lambda: services.edit_criterion(focal_point, criterion, title="جديد"),
        lambda: services.move_criterion(focal_point, criterion, up=False),
        lambda: services.remove_criterion(focal_point, criterion),
    ):
        with pytest.raises(ValidationError, match="no longer change"):
            call()
    assert EvaluationCriterion.objects.filter(programme=project.programme).count() == 4


@pytest.mark.parametrize("who", ["committee_member", "citizen", "unit_officer", "other_focal_point", "anonymous"])
def test_only_the_focal_point_and_network_admins_manage_criteria(request, who, implemented, unit_officer):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.ensure_criteria(actor, implemented)
    with pytest.raises(PermissionDenied):
        services.add_criterion(actor, implemented, title="x")
    assert not EvaluationCriterion.objects.exists()


def test_network_admin_manages_criteria(network_admin, implemented):
    assert len(services.ensure_criteria(network_admin, implemented)) == 4


# opening -----------------------------------------------------------------------------------------------------------


def test_open_project_evaluation_creates_default_criteria_and_logs(focal_point, project):
    evaluation = open_for(focal_point, project)
    assert evaluation.project == project and services.is_open(evaluation)
    assert project.programme.evaluation_criteria.count() == 4
    entry = AuditLogEntry.objects.get(action="evaluation.open")
    assert str(today()) in str(audit.describe(entry))


def test_a_project_past_its_end_date_can_be_evaluated(focal_point, project):
    project.ends_on = today() - datetime.timedelta(days=1)
    project.save(update_fields=["ends_on"])
    evaluation = services.open_evaluation(
        focal_point, project.programme, project=project, opens_on=today(), closes_on=today() + LATER
    )
    assert evaluation.pk


def test_an_unfinished_or_cancelled_project_cannot_be_evaluated(focal_point, project):
    with pytest.raises(ValidationError, match="finished project"):
        services.open_evaluation(
            focal_point, project.programme, project=project, opens_on=today(), closes_on=today() + LATER
        )
    project.status = Project.Status.CANCELLED
    project.ends_on = today() - datetime.timedelta(days=1)
    project.save()
    with pytest.raises(ValidationError, match="finished project"):
        services.open_evaluation(
            focal_point, project.programme, project=project, opens_on=today(), closes_on=today() + LATER
        )
    assert not project.programme.evaluations.exists()


def test_programme_evaluation_needs_the_evaluation_phase_or_the_end_of_implementation(focal_point, implemented):
    with pytest.raises(ValidationError, match="evaluation phase"):
        services.open_evaluation(focal_point, implemented, opens_on=today(), closes_on=today() + LATER)
    implemented.phase = Phase.EVALUATION
    implemented.save(update_fields=["phase"])
    evaluation = services.open_evaluation(focal_point, implemented, opens_on=today(), closes_on=today() + LATER)
    assert evaluation.project is None
    with pytest.raises(ValidationError, match="already been opened"):
        services.open_evaluation(focal_point, implemented, opens_on=today(), closes_on=today() + LATER)


def test_opening_bad_dates_and_twice(focal_point, project):
    finish(project)
    programme = project.programme
    with pytest.raises(ValidationError) as exc:
        services.open_evaluation(focal_point, programme, project=project, opens_on=today(), closes_on=today() - LATER)
    assert "closes_on" in exc.value.message_dict
    past = today() - LATER
    with pytest.raises(ValidationError, match="already past"):
        services.open_evaluation(focal_point, programme, project=project, opens_on=past, closes_on=past)
    services.open_evaluation(focal_point, programme, project=project, opens_on=today(), closes_on=today())
    with pytest.raises(ValidationError, match="already been opened"):
        services.open_evaluation(focal_point, programme, project=project, opens_on=today(), closes_on=today())


def test_another_collectivitys_staff_never_open_or_publish(focal_point, other_focal_point, project, other_project):
    finish(project)
    with pytest.raises(PermissionDenied):
        services.open_evaluation(
            other_focal_point, project.programme, project=project, opens_on=today(), closes_on=today() + LATER
        )
    # nor through their own programme with someone else's project
    finish(other_project)
    with pytest.raises(PermissionDenied):
        services.open_evaluation(
            other_focal_point, other_project.programme, project=project, opens_on=today(), closes_on=today()
        )
    evaluation = open_for(focal_point, project)
    with pytest.raises(PermissionDenied):
        services.publish_evaluation(other_focal_point, evaluation, summary="x")


@pytest.mark.parametrize("who", ["committee_member", "citizen", "unit_officer"])
def test_only_managers_open_and_publish(request, who, focal_point, project, unit_officer):
    actor = request.getfixturevalue(who)
    finish(project)
    with pytest.raises(PermissionDenied):
        services.open_evaluation(actor, project.programme, project=project, opens_on=today(), closes_on=today())
    evaluation = open_for(focal_point, project)
    with pytest.raises(PermissionDenied):
        services.publish_evaluation(actor, evaluation, summary="خلاصة")
    evaluation.refresh_from_db()
    assert evaluation.published_at is None


# citizens' answers -------------------------------------------------------------------------------------------------


def test_any_signed_in_person_answers_once(focal_point, citizen, committee_member, other_focal_point, project):
    evaluation = open_for(focal_point, project)
    for user in (citizen, committee_member, other_focal_point):
        answer(user, evaluation)
    with pytest.raises(ValidationError, match="already answered"):
        answer(citizen, evaluation, satisfaction=1)
    assert CitizenAnswer.objects.filter(evaluation=evaluation).count() == 3
    assert CitizenAnswer.objects.get(user=citizen).satisfaction == 4


def test_anonymous_cannot_answer(focal_point, project):
    from django.contrib.auth.models import AnonymousUser

    evaluation = open_for(focal_point, project)
    with pytest.raises(PermissionDenied):
        answer(AnonymousUser(), evaluation)


@pytest.mark.parametrize(
    "values, field",
    [
        ({"satisfaction": 0}, "satisfaction"),
        ({"satisfaction": 6}, "satisfaction"),
        ({"informed": "x"}, "informed"),
        ({"useful": "maybe"}, "useful"),
    ],
)
def test_answer_bad_input(focal_point, citizen, project, values, field):
    evaluation = open_for(focal_point, project)
    kwargs = {"satisfaction": 3, "useful": "partly", "informed": 2, "comment": "", **values}
    with pytest.raises(ValidationError) as exc:
        services.answer_questionnaire(citizen, evaluation, **kwargs)
    assert field in exc.value.message_dict
    assert counts() == (0, 0, 0)


def test_answers_only_while_open(focal_point, citizen, project):
    finish(project)
    evaluation = services.open_evaluation(
        focal_point, project.programme, project=project, opens_on=today() + LATER, closes_on=today() + 2 * LATER
    )
    with pytest.raises(ValidationError, match="not open yet"):
        answer(citizen, evaluation)
    evaluation.opens_on = evaluation.closes_on = today() - datetime.timedelta(days=1)
    evaluation.save()
    with pytest.raises(ValidationError, match="closed"):
        answer(citizen, evaluation)
    assert counts() == (0, 0, 0)


def test_no_answer_after_publication(focal_point, citizen, project):
    evaluation = open_for(focal_point, project)
    services.publish_evaluation(focal_point, evaluation, summary="خلاصة")
    with pytest.raises(ValidationError, match="closed"):
        answer(citizen, evaluation)


# scorecards ------------------------------------------------------------------------------------------------------


def test_committee_members_focal_point_and_seat_holders_score_once(focal_point, committee_member, project):
    evaluation = open_for(focal_point, project)
    seat = make_user("seat@example.ma", "جمعية")
    CommitteeMember.objects.create(programme=project.programme, user=seat, name="جمعية", kind="civil_society")
    for user in (committee_member, focal_point, seat):
        scorecard = score(user, evaluation)
        assert scorecard.scores.count() == 4
    with pytest.raises(ValidationError, match="already filled"):
        score(committee_member, evaluation, rating=1)
    assert Scorecard.objects.count() == 3
    assert AuditLogEntry.objects.filter(action="evaluation.scorecard").count() == 3


@pytest.mark.parametrize("who", ["citizen", "unit_officer", "other_committee_member", "other_focal_point"])
def test_others_cannot_score(request, who, focal_point, project, unit_officer):
    evaluation = open_for(focal_point, project)
    with pytest.raises(PermissionDenied):
        score(request.getfixturevalue(who), evaluation)
    assert counts() == (0, 0, 0)


def test_a_seat_on_another_programmes_committee_does_not_count(focal_point, project, other_project):
    evaluation = open_for(focal_point, project)
    seat = make_user("seat@example.ma")
    CommitteeMember.objects.create(programme=other_project.programme, user=seat, name="x", kind="civil_society")
    with pytest.raises(PermissionDenied):
        score(seat, evaluation)


@pytest.mark.parametrize("bad", [0, 6, "", None, "abc"])
def test_scorecard_ratings_outside_1_to_5_or_missing_are_refused(focal_point, committee_member, project, bad):
    evaluation = open_for(focal_point, project)
    criteria = list(project.programme.evaluation_criteria.all())
    ratings = {c.pk: 3 for c in criteria}
    ratings[criteria[1].pk] = bad
    with pytest.raises(ValidationError) as exc:
        services.submit_scorecard(committee_member, evaluation, ratings=ratings)
    assert f"rating_{criteria[1].pk}" in exc.value.message_dict
    assert counts() == (0, 0, 0)


def test_scorecard_missing_or_unknown_criterion(focal_point, committee_member, project, other_project):
    evaluation = open_for(focal_point, project)
    criteria = list(project.programme.evaluation_criteria.all())
    with pytest.raises(ValidationError):
        services.submit_scorecard(committee_member, evaluation, ratings={criteria[0].pk: 3})
    foreign = EvaluationCriterion.objects.create(programme=other_project.programme, title="x")
    with pytest.raises(ValidationError, match="not on this scorecard"):
        services.submit_scorecard(committee_member, evaluation, ratings={**{c.pk: 3 for c in criteria}, foreign.pk: 3})
    assert counts() == (0, 0, 0)


def test_scorecard_only_while_open(focal_point, committee_member, project):
    evaluation = open_for(focal_point, project)
    evaluation.opens_on = evaluation.closes_on = today() - datetime.timedelta(days=2)
    evaluation.save()
    with pytest.raises(ValidationError, match="closed"):
        score(committee_member, evaluation)


# publication -----------------------------------------------------------------------------------------------------


def test_publish_needs_conclusions_and_happens_once(focal_point, project):
    evaluation = open_for(focal_point, project)
    with pytest.raises(ValidationError) as exc:
        services.publish_evaluation(focal_point, evaluation, summary="   ")
    assert "summary" in exc.value.message_dict
    published = services.publish_evaluation(focal_point, evaluation, summary="نتائج مرضية")
    assert published.published_at is not None and not services.is_open(published)
    with pytest.raises(ValidationError, match="already published"):
        services.publish_evaluation(focal_point, published, summary="أخرى")
    entry = AuditLogEntry.objects.get(action="evaluation.publish")
    assert entry.details == {"answers": 0, "scorecards": 0}


def test_publishing_before_the_start_is_refused(focal_point, project):
    finish(project)
    evaluation = services.open_evaluation(
        focal_point, project.programme, project=project, opens_on=today() + LATER, closes_on=today() + LATER
    )
    with pytest.raises(ValidationError, match="not started"):
        services.publish_evaluation(focal_point, evaluation, summary="x")


def test_every_action_reads_as_a_sentence_in_arabic(focal_point, committee_member, project):
    evaluation = open_for(focal_point, project)
    score(committee_member, evaluation)
    services.publish_evaluation(focal_point, evaluation, summary="x")
    with translation.override("ar"):
        for entry in AuditLogEntry.objects.filter(action__startswith="evaluation."):
            sentence = str(audit.describe(entry))
            assert "<code>" not in sentence and "<bdi>" in sentence
