"""Where the products step finds the project it was built from, and keeps what it reuses."""
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
CACHE = PROJECT / ".cache"  # kept between builds, outside any site folder
