"""Moved to alongside/bad_input.py (a utility every floor may use); kept for old imports."""

from alongside.bad_input import BIGGEST_ID, BadInput, bad_request, whole_number

__all__ = ["BIGGEST_ID", "BadInput", "bad_request", "whole_number"]
