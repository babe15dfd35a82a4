"""WIINTECH decision dashboard. Run: streamlit run app.py"""

from ui.nav import navigation

navigation().run()
