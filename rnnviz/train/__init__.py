"""Training: the job, its batches and device, how long a run is, and what it keeps on the way."""
