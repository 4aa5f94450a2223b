"""Script-specific romanisers for the names of the region, one module per script.

Each module's ``romanise_word`` takes one word in its script and returns every Latin spelling it may
carry (upper-case A-Z, words separated by spaces), best first, cached per distinct word.
"""
