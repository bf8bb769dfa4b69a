"""XSD complex types → components (the backbone for EM's older types)."""
from model import Component, Member, plural

# Empty marker bases: extending them adds nothing.
MARKER_BASES = {'ListType', 'InfoType', 'ParamsType', 'SpecType'}
# Bases kept as components (allOf) under the conventions' names.
BASE_NAMES = {'ResourceType': 'Resource', 'EntityType': 'Entity', 'JobSessionEntityType': 'JobSession'}
# Bases that are empty aliases of another base.
BASE_ALIASES = {'ReportResourceType': 'ResourceType'}
# Types written by hand (Link flattens ReferenceType with Rel first, as EM's JSON orders it).
HAND_WRITTEN = {'LinkType', 'ReferenceType'}


def is_bare_list(xsd_type):
    """A base-less type holding only one repeating element: a JSON array (LinkListType, StringListType)."""
    if xsd_type.base is not None or xsd_type.attributes or xsd_type.text or len(xsd_type.elements) != 1:
        return False
    element = xsd_type.elements[0]
    return element.repeating_choice or element.max_occurs is None


def component_name(xsd_name, roots_by_type):
    if xsd_name in BASE_NAMES:
        return BASE_NAMES[xsd_name]
    if xsd_name in roots_by_type:
        return roots_by_type[xsd_name]
    for suffix in ('EntityListType', 'InfoType', 'EntityType', 'Type'):
        if xsd_name.endswith(suffix) and len(xsd_name) > len(suffix):
            stem = xsd_name[: -len(suffix)]
            return stem + ('List' if suffix == 'EntityListType' else '')
    return xsd_name


class XsdBuilder:
    def __init__(self, schema, registry, names=None):
        self.schema = schema
        self.registry = registry
        self.names = names or {}   # overrides: XSD or anonymous name → component name
        self.roots_by_type = {}
        for element, type_name in schema.roots.items():
            self.roots_by_type.setdefault(type_name, element)
        # `XInfoType` used only by elements named `XInfo` keeps the `Info` (`PagingInfo`, `BackupJobInfo`).
        self.used_as = {}
        for xsd_type in schema.complex.values():
            for element in xsd_type.elements:
                if element.type_name:
                    self.used_as.setdefault(element.type_name, set()).add(element.name)

    def build(self):
        for xsd_name, xsd_type in self.schema.complex.items():
            if xsd_name in MARKER_BASES or xsd_name in HAND_WRITTEN or xsd_name in BASE_ALIASES:
                continue
            if is_bare_list(xsd_type):
                continue
            self._component(xsd_name, xsd_type)

    def name_of(self, xsd_name):
        if xsd_name in self.names:
            return self.names[xsd_name]
        if xsd_name.endswith('InfoType') and xsd_name not in self.roots_by_type:
            used = self.used_as.get(xsd_name, set())
            if used == {xsd_name[: -len('Type')]}:
                return xsd_name[: -len('Type')]
        return component_name(xsd_name, self.roots_by_type)

    def _component(self, xsd_name, xsd_type, name=None):
        name = name or self.name_of(xsd_name)
        existing = self.registry.get(name)
        if existing:
            return existing
        root = self.roots_by_type.get(xsd_name) if xsd_name else None
        base = BASE_ALIASES.get(xsd_type.base, xsd_type.base)
        base_name = None
        if base and base not in MARKER_BASES:
            base_name = self.name_of(base)
        component = self.registry.add(Component(name, root=root, base=base_name, origin='xsd', xsd_name=xsd_name))
        if base_name and not self.registry.get(base_name):
            self._component(base, self.schema.complex[base])
        for element in xsd_type.elements:
            component.members.append(self._element_member(name, element, list_base=xsd_type.base == 'ListType'))
        for attribute, type_name, _ in xsd_type.attributes:
            scalar, fmt, enum = self.schema.scalar(type_name)
            if attribute == 'Href':
                fmt = 'uri'
            component.members.append(Member(attribute, attribute, kind='attribute', scalar=scalar, fmt=fmt,
                                            enum=enum, source='xsd'))
        if xsd_type.text:
            scalar, fmt, enum = self.schema.scalar(xsd_type.text)
            component.members.append(Member('Value', '', kind='text', scalar=scalar, fmt=fmt, enum=enum, source='xsd'))
        return component

    def _element_member(self, owner, element, list_base=False):
        repeated = element.repeating_choice or element.max_occurs is None or (element.max_occurs or 1) > 1
        json = plural(element.name) if element.repeating_choice or (list_base and repeated) else element.name
        shape = 'repeated' if repeated else 'single'
        if element.inline is not None:
            if is_bare_list(element.inline):
                return self._wrapped(element.name, element.inline.elements[0], repeated)
            anonymous = f'{owner}.{element.name}'
            default = element.name if element.name.startswith(owner) else owner + element.name
            name = self.names.get(anonymous, default)
            self._component(None, element.inline, name=name)
            return Member(json, element.name, shape=shape, ref=name, source='xsd')
        xsd_type = self.schema.complex.get(element.type_name)
        if xsd_type is not None:
            if is_bare_list(xsd_type):
                return self._wrapped(element.name, xsd_type.elements[0], repeated)
            if element.type_name == 'LinkType':
                return Member(json, element.name, shape=shape, ref='Link', source='xsd')
            name = self.name_of(element.type_name)
            self._component(element.type_name, xsd_type)
            return Member(json, element.name, shape=shape, ref=name, source='xsd')
        scalar, fmt, enum = self.schema.scalar(element.type_name)
        return Member(json, element.name, shape=shape, scalar=scalar, fmt=fmt, enum=enum, source='xsd')

    def _wrapped(self, name, item, repeated):
        if repeated:
            raise ValueError(f'repeated wrapped list {name}')
        if item.type_name == 'LinkType':
            return Member(name, name, shape='wrapped', item=item.name, ref='Link', source='xsd')
        xsd_type = self.schema.complex.get(item.type_name) if item.type_name else None
        if xsd_type is not None:
            self._component(item.type_name, xsd_type)
            return Member(name, name, shape='wrapped', item=item.name, ref=self.name_of(item.type_name), source='xsd')
        if item.inline is not None:
            raise ValueError(f'inline item type in wrapped list {name}')
        scalar, fmt, enum = self.schema.scalar(item.type_name)
        return Member(name, name, shape='wrapped', item=item.name, scalar=scalar, fmt=fmt, enum=enum, source='xsd')
