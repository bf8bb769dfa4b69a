#!/usr/bin/env python3
"""Generates openapi/em-gateway.yaml, the gateway's OpenAPI 3.2 contract for the whole EM REST API.

Dev-time tool, Python 3 standard library only. It reads EM's reference material (default
/work/shared/em-api, or --em-api DIR) ONLY when run by a developer; nothing in the package's
build or tests runs it or reads that folder. Its outputs are checked in:

  openapi/em-gateway.yaml                       the contract (paths, operations, component schemas)
  Tests/Fixtures/spec/documented-endpoints.txt  the documented METHOD /path list (case-merged)
  Tests/Fixtures/samples/                       EM's valid XML samples, for the conformance tests

Inputs: catalog/endpoints.csv (paths, methods, actions, bodies, status codes), reference/RestAPI-2017.xsd
(types, element order, list shapes), catalog/types.csv (documented element types and enums),
samples/ (XML samples; real server JSON fixes member sets: real answers win over docs), and
scripts/generate-spec-overrides.json (hand-maintained, reviewable fixes merged last), and VERSION
(the gateway's version, which the document states as info.version).

The output is deterministic: the same inputs give the same bytes.

Usage: scripts/generate-spec.py [--em-api DIR] [--check] [--report]
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep scripts/generate-spec/ free of __pycache__
sys.path.insert(0, os.path.join(HERE, 'generate-spec'))

import build  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--em-api', default='/work/shared/em-api', help='EM reference material (dev time only)')
    parser.add_argument('--root', default=os.path.dirname(HERE), help='package root')
    parser.add_argument('--check', action='store_true', help='write nothing; exit 1 if an output would change')
    parser.add_argument('--report', action='store_true', help='print what inference did and found')
    args = parser.parse_args()
    return build.run(args.em_api, args.root, check=args.check, report=args.report)


if __name__ == '__main__':
    sys.exit(main())
