"""`python -m macros.products SITE_DIR`: make the products of a built site, in place."""
import sys
from pathlib import Path

from . import make_products

if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
    raise SystemExit("usage: python -m macros.products SITE_DIR (a built site)")
make_products(Path(sys.argv[1]))
