"""Value types shared by ingest, identity and screening: state codes, partial dates, ICAO 9303 MRZs.

Import from the modules (``borderlink.values.countries``, ``.dates``, ``.mrz``): this package stays empty
so that loading the Django app does not load pycountry's tables.
"""
