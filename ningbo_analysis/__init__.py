"""ningbo-analysis: sourced figures and themes from Chinese government planning documents.

Pipeline, one module per stage::

    corpus → structure → quantities → figures → compare → text → plots / report
"""

__version__ = "0.1.0"
