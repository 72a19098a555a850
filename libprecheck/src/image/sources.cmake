# Sources of the image stage.
