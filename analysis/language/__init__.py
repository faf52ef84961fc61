"""Reading article text: numbers as written, partial dates, relative time phrases."""
