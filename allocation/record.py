"""A round's record for audit: who set it up, what the algorithm was given, what it gave.

People and posts are named by GMC number and by the role's UUID and title, so the
record can be read, and solved again, outside this database."""

from allocation.models import AllocationRound
from trainees.models import Trainee


def round_record(round: AllocationRound) -> dict:
    inputs = round.inputs
    assert inputs is not None  # kept when the round was run, and only run rounds have a record
    posts = {post.pk: post for post in round.posts.select_related("vacancy__trust")}
    trainee_ids = {int(pk) for pk in inputs["choices"]}
    gmc = dict(Trainee.objects.filter(pk__in=trainee_ids).values_list("pk", "gmc_number"))

    def post_key(pk: int) -> str:
        return str(posts[pk].vacancy.uuid)

    placed = dict(round.allocations.values_list("trainee_id", "post_id"))
    return {
        "round": {"uuid": str(round.uuid), "name": round.name, "region": round.region.name,
                  "trainee_deadline": round.trainee_deadline.isoformat(),
                  "director_deadline": round.director_deadline.isoformat(),
                  "run_at": round.run_at.isoformat() if round.run_at else None,
                  "published_at": round.published_at.isoformat() if round.published_at else None,
                  "status": round.status, "inputs_sha256": round.inputs_digest},
        "algorithm": "applicant-proposing deferred acceptance with capacities",
        "posts": [{"vacancy": post_key(pk), "title": posts[pk].vacancy.title,
                   "trust": posts[pk].vacancy.trust.ods_code, "places": inputs["places"][str(pk)],
                   "ranked_by": "starting order" if pk in inputs["starting_order"] else "director",
                   "ranking": [gmc[t] for t in inputs["rankings"][str(pk)]]}
                  for pk in sorted(posts)],
        "trainees": [{"gmc_number": gmc[int(t)], "choices": [post_key(p) for p in choices],
                      "placed_in": post_key(placed[int(t)]) if placed[int(t)] else None}
                     for t, choices in sorted(inputs["choices"].items(), key=lambda item: gmc[int(item[0])])],
    }
