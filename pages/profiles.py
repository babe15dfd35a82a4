"""Country profiles: PEST and SWOT for each target country (Tables 2–9), compared and searched."""

import streamlit as st

from ui import page, widgets
from ui.data import load
from wiintech import profiles as prof
from wiintech import tables

page.start("profiles")

st.title("Country profiles")
st.caption("The political, economic, social and technological picture of each target country, and its "
           "strengths, weaknesses, opportunities and threats, as UbiFrance's experts presented them at the "
           "second workshop (report D1.4B, section E). Cells the report leaves empty say so.")

profiles = load("profiles")
if profiles is None:
    st.stop()
names = [p.country for p in profiles]

by_country, compare, search = st.tabs(["By country", "Compare countries", "Search"])

with by_country:
    for tab, profile in zip(st.tabs([widgets.md_escape(n) for n in names]), profiles):
        with tab:
            st.subheader(f"{widgets.md_escape(profile.country)}: PEST analysis ({widgets.md_escape(profile.pest_source)})")
            pest = tables.pest(profile)
            widgets.table(pest)
            widgets.download_table(pest, f"pest-{profile.country.lower()}.csv", key=f"dl.pest.{profile.country}")
            st.subheader(f"{widgets.md_escape(profile.country)}: SWOT analysis ({widgets.md_escape(profile.swot_source)})")
            for row in (("strengths", "weaknesses"), ("opportunities", "threats")):
                for col, quadrant in zip(st.columns(2), row):
                    with col.container(border=True):
                        st.markdown(f"**{tables.SWOT_LABELS[quadrant]}**")
                        items = profile.swot[quadrant]
                        st.markdown("\n".join(f"- {widgets.md_escape(i)}" for i in items)
                                    if items else f"*{widgets.NOT_GIVEN}*")
            widgets.download_table(tables.swot(profile), f"swot-{profile.country.lower()}.csv",
                                   key=f"dl.swot.{profile.country}")

with compare:
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect("Countries (2 to 4)", names, default=names[:2], max_selections=4, key="profiles.compare")
    part = c2.selectbox("Part", prof.PARTS, key="profiles.part", format_func=prof.part_label)
    if len(chosen) < 2:
        st.info("Choose at least two countries to compare.")
    else:
        df = prof.compare(profiles, chosen, part)
        for col, (country, rows) in zip(st.columns(len(chosen)), prof.per_country(df, chosen).items()):
            with col:
                st.markdown(f"**{widgets.md_escape(country)}**")
                widgets.table(rows)
        widgets.download_table(df, f"compare-{part.lower()}.csv", key="dl.profiles.compare")

with search:
    query = st.text_input("Search every profile", key="profiles.query", placeholder="e.g. recycling")
    if query.strip():
        hits = prof.search(profiles, query)
        st.markdown(f"**{len(hits)}** mention{'s' if len(hits) != 1 else ''} of “{widgets.md_escape(query.strip())}”")
        if len(hits):
            widgets.table(hits)
            widgets.download_table(hits, "profile-search.csv", key="dl.profiles.search")
