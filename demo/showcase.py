"""A few published alumni stories for the showcase: invented words about invented people,
each about a completed fellowship and the alumnus's completed projects. Half chose to be
named; some chose to show their trust."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from schemes.models import Fellowship
from trainees.models import Project, Story

STORIES = (
    ("A faster front door",
     "During my fellowship I worked with the emergency department team to redesign how patients "
     "are assessed when they arrive, and ran weekly audits to see what changed.",
     "Patients are assessed sooner, and the team now runs its own improvement huddle each week."),
    ("Fewer falls on our wards",
     "I led a falls group of nurses, therapists and doctors across three medical wards, testing "
     "small changes one at a time.",
     "Falls went down, and the wards kept the changes after I returned to training."),
    ("Getting people home before noon",
     "I mapped every step of a discharge and worked with pharmacy and transport to remove the delays.",
     "More patients go home in the morning, which frees beds for those waiting in the emergency department."),
    ("Handover that everyone trusts",
     "I brought the night and day teams together to agree one handover, then trained every new doctor in it.",
     "Fewer tasks are missed between shifts, and junior doctors say handover feels safer."),
    ("Antibiotics reviewed on time",
     "I set up a 72-hour antibiotic review prompt with the microbiology team and shared results monthly.",
     "More prescriptions are reviewed on time, and the trust has adopted the prompt on every ward."),
    ("Closing the follow-up backlog",
     "I worked with outpatient managers to sort the follow-up list by need and offer virtual clinics.",
     "The backlog shrank, and the most urgent patients are now seen first."),
)


def publish_stories(*, new_uuid: Callable[[], UUID], today: date) -> int:
    """Publish one story each for the first alumni (by completion) with a completed project."""
    fellowships = (Fellowship.objects.completed().filter(trainee__projects__status=Project.Status.COMPLETED)
                   .select_related("trainee").order_by("completed_on", "pk").distinct())
    picked: dict[int, Fellowship] = {}
    for fellowship in fellowships.iterator():
        picked.setdefault(fellowship.trainee_id, fellowship)
        if len(picked) == len(STORIES):
            break
    for n, (fellowship, (title, did, changed)) in enumerate(zip(picked.values(), STORIES, strict=False)):
        trainee = fellowship.trainee
        story = Story(uuid=new_uuid(), trainee=trainee, fellowship=fellowship, title=title, what_i_did=did,
                      what_changed=changed, show_name=n % 2 == 0,
                      trust=trainee.current_trust if n % 3 != 2 else None, status=Story.Status.PUBLISHED,
                      consented_at=datetime.combine(today - timedelta(days=9 * n), time(9), tzinfo=UTC))
        story.full_clean()
        story.save()
        story.projects.set(Project.objects.filter(trainee=trainee, status=Project.Status.COMPLETED))
    return len(picked)
