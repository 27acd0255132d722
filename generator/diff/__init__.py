"""Stage 7 (optional): what changed between two drafts, as Word tracked changes and a summary."""
