"""What the statutes require of an agreement, as data the composer and the checks share."""
