"""The pages issues 24 and 25 added (what the work is, which careers fit me, next steps, a plan
for any career), for the suites that check every page type (axe, the Nu checker)."""

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
}
