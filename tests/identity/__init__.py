"""Tests of the identity resolution core."""
