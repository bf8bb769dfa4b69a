"""catalog/endpoints.csv → OpenAPI paths: one operation per method and path (paths that differ only
in letter case merged), `?action=` variants folded into one operation with an `action` parameter."""
import copy
import csv
import os
import re
from collections import OrderedDict

import describe

ERRORS = [('400', 'BadRequest'), ('401', 'Unauthorized'), ('403', 'Forbidden'), ('404', 'NotFound'),
          ('500', 'InternalServerError')]
NO_BODY = ('', 'None', '(not shown)')
STATUS_TEXT = {'200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content'}


class Variant:
    """One documented row: an action (or none) with its body, status and response root."""

    def __init__(self, row):
        self.action = query_value(row['query'], 'action')
        self.body = row['request_body_root'].strip()
        self.status = row['response_status'].split()[0]
        self.roots = [r.strip() for r in row['response_root'].split('|') if r.strip() and r.strip() != 'None']
        self.page = row['page']
        self.optional = False


def query_value(query, name):
    for part in query.replace(';', '&').split('&'):
        if part.startswith(name + '='):
            return part.split('=', 1)[1]
    return None


def load(em):
    with open(os.path.join(em, 'catalog/endpoints.csv'), encoding='utf-8') as handle:
        return list(csv.DictReader(handle))


def documented_endpoints(rows):
    """`METHOD /path` once per method and path, letter case merged (first spelling kept)."""
    seen = OrderedDict()
    for row in rows:
        key = (row['method'], row['path'].lower())
        seen.setdefault(key, f"{row['method']} {row['path']}")
    return sorted(seen.values(), key=lambda line: (line.split(' ', 1)[1].lower(), line))


def canonical_paths(rows):
    """Lower-case path → the spelling most rows use."""
    counts = {}
    for row in rows:
        counts.setdefault(row['path'].lower(), {}).setdefault(row['path'], 0)
        counts[row['path'].lower()][row['path']] += 1
    return {lower: sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for lower, spellings in counts.items()}


def template(path):
    """`/jobs/{ID}/includes/{ID}` → `/api/jobs/{ID}/includes/{ID2}` (OpenAPI wants unique names)."""
    count = {}

    def rename(match):
        name = match.group(1)
        count[name] = count.get(name, 0) + 1
        return '{' + name + (str(count[name]) if count[name] > 1 else '') + '}'

    return '/api' + re.sub(r'\{([^}]+)\}', rename, path)


def max_age(api_path):
    """Seconds the gateway keeps a GET's 200 answer fresh (`x-em-gateway-max-age`).

    Summary reports change slowly and cost EM the most: 30 s. A task or one session is what
    clients poll for progress: 1 s. Logon and session resources are never stored (0), nor are
    file downloads (their bodies stream). Everything else (collections, query results, single
    entities): 10 s.
    """
    lower = api_path.lower()
    if lower.startswith('/api/sessionmngr') or lower.startswith('/api/logonsessions') or '{filepath}' in lower:
        return 0
    if lower.startswith('/api/reports/summary'):
        return 30
    parts = [part for part in lower.split('/') if part]
    if len(parts) == 3 and parts[2].startswith('{') and (parts[1] == 'tasks' or parts[1].endswith('sessions')):
        return 1
    return 10


def operation_id(method, path):
    parts = []
    for segment in path.split('/')[2:]:
        if not segment:
            continue
        if segment.startswith('{'):
            parts.append('By' + segment[1:-1][0].upper() + segment[1:-1][1:])
        else:
            cleaned = re.sub(r'[^A-Za-z0-9]', ' ', segment).split()
            parts.append(''.join(w[0].upper() + w[1:] for w in cleaned))
    return method.lower() + (''.join(parts) or 'Root')


def noun(path):
    literals = [s for s in path.split('/') if s and not s.startswith('{') and s != 'api']
    last = literals[-1] if literals else 'entry point'
    single = path.rstrip('/').endswith('}')
    text = describe.words(last[0].upper() + last[1:])
    if single and text.endswith('s') and not text.endswith('ss'):
        text = text[:-1]
    return text


