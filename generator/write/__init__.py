"""Stage 5: document trees → files (.docx) and the manifest that lists them."""
