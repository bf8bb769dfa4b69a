"""Runs the generator's steps in order and writes (or checks) the outputs."""
import glob
import json
import os
import xml.etree.ElementTree as ET

import document
import finish
import paths as paths_module
import yamlout
import overrides
import roots
from docs_types import DocsTypes
from from_samples import SampleInference, local
from from_xsd import XsdBuilder
from registry import Registry
from xsd import XsdSchema

# Real server answers: their JSON fixes the member sets of the types they show.
REAL_PAIRS = [
    ('samples/pairs/representation_collections_02.xml', 'samples/pairs/representation_collections_02.json'),
    ('samples/pairs/resource_representation_for_ke_02.xml', 'samples/pairs/resource_representation_for_ke_02.json'),
]
REAL_JSON = [
    ('samples/extra/backupjobsession_entity_em10_real.json', 'BackupJobSession'),
    ('samples/extra/entityreferences_nas_backupsessions_em10_real.json', 'EntityReferences'),
    ('samples/extra/queryresult_refs_backupjobsession_em10_real.json', 'QueryResult'),
    ('samples/extra/queryresult_entities_backupjobsession_em12_real.json', 'QueryResult'),
    ('samples/extra/error_400_em95u4_real.json', 'Error'),
]


def load_overrides(root):
    with open(os.path.join(root, 'scripts', 'generate-spec-overrides.json'), encoding='utf-8') as handle:
        return json.load(handle)


def sample_files(em):
    files = sorted(glob.glob(os.path.join(em, 'samples/pairs/*.xml')))
    files += sorted(glob.glob(os.path.join(em, 'samples/xml-only/*.xml')))
    files += sorted(glob.glob(os.path.join(em, 'samples/extra/*.xml')))
    return files


def twin_json(path):
    if '/pairs/' not in path:
        twin = path[:-4] + '.json'
        return json.load(open(twin, encoding='utf-8')) if os.path.exists(twin) and '/extra/' in path else None
    with open(path[:-4] + '.json', encoding='utf-8') as handle:
        return json.load(handle)


def fragment_root(registry, inference, tag, element, value):
    """The component a namespace-less fragment's root element stands for: the type of a member of
    that name that fits it best (roots only when no member fits), else a new component."""
    owners = sorted(c.name for c in registry.components.values() for m in c.members
                    if m.kind == 'element' and m.xml == tag and m.shape == 'wrapped')
    if owners:
        return owners[0], True
    candidates = {m.ref for c in registry.components.values() for m in c.members
                  if m.kind == 'element' and m.xml == tag and m.ref and m.shape != 'wrapped'}
    if tag in inference.fragments:
        candidates.add(inference.fragments[tag])
    found = inference.best_fit(candidates, [element])
    if found:
        return found, False
    roots = registry.roots()
    if tag in roots:
        return roots[tag], False
    return inference._complex_for('', tag, [element], value), False


def document_root(registry, inference, tag, element, value):
    """The component of a namespaced document: its root, or a new root component named after it."""
    roots = registry.roots()
    if tag in roots:
        return roots[tag]
    existing = registry.get(tag)
    if existing is not None and existing.root is None:
        existing.root = tag
        return tag
    return inference.new_root(tag, element, value)


def build_types(em, root, log, report_placements=None):
    options = load_overrides(root)
    registry = Registry()
    overrides.apply(registry, options['start'], log)
    schema = XsdSchema(os.path.join(em, 'reference/RestAPI-2017.xsd'))
    builder = XsdBuilder(schema, registry, names=options['names'])
    builder.build()
    overrides.apply(registry, options['afterXsd'], log)
    docs = DocsTypes(os.path.join(em, 'catalog/types.csv'))
    inference = SampleInference(registry, docs, log)
    for xml_path, json_path in REAL_PAIRS:
        element = ET.parse(os.path.join(em, xml_path)).getroot()
        document = json.load(open(os.path.join(em, json_path), encoding='utf-8'))
        inference.document(registry.roots()[local(element.tag)], element, document, observed=True, source=xml_path)
    for json_path, component in REAL_JSON:
        inference.json_document(component, json.load(open(os.path.join(em, json_path), encoding='utf-8')), source=json_path)
    placements = {}
    documents = [(path, ET.parse(path).getroot()) for path in sample_files(em)]
    for fragments in (False, True):
        for path, element in documents:
            tag = local(element.tag)
            namespaced = '}' in element.tag
            if namespaced == fragments:
                continue
            inference.source = os.path.relpath(path, em)
            value = twin_json(path)
            if isinstance(value, dict) and not namespaced and list(value) == [tag]:
                value = value[tag]
            wrap = False
            if namespaced:
                name = document_root(registry, inference, tag, element, value)
            else:
                name, wrap = fragment_root(registry, inference, tag, element, value)
                if not wrap:
                    inference.fragments.setdefault(tag, name)
            relative = os.path.relpath(path, em)
            placements[relative] = (registry.get(name), wrap)
            if report_placements is not None:
                report_placements.append((relative, tag, namespaced, name + (' (wrapped)' if wrap else '')))
            inference.source = relative
            if wrap:
                wrapper = ET.Element(name)
                wrapper.append(element)
                inference.document(name, wrapper, {tag: value} if value is not None else None, source=relative)
            else:
                inference.document(name, element, value, source=relative)
    finish.entities_lists(registry, options['entities'], log)
    finish.resolve_placeholders(registry, docs, log, inference.fragments)
    finish.normalize_bases(registry, log)
    roots.ensure_roots(registry, em, docs, set(options['notRoots']), log)
    overrides.apply(registry, options['afterSamples'], log)
    finish.augment_from_docs(registry, docs, set(options['docsSkip']), log)
    finish.check_values(registry, docs, inference.values, log)
    finish.complete_from_xsd(registry, schema, builder, docs, log)
    finish.derive_required(registry, schema, docs, log, options.get('notRequired'))
    return registry, placements, resolved_conflicts(registry, inference.conflicts)


