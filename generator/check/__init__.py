"""Stage 2: findings about a loaded case: its schema, its references and its arithmetic."""
