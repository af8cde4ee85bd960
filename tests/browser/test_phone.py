"""The public site on a phone, in a real browser (Debian's Chromium), in all six languages.

* No page type scrolls sideways at 320, 360 or 390 px (``scrollWidth <= innerWidth``): home,
  both listings, a guide, a good practice, a case study, the skill index, a skill page, a tag
  page, a standard page, search with and without results, and the 404 page.
* On a 390 x 844 phone the first result of every listing and of the search page shows on the
  first screen (the filters wait in a closed panel).
* The header is compact on a phone, its menu opens without JavaScript, and at 1366 px it keeps
  to two rows in every language.
* The header search box's suggestions are readable (text against the list's own background:
  contrast ratio >= 4.5) and open right under their input, in the header and on /search/.

One browser, one window reused for every page; no sleeps (Playwright waits for what it needs).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

import pytest

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
    StandardPageFactory,
)
from tests.helpers import LANGUAGE_CODES

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_WIDTHS = (320, 360, 390)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
LISTINGS = ("resource_index", "case_study_index", "tag", "skill", "search")

# Layout facts measured in the page: JavaScript run by Playwright.
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
FIRST_RESULT_TOP = """() => {
  const card = document.querySelector(".results .card, .search-results .search-result");
  return card ? card.getBoundingClientRect().top : null;
}"""
CONTRAST = """(option) => {
  const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const [r, g, b, a] = rgb(getComputedStyle(el).backgroundColor);
      if (a === undefined || a > 0) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const pairs = [...option.querySelectorAll("span")].map((span) => {
    const ink = rgb(getComputedStyle(span).color).slice(0, 3);
    const paper = background(span);
    const [hi, lo] = [luminance(ink), luminance(paper)].sort((x, y) => y - x);
    return {text: span.textContent, ink: ink.join(","), paper: paper.join(","),
            ratio: (hi + 0.05) / (lo + 0.05)};
  });
  return pairs;
}"""
GAP_UNDER_INPUT = """([input, list]) => list.getBoundingClientRect().top
  - input.getBoundingClientRect().bottom"""


# Each language's own words (the longest of them, Greek and Bulgarian, widened the filter form),
# and a title with words longer than a phone is wide.
TITLES = {
    "en": "Giving feedback to a trainee who barely speaks the language",
    "bg": "Обратна връзка за стажант, който почти не говори езика",
    "el": "Ανατροφοδότηση σε ασκούμενο που μόλις μιλά τη γλώσσα της επιχείρησης",
    "it": "Dare un riscontro a un tirocinante che parla appena la lingua",
    "pt": "Dar retorno a um formando que mal fala a língua da empresa",
    "es": "Dar retroalimentación a un aprendiz que apenas habla el idioma",
}
ABOUT = {
    "en": "About the project",
    "bg": "За проекта",
    "el": "Σχετικά με το έργο",
    "it": "Il progetto",
    "pt": "Sobre o projeto",
    "es": "Sobre el proyecto",
}
LONG_TITLE = (
    "Berufsausbildungsvorbereitungsmaßnahmen "
    "https://example.org/a-very-long-address-that-a-partner-pasted-into-a-title"
)


@dataclass
class Site:
    """The pages of each language (``pages[kind][code]``), made directly in each language (no
    translation workflow: this test is about layout, and it must be quick)."""

    pages: dict = field(default_factory=dict)
    skill_slug: str = "giving-feedback"
    tag_slug: str = "feedback"

    @property
    def homes(self):
        return self.pages["home"]


@pytest.fixture
def site(home_pages):
    site = Site()
    site.pages["home"] = home_pages
    for code, home in home_pages.items():
        title = TITLES[code]
        skill = SoftSkillFactory(name=f"{title[:20]}…", slug=site.skill_slug, locale=home.locale)
        made = {
            "standard": StandardPageFactory(
                parent=home, title=ABOUT[code], slug="about", show_in_menus=True
            ),
            "resource_index": ResourceIndexPageFactory(parent=home, show_in_menus=True),
            "case_study_index": CaseStudyIndexPageFactory(parent=home, show_in_menus=True),
        }
        links = {"skills": [skill], "tags": ["feedback", "first week"], "audience": ["mentor"]}
        made["guide"] = GuidePageFactory(
            parent=made["resource_index"], title=title, country="GR", sector="healthcare", **links
        )
        made["good_practice"] = GoodPracticePageFactory(
            parent=made["resource_index"], title=f"{LONG_TITLE} {code}", level="advanced", **links
        )
        made["case_study"] = CaseStudyPageFactory(
            parent=made["case_study_index"], title=f"{title}: {code}", country="PT", **links
        )
        for kind, page in made.items():
            site.pages.setdefault(kind, {})[code] = page
    return site


def public_urls(portal, code):
    """One address of every public page type in ``code``."""
    home = portal.homes[code]
    with translation.override(code):
        search = reverse("search")
    return {
        "home": home.url,
        "resource_index": portal.pages["resource_index"][code].url,
        "case_study_index": portal.pages["case_study_index"][code].url,
        "guide": portal.pages["guide"][code].url,
        "good_practice": portal.pages["good_practice"][code].url,
        "case_study": portal.pages["case_study"][code].url,
        "skill_index": home.url + home.reverse_subpage("skills"),
        "skill": home.url + home.reverse_subpage("skill", args=[portal.skill_slug]),
        "tag": home.url + home.reverse_subpage("tag", args=[portal.tag_slug]),
        "standard": portal.pages["standard"][code].url,
        "search": search + "?q=Summary",  # every resource's summary says it
        "search_nothing": search + "?q=qqxxzzvvww",
        "not_found": home.url + "no-such-page/",
    }


@pytest.fixture
def window(browser):
    """One browser window for every page: JavaScript on, a phone's width."""
    context = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def check_pages_fit_a_phone(site, live_server, window):
    """Every page type x language x phone width: no sideways scrolling; listings and search
    show their first result on the first screen of a 390 x 844 phone."""
    wide, hidden_results = [], []
    for code in LANGUAGE_CODES:
        for kind, url in public_urls(site, code).items():
            window.set_viewport_size(PHONE)
            response = window.goto(live_server.url + url)
            assert response.status == (404 if kind == "not_found" else 200), (code, url)
            if kind in LISTINGS:
                top = window.evaluate(FIRST_RESULT_TOP)
                if top is None or top >= PHONE["height"]:
                    hidden_results.append((code, kind, top))
            for width in PHONE_WIDTHS:
                window.set_viewport_size({"width": width, "height": PHONE["height"]})
                if not window.evaluate(FITS):
                    wide.append((code, kind, width, window.evaluate(WIDTHS)))
    assert wide == [], "pages wider than the phone: (language, page, width, [scroll, inner])"
    assert hidden_results == [], "first result below the first phone screen (language, page, top)"


