"""Every rate the synthetic data is drawn with, as named constants (docs/synth.md lists them).

Rates are probabilities per eligible record or person, as each comment says. Change them here only:
the tests read them from this module.
"""

from __future__ import annotations

# --- population ----------------------------------------------------------------------------------------
# nationality of a person (adults; minors take the nationality of the adult they travel with)
NATIONALITY_WEIGHTS: dict[str, float] = {
    "KHM": 0.30,
    "THA": 0.24,
    "VNM": 0.20,
    "LAO": 0.10,
    "MMR": 0.11,
    "CHN": 0.025,
    "IDN": 0.0125,
    "PHL": 0.0125,
}
# travel profile by nationality (see docs/synth.md for what each profile does)
PROFILE_WEIGHTS: dict[str, dict[str, float]] = {
    "KHM": {
        "border": 0.14,
        "worker": 0.24,
        "tourist": 0.25,
        "business": 0.12,
        "family": 0.15,
        "official": 0.03,
        "student": 0.04,
        "transit": 0.03,
    },
    "THA": {
        "border": 0.16,
        "worker": 0.05,
        "tourist": 0.35,
        "business": 0.18,
        "family": 0.16,
        "official": 0.04,
        "student": 0.04,
        "transit": 0.02,
    },
    "VNM": {
        "border": 0.14,
        "worker": 0.15,
        "tourist": 0.30,
        "business": 0.18,
        "family": 0.15,
        "official": 0.04,
        "student": 0.04,
    },
    "LAO": {
        "border": 0.22,
        "worker": 0.30,
        "tourist": 0.15,
        "business": 0.10,
        "family": 0.18,
        "official": 0.02,
        "student": 0.03,
    },
    "MMR": {"worker": 0.60, "tourist": 0.15, "family": 0.10, "business": 0.10, "student": 0.05},
    "CHN": {"tourist": 0.50, "business": 0.30, "transit": 0.15, "official": 0.05},
    "IDN": {"tourist": 0.50, "business": 0.30, "transit": 0.15, "official": 0.05},
    "PHL": {"tourist": 0.50, "business": 0.30, "transit": 0.15, "official": 0.05},
}
SEX_X_RATE = 0.002  # persons whose sex is recorded X
BIRTH_YEAR_ONLY_RATE = 0.03  # adults whose birth day and month are unknown (00/00/YYYY)
BIRTH_NO_DAY_RATE = 0.01  # adults whose birth day is unknown (00/MM/YYYY)
PASSPORT_OWN_SPELLING_RATE = 0.15  # passports spelling a native name with a less usual romanisation
FAMILY_WITH_MINORS_RATE = 0.15  # tourist and family-visit adults travelling with 1-3 minors
MINOR_NO_DOCUMENT_RATE = 0.35  # minors on no document of their own (60% under 5 years)
BORDER_RESIDENT_PASSPORT_RATE = 0.40  # border residents who also hold a passport
RENEWED_PASSPORT_RATE = 0.04  # passport holders whose passport is renewed (new number) mid-period
VEHICLE_OWNER_RATE = 0.15  # adults with a vehicle
VEHICLE_USE_RATE = 0.60  # land crossings where a vehicle owner drives it across
SPONSOR_DAY_WORKER_RATE = 0.40  # border residents' work day trips naming an employer

# --- travel --------------------------------------------------------------------------------------------
BORDER_DAY_TRIP_RATE = 0.30  # days on which a border resident crosses and comes back
BORDER_LONG_TRIP_RATE = 0.015  # days on which a border resident with a passport flies abroad instead
BORDER_PASSPORT_USE_RATE = 0.15  # border residents' day trips made on the passport (if held)
THAI_ID_CARD_USE_RATE = 0.20  # Thai border residents' day trips made on the ID card
WORKER_RETURN_RATE = 0.35  # workers who go home again within the period
TOURIST_ONWARD_RATE = 0.30  # tourists who go on to a third state before coming back
AIR_RATE = 0.40  # trips by air when both states have an airport (business/official: 0.85)

# --- variations (records stay valid) --------------------------------------------------------------------
ALT_ROMANISATION_RATE = 0.04  # records of a foreign native name another state romanises differently
NATIVE_ONLY_RATE = 0.30  # Khmer border-pass records (khm) / Thai border-pass and ID-card records (tha)
NAME_TYPO_RATE = 0.02  # records with one character of a name changed, dropped or doubled
DAY_MONTH_SWAP_RATE = 0.01  # records with birth day and month swapped (when both <= 12 and different)
MRZ_PRESENT_RATE = 0.75  # passport records in khm carrying the MRZ
MRZ_CHECK_DIGIT_RATE = 0.02  # MRZs with one wrong check digit (quality finding mrz_check_digit)
MRZ_MISMATCH_RATE = 0.02  # MRZs disagreeing with the typed document number (one digit typed wrong)
FORMULA_RATE = 0.01  # khm and tha records with a spreadsheet formula in a free-text field
THAI_VISA_RATE = 0.60  # foreign passport arrivals in tha with a visa object (workers: always)

# --- defects (the row must be quarantined) --------------------------------------------------------------
DEFECT_RATE = 0.025  # records made defective (ungrouped records only: no minor or adult with minors)
DEFECT_WEIGHTS: dict[str, float] = {
    "bad_date": 0.20,
    "unknown_checkpoint": 0.13,
    "bad_direction": 0.12,
    "no_name": 0.12,
    "birth_after_crossing": 0.12,
    "duplicate_conflict": 0.10,  # adds a second row with the same id: both rows are listed
    "unknown_code": 0.13,
    "truncated": 0.15,  # JSON Lines only; other formats renormalise the weights without it
}
DEFECT_CODES: tuple[str, ...] = tuple(DEFECT_WEIGHTS)
VARIATION_CODES: tuple[str, ...] = (
    "alt_romanisation",
    "native_only",
    "name_typo",
    "day_month_swap",
    "mrz_check_digit",
    "mrz_mismatch",
    "formula",
)
