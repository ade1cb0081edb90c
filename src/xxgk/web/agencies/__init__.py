"""Agencies (行政机关) as a tree and the staff who belong to them."""