class PathBuilder:
    def __init__(self, em, registry, options):
        self.rows = load(em) + options.get('extraRows', [])
        self.registry = registry
        self.options = options   # overrides: responseRoots, getActions, ...
        self.spellings = canonical_paths(self.rows)

    def build(self):
        operations = OrderedDict()
        for row in self.rows:
            path = self.spellings[row['path'].lower()]
            operations.setdefault((path, row['method']), []).append(row)
        paths = OrderedDict()
        for (path, method), rows in sorted(operations.items(), key=lambda kv: (kv[0][0].lower(), kv[0][1])):
            paths.setdefault(template(path), OrderedDict())[method.lower()] = self.operation(path, method, rows)
        for alias, canonical in sorted(self.options.get('aliases', {}).items()):
            paths[template(alias)] = self.alias_item(alias, paths[template(canonical)], template(canonical))
        return OrderedDict(sorted(paths.items(), key=lambda kv: kv[0].lower()))

    @staticmethod
    def alias_item(alias, item, canonical):
        """A path EM writes in its own links but documents under another spelling (its
        `repicaTaskSessions`): the documented path's operations again, marked `x-em-alias-of`, so
        clients that follow EM's links find them."""
        copied = OrderedDict([('x-em-alias-of', canonical)])
        for method, operation in item.items():
            op = copy.deepcopy(operation)
            op['operationId'] = operation_id(method.upper(), template(alias))
            op['description'] = (f'The spelling Enterprise Manager writes in its own links; the same operation as '
                                 f'`{canonical}`. ' + op['description'])
            copied[method] = op
        return copied

    # MARK: - One operation

    def operation(self, path, method, rows):
        api_path = template(path)
        variants = [Variant(row) for row in rows]
        key = f'{method} {path}'
        fixes = self.options.get('operations', {}).get(key, {})
        optional_body = self.options.get('optionalBodies', {}).get(key)
        for variant in variants:
            fixed_roots = self.options.get('responseRoots', {}).get(key)
            if variant.action is None and isinstance(fixed_roots, list):
                # A list replaces what the catalogue says (its example shows the wrong root).
                variant.roots = list(fixed_roots)
            elif variant.action is None and not variant.roots and fixed_roots:
                variant.roots = [fixed_roots]
            if optional_body and variant.body in NO_BODY:
                # A body EM takes but the catalogue does not list (a tenant's logon posts a LoginSpec).
                variant.body = optional_body
                variant.optional = True
        collection_root = self.collection_root(method, path)
        if collection_root:
            # "Resource Representations for Resource Collections" (representation_collections.md):
            # a collection answers `EntityReferences`, or with `format=Entity` its plural entity list.
            for variant in variants:
                if variant.action is None and variant.roots == ['EntityReferences']:
                    variant.roots = ['EntityReferences', collection_root]
        op = OrderedDict()
        op['tags'] = [tag_of(path)]
        op['operationId'] = operation_id(method, api_path)
        op['summary'] = fixes.get('summary') or self.summary(method, path, variants)
        op['description'] = fixes.get('description') or self.description(method, path, variants)
        security = self.security(method, path)
        if security is not None:
            op['security'] = security
        parameters = self.parameters(method, path, api_path, variants)
        if parameters:
            op['parameters'] = parameters
        body = self.request_body(variants)
        if body:
            op['requestBody'] = body
        if method == 'GET' and self.has_format(path, variants):
            for variant in variants:
                entity = variant.roots[0] if len(variant.roots) == 1 else None
                component = self.registry.get(entity) if entity else None
                if component is not None and self.is_entity(component):
                    variant.roots = ['EntityRef', entity]
        op['responses'] = self.responses(method, path, variants)
        actions = self.actions(method, path, variants)
        if actions:
            op['x-em-actions'] = actions
        if method == 'GET':
            op['x-em-gateway-max-age'] = max_age(api_path)
        return op

    def summary(self, method, path, variants):
        thing = noun(path)
        actions = sorted({v.action for v in variants if v.action})
        if path == '/':
            return 'Read the entry point.'
        if path == '/sessionMngr/':
            return 'Log on.'
        if path == '/query':
            return 'Query entities or references of one type.'
        if actions and method == 'POST':
            return f'Run an action ({", ".join(actions)}) on a {thing}.'
        if method == 'GET':
            return f'Read the {thing}.' if path.rstrip('/').endswith('}') else f'List or read {thing}.'
        if method == 'POST':
            return f'Create or start {thing}.'
        if method == 'PUT':
            return f'Edit the {thing}.'
        return f'Delete the {thing}.'

    def description(self, method, path, variants):
        lines = []
        for variant in variants:
            label = f'`action={variant.action}`' if variant.action else \
                ('Without `action`' if any(v.action for v in variants) else 'Request')
            body = f'body `{variant.body}`' if variant.body not in NO_BODY else 'no body'
            if variant.optional:
                body = f'no body, or `{variant.body}` (a cloud tenant logging on)'
            answer = ' or '.join(f'`{r}`' for r in variant.roots) or 'no body'
            line = f'{label}: {body}; answers {variant.status} with {answer}.'
            if line not in lines:
                lines.append(line)
        if any(v.body == '(not shown)' for v in variants):
            lines.append('The documentation does not show the request body.')
        lines.append(f'Documented on the Enterprise Manager page `{variants[0].page}`.')
        return ' '.join(lines)

    def security(self, method, path):
        if path == '/':
            return []
        if path == '/sessionMngr/':
            return [{'basic': []}]
        return None

    def parameters(self, method, path, api_path, variants):
        parameters = []
        for name in re.findall(r'\{([^}]+)\}', api_path):
            parameters.append(self.path_parameter(name))
        actions = sorted({v.action for v in variants if v.action}, key=str.lower)
        extra = self.options.get('getActions', {}).get(f'{method} {path}')
        if extra:
            actions = extra
        if actions:
            parameter = OrderedDict([('name', 'action'), ('in', 'query')])
            parameter['description'] = 'The action to run: ' + ', '.join(f'`{a}`' for a in actions) + '.'
            if all(v.action for v in variants) and not extra:
                parameter['required'] = True
            parameter['schema'] = {'type': 'string', 'enum': actions}
            parameters.append(parameter)
        if path == '/query':
            parameters += self.query_parameters(variants)
        elif path == '/lookup':
            for name, text in (('hierarchyRef', 'Reference of the object to look up.'),
                               ('host', 'UID of the hierarchy root (host) to search.'),
                               ('name', 'Object name to look for.'), ('type', 'Object type to look for.')):
                parameters.append(OrderedDict([('name', name), ('in', 'query'), ('description', text),
                                               ('schema', {'type': 'string'})]))
        elif path == '/sessionMngr/':
            parameters.append(OrderedDict([
                ('name', 'v'), ('in', 'query'),
                ('description', 'API version: `latest` or a name from the entry point\'s list (`v1_7`).'),
                ('schema', {'type': 'string', 'enum': ['latest', 'v1_7', 'v1_6', 'v1_5']})]))
        elif method == 'GET' and self.has_format(path, variants):
            parameters.append({'$ref': '#/components/parameters/Format'})
        if extra:
            parameters.append({'$ref': '#/components/parameters/PageSize'})
            parameters.append({'$ref': '#/components/parameters/Page'})
        if method == 'GET':
            parameters.append({'$ref': '#/components/parameters/IfNoneMatch'})
        return parameters

    def collection_root(self, method, path):
        """The plural entity root of a collection's `format=Entity` form (`VmReplicaPoints`), from the
        overrides' `collectionEntityRoots`; every GET answering `EntityReferences` must have one."""
        if method != 'GET':
            return None
        table = {key.lower(): value for key, value in self.options.get('collectionEntityRoots', {}).items()}
        root = table.get(path.lower())
        answers_references = any(
            self.spellings[r['path'].lower()] == path and r['method'] == 'GET' and r['response_root'] == 'EntityReferences'
            and not query_value(r['query'], 'action') for r in self.rows)
        if answers_references and path != '/query' and root is None:
            raise ValueError(f'GET {path} answers EntityReferences but collectionEntityRoots names no entity root')
        component = self.registry.get(root) if root is not None else None
        if root is not None and component is None:
            raise ValueError(f'collectionEntityRoots: {root} of {path} has no component')
        if component is not None and component.root is None:
            # A list type no page shows as a document (`CdpReplicaVms`) is one here.
            component.root = root
        return root

    def has_format(self, path, variants):
        if any(v.roots[:1] == ['EntityReferences'] and len(v.roots) > 1 for v in variants):
            return True
        rows = [r for r in self.rows if self.spellings[r['path'].lower()] == path and r['method'] == 'GET']
        if any('Entity' in r['format_mentions'] for r in rows):
            return True
        return any('EntityRef' in v.roots and len(v.roots) > 1 for v in variants)

    def is_entity(self, component):
        while component is not None:
            if component.name == 'Entity':
                return True
            component = self.registry.get(component.base) if component.base else None
        return False

    @staticmethod
    def path_parameter(name):
        descriptions = {
            'vmname': 'Name of the VM in the backup catalog.',
            'filepath': 'Path of a file or folder in the guest file system (`C:/Documents/Invoice1.docx`); '
                        'it may span several segments.',
        }
        if name.startswith('ID'):
            text = 'Identifier of the resource (the GUID at the end of its Href).' if name == 'ID' else \
                'Identifier of the nested resource.'
        else:
            text = descriptions.get(name, f'The {name}.')
        return OrderedDict([('name', name), ('in', 'path'), ('required', True), ('description', text),
                            ('schema', {'type': 'string'})])

    def query_parameters(self, variants):
        types = sorted({query_value(r['query'], 'type') for r in self.rows if r['path'] == '/query'} - {None},
                       key=str.lower)
        return [
            OrderedDict([('name', 'type'), ('in', 'query'), ('required', True),
                         ('description', 'The entity type to query (names are matched without regard to case).'),
                         ('schema', {'type': 'string', 'enum': types})]),
            OrderedDict([('name', 'format'), ('in', 'query'),
                         ('description', '`Entities` for full objects; references (`Refs`) otherwise.'),
                         ('schema', {'type': 'string', 'enum': ['Entities', 'Refs']})]),
            OrderedDict([('name', 'filter'), ('in', 'query'),
                         ('description', 'Conditions such as `Result==Failed;CreationTime>="2025-01-01"` (`;` AND, '
                                         '`,` OR, parentheses to group). Passed to Enterprise Manager byte for byte.'),
                         ('schema', {'type': 'string'})]),
            OrderedDict([('name', 'sortAsc'), ('in', 'query'), ('description', 'Property to sort by, ascending.'),
                         ('schema', {'type': 'string'})]),
            OrderedDict([('name', 'sortDesc'), ('in', 'query'), ('description', 'Property to sort by, descending.'),
                         ('schema', {'type': 'string'})]),
            {'$ref': '#/components/parameters/PageSize'},
            {'$ref': '#/components/parameters/Page'},
        ]

    def request_body(self, variants):
        bodies = []
        for variant in variants:
            if variant.body not in NO_BODY and variant.body not in bodies:
                bodies.append(variant.body)
        if not bodies:
            return None
        for body in bodies:
            if self.registry.get(body) is None:
                raise ValueError(f'request body {body} has no component')
        schema = {'$ref': '#/components/schemas/' + bodies[0]} if len(bodies) == 1 else \
            {'oneOf': [{'$ref': '#/components/schemas/' + b} for b in bodies]}
        required = all(v.body not in NO_BODY and not v.optional for v in variants)
        body = OrderedDict([('description', 'The request body in JSON; the gateway sends Enterprise Manager the XML '
                                            'element of the same name, members in schema order.')])
        if required:
            body['required'] = True
        body['content'] = {'application/json': {'schema': schema}}
        return body

    def responses(self, method, path, variants):
        responses = OrderedDict()
        by_status = OrderedDict()
        for variant in sorted(variants, key=lambda v: v.status):
            roots = variant.roots or (['Task'] if variant.status == '202' else [])
            for root in roots:
                if self.registry.get(root) is None:
                    raise ValueError(f'response root {root} of {method} {path} has no component')
            known = by_status.setdefault(variant.status, [])
            known.extend(r for r in roots if r not in known)
        for status, roots in by_status.items():
            response = OrderedDict([('description', self.response_text(status, roots))])
            if status == '201' and path == '/sessionMngr/':
                response['headers'] = OrderedDict([
                    ('X-RestSvcSessionId', {'description': 'The session token for later requests.',
                                            'schema': {'type': 'string'}}),
                    ('Location', {'description': 'Where the new session can be read.',
                                  'schema': {'type': 'string', 'format': 'uri'}})])
            if method == 'GET' and status == '200':
                response['headers'] = OrderedDict([(name, {'$ref': '#/components/headers/' + name})
                                                   for name in ('ETag', 'Cache-Status', 'Age')])
            if roots:
                schema = {'$ref': '#/components/schemas/' + roots[0]} if len(roots) == 1 else \
                    {'oneOf': [{'$ref': '#/components/schemas/' + r} for r in roots]}
                response['content'] = {'application/json': {'schema': schema}}
            responses[status] = response
        if method == 'GET' and '200' in responses:
            responses['304'] = {'$ref': '#/components/responses/NotModified'}
        for status, name in ERRORS:
            if path == '/' and status in ('401', '403', '404'):
                continue
            responses[status] = {'$ref': '#/components/responses/' + name}
        return responses

    @staticmethod
    def response_text(status, roots):
        if status == '202':
            return 'Accepted: the task that carries the operation out; poll its Href.'
        if status == '204':
            return 'Done; no body.'
        if not roots:
            return f'{STATUS_TEXT.get(status, status)}; no body.'
        if len(roots) > 1:
            return f'{STATUS_TEXT.get(status, status)}: ' + ' or '.join(f'`{r}`' for r in roots) + \
                ' (a reference by default, the entity with `format=Entity`).' if roots[0] in ('EntityRef', 'EntityReferences') else \
                f'{STATUS_TEXT.get(status, status)}: ' + ' or '.join(f'`{r}`' for r in roots) + '.'
        return f'{STATUS_TEXT.get(status, status)}: `{roots[0]}`.'

    def actions(self, method, path, variants):
        """The operations table for the gateway: one entry per action (and one for none)."""
        extra = self.options.get('getActions', {}).get(f'{method} {path}')
        if not any(v.action for v in variants) and not extra:
            return None
        entries = OrderedDict()
        for variant in variants:
            entry = entries.setdefault(variant.action, OrderedDict())
            if variant.action:
                entry['action'] = variant.action
            if variant.body not in NO_BODY:
                entry['requestBody'] = variant.body
            statuses = entry.setdefault('responses', [])
            if variant.status not in statuses:
                statuses.append(variant.status)
        for action in extra or []:
            entries.setdefault(action, OrderedDict([('action', action), ('responses', ['200'])]))
        ordered = sorted(entries.values(), key=lambda e: (e.get('action') or '').lower())
        for entry in ordered:
            entry.move_to_end('responses')
        return ordered


def tag_of(path):
    segments = [s for s in path.split('/') if s and not s.startswith('{')]
    if not segments:
        return 'Entry point'
    first = segments[0]
    if first == 'cloud' and len(segments) > 1:
        return 'Cloud ' + describe.words(segments[1][0].upper() + segments[1][1:])
    return describe.words(first[0].upper() + first[1:]).capitalize()
