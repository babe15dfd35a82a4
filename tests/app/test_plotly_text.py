"""Plotly reads <a href>, <b> and entities in its labels as markup: names from data are escaped."""

from ui import gaia_view, text
from wiintech import gaia, loader, report
from wiintech.models import Criterion
from wiintech.ranking import DecisionMatrix, rank


def test_plotly_text_escapes_markup():
    assert text.plotly('<a href="http://e.org">x</a> & <b>y</b>') == \
        '&lt;a href="http://e.org"&gt;x&lt;/a&gt; &amp; &lt;b&gt;y&lt;/b&gt;'


def test_gaia_points_and_criteria_are_labelled_as_text():
    evil = '<a href="http://e.org">Link</a>'
    m = report.country_matrix(loader.load_countries())
    names = (evil, *m.names[1:])
    crit = (Criterion(m.criteria[0].key, "<b>N</b>"), *m.criteria[1:])
    r = rank(DecisionMatrix.build(names, crit, m.values), "promethee")
    labels = [t for trace in gaia_view.figure(gaia.plane(r), "Country").data for t in (trace.text or ())]
    assert text.plotly(evil) in labels and text.plotly("<b>N</b>") in labels
    assert evil not in labels
