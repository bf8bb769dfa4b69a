"""Document roots: every element EM answers with or accepts as a body (XSD roots, the link-type
table, the endpoint catalogue) is a component with that `xml.name`."""
import csv
import os

from model import Component, Member, plural
from finish import singular


def documented_roots(em):
    names = set()
    with open(os.path.join(em, 'catalog/linktypes.csv'), encoding='utf-8') as handle:
        for row in csv.DictReader(handle):
            if row['element'].strip():
                names.add(row['element'].strip())
    with open(os.path.join(em, 'catalog/endpoints.csv'), encoding='utf-8') as handle:
        for row in csv.DictReader(handle):
            for key in ('response_root', 'request_body_root'):
                for value in row[key].split('|'):
                    value = value.strip()
                    if value and value not in ('None', '(not shown)'):
                        names.add(value)
    return names


def ensure_roots(registry, em, docs, skip, log):
    roots = registry.roots()
    # Singular roots first, so that plural lists find their items.
    for name in sorted(documented_roots(em), key=lambda n: (n.endswith('s'), n)):
        if name in roots or name in skip:
            continue
        existing = registry.get(name)
        if existing is not None:
            if existing.root is None:
                existing.root = name
                log.append(f'root {name} on existing component')
                roots = registry.roots()
            continue
        item = singular(name)
        if item != name and item in roots:
            registry.add(Component(name, root=name, origin='docs', members=[
                Member(plural(item), item, shape='repeated', ref=roots[item], source='docs')]))
            log.append(f'root {name}: list of {item}')
            roots = registry.roots()
            continue
        component = registry.add(Component(name, root=name, base='Resource', origin='docs'))
        for row in docs.owner_elements(name):
            element = row['element']
            if element in ('UID', 'Name', 'Href', 'Type', 'Links'):
                continue
            scalar = docs.scalar(name, element)
            if scalar is None:
                continue
            component.members.append(Member(element, element, scalar=scalar[0], fmt=scalar[1], source='docs'))
        log.append(f'root {name}: from the documentation ({len(component.members)} members)')
        roots = registry.roots()
