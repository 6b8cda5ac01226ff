"""Scoring helpers shared by the evaluation scripts and the evaluation tests."""
