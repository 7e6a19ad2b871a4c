"""The demo council's organisation and people: the sign-ins printed by `make demo`."""

from django.contrib.auth.hashers import make_password

from steerco.accounts.models import Nation, Organisation, OrganisationMembership, User

DEMO_PASSWORD = "steerco-demo"

# username: (name, job title, service area, organisation role)
PEOPLE = {
    "chair": (
        "Cllr Alex Morgan",
        "Portfolio Holder – Corporate and Service Improvement, People and Partnerships",
        "Elected members",
        "officer",
    ),
    "priya.shah": (
        "Priya Shah",
        "Executive Director, Resources and Support Services",
        "Resources and Support Services",
        "officer",
    ),
    "tom.barker": (
        "Tom Barker",
        "Executive Director, Operational Services",
        "Operational Services",
        "officer",
    ),
    "member": ("Jo Whitfield", "Digital Delivery Manager", "Digital Delivery", "officer"),
    "sam.okafor": (
        "Sam Okafor",
        "ICT Operations and Development Manager",
        "ICT Services",
        "officer",
    ),
    "helen.price": ("Helen Price", "Head of Communications", "Communications", "officer"),
    "mark.ellis": ("Mark Ellis", "Head of Human Resources", "Human Resources", "officer"),
    "rachel.doyle": (
        "Rachel Doyle",
        "Head of Waste and Street Scene",
        "Frontline Services",
        "officer",
    ),
    "secretary": (
        "Linda Clarke",
        "Secretary to the Executive Director, Resources and Support Services",
        "Resources and Support Services",
        "officer",
    ),
    "officer": ("Dan Hughes", "ICT Project Manager", "ICT Services", "officer"),
    "admin": ("Chris Taylor", "Systems Administrator", "ICT Services", "administrator"),
}

SIGN_INS = [
    ("secretary", "the secretary of the steering group"),
    ("chair", "the chair"),
    ("member", "a member (Digital Delivery Manager)"),
    ("officer", "a submitting officer (ICT project manager)"),
    ("admin", "an administrator"),
]


def load_organisation():
    organisation, _ = Organisation.objects.get_or_create(
        slug="northby",
        defaults={"name": "Northby Borough Council", "nation": Nation.ENGLAND},
    )
    password = make_password(DEMO_PASSWORD)
    people = {}
    for username, (name, job_title, service_area, role) in PEOPLE.items():
        person, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "name": name,
                "job_title": job_title,
                "service_area": service_area,
                "email": f"{username.replace('.', '_')}@northby.example",
                "password": password,
                "is_staff": role == "administrator",
                "is_superuser": role == "administrator",
            },
        )
        OrganisationMembership.objects.get_or_create(
            user=person, organisation=organisation, defaults={"role": role}
        )
        people[username] = person
    return organisation, people
