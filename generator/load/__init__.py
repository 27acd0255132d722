"""Stage 1: case folder → plain data in which every node keeps its file, line and column."""
