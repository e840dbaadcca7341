"""The pages issues 24, 25 and 26 added (what the work is, which careers fit me, next steps, a
plan for any career, pay where you live), for the suites that check every page type (axe, the
Nu checker)."""

CAREER_TOOL_PAGES = {
    "technology": "/careers/technology/epic-systems/",
    "interest questionnaire": "/careers/match/",
    "interest matches": "/careers/match/?r=20&i=60&a=10&s=40&e=30&c=90&zone=4&state=Texas",
    "interest matches, a bad address": "/careers/match/?r=20&i=600",
    "interest questionnaire, answers missing": "/careers/match/answers/?q1=4",
    "next steps": "/careers/dentists/next/?state=Texas",
    "next steps of a guide": "/careers/medical-records-specialist/next/",
    "start a plan for a career without a guide": "/plan/start/actuaries/",
    "pay where you live": "/pay/",
    "pay where you live, a search with several matches": "/pay/?q=new+york",
    "pay in an area": "/pay/abilene-tx/",
    "a guide's pay near you": "/careers/medical-records-specialist/?area=10180",
    "a guide's pay near you, several match": "/careers/medical-records-specialist/?area=new+york",
    "a career's pay in every area": "/careers/medical-records-specialist/pay/?state=TX&sort=jobs",
    "the finder with an area": "/careers/?area=10180&sort=area",
    "careers side by side in an area": "/careers/compare/?c=actuaries&c=dentists&area=10180",
}
