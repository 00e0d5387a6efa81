"""rnnviz: train recurrent networks and look inside them.

The engine (everything here except ``rnnviz.ui``) never imports streamlit.
"""

__version__ = "0.1.0"
