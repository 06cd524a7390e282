"""The ``partnership-model`` command line (placeholder until the records land)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from partnership_model.vocabulary import EngagementDegree, EngagementLevel


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = argparse.ArgumentParser(prog="partnership-model")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="print the Montreal model's vocabulary")
    report.add_argument("--lang", choices=("en", "fr"), default="en")
    args = parser.parse_args(argv)
    for vocabulary in (EngagementDegree, EngagementLevel):
        print(vocabulary.__name__)
        for member in vocabulary:
            print(f"  {member.rank}. {member.label(args.lang)}")
    return 0
