#!/usr/bin/env python3
"""Generates the simulator's own knowledge of EM's write operations and request bodies.

Dev-time tool, Python 3 standard library only. It reads EM's reference material (default
/work/shared/em-api, or --em-api DIR) ONLY when run by a developer; nothing in the package's
build or tests runs it or reads that folder. Its output is checked in:

  Sources/EMSimulator/Writes/RequestCatalog+Generated.swift

It is deliberately independent of the gateway's OpenAPI contract and of EMSchema, so that the
simulator catches the gateway's mistakes. Inputs:

  catalog/endpoints.csv        every documented POST/PUT/DELETE: path, `action`, request body
                               root, success status, whether a Task answers
  reference/RestAPI-2017.xsd   element order, occurrence and nested types of the request roots
  catalog/types.csv            the request elements of roots the 2017 XSD lacks (docs tables)
  Tests/Fixtures/requests/, samples/xml-only, samples/pairs
                               the documented request samples, and the `Operation` of the
                               documented Task answers (`StartJob`, `UpdateJob`, ...) (newer EMs' shapes win: an element a
                               sample has and the XSD lacks is added where the sample puts it, a
                               required element a sample leaves out becomes optional, an order a
                               sample contradicts turns order checks off for that type)

The output is deterministic: the same inputs give the same bytes.

Usage: scripts/generate-simulator-requests.py [--em-api DIR] [--check]
"""
import argparse
import csv
import glob
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
XS = '{http://www.w3.org/2001/XMLSchema}'
OUTPUT = 'Sources/EMSimulator/Writes/RequestCatalog+Generated.swift'


class Child:
    def __init__(self, name, required, repeated, type_name):
        self.name = name
        self.required = required
        self.repeated = repeated
        self.type_name = type_name  # nested rule name, or None: content not checked


class Rule:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.attributes = []
        self.ordered = True
        self.open = False  # unknown children allowed (type known only in part)
        self.source = 'xsd'

    def find(self, name):
        for index, child in enumerate(self.children):
            if child.name == name:
                return index
        return None


def strip(name):
    return name.split(':', 1)[1] if name and ':' in name else name


class Xsd:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.roots = {}
        self.complex = {}
        for node in root:
            if node.tag == XS + 'element':
                self.roots[node.get('name')] = strip(node.get('type'))
            elif node.tag == XS + 'complexType':
                self.complex[node.get('name')] = node

    def rule(self, type_name, rules):
        """The rule of a complex type (and, recursively, of its element types) into `rules`."""
        if type_name in rules:
            return type_name
        rule = Rule(type_name)
        rules[type_name] = rule
        self._fill(self.complex[type_name], rule, rules, type_name)
        return type_name

    def _fill(self, node, rule, rules, context):
        content = node
        for wrapper in ('complexContent', 'simpleContent'):
            found = node.find(XS + wrapper)
            if found is not None:
                extension = found.find(XS + 'extension')
                if extension is None:
                    extension = found.find(XS + 'restriction')
                base = strip(extension.get('base'))
                if wrapper == 'complexContent':
                    if base in self.complex:
                        self._fill(self.complex[base], rule, rules, context)
                    else:
                        # ResourceType, EntityType, SpecType, ListType: not in this file; their
                        # members (Links, Href, Name, ...) come from the samples.
                        rule.open = rule.open or base not in ('SpecType',)
                content = extension
        self._particles(content, rule, rules, context, repeating=False, in_choice=False)
        for attribute in content.findall(XS + 'attribute'):
            rule.attributes.append(attribute.get('name'))

    def _particles(self, node, rule, rules, context, repeating, in_choice):
        for child in node:
            if child.tag in (XS + 'sequence', XS + 'choice'):
                unbounded = child.get('maxOccurs') == 'unbounded'
                if unbounded and child.tag == XS + 'choice' and len(child.findall(XS + 'element')) > 1:
                    rule.ordered = False
                optional = child.get('minOccurs') == '0'
                self._particles(child, rule, rules, context, repeating or unbounded,
                                in_choice or child.tag == XS + 'choice' or optional)
            elif child.tag == XS + 'element':
                name = child.get('name')
                max_text = child.get('maxOccurs', '1')
                repeated = repeating or max_text == 'unbounded' or (max_text.isdigit() and int(max_text) > 1)
                required = int(child.get('minOccurs', '1')) >= 1 and not in_choice
                type_name = None
                inline = child.find(XS + 'complexType')
                if inline is not None:
                    type_name = context + '.' + name
                    if type_name not in rules:
                        nested = Rule(type_name)
                        rules[type_name] = nested
                        self._fill(inline, nested, rules, type_name)
                elif strip(child.get('type')) in self.complex:
                    type_name = self.rule(strip(child.get('type')), rules)
                if rule.find(name) is None:
                    rule.children.append(Child(name, required, repeated, type_name))


