"""Files: saved models with their data, and the server's store of saved work."""
