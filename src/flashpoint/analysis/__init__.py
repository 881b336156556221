"""Analyses over event frames: dyad time series, balance, escalation ladder, alerts, forecasts."""