def docs_rule(root, types_rows):
    """A rule for a root the XSD lacks: the request elements of its docs table, content unchecked."""
    rule = Rule(root)
    rule.source = 'docs'
    for row in types_rows:
        if row['owner'] != root or row['kind'] != 'request-element':
            continue
        name = row['element'].strip()
        if not name or rule.find(name) is not None:
            continue
        low, _, high = (row['min_max'] or '0/1').partition('/')
        rule.children.append(Child(name, low == '1', high.lower() in ('unbounded', '-') and low != '1' or high.lower() == 'unbounded', None))
    return rule


def local(tag):
    return tag.split('}', 1)[1] if '}' in tag else tag


def learn(element, type_name, rules, log, path):
    """Fits the rules to a sample element: adds what it has, relaxes what it lacks."""
    rule = rules.get(type_name)
    if rule is None:
        return
    for attribute in element.attrib:
        name = local(attribute)
        if not attribute.startswith('{') and name not in rule.attributes:
            rule.attributes.append(name)
    names = [local(child.tag) for child in element]
    previous = -1
    seen = set()
    for child, name in zip(element, names):
        index = rule.find(name)
        if index is None:
            rule.children.insert(previous + 1, Child(name, False, names.count(name) > 1, None))
            index = previous + 1
            log.append(f'{path}: added {rule.name}/{name}')
        elif index < previous and name not in seen:
            if rule.ordered:
                log.append(f'{path}: order of {rule.name} contradicted at {name}; order not checked')
            rule.ordered = False
        if name in seen and not rule.children[index].repeated:
            rule.children[index].repeated = True
            log.append(f'{path}: {rule.name}/{name} repeats')
        seen.add(name)
        previous = max(previous, index)
        learn(child, rule.children[index].type_name, rules, log, path)
    for child in rule.children:
        if child.required and child.name not in names:
            child.required = False
            log.append(f'{path}: {rule.name}/{child.name} optional')


def operation_name(method, path, action):
    """The Task's `Operation` (EM writes `StartJob`, `EditCloudTenant`, ...)."""
    nouns = [s for s in path.strip('/').split('/') if not s.startswith('{')]
    noun = nouns[-1] if nouns else 'Resource'
    if action is None and method == 'POST' and len(nouns) >= 2 and nouns[-1] in ('start', 'stop', 'retry', 'toggleScheduleEnabled'):
        action, noun = nouns[-1], nouns[-2]
    noun = noun[0].upper() + noun[1:]
    if noun.endswith('ies'):
        noun = noun[:-3] + 'y'
    elif noun.endswith('ses'):
        noun = noun[:-2]
    elif noun.endswith('s') and not noun.endswith('ss'):
        noun = noun[:-1]
    verb = action or {'POST': 'Create', 'PUT': 'Edit', 'DELETE': 'Delete'}[method]
    verb = verb[0].upper() + verb[1:]
    return verb + noun


