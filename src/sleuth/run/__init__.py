"""Running work: time limits and process pools shared by the pipeline stages."""
