"""Exceptions raised for bad input: each names the file or parameter and the problem."""


class NingboAnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class SeedError(NingboAnalysisError):
    """A seed file or folder is missing, empty, not UTF-8 or not matching the manifest."""


class ParameterError(NingboAnalysisError, ValueError):
    """A user-supplied parameter (region, folder, option) is not valid."""
