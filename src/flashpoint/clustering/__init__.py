"""Event clustering: reports of the same real-world event grouped into one event (issue #6)."""
