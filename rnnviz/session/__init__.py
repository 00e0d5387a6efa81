"""One user's work: the settings schema, the workspace, the run, links and lessons."""
