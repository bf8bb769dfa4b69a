"""Post-passes over the inferred components: placeholders from real JSON `null`s, the abstract bases
of new entity types, and query-result lists."""
from model import Component, Member, plural

RESOURCE = [('Links', 'element'), ('Href', 'attribute'), ('Type', 'attribute')]
ENTITY = RESOURCE + [('Name', 'attribute'), ('UID', 'attribute')]


def singular(name):
    if name.endswith('ies'):
        return name[:-3] + 'y'
    if name.endswith('s'):
        return name[:-1]
    return name


def resolve_placeholders(registry, docs_types, log, fragments):
    """Members real JSON showed only as `null`: the type other members of that name have, else the
    documented type, else a string."""
    for component in registry.components.values():
        for member in component.members:
            if member.source.startswith('sample-empty') and member.ref is None:
                refs = sorted({m.ref for c in registry.components.values() for m in c.members
                               if m.xml == member.xml and m.ref and m is not member and m.shape == member.shape})
                if len(refs) == 1:
                    member.ref, member.scalar, member.source = refs[0], None, 'sample+resolved'
                    log.append(f'empty {component.name}.{member.json} → {refs[0]}')
                elif refs:
                    log.append(f'empty {component.name}.{member.json}: several candidates {refs}')
                continue
            if member.source != 'json-null':
                continue
            candidates = sorted({m.ref for c in registry.components.values() for m in c.members
                                 if m.xml == member.xml and m.ref and m is not member})
            wrapped = [m for c in registry.components.values() for m in c.members
                       if m.xml == member.xml and m.shape == 'wrapped' and m is not member]
            documented = [row['type_norm'] for _, row in docs_types.by_element.get(member.xml, [])]
            by_docs = [registry.by_xsd[t] for t in documented if t in registry.by_xsd]
            if member.xml in fragments:
                candidates = [fragments[member.xml]]
            if wrapped:
                member.shape, member.item, member.ref, member.scalar = 'wrapped', wrapped[0].item, wrapped[0].ref, wrapped[0].scalar
            elif len(candidates) == 1:
                member.ref, member.scalar = candidates[0], None
            elif by_docs:
                member.ref, member.scalar = by_docs[0], None
            elif registry.get(member.xml) and not registry.get(member.xml).root:
                member.ref, member.scalar = member.xml, None
            else:
                log.append(f'placeholder {component.name}.{member.json} stays a string')
                continue
            member.source = 'json+resolved'
            log.append(f'placeholder {component.name}.{member.json} → {member.ref or member.shape}')


def entities_lists(registry, names, log):
    """Every member of QueryResult's `Entities` is a list type holding entities of one kind."""
    entities = registry.get('Entities')
    for member in entities.members:
        if member.ref and registry.get(member.ref).is_list_type():
            continue
        list_name, item, item_type = (names.get(member.xml, []) + [None, None, None])[:3]
        roots = registry.roots()
        if list_name is None:
            list_name = member.xml if member.xml in roots else None
        if list_name and registry.get(list_name) and registry.get(list_name).is_list_type():
            member.ref, member.scalar, member.source = list_name, None, 'entities'
            continue
        item = item or singular(member.xml)
        if item not in roots and item_type is None:
            log.append(f'Entities.{member.xml}: no entity type for <{item}>')
            continue
        list_name = list_name or member.xml
        if registry.get(list_name) is None:
            registry.add(Component(list_name, origin='entities', members=[
                Member(plural(item), item, shape='repeated', ref=item_type or roots[item], source='entities')]))
        member.ref, member.scalar, member.source = list_name, None, 'entities'
        log.append(f'Entities.{member.xml} → {list_name} of {item}')


def normalize_bases(registry, log):
    """New (sample-inferred) types with Links, Href and Type extend Resource; with Name and UID too, Entity."""
    for component in registry.components.values():
        if component.base or component.origin not in ('sample', 'json', 'entities') or component.observed:
            continue
        present = {(m.xml, m.kind) for m in component.members}
        for base, keys in (('Entity', ENTITY), ('Resource', RESOURCE)):
            required = [k for k in keys if k[0] != 'Links']
            if all(k in present for k in required):
                for xml, kind in keys:
                    found = component.member(kind, xml)
                    if found is not None:
                        if xml == 'Links' and found.shape != 'wrapped':
                            break
                        component.members.remove(found)
                component.base = base
                log.append(f'{component.name} extends {base}')
                break


INTEGER = __import__('re').compile(r'^[+-]?[0-9]+$')
NUMBER = __import__('re').compile(r'^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$')


