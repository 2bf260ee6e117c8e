"""The reminder sweep over 50,000 milestones (`make bench`; target: under 10 s).

Milestones are made with bulk_create, due from a year ago to a year ahead, two owners each out
of 200 people, so the first sweep has tens of thousands of reminders to claim. Timings are
reported, never asserted.
"""

import datetime as dt

import pytest
from django.utils import timezone

from programme.choices import MilestoneKind, MilestoneStatus, Role
from programme.models import Milestone, ReminderDelivery
from programme.reminders import reminder_sweep
from tests.factories import UserFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

MILESTONES = 50_000


@pytest.fixture
def many_milestones(db):
    today = timezone.localdate()
    people = [UserFactory(roles=[Role.SECRETARIAT]) for _ in range(200)]
    kinds = list(MilestoneKind.values)
    statuses = [MilestoneStatus.PLANNED] * 8 + [MilestoneStatus.IN_PROGRESS, MilestoneStatus.DONE]
    milestones = Milestone.objects.bulk_create(
        [
            Milestone(
                title=f"Milestone {i}",
                kind=kinds[i % len(kinds)],
                status=statuses[i % len(statuses)],
                completed_on=today if statuses[i % len(statuses)] == "done" else None,
                due_on=today + dt.timedelta(days=i % 731 - 365),
            )
            for i in range(MILESTONES)
        ],
        batch_size=5000,
    )
    through = Milestone.owners.through
    through.objects.bulk_create(
        [
            through(milestone_id=m.pk, user_id=people[(i + k) % len(people)].pk)
            for i, m in enumerate(milestones)
            for k in (0, 7)
        ],
        batch_size=10000,
    )
    return today


def test_bench_first_sweep_claims_every_due_reminder(benchmark, many_milestones):
    def fresh():
        ReminderDelivery.objects.all().delete()

    claimed = benchmark.pedantic(
        lambda: reminder_sweep(today=many_milestones, queue=False),
        setup=fresh,
        rounds=3,
        iterations=1,
    )
    benchmark.extra_info["claimed"] = len(claimed)
    print(f"\nclaimed {len(claimed)} reminders for {MILESTONES} milestones")
    assert len(claimed) > 10_000


def test_bench_sweep_with_nothing_new(benchmark, many_milestones):
    reminder_sweep(today=many_milestones, queue=False)
    claimed = benchmark.pedantic(
        lambda: reminder_sweep(today=many_milestones, queue=False), rounds=5, iterations=1
    )
    assert claimed == []
