"""WIINTECH decision dashboard. Run: streamlit run app.py"""

from ui import heap
from ui.nav import navigation

heap.freeze_imports()
navigation().run()
