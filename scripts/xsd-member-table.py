#!/usr/bin/env python3
"""Derives the member table of EM's 2017 RestAPI.xsd: one row per element or attribute a complex
type declares itself, with the contract component the generator maps that type to.

Dev-time tool, Python 3 standard library only; like scripts/generate-spec.py it reads EM's
reference material (default /work/shared/em-api, or --em-api DIR) only when a developer runs it.
Its output is checked in: Tests/Fixtures/xsd/restapi-2017-members.tsv, facts derived from the
XSD (not a copy of it), which XSDMemberCoverageTests walks against the compiled contract.

Columns: XSD type (`Owner.Element` for an anonymous type), contract component, member (`@Name` for
an attribute, `#text` for simple content), XSD type of the member, occurrences (`min..max`,
`*` unbounded; a repeating choice counts as unbounded), position (0-based among the type's own
members, elements in sequence order, then attributes, then text).

Usage: scripts/xsd-member-table.py [--em-api DIR] [--check]
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, 'generate-spec'))

import overrides  # noqa: E402
from from_xsd import XsdBuilder, MARKER_BASES, BASE_ALIASES, is_bare_list  # noqa: E402
from registry import Registry  # noqa: E402
from xsd import XsdSchema  # noqa: E402

OUTPUT = 'Tests/Fixtures/xsd/restapi-2017-members.tsv'
HAND_WRITTEN = {'LinkType': 'Link', 'ReferenceType': 'Link'}


def rows_of(xsd_name, xsd_type, component, builder, rows):
    position = 0
    for element in xsd_type.elements:
        high = '*' if element.repeating_choice or element.max_occurs is None else str(element.max_occurs)
        low = '0' if element.repeating_choice else str(element.min_occurs)
        type_name = element.type_name or '(anonymous)'
        rows.append([xsd_name, component, element.name, type_name, f'{low}..{high}', str(position)])
        position += 1
        if element.inline is not None and not is_bare_list(element.inline):
            anonymous = f'{component}.{element.name}'
            default = element.name if element.name.startswith(component) else component + element.name
            rows_of(f'{xsd_name}.{element.name}', element.inline, builder.names.get(anonymous, default), builder, rows)
    for name, type_name, required in xsd_type.attributes:
        rows.append([xsd_name, component, '@' + name, type_name or 'string', '1..1' if required else '0..1', str(position)])
        position += 1
    if xsd_type.text:
        rows.append([xsd_name, component, '#text', xsd_type.text, '0..1', str(position)])


def table(em, root):
    with open(os.path.join(root, 'scripts', 'generate-spec-overrides.json'), encoding='utf-8') as handle:
        options = json.load(handle)
    schema = XsdSchema(os.path.join(em, 'reference/RestAPI-2017.xsd'))
    registry = Registry()
    overrides.apply(registry, options['start'], [])
    builder = XsdBuilder(schema, registry, names=options['names'])
    builder.build()
    overrides.apply(registry, options['afterXsd'], [])
    rows = []
    for xsd_name, xsd_type in sorted(schema.complex.items()):
        if xsd_name in MARKER_BASES or xsd_name in BASE_ALIASES or is_bare_list(xsd_type):
            continue
        component = HAND_WRITTEN.get(xsd_name) or registry.by_xsd.get(xsd_name)
        if component is None:
            continue
        rows_of(xsd_name, xsd_type, component, builder, rows)
    header = '# Derived from EM 2017 RestAPI.xsd by scripts/xsd-member-table.py; do not edit.\n' \
             '# xsd type\tcomponent\tmember\txsd member type\toccurs\tposition\n'
    return header + ''.join('\t'.join(row) + '\n' for row in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--em-api', default='/work/shared/em-api')
    parser.add_argument('--check', action='store_true', help='write nothing; exit 1 if the table would change')
    args = parser.parse_args()
    root = os.path.dirname(HERE)
    text = table(args.em_api, root)
    path = os.path.join(root, OUTPUT)
    existing = open(path, encoding='utf-8').read() if os.path.exists(path) else None
    if args.check:
        return 0 if existing == text else 1
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