def documented_operations(em):
    """`Operation` of the Task samples, by reference page (`post_jobs_id_actionstart`)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(em, 'samples/xml-only/*.xml')) + glob.glob(os.path.join(em, 'samples/pairs/*.xml'))):
        text = open(path, encoding='utf-8', errors='replace').read()
        start = text.find('<Operation>')
        if start < 0:
            continue
        page = os.path.basename(path).rsplit('_', 1)[0]
        found[page] = text[start + len('<Operation>'):text.find('</Operation>', start)]  # the last sample wins
    return found


def swift_string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--em-api', default='/work/shared/em-api')
    parser.add_argument('--check', action='store_true', help='write nothing; exit 1 if the output would change')
    args = parser.parse_args()
    em = args.em_api

    with open(os.path.join(em, 'catalog/endpoints.csv'), newline='') as handle:
        endpoints = [row for row in csv.DictReader(handle) if row['method'] in ('POST', 'PUT', 'DELETE')]
    with open(os.path.join(em, 'catalog/types.csv'), newline='') as handle:
        types_rows = list(csv.DictReader(handle))
    xsd = Xsd(os.path.join(em, 'reference/RestAPI-2017.xsd'))

    documented = documented_operations(em)
    operations = {}
    for row in endpoints:
        path = row['path'].replace(' ', '')
        if path.startswith('/sessionMngr') or path.startswith('/logonSessions'):
            continue  # logon and logoff: SimulatorResponder+Logon
        action = None
        for pair in (row['query'] or '').split('&'):
            if pair.lower().startswith('action='):
                action = pair.split('=', 1)[1]
        if action is None and row['method'] == 'PUT':
            for pair in (row['query_params_in_url'] or '').split('&'):
                if pair.lower().startswith('action='):
                    action = pair.split('=', 1)[1]
        body = row['request_body_root'].strip()
        body = {'None': None, '': None, '(not shown)': '*'}.get(body, body)
        status = int(row['response_status'].split()[0])
        task = status == 202 or row['response_root'] == 'Task'
        key = (row['method'], path.lower(), (action or '').lower())
        if key in operations:
            continue
        name = documented.get(row['page'].strip().rsplit('.', 1)[0]) or operation_name(row['method'], path, action)
        operations[key] = (row['method'], path, action, body, status, task, name if task else None)

    roots = sorted({op[3] for op in operations.values() if op[3] not in (None, '*')} | {'LoginSpec'})
    rules = {}
    root_types = {}
    for root in roots:
        if root in xsd.roots and xsd.roots[root] in xsd.complex:
            root_types[root] = xsd.rule(xsd.roots[root], rules)
        else:
            rule = docs_rule(root, types_rows)
            rules[root] = rule
            root_types[root] = root

    log = []
    samples = sorted(glob.glob(os.path.join(ROOT, 'Tests/Fixtures/requests/samples/*.xml'))
                     + glob.glob(os.path.join(ROOT, 'Tests/Fixtures/requests/edit/*.xml'))
                     + glob.glob(os.path.join(em, 'samples/xml-only/*.xml'))
                     + glob.glob(os.path.join(em, 'samples/pairs/*.xml')))
    for sample in samples:
        try:
            element = ET.parse(sample).getroot()
        except ET.ParseError:
            continue  # the flattened docs cut some samples short
        name = local(element.tag)
        if name in root_types:
            learn(element, root_types[name], rules, log, os.path.basename(sample))

    # Only the rules reachable from a root are written.
    reachable = set()
    stack = list(root_types.values())
    while stack:
        name = stack.pop()
        if name in reachable or name not in rules:
            continue
        reachable.add(name)
        stack.extend(child.type_name for child in rules[name].children if child.type_name)

    lines = [
        '// swift-format-ignore-file',
        '// Generated by scripts/generate-simulator-requests.py from EM\'s reference material',
        '// (catalog/endpoints.csv, reference/RestAPI-2017.xsd, catalog/types.csv) and the request',
        '// samples in Tests/Fixtures/requests. Do not edit; run the script again.',
        '',
        'import HTTPTypes',
        '',
        'extension RequestCatalog {',
        '    /// Every documented POST, PUT and DELETE but logon and logoff, as `catalog/endpoints.csv` lists them.',
        '    static let operations: [WriteOperation] = [',
    ]
    for key in sorted(operations):
        method, path, action, body, status, task, operation = operations[key]
        body_text = {None: '.none', '*': '.unchecked'}.get(body, f'.root({swift_string(body or "")})')
        lines.append(
            f'        WriteOperation(.{method.lower()}, {swift_string(path)}, action: {swift_string(action) if action else "nil"}, '
            f'body: {body_text}, status: {status}, task: {swift_string(operation) if operation else "nil"}),')
    lines += ['    ]', '', '    /// The type of each request root element.', '    static let roots: [String: String] = [']
    for root in roots:
        lines.append(f'        {swift_string(root)}: {swift_string(root_types[root])},')
    lines += ['    ]', '', '    /// The content rules of request types and the types nested in them.',
              '    static let types: [String: RequestType] = [']
    for name in sorted(reachable):
        rule = rules[name]
        lines.append(f'        {swift_string(name)}: RequestType(')
        lines.append(f'            ordered: {str(rule.ordered).lower()}, open: {str(rule.open).lower()},')
        lines.append('            attributes: [' + ', '.join(swift_string(a) for a in rule.attributes) + '],')
        if not rule.children:
            lines.append('            children: []),')
            continue
        lines.append('            children: [')
        for child in rule.children:
            flags = []
            if child.required:
                flags.append('required: true')
            if child.repeated:
                flags.append('repeated: true')
            if child.type_name:
                flags.append(f'type: {swift_string(child.type_name)}')
            lines.append(f'                RequestChild({swift_string(child.name)}' + ''.join(', ' + f for f in flags) + '),')
        lines.append('            ]),')
    lines += ['    ]', '}', '']
    text = '\n'.join(lines)

    target = os.path.join(ROOT, OUTPUT)
    current = open(target).read() if os.path.exists(target) else None
    for entry in log:
        print(entry, file=sys.stderr)
    print(f'{len(operations)} operations, {len(roots)} request roots, {len(reachable)} types', file=sys.stderr)
    if args.check:
        return 0 if current == text else 1
    if current != text:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'w') as handle:
            handle.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
