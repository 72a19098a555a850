# Sources of the ocr stage.
