"""Streamlit-side views and widgets that several pages share. The logic lives in ``wiintech``."""
