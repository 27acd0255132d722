"""Stage 4: the model and the clause templates → a language- and format-neutral document tree."""
