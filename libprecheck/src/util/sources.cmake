# Sources of the util stage.
