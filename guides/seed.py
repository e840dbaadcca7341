"""Seed data: the Medical Records Specialist guide.

Written in CareerPath's own words from the facts in shared/content/medical-records-specialist.md.
Every figure carries its source and the period it describes.
"""

import datetime
from decimal import Decimal

OOH_URL = (
    "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm"
)
OEWS_URL = "https://www.bls.gov/oes/current/oes292072.htm"
OEWS_NAME = "BLS Occupational Employment and Wage Statistics (OEWS)"

GUIDE = {
    "slug": "medical-records-specialist",
    "title": "Medical Records Specialist",
    "soc_code": "29-2072",
    "field": "Healthcare",
    "featured": True,
    "status": "published",
    "last_reviewed": datetime.date(2026, 11, 24),
    "summary": (
        "Keep patient records accurate, coded and private: a behind-the-scenes healthcare "
        "job you can start with a certificate, not a degree."
    ),
    "overview": (
        "Medical records specialists make sure every patient’s record is complete, correct "
        "and organised. They turn what clinicians write into standard codes, keep electronic "
        "health records in order, and prepare the data that insurance claims are built on.\n\n"
        "It matters more than it looks: a diagnosis, a treatment decision or a claim is only "
        "as good as the record behind it.\n\n"
        "The US Standard Occupational Classification lists the job as 29-2072. Before the 2018 "
        "revision it was counted with health information technicians under 29-2071, so older "
        "statistics may group the two."
    ),
    "work_setting": (
        "Hospitals, physician practices and other healthcare providers employ them. The work "
        "is administrative and data-focused: you work with records and software, not with "
        "patients."
    ),
    "who_it_suits": (
        "People who are at ease with computers, enjoy structure and accuracy, and would rather "
        "support healthcare from behind the scenes than give direct patient care."
    ),
    "entry_education": "Postsecondary nondegree award, such as a certificate (BLS)",
    "outlook": "+7% projected employment growth, 2024–34",
    "outlook_source_name": "BLS Employment Projections, Occupational Outlook Handbook 2024–34",
    "outlook_source_url": OOH_URL,
}

DUTIES = [
    "Gather patients’ medical records and check them for accuracy and completeness.",
    "Assign standard codes to diagnoses and procedures: ICD-10-CM for diagnoses, and CPT and "
    "HCPCS Level II for procedures, services and supplies.",
    "Keep electronic health records (EHRs) up to date using medical records software.",
    "Prepare patient data for billing and insurance claims.",
    "Handle records in line with HIPAA and other privacy rules.",
    "Abstract data from records, release information as the rules allow, scan paper records "
    "into electronic form, retrieve records for clinicians and keep indexes up to date "
    "(tasks O*NET adds).",
    "Ask physicians and other providers to clear up information that is missing, unclear or "
    "contradictory.",
]

RELATED_TITLES = [
    ("Medical Coder", "focuses on turning diagnoses and procedures into billing codes"),
    ("Health Information Technician", "may code too, but also manages and maintains whole records"),
    ("Medical Records Clerk", "a common entry-level title"),
    ("Medical Records Coordinator", ""),
    ("Coder", ""),
    ("Health Information Specialist", ""),
    ("Registered Health Information Technician (RHIT)", "used by holders of AHIMA’s RHIT"),
]

TRAINING_STEPS = [
    {
        "title": "Finish high school or earn a GED",
        "closes_gap": "high_school",
        "description": (
            "A high school diploma or equivalent is the starting point for training programs "
            "and for most employers."
        ),
        "typical_duration": "",
    },
    {
        "title": "Complete a medical coding or health information program",
        "closes_gap": "coding_program",
        "description": (
            "Most people take a postsecondary certificate at a community college or online; "
            "some choose an associate degree instead (you need an accredited associate program "
            "for the RHIT).\n\n"
            "Expect medical terminology, anatomy and physiology, the ICD-10-CM, CPT and HCPCS "
            "code sets, reimbursement, health data standards, privacy law and EHR software."
        ),
        "typical_duration": "Often under a year for a certificate",
    },
    {
        "title": "Prepare for and earn a certification",
        "closes_gap": "certification",
        "description": (
            "Most employers prefer a certified candidate, and many coding and billing jobs "
            "require one. See the certifications below to choose the one that fits your "
            "education and the setting you want to work in."
        ),
        "typical_duration": "",
    },
    {
        "title": "Apply for entry-level jobs",
        "closes_gap": "experience",
        "description": (
            "Roles such as medical records clerk, coder or EHR technician get your foot in the "
            "door. The Bureau of Labor Statistics lists no prior work experience and no "
            "on-the-job training as typical requirements to start."
        ),
        "typical_duration": "",
    },
]

# (label, percentile, annual pay, hourly pay where the sources give it)
SALARY_BANDS = [
    ("Entry level", 10, Decimal("35780"), None),
    ("Median", 50, Decimal("50250"), Decimal("24.16")),
    ("Experienced", 90, Decimal("80950"), None),
]
SALARY_PERIOD = "May 2024"
# The year before, for the "how pay changed" line.
EARLIER_SALARY_BANDS = [
    ("Entry level", 10, Decimal("35080"), None),
    ("Median", 50, Decimal("48780"), None),
    ("Experienced", 90, Decimal("77810"), None),
]
EARLIER_SALARY_PERIOD = "May 2023"

