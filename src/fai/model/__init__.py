"""The vocabulary every stage shares: regions, indicators, periods and the tidy-table schema."""
