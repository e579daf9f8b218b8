"""digiskill: Thailand's civil-service digital-skills framework (OCSC 2561) as data, a guideline site and an
in-browser self-assessment."""

__version__ = "0.1.0"
