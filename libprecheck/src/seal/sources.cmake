# Sources of the seal stage.
