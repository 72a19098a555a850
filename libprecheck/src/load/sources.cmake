# Sources of the load stage.
