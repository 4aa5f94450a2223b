"""Identity resolution core: which crossings belong to the same person, with how sure and why.

Pure Python, no Django models yet (the app is not installed): ``compare`` turns two travellers into
per-field comparison levels, ``score`` weighs them with a Fellegi-Sunter model, ``blocking`` finds
candidate pairs without scanning every record, and ``evaluate`` measures a clustering against truth.
See docs/identity.md.
"""
