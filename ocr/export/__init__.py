"""Archival exports derived from the contract document: ALTO 4.4, PAGE 2019-07-15, a searchable PDF."""
