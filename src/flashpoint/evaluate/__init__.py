"""Scorers behind `flashpoint evaluate`: pure functions over gold files and coded records."""
