"""Applies the hand-maintained fixes in scripts/generate-spec-overrides.json to the registry.

Each edit names what it changes, so the file reads as a reviewable list of decisions.
"""
from model import Component, Member

MEMBER_FIELDS = {
    'json': 'json', 'xml': 'xml', 'kind': 'kind', 'shape': 'shape', 'item': 'item', 'ref': 'ref',
    'scalar': 'scalar', 'format': 'fmt', 'readOnly': 'read_only', 'enum': 'enum', 'description': 'description',
    'omitWhenAbsent': 'omit_when_absent', 'required': 'required',
}


def member_from(spec):
    member = Member(spec['json'], spec.get('xml', spec['json']), source='override')
    for key, attribute in MEMBER_FIELDS.items():
        if key in spec:
            setattr(member, attribute, spec[key])
    if member.kind == 'text':
        member.xml = ''
    if member.ref is None and member.scalar is None:
        member.scalar = 'string'
    return member


def find(component, spec):
    for member in component.members:
        if 'json' in spec and member.json == spec['json']:
            return member
        if 'xml' in spec and 'json' not in spec and member.xml == spec['xml'] and member.kind == spec.get('kind', 'element'):
            return member
    raise KeyError(f'{component.name}: no member {spec}')


def apply(registry, edits, log):
    for edit in edits:
        op = edit['op']
        name = edit.get('component')
        if op == 'component':
            existing = registry.get(name)
            if existing is None:
                existing = registry.add(Component(name, origin='override'))
            if 'root' in edit:
                existing.root = edit['root']
            if 'base' in edit:
                existing.base = edit['base']
            if 'members' in edit:
                existing.members = [member_from(spec) for spec in edit['members']]
            if 'description' in edit:
                existing.description = edit['description']
        elif op == 'rename':
            registry.rename(name, edit['to'])
        elif op == 'remove':
            registry.components.pop(name)
        elif op == 'member':
            member = find(registry.get(name), edit['match'])
            for key, attribute in MEMBER_FIELDS.items():
                if key in edit.get('set', {}):
                    setattr(member, attribute, edit['set'][key])
            if member.ref is not None and 'scalar' not in edit.get('set', {}):
                member.scalar = None
            if 'ref' not in edit.get('set', {}) and 'scalar' in edit.get('set', {}):
                member.ref = None
        elif op == 'insert':
            component = registry.get(name)
            member = member_from(edit['member'])
            if 'after' in edit:
                anchor = find(component, {'json': edit['after']})
                component.members.insert(component.members.index(anchor) + 1, member)
            elif edit.get('first'):
                component.members.insert(0, member)
            else:
                component.members.append(member)
        elif op == 'drop':
            component = registry.get(name)
            component.members.remove(find(component, edit['match']))
        elif op == 'move':
            component = registry.get(name)
            member = find(component, edit['match'])
            component.members.remove(member)
            if 'after' in edit:
                anchor = find(component, {'json': edit['after']})
                component.members.insert(component.members.index(anchor) + 1, member)
            else:
                component.members.insert(0, member)
        else:
            raise ValueError(f'unknown override op {op}')
        log.append(f'override {op} {name or ""}')
