"""The years a figure may have: from the first year of PRC statistics to 2100 (a light module
the cleaning step imports without the pandera schema)."""

FIRST_YEAR = 1949
LAST_YEAR = 2100
