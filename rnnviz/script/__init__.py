"""A run written out as a standalone PyTorch script or notebook."""
