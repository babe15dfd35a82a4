"""Editing the competence map in the room: tick a box, see the heat map change."""

from tests.browser.conftest import assert_no_exception, wait_idle

GAP_LABELS_JS = ("Array.from(document.querySelectorAll(\"[data-testid='stVegaLiteChart'] text\"))"
                 ".filter(t => t.textContent === 'gap').length")


def test_tick_a_technology_and_the_heat_map_changes(server, page):
    page.goto(f"{server}/competence")
    wait_idle(page)
    page.wait_for_function(f"{GAP_LABELS_JS} === 24", polling=50)
    page.get_by_role("tab", name="Edit in the room").click()
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    page.wait_for_timeout(500)  # the grid draws on a canvas after it is attached
    box = grid.bounding_box()
    # Clusterland is the fifth row; from its name, two cells right is "Chemicals". Space ticks it.
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 35 * 4 + 17)
    page.wait_for_timeout(200)
    for key in ("ArrowRight", "ArrowRight", "Space"):
        page.keyboard.press(key)
    page.get_by_role("tab", name="Map").click()
    page.wait_for_function(f"{GAP_LABELS_JS} === 22", polling=50)
    wait_idle(page)
    captions = page.locator("[data-testid='stCaptionContainer']").all_inner_texts()
    assert any("22 of 42 cells are gaps" in t for t in captions)
    assert_no_exception(page)