FAQS = [
    (
        "Do I need a degree to work in medical records?",
        "No. The usual route is a postsecondary certificate followed by a professional "
        "certification. A degree helps later, for example for management roles, but you do not "
        "need one to start.",
    ),
    (
        "Will I be caring for patients?",
        "No. This is an administrative, data-focused job. You support patient care by keeping "
        "the records behind it accurate, but you work with information rather than with "
        "patients.",
    ),
    (
        "What is the difference between a medical coder and a medical records technician?",
        "A coder concentrates on translating diagnoses and procedures into billing codes. A "
        "technician may code as well, but also looks after complete patient records: keeping "
        "them accurate, organised, secure and available to the people who need them.",
    ),
    (
        "What software will I use?",
        "Electronic health record systems such as Epic or Oracle Health (formerly Cerner), "
        "coding references and encoder software, and tools for processing insurance claims.",
    ),
    (
        "Can I move up in this career?",
        "Yes. With experience and more training you can move into supervision, health data "
        "analytics, compliance and coding audits, healthcare IT, or health information "
        "management. See the career ladder above.",
    ),
]

TOOLS = [
    (
        "software",
        "Electronic health record (EHR) systems",
        "Where patient records live. Epic and Oracle Health (formerly Cerner) are widely used.",
    ),
    (
        "software",
        "Encoders and coding references",
        "Software and manuals that help you find and check the right code.",
    ),
    ("software", "Claims processing tools", "Used to prepare and track insurance claims."),
    (
        "code_set",
        "ICD-10-CM",
        "Codes for diagnoses. Developed by the CDC’s National Center for Health Statistics and "
        "used in the US since 1 October 2015.",
    ),
    (
        "code_set",
        "ICD-10-PCS",
        "Codes for procedures in inpatient hospital care. Maintained by CMS and updated every "
        "1 October.",
    ),
    (
        "code_set",
        "CPT",
        "Codes for medical procedures and services. Owned by the American Medical Association and "
        "maintained by its CPT Editorial Panel.",
    ),
    (
        "code_set",
        "HCPCS Level II",
        "Codes for supplies, equipment, drugs, ambulance rides and other services that CPT "
        "does not cover. Maintained by CMS; a HIPAA standard code set.",
    ),
    (
        "reference",
        "HIPAA Privacy Rule",
        "National standards from the US Department of Health and Human Services that protect "
        "health information held by health plans, clearinghouses and most providers. It decides "
        "who may see and receive a record.",
    ),
]

# The career ladder, in order: entry roles, this job, then where it leads. Pay is shown only
# where a sourced figure exists.
PROGRESSION = [
    {
        "next_role": "Medical records clerk",
        "what_it_takes": "Handles, files and retrieves records; a common way in.",
        "education": "High school diploma or GED",
        "typical_years": "Entry level",
    },
    {
        "next_role": "Medical coder",
        "what_it_takes": "Assigns diagnosis and procedure codes for billing.",
        "credential": "CCA or CPC",
        "education": "Postsecondary certificate",
        "typical_years": "Entry level, after training",
    },
    {
        "next_role": "Medical records specialist",
        "is_this_role": True,
        "what_it_takes": "Keeps whole records complete, coded and compliant.",
        "credential": "CPC, CCA or RHIT",
        "education": "Postsecondary certificate",
        "typical_years": "Entry level and up",
        "median_pay": Decimal("50250"),
        "pay_source_name": OEWS_NAME,
        "pay_source_url": OEWS_URL,
        "pay_period": SALARY_PERIOD,
    },
    {
        "next_role": "Health information supervisor",
        "what_it_takes": "Leads a records or coding team.",
        "education": "Further training",
        "typical_years": "With experience",
    },
    {
        "next_role": "Coding auditor or compliance specialist",
        "what_it_takes": "Checks that coding is accurate and follows the rules.",
        "credential": "AAPC’s CPMA",
        "education": "Further training in auditing",
        "typical_years": "With coding experience",
    },
    {
        "next_role": "Clinical documentation improvement specialist",
        "what_it_takes": "Helps clinicians document care completely and precisely.",
        "education": "Further training",
        "typical_years": "With coding experience",
    },
    {
        "next_role": "Health data analyst",
        "what_it_takes": "Turns health data into reports and insight.",
        "credential": "AHIMA’s CHDA",
        "education": "Further training in data analysis",
        "typical_years": "With experience",
    },
    {
        "next_role": "Health information technologist",
        "what_it_takes": (
            "A separate BLS occupation (29-9021) working more with health IT systems and data."
        ),
        "education": "Further training in health IT",
        "typical_years": "With experience",
    },
    {
        "next_role": "Health information manager",
        "what_it_takes": (
            "Runs health information services; leads to medical and health services manager "
            "roles (BLS 11-9111)."
        ),
        "credential": "AHIMA’s RHIA",
        "education": "Bachelor’s degree",
        "typical_years": "With experience",
    },
]

SOURCES = [
    (
        "Occupational Outlook Handbook: Medical Records Specialists",
        "US Bureau of Labor Statistics",
        OOH_URL,
    ),
    (
        "Occupational Employment and Wage Statistics: 29-2072 Medical Records Specialists",
        "US Bureau of Labor Statistics",
        OEWS_URL,
    ),
    (
        "O*NET OnLine: 29-2072.00 Medical Records Specialists",
        "O*NET",
        "https://www.onetonline.org/link/summary/29-2072.00",
    ),
    (
        "ICD-10-CM",
        "CDC National Center for Health Statistics",
        "https://www.cdc.gov/nchs/icd/icd-10-cm/",
    ),
    (
        "HIPAA Privacy Rule",
        "US Department of Health and Human Services",
        "https://www.hhs.gov/hipaa/for-professionals/privacy/",
    ),
]

RECOMMENDED_CERTIFICATIONS = [
    ("CCA", "A strong first credential if you are new to coding."),
    ("CPC", "The usual choice for coding in physician practices."),
    ("RHIT", "For managing records and data; needs an accredited associate program."),
]
