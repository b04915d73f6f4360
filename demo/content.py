"""The invented words the demo is made of: names, places, topics. No real person."""

from dataclasses import dataclass

from accounts.models import Role

DEMO_PASSWORD = "demo-pipeline-2026"
DEMO_LOGINS = {
    Role.TRAINEE: "trainee@demo.example",
    Role.DEANERY_STAFF: "staff@demo.example",
    Role.MEDICAL_DIRECTOR: "director@demo.example",
    Role.MENTOR: "mentor@demo.example",
    Role.ADMINISTRATOR: "admin@demo.example",
    Role.SCHEME_LEAD: "lead@demo.example",
}
# The scheme the demo's national scheme lead runs, in every region.
DEMO_LED_SCHEME = "NMDCF Scheme"
DEMO_REGION = "north-west-london"
BATCH = 5000

FIRST_NAMES = (
    "Aisha Alex Amara Amir Anna Arjun Ben Bethan Caitlin Chen Chloe Daniel David Dylan Eleanor Emeka "
    "Emily Ewan Fatima Finn Grace Hannah Harry Isla Jack James Jasmine Kwame Laura Leah Liam Maya "
    "Mohammed Niamh Noah Olivia Omar Priya Rhys Rosa Ruth Sam Sara Siobhan Sofia Tariq Thomas Yusuf "
    "Zara Zoe"
).split()
LAST_NAMES = (
    "Adeyemi Ahmed Ali Anderson Bailey Banerjee Begum Brown Campbell Chowdhury Clarke Davies Edwards "
    "Evans Fernandes Fraser Green Hall Hughes Hussain Iqbal Jackson James Jones Kaur Khan Kumar "
    "Lewis Lim MacDonald Martin Morgan Murphy Nguyen Okafor Owen Patel Price Rahman Reid Roberts "
    "Robinson Shah Singh Smith Taylor Thomas Thompson Walker Watson White Williams Wilson Wright "
    "Young"
).split()
TOWN_PARTS = (
    ("Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Glen", "Hart", "Kings", "Lark", "Mill", "Nor",
     "Oak", "Pen", "Red", "Stan", "Thorn", "Wey", "Wil", "York"),
    ("bridge", "brook", "bury", "combe", "field", "ford", "ham", "hurst", "ley", "mouth",
     "stead", "ton", "vale", "well", "wick", "worth"),
)
TRUST_KINDS = (
    "Hospitals NHS Foundation Trust", "University Hospitals NHS Trust",
    "Healthcare NHS Trust", "Teaching Hospitals NHS Foundation Trust",
)
PROJECT_TOPICS = (
    "sepsis screening in the emergency department", "discharge before noon on medical wards",
    "handover safety between shifts", "theatre start times", "inpatient falls",
    "antibiotic review at 72 hours", "outpatient follow-up backlog", "frailty assessment at the front door",
    "medicines reconciliation on admission", "junior doctor rota gaps", "deteriorating patient escalation",
    "virtual ward referrals", "waiting times for diagnostic imaging",
    "venous thromboembolism risk assessment",
)
QUALIFICATIONS = (
    ("PGCert in Healthcare Leadership", "certificate"), ("MSc in Healthcare Leadership", "masters"),
    ("PGDip in Quality Improvement", "diploma"), ("MBA (Healthcare)", "masters"),
    ("Certificate in Medical Management", "other"),
)

# -- the schemes as the report describes them (Table 3, docs in REFERENCE.md) -------------
# Where the report is silent (duration of a short programme, a cohort's size when "not
# defined") the figure is the demo's own choice, marked so below.

ALL_PAST_FOUNDATION = ("CT1 CT2 CT3 ST1 ST2 ST3 ST4 ST5 ST6 ST7 ST8 GPST1 GPST2 GPST3").split()
LONDON = ("north-west-london", "north-central-east-london", "south-london")
ENGLAND = ("wessex", "east-of-england", "kent-surrey-sussex", "east-midlands", "thames-valley",
           "north-west-london", "north-central-east-london", "south-london", "north-east",
           "north-west", "west-midlands", "yorkshire-humber", "south-west")
NATIONAL_BODIES = ("NHS England", "General Medical Council", "Care Quality Commission",
                   "Health Education England")
US_HOSTS = ("Harvard University", "Kaiser Permanente", "Institute for Healthcare Improvement")
OWN_TRUST = "the fellow's own trust"


@dataclass(frozen=True)
class CohortShape:
    """How a scheme's demo cohorts are made: who may join, where from, how big, how long."""

    size: tuple[int, int]          # fellows in one intake, lowest and highest
    regions: tuple[str, ...]       # where its fellows train
    grades: tuple[str, ...]        # the grades it takes (and its fellows hold)
    hosts: tuple[str, ...]         # where fellows spend it; OWN_TRUST for their trust
    months: int = 12               # length of a cohort (0: a course of `days` days)
    days: tuple[int, ...] = ()
    every_months: int = 12         # months between intakes
    ended_days_ago: int = 210      # the latest finished intake ended this long ago
    completed: int = 3             # finished intakes kept


