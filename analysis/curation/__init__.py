"""The curated raw data: its dictionary, reading the CSV files, and every check on them."""
