"""wiintech: the scoring library behind the WIINTECH decision dashboard.

Pure Python (NumPy, pandas, PyYAML): no Streamlit here, so the command line, the tests and any
front end share the same code.
"""

from wiintech.errors import DataError

__all__ = ["DataError"]
__version__ = "0.1.0"