COHORTS = {
    # 40-60 a year across London, ST3 and above (or GP registrars), in their own trusts.
    "Darzi Fellowship": CohortShape(
        size=(40, 60), regions=LONDON, hosts=(OWN_TRUST,),
        grades=("ST3", "ST4", "ST5", "ST6", "ST7", "GPST3")),
    # 7-13 a year in North West London, one day a week for 12 months: any stage past foundation.
    "CLAHRC Fellowship": CohortShape(
        size=(7, 13), regions=("north-west-london",), hosts=(OWN_TRUST,),
        grades=tuple(ALL_PAST_FOUNDATION), ended_days_ago=45),
    # 25-30 a year, hosted by national bodies; past foundation, CCT after the year ends.
    "NMDCF Scheme": CohortShape(
        size=(25, 30), regions=ENGLAND, hosts=NATIONAL_BODIES,
        grades=("CT2", "CT3", "ST2", "ST3", "ST4", "ST5", "ST6", "GPST2"), ended_days_ago=120),
    # Size not defined in the report: the demo's choice. Duration: the demo's choice.
    "NHS Leadership Academy": CohortShape(
        size=(10, 14), regions=ENGLAND, hosts=("NHS Leadership Academy",),
        grades=tuple(ALL_PAST_FOUNDATION), months=6, ended_days_ago=150),
    "Paired Learning": CohortShape(
        size=(6, 10), regions=LONDON, hosts=(OWN_TRUST,),
        grades=tuple(ALL_PAST_FOUNDATION), months=6, ended_days_ago=100),
    # 12 a year in the North West, entry GP ST3 or ST4 and above, over two years.
    "MLP": CohortShape(
        size=(12, 12), regions=("north-west",), hosts=(OWN_TRUST,),
        grades=("GPST3", "ST4", "ST5", "ST6", "ST7", "ST8"), months=24, ended_days_ago=300),
    # A two- or three-day course for specialty registrars close to CCT (Northern Deanery);
    # twice a year, 12-16 a course: the demo's choice.
    "Clinicians in Management": CohortShape(
        size=(12, 16), regions=("north-east",), hosts=("Northern Deanery",),
        grades=("ST6", "ST7", "ST8"), months=0, days=(2, 3), every_months=6,
        ended_days_ago=40, completed=6),
    # Up to 12 months in the USA; a few UK clinicians a year: the demo's choice.
    "Harkness Fellowship": CohortShape(
        size=(2, 4), regions=ENGLAND, hosts=US_HOSTS,
        grades=("ST4", "ST5", "ST6", "ST7", "ST8"), ended_days_ago=270),
}
# A scheme the demo does not know yet (added by staff) gets small yearly cohorts.
DEFAULT_SHAPE = CohortShape(size=(3, 6), regions=ENGLAND, hosts=(OWN_TRUST,),
                            grades=tuple(ALL_PAST_FOUNDATION))
# Cohorts at the report's size from this many trainees; smaller demos shrink them.
FULL_SIZE_TRAINEES = 2000

# Trainees by region, roughly as in England (London and the North West largest).
REGION_WEIGHTS = {"north-west-london": 9, "north-central-east-london": 9, "south-london": 9,
                  "north-west": 9, "west-midlands": 7, "yorkshire-humber": 7,
                  "east-of-england": 6, "kent-surrey-sussex": 6, "south-west": 6,
                  "east-midlands": 5, "north-east": 5, "thames-valley": 4, "wessex": 4}
OTHER_REGION_WEIGHT = 2

# The most junior grade each kind of role is open to (seniority matches grade).
ROLE_MIN_GRADE = {
    "associate-medical-director": "ST6", "clinical-director": "ST6", "clinical-lead": "ST4",
    "chief-registrar": "ST4", "patient-safety-lead": "ST3", "quality-improvement-lead": "CT1",
    "project-lead": "F2", "leadership-fellow": "F2",
}

# What a piece of evidence against each MLCF element says (the topic is filled in).
EVIDENCE = {
    "Developing Self Awareness": "Asked the team for 360-degree feedback on how I led {topic}.",
    "Managing Yourself": "Planned my week to protect time for {topic} alongside clinical work.",
    "Continuing Personal Development": "Took a quality improvement course and applied it to {topic}.",
    "Acting with Integrity": "Raised a concern about {topic} openly and followed it through.",
    "Developing Networks": "Linked up with colleagues in two other trusts working on {topic}.",
    "Building and Maintaining Relationships": "Met ward managers each week to keep {topic} on track.",
    "Encouraging Contribution": "Ran a session where nurses and pharmacists shaped {topic}.",
    "Working within Teams": "Worked with the multidisciplinary team on {topic}, sharing the tasks.",
    "Planning": "Wrote the project plan, milestones and risks for {topic}.",
    "Managing Resources": "Costed the change to {topic} and secured time from the directorate.",
    "Managing People": "Supervised and supported two junior doctors working on {topic}.",
    "Managing Performance": "Set up a monthly dashboard for {topic} and followed up outliers.",
    "Ensuring Patient Safety": "Reviewed incidents linked to {topic} and changed the checklist.",
    "Critically Evaluating": "Audited {topic} against the guideline and presented the gaps.",
    "Encouraging Improvement and Innovation": "Tested a new approach to {topic} in PDSA cycles.",
    "Facilitating Transformation": "Helped the department adopt the new pathway for {topic}.",
    "Identifying the Contexts for Change": "Mapped the pressures behind {topic} for the board.",
    "Applying Knowledge and Evidence": "Used the published evidence to redesign {topic}.",
    "Making Decisions": "Chose between options for {topic} with the clinical lead, and why.",
    "Evaluating Impact": "Measured the effect of the changes to {topic} after three months.",
}
