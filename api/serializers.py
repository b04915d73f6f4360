"""What the API shows of each thing. Reads only: writes go through the services.

Related things are named by their public identifiers (UUIDs, codes), never by database ids.
Equality monitoring answers, portfolio-view logs and mentoring meeting notes are never here.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import SlugRelatedField

from accounts.models import Role
from allocation.models import Allocation, AllocationRound, RoundPost
from mentoring.models import Mentor, Mentorship
from pipeline import return_steps
from pipeline.matching.reasons import DIRECTOR, TRAINEE, sentence_for
from pipeline.models import Interest, Match, ReturnPlan, Vacancy
from reference.models import FrameworkDomain, Grade, LeadershipRoleType, Region, Specialty, Trust
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Evidence, LeadershipRole, Placement, Project, Qualification, Trainee


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind", "nation"]


class TrustSerializer(serializers.ModelSerializer):
    region: "SlugRelatedField[Region]" = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Trust
        fields = ["uuid", "ods_code", "name", "region"]


class YouAndTheSchemeSerializer(serializers.Serializer):
    can_apply = serializers.BooleanField()
    why_not = serializers.ListField(child=serializers.CharField())
    interested = serializers.BooleanField()


class SchemeSerializer(serializers.ModelSerializer):
    eligible_grades: "SlugRelatedField[Grade]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="None: every grade.")
    regions: "SlugRelatedField[Region]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="None: every region.")
    you = serializers.SerializerMethodField(
        help_text="For a trainee: whether they can apply, why not, and whether they said they are "
                  "interested. Null for everyone else.")

    class Meta:
        model = Scheme
        fields = ["uuid", "name", "short_name", "scope", "kind", "organiser", "region_served", "regions",
                  "clinicians_per_year", "clinicians_per_year_min", "clinicians_per_year_max", "duration",
                  "duration_months", "time_commitment", "eligibility", "eligible_grades", "cct_after_end",
                  "cct_within_months", "hosts", "follow_on", "is_active", "you"]

    @extend_schema_field(YouAndTheSchemeSerializer(allow_null=True))
    def get_you(self, scheme) -> dict | None:
        entry = self.context.get("catalogue", {}).get(scheme.pk)
        if entry is None:
            return None
        return {"can_apply": not entry.not_eligible, "why_not": entry.not_eligible,
                "interested": entry.interested}


class CohortSerializer(serializers.ModelSerializer):
    scheme: "SlugRelatedField[Scheme]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    scheme_name = serializers.CharField(source="scheme.short_name", read_only=True)
    region: "SlugRelatedField[Region]" = serializers.SlugRelatedField(slug_field="code", read_only=True,
                                                                       allow_null=True)

    class Meta:
        model = Cohort
        fields = ["uuid", "scheme", "scheme_name", "name", "intake_year", "region", "start_date", "end_date"]


class FellowshipSerializer(serializers.ModelSerializer):
    trainee: "SlugRelatedField[Trainee]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    cohort: "SlugRelatedField[Cohort]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    scheme_name = serializers.CharField(source="cohort.scheme.short_name", read_only=True)

    class Meta:
        model = Fellowship
        fields = ["uuid", "trainee", "cohort", "scheme_name", "status", "host_organisation",
                  "project_title", "start_date", "end_date", "completed_on"]


class PlacementSerializer(serializers.ModelSerializer):
    trust: "SlugRelatedField[Trust]" = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    grade: "SlugRelatedField[Grade]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    specialty: "SlugRelatedField[Specialty]" = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Placement
        fields = ["uuid", "trust", "grade", "specialty", "kind", "start_date", "end_date"]


class EvidenceSerializer(serializers.ModelSerializer):
    element = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["uuid", "element", "title", "what_i_did", "what_i_learned", "occurred_on", "link", "level"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_element(self, evidence) -> str:
        return str(evidence.element)


class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = ["uuid", "title", "aim", "measures", "baseline", "outcome", "status", "start_date",
                  "end_date"]


class QualificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Qualification
        fields = ["uuid", "title", "kind", "awarding_body", "awarded_on"]


class LeadershipRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = LeadershipRole
        fields = ["uuid", "title", "organisation", "description", "start_date", "end_date"]


class TraineeSerializer(serializers.ModelSerializer):
    grade: "SlugRelatedField[Grade]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    specialty: "SlugRelatedField[Specialty]" = serializers.SlugRelatedField(slug_field="name", read_only=True)
    region: "SlugRelatedField[Region]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    current_trust: "SlugRelatedField[Trust]" = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True, allow_null=True)

    class Meta:
        model = Trainee
        fields = ["uuid", "gmc_number", "first_name", "last_name", "email", "grade", "specialty", "region",
                  "current_trust", "expected_cct_date", "leadership_interest"]


class TraineeDetailSerializer(TraineeSerializer):
    """One trainee with their placements and leadership portfolio."""

    placements = PlacementSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    projects = ProjectSerializer(many=True, read_only=True)
    qualifications = QualificationSerializer(many=True, read_only=True)
    leadership_roles = LeadershipRoleSerializer(many=True, read_only=True)

    class Meta(TraineeSerializer.Meta):
        fields = [*TraineeSerializer.Meta.fields, "placements", "evidence", "projects", "qualifications",
                  "leadership_roles"]


class VacancySerializer(serializers.ModelSerializer):
    trust: "SlugRelatedField[Trust]" = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    role_type: "SlugRelatedField[LeadershipRoleType]" = serializers.SlugRelatedField(slug_field="code",
                                                                                      read_only=True)
    min_grade: "SlugRelatedField[Grade]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    max_grade: "SlugRelatedField[Grade]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    required_domains: "SlugRelatedField[FrameworkDomain]" = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True)
    specialties: "SlugRelatedField[Specialty]" = serializers.SlugRelatedField(slug_field="name", many=True,
                                                                              read_only=True)

    element = serializers.SerializerMethodField(
        help_text='What taking part is evidence of, as "domain.element" of the MLCF; null for a post.')

    class Meta:
        model = Vacancy
        fields = ["uuid", "kind", "trust", "title", "role_type", "description", "required_domains",
                  "min_grade", "max_grade", "specialties", "sessions_per_week", "hours", "ends_on", "element",
                  "location", "remote_possible", "start_date", "closing_date", "status", "published_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_element(self, vacancy) -> str | None:
        element = vacancy.element
        return f"{element.domain.number}.{element.number}" if element and element.domain else None


class ReasonSerializer(serializers.Serializer):
    feature = serializers.CharField()
    points = serializers.FloatField()
    sentence = serializers.SerializerMethodField(
        help_text="Why, in words for the reader: the trainee reads 'your', a director 'their'.")

    def get_sentence(self, reason: dict) -> str:
        user = self.context["request"].user
        return sentence_for(reason, TRAINEE if user.role == Role.TRAINEE else DIRECTOR)


class DomainEvidenceSerializer(serializers.Serializer):
    domain = serializers.CharField()
    elements_evidenced = serializers.IntegerField()


class DescribedSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()


class CandidateSerializer(serializers.Serializer):
    """A candidate as a director sees them. Until the candidate says they are interested:
    no name, email, note, grade, specialty or evidence counts, and only the `described`
    facts that at least ANONYMITY_K trainees of their region share (pipeline.anonymity)."""

    reference = serializers.CharField()
    identified = serializers.BooleanField()
    status = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    region = serializers.CharField()
    described = serializers.SerializerMethodField()
    grade = serializers.CharField()
    specialty = serializers.CharField()
    domain_evidence = serializers.SerializerMethodField()
    name = serializers.CharField()
    email = serializers.CharField()
    note = serializers.CharField()

    @extend_schema_field(DescribedSerializer(many=True))
    def get_described(self, candidate) -> list[dict]:
        return [{"question": q, "answer": a} for q, a in candidate.described]

    @extend_schema_field(DomainEvidenceSerializer(many=True))
    def get_domain_evidence(self, candidate) -> list[dict]:
        return [{"domain": d, "elements_evidenced": n} for d, n, _ in candidate.domain_evidence]


class MatchSerializer(serializers.ModelSerializer):
    vacancy: "SlugRelatedField[Vacancy]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    vacancy_title = serializers.CharField(source="vacancy.title", read_only=True)
    reasons = serializers.SerializerMethodField(
        help_text="The parts of the score. Empty for a director until the candidate is identified.")
    candidate = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = ["uuid", "vacancy", "vacancy_title", "score", "reasons", "computed_at", "candidate"]

    def _candidate(self, match):
        return self.context.get("candidates", {}).get(match.pk)

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, match) -> list[dict]:
        candidate = self._candidate(match)
        if candidate is not None and not candidate.identified:
            return []  # their points would give an anonymous candidate's counts back
        return list(ReasonSerializer(match.reasons, many=True, context=self.context).data)

    @extend_schema_field(CandidateSerializer(allow_null=True))
    def get_candidate(self, match) -> dict | None:
        """Only for directors; built by pipeline.selectors.candidates_from (in the view)."""
        candidate = self._candidate(match)
        return CandidateSerializer(candidate).data if candidate else None


class InterestSerializer(serializers.ModelSerializer):
    vacancy: "SlugRelatedField[Vacancy]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    vacancy_title = serializers.CharField(source="vacancy.title", read_only=True)
    trainee: "SlugRelatedField[Trainee]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    candidate_name = serializers.CharField(source="trainee.full_name", read_only=True)

    class Meta:
        model = Interest
        fields = ["uuid", "vacancy", "vacancy_title", "trainee", "candidate_name", "status", "note",
                  "took_part_confirmed_at", "updated_at"]


class InterestCreateSerializer(serializers.Serializer):
    vacancy = serializers.UUIDField(help_text="A matched open role.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MentorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    region: "SlugRelatedField[Region]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    expertise: "SlugRelatedField[FrameworkDomain]" = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True)

    class Meta:
        model = Mentor
        fields = ["uuid", "name", "organisation", "current_role", "region", "expertise", "capacity",
                  "accepting", "bio"]


class MentorshipSerializer(serializers.ModelSerializer):
    """The pair and where they stand. Meetings and their private notes are never in the API."""

    mentor: "SlugRelatedField[Mentor]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    mentor_name = serializers.CharField(source="mentor.user.get_full_name", read_only=True)
    trainee: "SlugRelatedField[Trainee]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    trainee_name = serializers.CharField(source="trainee.full_name", read_only=True)

    class Meta:
        model = Mentorship
        fields = ["uuid", "mentor", "mentor_name", "trainee", "trainee_name", "status", "goals",
                  "started_on", "ended_on"]


class RoundPostSerializer(serializers.ModelSerializer):
    vacancy: "SlugRelatedField[Vacancy]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    title = serializers.CharField(source="vacancy.title", read_only=True)
    trust = serializers.CharField(source="vacancy.trust.ods_code", read_only=True)

    class Meta:
        model = RoundPost
        fields = ["vacancy", "title", "trust", "places"]


class RoundSerializer(serializers.ModelSerializer):
    region: "SlugRelatedField[Region]" = serializers.SlugRelatedField(slug_field="code", read_only=True)
    posts = RoundPostSerializer(many=True, read_only=True)
    inputs_sha256 = serializers.CharField(source="inputs_digest", read_only=True,
                                          help_text="SHA-256 of the inputs frozen when the round was run.")

    class Meta:
        model = AllocationRound
        fields = ["uuid", "name", "region", "status", "trainee_deadline", "director_deadline", "run_at",
                  "published_at", "inputs_sha256", "posts"]


class RoundPlacementSerializer(serializers.ModelSerializer):
    """Where the trainee's position on their list was is left out: directors see these too."""

    round: "SlugRelatedField[AllocationRound]" = serializers.SlugRelatedField(slug_field="uuid",
                                                                              read_only=True)
    trainee: "SlugRelatedField[Trainee]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    gmc_number = serializers.CharField(source="trainee.gmc_number", read_only=True)
    vacancy = serializers.UUIDField(source="post.vacancy.uuid", read_only=True, allow_null=True,
                                    help_text="The role the trainee was placed in; empty if not placed.")
    vacancy_title = serializers.CharField(source="post.vacancy.title", read_only=True, allow_null=True)

    class Meta:
        model = Allocation
        fields = ["round", "trainee", "gmc_number", "vacancy", "vacancy_title"]


class ReturnPlanStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    done = serializers.BooleanField()
    waits_on = serializers.ChoiceField(choices=list(return_steps.WHO), allow_null=True,
                                       help_text="Whose turn: fellow, staff or director; null when done.")
    since = serializers.DateField(allow_null=True, help_text="Since when it has waited on them.")
    state = serializers.CharField(help_text="Where the step stands, in words.")


class ReturnPlanSerializer(serializers.ModelSerializer):
    """A fellow's return to training and its steps (docs/stewardship.md). The project summary
    is there only when the fellow chose to share it."""

    trainee: "SlugRelatedField[Trainee]" = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    trainee_name = serializers.CharField(source="trainee.full_name", read_only=True)
    fellowship: "SlugRelatedField[Fellowship]" = serializers.SlugRelatedField(slug_field="uuid",
                                                                               read_only=True)
    scheme = serializers.CharField(source="fellowship.cohort.scheme.name", read_only=True)
    fellowship_ends = serializers.DateField(source="fellowship.end_date", read_only=True)
    receiving_trust: "SlugRelatedField[Trust]" = serializers.SlugRelatedField(slug_field="uuid",
                                                                               read_only=True)
    steps = serializers.SerializerMethodField()

    class Meta:
        model = ReturnPlan
        fields = ["uuid", "trainee", "trainee_name", "fellowship", "scheme", "fellowship_ends",
                  "opened_on", "receiving_trust", "share_project", "project_summary", "share_portfolio",
                  "director_told_at", "session", "session_on", "done_on", "steps"]

    @extend_schema_field(ReturnPlanStepSerializer(many=True))
    def get_steps(self, plan: ReturnPlan) -> list[dict]:
        # `has_mentor` is annotated by the view's queryset: one query for the whole list.
        return [{"key": s.key, "title": s.title, "done": s.done, "waits_on": s.waits_on, "since": s.since,
                 "state": s.state} for s in return_steps.steps(plan, has_mentor=plan.has_mentor)]
