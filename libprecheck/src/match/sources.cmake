# Sources of the match stage.
