"""``python -m partnership_model.data``: check every data file of the package."""

from partnership_model._datacheck import main

raise SystemExit(main())
