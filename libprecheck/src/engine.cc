// The engine: ties the pipeline stages together.
