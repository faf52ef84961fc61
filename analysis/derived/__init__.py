"""The analysis: claims resolved to intervals, and every table derived from them."""
