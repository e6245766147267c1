"""The report batch: plan params x templates, run them in warm kernels, write the index."""
