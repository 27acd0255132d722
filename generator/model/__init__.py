"""Stage 3: typed facts and the figures computed from them (seats, cost shares, euros)."""
