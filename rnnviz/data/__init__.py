"""Data in: reading uploads and samples, the columns' roles, dates, and the windows a model
reads."""
