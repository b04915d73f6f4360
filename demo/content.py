"""The invented words the demo is made of: names, places, topics. No real person."""

from accounts.models import Role

DEMO_PASSWORD = "demo-pipeline-2026"
DEMO_LOGINS = {
    Role.TRAINEE: "trainee@demo.example",
    Role.DEANERY_STAFF: "staff@demo.example",
    Role.MEDICAL_DIRECTOR: "director@demo.example",
    Role.MENTOR: "mentor@demo.example",
    Role.ADMINISTRATOR: "admin@demo.example",
}
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
HOSTS = ("NHS England", "General Medical Council", "Care Quality Commission",
         "Health Education England", "a regional improvement academy", "an integrated care board")
QUALIFICATIONS = (
    ("PGCert in Healthcare Leadership", "certificate"), ("MSc in Healthcare Leadership", "masters"),
    ("PGDip in Quality Improvement", "diploma"), ("MBA (Healthcare)", "masters"),
    ("Certificate in Medical Management", "other"),
)
