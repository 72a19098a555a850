# Sources of the rules stage.