def check_values(registry, docs_types, values, log):
    """Scalar types and enums against the texts the samples show: a documented enum is kept only when
    every sample value is one of its values; a typed member whose sample text does not fit is reported."""
    owners = {}
    for component in registry.components.values():
        for member in component.members:
            owners[id(member)] = component
    for key, (member, texts) in values.items():
        component = owners.get(key)
        if component is None:
            continue
        if member.scalar == 'integer' and not all(INTEGER.match(t) for t in texts):
            log.append(f'type: {component.name}.{member.json} is integer, samples show {sorted(texts)[:5]}')
        if member.scalar == 'number' and not all(NUMBER.match(t) for t in texts):
            log.append(f'type: {component.name}.{member.json} is number, samples show {sorted(texts)[:5]}')
        if member.scalar == 'boolean' and not all(t.lower() in ('true', 'false') for t in texts):
            log.append(f'type: {component.name}.{member.json} is boolean, samples show {sorted(texts)[:5]}')
    for component in registry.components.values():
        for member in component.members:
            if member.scalar != 'string' or member.kind == 'text':
                continue
            texts = values.get(id(member), (member, set()))[1]
            enum = member.enum or docs_types.enum(component.name, member.xml)
            if not enum:
                continue
            if texts <= set(enum):
                member.enum = sorted(set(enum), key=enum.index)
            else:
                if member.enum:
                    log.append(f'enum: {component.name}.{member.json} documented {enum}, samples show {sorted(texts - set(enum))}')
                member.enum = None


def similar(a, b):
    """Documentation spellings of an existing member (`CreationTime` for `CreationTimeUTC`, `PoinType`)."""
    a, b = a.lower(), b.lower()
    if a.startswith(b) or b.startswith(a):
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= 2


def augment_from_docs(registry, docs_types, skip, log):
    """Scalar elements the documentation lists for a type that no sample shows (types real JSON fixed
    are left alone). Each goes after the documented element before it."""
    for component in list(registry.components.values()):
        if component.observed or component.name in skip:
            continue
        rows = docs_types.owner_elements(component.name)
        if not rows:
            continue
        previous = None
        for row in rows:
            element = row['element'].strip()
            if not element.isidentifier() or element in ('Href', 'Type', 'Links', 'UID', 'Name') \
                    or f'{component.name}.{element}' in skip:
                continue
            flat = registry.flattened(component.name)
            existing = next((m for m in flat if m.xml == element), None)
            if existing is not None:
                previous = existing
                continue
            if any(similar(element, m.xml) for m in flat):
                continue
            scalar = docs_types.scalar(component.name, element)
            if scalar is None:
                continue
            member = Member(element, element, scalar=scalar[0], fmt=scalar[1], source='docs')
            index = component.members.index(previous) + 1 if previous in component.members else \
                len([m for m in component.members if m.kind == 'element'])
            component.members.insert(index, member)
            previous = member
            log.append(f'docs add {component.name}.{element} ({scalar[0]})')


def complete_from_xsd(registry, schema, builder, docs_types, log):
    """Members EM's 2017 XSD declares that the types still lack (real JSON of a later EM fixed a
    type's members without them, or nothing showed them): each is added where the XSD places it
    (after the XSD member before it), `x-em-omit-when-absent` when today's docs do not list it for
    the type or real JSON fixed the type, so answers without it convert exactly as before and
    answers with it are typed (`ObjectInJob.Order` is an `xs:int`)."""
    for component in list(registry.components.values()):
        xsd_type = schema.complex.get(component.xsd_name) if component.xsd_name else None
        if xsd_type is None:
            continue
        documented = {row['element'].strip() for row in docs_types.owner_elements(component.name)}
        previous = None
        for element in xsd_type.elements:
            existing = registry.flat_member(component.name, 'element', element.name)
            if existing is not None:
                previous = existing
                continue
            member = builder._element_member(component.name, element, list_base=xsd_type.base == 'ListType')
            member.source = 'xsd-complete'
            member.omit_when_absent = component.observed or element.name not in documented
            index = component.members.index(previous) + 1 if previous in component.members else 0
            component.members.insert(index, member)
            previous = member
            log.append(f'xsd adds {component.name}.{element.name}')
        for name, type_name, _ in xsd_type.attributes:
            if registry.flat_member(component.name, 'attribute', name) is not None:
                continue
            scalar, fmt, enum = schema.scalar(type_name)
            component.members.append(Member(name, name, kind='attribute', scalar=scalar, fmt=fmt, enum=enum,
                                            source='xsd-complete',
                                            omit_when_absent=component.observed or name not in documented))
            log.append(f'xsd adds {component.name}.@{name}')


def derive_required(registry, schema, docs_types, log, exceptions=None):
    """`required` members: EM's 2017 XSD declares them with minOccurs >= 1 (outside a repeating
    choice; attributes `use="required"`) and today's docs list them as request elements of the
    type with at least one occurrence (`1/1`; answers are never checked: EM's own leave members out). A `null` counts as missing; a
    required member of an absent optional object is not checked (OpenAPI semantics)."""
    requested = {(row['owner'], row['element'].strip()) for row in docs_types.rows
                 if row['kind'] == 'request-element' and row['min_max'].startswith('1/')}
    for component in registry.components.values():
        xsd_type = schema.complex.get(component.xsd_name) if component.xsd_name else None
        if xsd_type is None:
            continue
        for element in xsd_type.elements:
            if element.min_occurs < 1 or element.repeating_choice:
                continue
            member = component.member('element', element.name)
            if member is not None and (component.name, element.name) in requested \
                    and f'{component.name}.{member.json}' not in (exceptions or {}):
                member.required = True
                log.append(f'required {component.name}.{member.json}')
        for name, _, required in xsd_type.attributes:
            member = component.member('attribute', name)
            if required and member is not None and (component.name, name) in requested:
                member.required = True
                log.append(f'required {component.name}.@{name}')
