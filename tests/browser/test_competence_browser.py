"""Editing the competence map in the room: tick a box, see the heat map change."""

from tests.browser.conftest import GAP_LABELS_JS, assert_no_exception, tick_clusterland_chemicals, wait_idle


def test_tick_a_technology_and_the_heat_map_changes(server, page):
    tick_clusterland_chemicals(server, page)
    page.get_by_role("tab", name="Map").click()
    page.wait_for_function(f"{GAP_LABELS_JS} === 22", polling=50)
    wait_idle(page)
    captions = page.locator("[data-testid='stCaptionContainer']").all_inner_texts()
    assert any("22 of 42 cells are gaps" in t for t in captions)
    assert_no_exception(page)

    # The room's ticks survive a visit to another page.
    page.locator("[data-testid='stSidebarNavLink']", has_text="Overview").click()
    page.wait_for_selector("text=The decision in brief")
    page.locator("[data-testid='stSidebarNavLink']", has_text="Competence map").click()
    page.wait_for_function(f"{GAP_LABELS_JS} === 22", polling=50)
