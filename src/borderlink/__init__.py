"""borderlink: border-crossing data exchange for Bali Process member states."""

__version__ = "0.1.0"
