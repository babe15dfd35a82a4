"""The cluster scoring round in real browsers: a partner's scores reach the facilitator's view without
a reload, and a consensus note the facilitator records replaces a candidate's scores there."""

from tests.browser.conftest import assert_no_exception, wait_idle
from tests.browser.test_workshop_browser import new_page, workshop_server  # noqa: F401 — a fixture
from wiintech import loader, scoring, workshop

SUAPE = "Suape/Pernambuco"
SCORING_TAB = "Cluster scores"
# The facilitator's board: each row's cells by column header, as the reader sees them.
BOARD = """() => {
  const t = [...document.querySelectorAll("[data-testid='stTable']")]
      .find(x => x.innerText.includes('Total / consensus note'));
  if (!t) return null;
  const head = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
  return [...t.querySelectorAll('tbody tr')].map(tr => Object.fromEntries(
      [...tr.querySelectorAll('th, td')].slice(-head.length).map((td, i) => [head[i], td.innerText.trim()])));
}"""


def row(page, name):
    return next((r for r in page.evaluate(BOARD) or [] if r.get("Candidate") == name), None)


def wait_row(page, name, predicate_js):
    page.wait_for_function(
        f"""() => {{ const rows = ({BOARD})(); const r = rows && rows.find(r => r['Candidate'] === {name!r});
                     return !!r && ({predicate_js})(r); }}""", polling=100, timeout=60_000)


def test_a_partners_score_shows_live_and_a_note_replaces_the_scores(workshop_server, browser):  # noqa: F811
    url, s = workshop_server
    targets = loader.load_cluster_targets()
    w, ftok = workshop.create(s, "Scoring in the room", loader.load_countries())
    _, nepic = s.join(w.join_code, "NEPIC")
    _, proplast = s.join(w.join_code, "Proplast")
    scoring.record_scores(s, proplast, targets, {SUAPE: {"fit": 10, "size": 10, "interaction": 7}})

    fctx, fac = new_page(browser, 1600, 1400)
    fac.goto(f"{url}/workshop?f={ftok}")
    fac.wait_for_selector("text=Group scores, most disputed first", timeout=60_000)
    wait_idle(fac)
    navigations = []
    fac.on("framenavigated", lambda frame: navigations.append(frame.url))
    wait_row(fac, SUAPE, "r => r['Total / consensus note'] === '700'")  # idle can come before the repaint

    # A partner scores Suape from their own browser.
    pctx, partner = new_page(browser)
    partner.goto(f"{url}/workshop?p={nepic}")
    partner.wait_for_selector("text=You speak for", timeout=60_000)
    wait_idle(partner)
    tab = partner.get_by_role("tab", name=SCORING_TAB)
    if tab.count():  # the partner's page in tabs: the scoring form has its own
        tab.click()
    partner.get_by_role("button", name="Submit my scores").wait_for(timeout=60_000)
    for criterion, value in (("Fit for Programme", "7"), ("Size", "10"), ("Interaction", "1")):
        box = partner.get_by_role("spinbutton", name=f"{SUAPE} › {criterion}", exact=True)
        box.fill(value)
        box.press("Tab")
    partner.get_by_role("button", name="Submit my scores").click()
    partner.wait_for_selector("text=1 candidate scored for round 1", timeout=60_000)
    assert_no_exception(partner)

    # The facilitator proposes a candidate: the partner's page says so, and shows it on request.
    scoring.propose(s, ftok, targets, "Akron Polymer Cluster", "USA")
    partner.wait_for_selector("text=new candidate: Akron Polymer Cluster", timeout=60_000)
    partner.get_by_role("button", name="Show the updated form").click()
    tab = partner.get_by_role("tab", name=SCORING_TAB)
    if tab.count():
        tab.click()
    partner.get_by_role("spinbutton", name="Akron Polymer Cluster › Size", exact=True).wait_for(timeout=60_000)
    pctx.close()

    # The facilitator's board shows it without a reload: medians 8.5 × 10 × 4 = 340, spread n=2.
    wait_row(fac, SUAPE, "r => r['Total / consensus note'] === '340'")
    suape = row(fac, SUAPE)
    assert (suape["Fit for Programme"], suape["n"]) == ("8.5 (7–10, IQR 1.5)", "2")
    assert navigations == []

    # The facilitator records a consensus note for Suape: it replaces the scores and the total.
    note = "Consensus: visit Recife first"
    box = fac.locator("[data-testid='stSelectbox']").filter(has_text="Candidate").first
    box.locator("input").click()
    box.locator("input").fill("Suape")
    fac.get_by_role("option", name=SUAPE, exact=True).click(timeout=60_000)
    fac.get_by_label("Note (shown instead").fill(note)
    fac.get_by_role("button", name="Record the note").click()
    wait_row(fac, SUAPE, f"r => r['Total / consensus note'] === {('Note: ' + note)!r}")
    wait_idle(fac)
    suape = row(fac, SUAPE)
    assert (suape["Fit for Programme"], suape["Size"], suape["Interaction"]) == ("—", "—", "—")
    assert row(fac, "San Diego")["Total / consensus note"] == "—"  # nobody scored it: no total either
    assert_no_exception(fac)

    # The group's result downloads as the data folder's YAML, the library's bytes.
    with fac.expect_download() as info:
        fac.locator("[data-testid='stDownloadButton'] button", has_text="Group scores (YAML for data/)").click()
    expected = scoring.aggregated_yaml(scoring.results(s, s.facilitator(ftok), targets))
    assert open(info.value.path(), "rb").read() == expected
    assert note.encode() in expected
    fctx.close()
