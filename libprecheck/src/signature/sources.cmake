# Sources of the signature stage.
