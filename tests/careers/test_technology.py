"""/careers/technology/<slug>/: the careers whose work uses one product, from O*NET (the
seeded sample), linked from every career's tools."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from occupations.onet_models import OnetTechnology, Technology
from tests.conftest import soup

pytestmark = pytest.mark.django_db


def page_of(client, name):
    technology = Technology.objects.get(name=name)
    response = client.get(technology.get_absolute_url())
    assert response.status_code == 200
    return soup(response)


def careers(page) -> list[str]:
    return [row.find("a").get_text() for row in page.select("tbody th")]


def test_a_career_links_each_tool_to_its_page_and_the_page_leads_back(client, seeded):
    guide = soup(client.get("/careers/medical-records-specialist/"))
    link = next(a for a in guide.select("#technology a") if a.get_text() == "Epic Systems")
    page = soup(client.get(link["href"]))
    assert page.find("h1").get_text() == "Careers that use Epic Systems"
    row = next(row for row in page.select("tbody tr") if "Medical records" in row.get_text())
    assert row.find("a")["href"] == "/careers/medical-records-specialist/"
    assert "hot" in row.find("th").get_text()  # employers ask for it in this job
    assert "O*NET 30.1 Database" in page.get_text()


def test_only_careers_whose_work_uses_it_are_listed(client, seeded):
    assert careers(page_of(client, "AlphaDent")) == ["Dentists"]


def test_a_hidden_use_takes_the_career_off_the_page(client, seeded):
    OnetTechnology.objects.filter(technology__name="AlphaDent").update(hidden=True)
    page = page_of(client, "AlphaDent")
    assert careers(page) == []
    assert "No career on this site lists it now." in page.get_text()


def test_an_unknown_product_is_not_found(client, seeded):
    response = client.get(reverse("careers:technology", kwargs={"slug": "no-such-product"}))
    assert response.status_code == 404


def test_the_query_count_does_not_grow_with_the_careers(client, seeded):
    counts = []
    for name in ("AlphaDent", "Epic Systems", "Microsoft Excel"):  # 1, 4 and more careers
        url = Technology.objects.get(name=name).get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
