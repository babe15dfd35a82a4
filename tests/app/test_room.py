"""Room edits with AppTest: a page opened with ``?room=`` shows the edits saved for that room
(the cluster scores, the competence ticks), and the cluster weights come from the link."""

import pytest

from tests.app.conftest import open_page
from tests.conftest import seen, shown
from wiintech import loader, report, shortlist, store
from wiintech.store import Store

TARGETS = loader.load_cluster_targets()


@pytest.fixture
def db(sqlite_url, monkeypatch):
    monkeypatch.setenv(store.ENV_URL, sqlite_url)
    return Store(sqlite_url)


def report_rows():
    return [{"name": c.name, "country": c.country, **c.scores} for c in TARGETS.scored()]


def texts(at) -> str:
    return shown("\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(i.value for i in at.info)]))


def test_a_room_link_opens_the_rooms_edited_scores(db):
    rows = report_rows()
    was = rows[0]["fit"]
    rows[0] = {**rows[0], "fit": 1}  # the leader loses its fit
    room = Store.new_room()
    db.save_edits(room, "clusters", rows)
    at = open_page("clusters", {"room": room})
    df = seen(at.table[0])
    expected = report.rank_clusters(shortlist.apply_rows(TARGETS, rows), None, {})
    assert df["Cluster target"].tolist() == expected.table()["name"].tolist()
    assert df["Cluster target"].tolist()[0] != rows[0]["name"]
    assert f"{rows[0]['name']}**: {TARGETS.criteria[0].name} {was:g} → 1" in texts(at)
    assert at.query_params["room"] == room


def test_without_a_room_nothing_is_saved_and_the_report_shows(db):
    at = open_page("clusters")
    assert "No edits: these are the report's scores." in texts(at)
    assert "room" not in at.query_params


def test_a_bad_room_key_is_a_warning_not_a_traceback(db):
    at = open_page("clusters", {"room": "BAD!"})
    assert any("room key is not valid" in shown(w.value) for w in at.warning)
    assert seen(at.table[0])["Total (0–1000)"].tolist()[0] == "700.0"


def test_the_competence_ticks_of_a_room(db):
    from wiintech import competence

    grid = competence.grid(loader.load_competence_map())
    first = grid.columns[1]
    grid.loc[0, first] = not grid.loc[0, first]
    room = Store.new_room()
    db.save_edits(room, "competence", grid.to_dict("records"))
    at = open_page("competence", {"room": room})
    assert "Changed in the room" in texts(at)
    assert f"{grid.loc[0, 'cluster']}: " in texts(at)


def test_cluster_weights_come_from_the_link_and_go_back_into_it(db):
    at = open_page("clusters", {"w.fit": "3", "w.size": "0"})
    assert at.slider(key="clusters.w.fit").value == 3.0
    assert at.slider(key="clusters.w.size").value == 0.0
    expected = report.rank_clusters(TARGETS, None, {"fit": 3.0, "size": 0.0, "interaction": 1.0}).table()["name"].tolist()
    assert seen(at.table[0])["Cluster target"].tolist() == expected
    at.slider(key="clusters.w.interaction").set_value(2.0).run()
    assert at.query_params["w.interaction"] == "2"
    assert at.query_params["w.fit"] == "3"


def test_a_bad_weight_in_the_link_says_so(db):
    at = open_page("clusters", {"w.fit": "99"})
    assert any("w.fit" in shown(w.value) for w in at.warning)
    assert at.slider(key="clusters.w.fit").value == 1.0


def test_an_empty_editor_cell_shows_nothing_not_none(db):
    """The grid draws a missing value as "None" unless given a placeholder (a new row's empty cells);
    and the validation names an empty cell as blank."""
    at = open_page("clusters")
    editor = at.dataframe[0].proto
    assert editor.HasField("placeholder") and editor.placeholder == ""
    at = open_page("competence")
    assert at.dataframe[0].proto.placeholder == ""
    row = {"name": "Zed", "country": None, **{c.key: None for c in TARGETS.criteria}}
    _, problems = shortlist.validate_rows([row], TARGETS)
    assert problems and not any("None" in str(p) for p in problems)


def test_cluster_weights_are_kept_across_a_visit_to_another_page(db):
    at = open_page("clusters")
    at.slider(key="clusters.w.size").set_value(2.5).run()
    at.switch_page("pages/overview.py").run()
    assert "w.size" not in at.query_params  # another page's link does not carry them
    at.switch_page("pages/clusters.py").run()
    assert not at.exception
    assert at.slider(key="clusters.w.size").value == 2.5
    assert at.query_params["w.size"] == "2.5"
