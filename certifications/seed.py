"""Seed data: the certifying bodies and certifications behind the first guide.

Written in CareerPath's own words from the facts in shared/content (checked 2026-11-24).
"""

import datetime

from .models import Education, Experience, Setting

CHECKED = datetime.date(2026, 11, 24)

BODIES = [
    {
        "abbreviation": "AAPC",
        "name": "AAPC",
        "slug": "aapc",
        "website": "https://www.aapc.com/",
        "description": (
            "A US membership organisation for medical coders, billers and auditors. "
            "It runs the CPC exam and a family of coding credentials."
        ),
    },
    {
        "abbreviation": "AHIMA",
        "name": "American Health Information Management Association",
        "slug": "ahima",
        "website": "https://www.ahima.org/",
        "description": (
            "The professional association for health information management. "
            "It awards the RHIT, RHIA, CCA and CCS credentials."
        ),
    },
]

CERTIFICATIONS = [
    {
        "code": "CPC",
        "body": "AAPC",
        "name": "Certified Professional Coder",
        "slug": "cpc",
        "summary": (
            "One of the best-known coding credentials, built around coding for physician "
            "practices and other professional-fee settings."
        ),
        "best_for": "Coding in physician offices (professional-fee coding)",
        "eligibility": (
            "AAPC does not ask for proof of education or work experience before you sit the "
            "exam.\n\n"
            "If you pass without two years of coding experience, you are awarded **CPC-A** "
            "(apprentice). The “A” comes off once you show two years of verified coding work. "
            "An 80-hour coding course and AAPC’s Practicode practice program can each count "
            "in place of one of those years: see [AAPC’s page on completing the CPC "
            "apprenticeship](https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship)."
        ),
        "min_education": Education.NONE,
        "accredited_program_required": False,
        "recommended_experience": Experience.NONE,
        "experience_for_full_credential": Experience.TWO_PLUS_YEARS,
        "experience_note": (
            "Without two years of coding experience you start as CPC-A (apprentice) until "
            "you have them; an 80-hour course or Practicode can each count for one year."
        ),
        "setting_focus": Setting.PHYSICIAN_PRACTICE,
        "leads_to": (
            "Coding jobs in physician practices and other professional-fee settings. With "
            "experience, a step toward coding audit and compliance roles (AAPC’s CPMA)."
        ),
        "exam_question_count": 100,
        "exam_questions_note": "multiple choice",
        "exam_minutes": 240,
        "exam_book": "open",
        "exam_delivery": "In person at a test centre or online with a remote proctor",
        "exam_passing_score": "70%",
        "exam_notes": (
            "Allowed books: the AMA’s *CPT Professional Edition* plus an ICD-10-CM manual and a "
            "HCPCS Level II manual."
        ),
        "renewal_ceus": 36,
        "renewal_cycle_years": 2,
        "renewal_notes": "You also need to keep an AAPC membership active each year.",
        "official_url": "https://www.aapc.com/certifications/cpc",
        "source_name": "AAPC, CPC certification and CPC apprenticeship pages",
        "source_url": "https://www.aapc.com/certifications/cpc",
    },
    {
        "code": "RHIT",
        "body": "AHIMA",
        "name": "Registered Health Information Technician",
        "slug": "rhit",
        "summary": (
            "For specialists who look after health records and the systems that hold them, "
            "often in hospitals. It needs an accredited associate-level program."
        ),
        "best_for": "Managing records and health data, often in hospitals",
        "eligibility": (
            "You need to have completed the associate-level academic requirements of a health "
            "information management program accredited by CAHIIM (or a program abroad that "
            "AHIMA recognises through a reciprocity agreement).\n\n"
            "Students may take the exam early, during the final term of such a program."
        ),
        "min_education": Education.ACCREDITED_ASSOCIATE,
        "accredited_program_required": True,
        "recommended_experience": Experience.NONE,
        "experience_note": "",
        "setting_focus": Setting.HOSPITAL,
        "leads_to": (
            "Health information technician and records roles, often in hospitals, and later "
            "supervisory roles. With a bachelor’s degree, the next credential is AHIMA’s RHIA."
        ),
        "exam_question_count": None,
        "exam_questions_note": "reported as 130–160 questions; treat this as approximate",
        "exam_minutes": 210,
        "exam_book": "",
        "exam_delivery": "Computer-based test",
        "exam_passing_score": "",
        "exam_notes": "",
        "renewal_ceus": 20,
        "renewal_cycle_years": 2,
        "renewal_notes": "",
        "official_url": "https://www.ahima.org/certification-careers/certifications-overview/rhit/",
        "source_name": "AHIMA, RHIT certification page",
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/rhit/",
    },
    {
        "code": "CCA",
        "body": "AHIMA",
        "name": "Certified Coding Associate",
        "slug": "cca",
        "summary": (
            "A well-regarded first credential for people new to coding, accepted across "
            "hospital and physician settings."
        ),
        "best_for": "Newcomers to coding, in any setting",
        "eligibility": (
            "You need a high school diploma or an equivalent.\n\n"
            "AHIMA recommends (but does not require) about six months of coding experience or "
            "completion of a coding training program before you sit the exam."
        ),
        "min_education": Education.HIGH_SCHOOL,
        "accredited_program_required": False,
        "recommended_experience": Experience.UNDER_ONE_YEAR,
        "experience_note": (
            "AHIMA recommends about six months of coding experience or a coding training "
            "program first, but does not require it."
        ),
        "setting_focus": Setting.ANY,
        "leads_to": (
            "Entry-level coding jobs in hospitals and physician practices; a first step "
            "before more advanced credentials such as AHIMA’s CCS."
        ),
        "exam_question_count": 105,
        "exam_questions_note": "90 of them scored",
        "exam_minutes": 120,
        "exam_book": "",
        "exam_delivery": "Computer-based test",
        "exam_passing_score": "",
        "exam_notes": (
            "Exam details as published on AHIMA’s CCA page (data as of 31 December 2023)."
        ),
        "renewal_ceus": 20,
        "renewal_cycle_years": 2,
        "renewal_notes": "",
        "official_url": "https://www.ahima.org/certification-careers/certifications-overview/cca/",
        "source_name": "AHIMA, CCA certification page",
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/cca/",
    },
]
