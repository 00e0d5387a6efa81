"""Streamlit glue: session state, cached loaders, shared widgets, the job registry."""
