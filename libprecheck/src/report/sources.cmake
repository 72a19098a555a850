# Sources of the report stage.
