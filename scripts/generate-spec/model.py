"""The generator's in-memory model of EM's types: components and their members.

A Component is one OpenAPI component schema (one EM type); a Member is one of its properties.
Members keep XML order. Scalars are 'string', 'integer', 'number' or 'boolean'; complex values
name another component.
"""


class Member:
    """One property of a component."""

    def __init__(self, json, xml, kind='element', shape='single', scalar=None, ref=None,
                 item=None, fmt=None, read_only=False, enum=None, description=None, source='',
                 omit_when_absent=False, required=False):
        self.json = json          # JSON property name
        self.xml = xml            # XML local name (wrapper for wrapped, item for repeated)
        self.kind = kind          # 'element' | 'attribute' | 'text'
        self.shape = shape        # 'single' | 'repeated' | 'wrapped'
        self.scalar = scalar      # scalar JSON type when not complex
        self.ref = ref            # component name when complex
        self.item = item          # item element name of a wrapped list
        self.fmt = fmt            # OpenAPI format ('uri', 'date-time', 'int32'...)
        self.read_only = read_only
        self.enum = enum          # documented values, or None
        self.description = description
        self.source = source      # where the member came from (xsd, docs, sample, json)
        # A member of newer EMs only: absent from the XML → absent from the JSON, not `null`
        # (OpenAPI extension `x-em-omit-when-absent`, see openapi/README.md).
        self.omit_when_absent = omit_when_absent
        # Must be present and not `null` in a request body (OpenAPI `required`): EM's 2017 XSD has
        # minOccurs >= 1 and today's docs list it (see finish.derive_required).
        self.required = required

    def key(self):
        """Identity within a type: kind and XML name (text has none)."""
        return (self.kind, self.xml if self.kind != 'text' else '')

    def same_value(self, other):
        return (self.shape, self.scalar, self.ref, self.item) == (other.shape, other.scalar, other.ref, other.item)

    def __repr__(self):
        value = self.ref or self.scalar
        return f'Member({self.json}/{self.xml} {self.kind} {self.shape} {value})'


class Component:
    """One EM type."""

    def __init__(self, name, root=None, base=None, members=None, description=None, origin='',
                 xsd_name=None):
        self.name = name
        self.root = root            # XML root element name, or None
        self.base = base            # base component name (allOf), or None
        self.members = members or []  # own members, XML order
        self.description = description
        self.origin = origin        # 'xsd', 'docs', 'sample', 'override'
        self.xsd_name = xsd_name    # the XSD/doc type name it stands for, if known
        self.observed = False       # True when a real JSON answer fixed its member set

    def member(self, kind, xml):
        for member in self.members:
            if member.kind == kind and (kind == 'text' or member.xml == xml):
                return member
        return None

    def member_json(self, json):
        for member in self.members:
            if member.json == json:
                return member
        return None

    def is_list_type(self):
        return len(self.members) == 1 and self.members[0].shape == 'repeated' and self.base is None

    def __repr__(self):
        return f'Component({self.name} root={self.root} base={self.base} {len(self.members)} members)'


def plural(name):
    """EM's plural for list members: `y` → `ies`, names ending in `s` unchanged, else `+s`."""
    if name.endswith('s'):
        return name
    if name.endswith('y') and len(name) > 1 and name[-2] not in 'aeiouAEIOU':
        return name[:-1] + 'ies'
    return name + 's'


SCALAR_KINDS = ('string', 'integer', 'number', 'boolean')
