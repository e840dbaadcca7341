"""Keyboard only: the skip link first, then every interactive element, each visibly focused."""

GUIDE_PATH = "/careers/medical-records-specialist/"

FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim().slice(0, 40),
    key: el.tagName + '|' + (el.getAttribute('href') || el.getAttribute('name') || '') + '|'
         + (el.textContent || '').trim(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
  };
}"""

# What Tab should reach: visible controls and scrolling tables (tabindex=0, so a keyboard can
# scroll them), minus the spam trap (tabindex=-1), what a closed <details> holds (its summary
# is reached; the rest once opened) and all but the first radio button of a group (arrow keys
# move within a group, as in every browser).
INTERACTIVE = """() => {
  const radioGroups = new Set();
  return [...document.querySelectorAll(
      'a[href], button, summary, input, select, textarea, [tabindex="0"]')]
    .filter(el => el.offsetParent !== null || el.matches('.skip-link'))
    .filter(el => el.getAttribute('tabindex') !== '-1' && el.type !== 'hidden')
    .filter(el => {
      const closed = el.closest('details:not([open])');
      return !closed || closed.querySelector(':scope > summary').contains(el);
    })
    .filter(el => {
      if (el.type !== 'radio') return true;
      if (radioGroups.has(el.name)) return false;
      radioGroups.add(el.name);
      return true;
    })
    .map(el => el.tagName + '|' + (el.getAttribute('href') || el.getAttribute('name') || '')
               + '|' + (el.textContent || '').trim());
}"""


def test_skip_link_comes_first_and_moves_focus_to_main(page, seeded_site):
    page.goto(seeded_site.url + GUIDE_PATH)
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STATE)
    assert focused["text"] == "Skip to main content"
    assert focused["onScreen"]
    assert focused["outline"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def tab_through(page, url: str) -> list[str]:
    """Tab from the top to the end of the page at `url`: each element focused must be on
    screen and visibly focused, and every interactive element reached. Returns their keys."""
    # Without smooth scrolling, an element is in view the moment it takes focus.
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    expected = page.evaluate(INTERACTIVE)
    reached = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "body" or (reached and state["key"] == reached[0]):
            break
        assert state["onScreen"], (url, state)
        assert state["outline"] or state["shadow"], (url, state)
        reached.append(state["key"])
    assert sorted(reached) == sorted(expected), url
    return reached


def test_every_interactive_element_is_reachable_and_visibly_focused(page, seeded_site):
    for path in ("/", GUIDE_PATH, "/certifications/cpc/"):
        tab_through(page, seeded_site.url + path)