def check_header(site, live_server, browser, window):
    """The phone header: logo, menu button, search box; the menu (sections and languages)
    opens without JavaScript. At 1366 px no menu button and at most two rows."""
    no_script = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = no_script.new_page()
        page.goto(live_server.url + public_urls(site, "el")["resource_index"])
        header = page.locator("header.site-header")
        assert header.bounding_box()["height"] <= 0.2 * PHONE["height"]
        menu = page.locator("summary.site-menu__button")
        languages = page.locator("nav.language-switcher")
        expect(menu).to_be_visible()
        expect(languages).to_be_hidden()
        expect(page.locator("#site-search-q")).to_be_visible()
        menu.click()
        expect(languages).to_be_visible()
        expect(page.locator("nav.site-nav a").first).to_be_visible()
        languages.get_by_role("link", name="Български").click()
        expect(page.locator("html")).to_have_attribute("lang", "bg")
    finally:
        no_script.close()

    window.set_viewport_size(DESKTOP)
    for code in LANGUAGE_CODES:
        window.goto(live_server.url + public_urls(site, code)["resource_index"])
        expect(window.locator("summary.site-menu__button")).to_be_hidden()
        expect(window.locator("nav.language-switcher")).to_be_visible()
        lines = window.evaluate(
            """() => [".site-nav li", ".language-switcher li"].map((items) => new Set(
                [...document.querySelectorAll(items)]
                .map((el) => Math.round(el.getBoundingClientRect().top))).size)"""
        )
        height = window.locator("header.site-header").bounding_box()["height"]
        assert lines == [1, 1], (code, "sections and languages each on one line", lines)
        assert height <= 150, (code, "the header in two rows", height)


def check_suggestions(site, live_server, window):
    """Typed into the header's box (on the home page) and into the search page's."""
    window.set_viewport_size(DESKTOP)
    for code, where in (("en", "home"), ("el", "home"), ("el", "search"), ("pt", "search")):
        window.goto(live_server.url + public_urls(site, code)[where])
        box = window.locator("#search-q" if where == "search" else "#site-search-q")
        box.fill("")
        box.press_sequentially(max(TITLES[code].split(), key=len)[:5])
        listbox = window.locator(".search-suggest:visible")
        option = listbox.get_by_role("option").first
        expect(option).to_be_visible()
        pairs = option.evaluate(CONTRAST)
        assert pairs, "an option shows its title and kind"
        for pair in pairs:
            assert pair["ink"] != pair["paper"], pair
            assert pair["ratio"] >= 4.5, pair
        gap = window.evaluate(GAP_UNDER_INPUT, [box.element_handle(), listbox.element_handle()])
        assert 0 <= gap <= 8, f"the list opens {gap} px below its input ({code}, {where})"


def test_the_public_site_on_a_phone(site, live_server, browser, window):
    """One test (the content is made once): see the module's docstring."""
    check_pages_fit_a_phone(site, live_server, window)
    check_header(site, live_server, browser, window)
    check_suggestions(site, live_server, window)
