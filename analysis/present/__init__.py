"""What notebooks call to set up, show charts and render tables and findings."""
