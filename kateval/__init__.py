"""kateval: measure how well code LLMs write Kotlin Multiplatform code."""

__version__ = "0.1.0"
