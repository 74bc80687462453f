"""Exceptions raised for bad input: each names the file or parameter and the problem."""


class NingboAnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class SeedError(NingboAnalysisError):
    """A seed file or folder is missing, empty, not UTF-8 or not matching the manifest."""


class ParameterError(NingboAnalysisError, ValueError):
    """A user-supplied parameter (region, folder, option) is not valid."""


class NotFoundError(NingboAnalysisError, KeyError):
    """Something asked for by name (a doc_id, a region's work report) is not in the corpus."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