def resolved_conflicts(registry, conflicts):
    """The conflicts that remain once the overrides are in: a member an override added afterwards
    (a newer EM's member marked `omitWhenAbsent`) is no longer unknown to the built-in types."""
    remaining = {}
    for sample, entries in conflicts.items():
        kept = []
        for entry in entries:
            owner, _, name = entry.rpartition('.')
            component = registry.get(owner)
            kind, xml = ('attribute', name[1:]) if name.startswith('@') else ('element', name)
            if component is None or component.member(kind, xml) is None:
                kept.append(entry)
        if kept:
            remaining[sample] = kept
    return remaining


def read_version(root):
    """The gateway's version: the one line of VERSION at the package root, which owns it."""
    with open(os.path.join(root, 'VERSION'), encoding='utf-8') as handle:
        return handle.read().strip()


def run(em, root, check=False, report=False):
    log = []
    report_placements = []
    registry, placements, conflicts = build_types(em, root, log, report_placements)
    options = load_overrides(root)
    rows = paths_module.load(em)
    path_items = paths_module.PathBuilder(em, registry, options).build()
    spec = yamlout.dump(document.build(path_items, registry, read_version(root)))
    endpoints = '\n'.join(paths_module.documented_endpoints(rows)) + '\n'
    outputs = {
        'openapi/em-gateway.yaml': spec,
        'Tests/Fixtures/spec/documented-endpoints.txt': endpoints,
    }
    outputs.update(sample_fixtures(em, placements, conflicts))
    changed = write_outputs(root, outputs, check)
    if report:
        for path, found in sorted(conflicts.items()):
            print('conflict', path, found)
        for path, tag, namespaced, name in report_placements:
            if not namespaced or tag != name:
                print('placement', path, tag, 'ns' if namespaced else 'fragment', '->', name)
        for line in log:
            print(line)
        for component in registry.components.values():
            print(component.name, component.root, component.base,
                  [m.json + {'repeated': '*', 'wrapped': '[]'}.get(m.shape, '') + ('@' if m.kind == 'attribute' else '')
                   + (':' + m.ref if m.ref else '') for m in component.members])
    if check and changed:
        print('generate-spec: out of date: ' + ', '.join(changed))
        return 1
    return 0


REAL_PAIR_JSON = [json_path for _, json_path in REAL_PAIRS]
FIXTURES = 'Tests/Fixtures/samples/'


def sample_fixtures(em, placements, conflicts):
    """EM's valid XML samples (and the two real server pairs' JSON) for the conformance tests, with
    a manifest saying how each one is read: its root element, the component, whether it is a fragment
    to be read as that component, and the elements it shows that the built-in types leave out because
    real server JSON of another EM version fixes those types' members."""
    outputs = {}
    lines = ['# file\troot element\tcomponent\tkind\tnot in the built-in types (other EM versions)']
    for relative, (component, wrap) in sorted(placements.items()):
        name = component.name
        with open(os.path.join(em, relative), encoding='utf-8') as handle:
            text = handle.read()
        target = relative[len('samples/'):]
        outputs[FIXTURES + target] = text
        element = ET.fromstring(text.encode('utf-8'))
        kind = 'document' if '}' in element.tag else ('wrapped-fragment' if wrap else 'fragment')
        unknown = sorted({entry.rsplit('.', 1)[1] for entry in conflicts.get(relative, [])})
        lines.append('\t'.join([target, local(element.tag), name, kind, ','.join(unknown) or '-']))
    for relative in REAL_PAIR_JSON:
        with open(os.path.join(em, relative), encoding='utf-8') as handle:
            outputs[FIXTURES + relative[len('samples/'):]] = handle.read()
    outputs[FIXTURES + 'manifest.tsv'] = '\n'.join(lines) + '\n'
    return outputs


def write_outputs(root, outputs, check):
    changed = []
    for relative, text in outputs.items():
        path = os.path.join(root, relative)
        existing = open(path, encoding='utf-8').read() if os.path.exists(path) else None
        if existing == text:
            continue
        changed.append(relative)
        if not check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(text)
    return changed
