"""The network: its config, cells, shapes, parameter counts, equations and a NumPy reference."""
