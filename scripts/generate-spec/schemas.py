"""Components → OpenAPI component schemas, following openapi/README.md's conventions."""
import describe

READ_ONLY_ATTRIBUTES = {'Href', 'UID', 'Type'}
REF = '#/components/schemas/'
# A member that only newer EMs write: when the XML lacks it, the JSON lacks it too (no `null`).
OMIT_WHEN_ABSENT = 'x-em-omit-when-absent'


def ref(name):
    return {'$ref': REF + name}


def scalar_schema(member, nullable=True):
    schema = {'type': [member.scalar, 'null'] if nullable else member.scalar}
    if member.fmt:
        schema['format'] = member.fmt
    if member.enum and member.scalar == 'string':
        schema['enum'] = list(member.enum) + ([None] if nullable else [])
    return schema


def read_only(member, component):
    if member.read_only:
        return True
    if member.kind == 'attribute' and member.xml in READ_ONLY_ATTRIBUTES and component.name != 'Link':
        return True
    if member.xml == 'Links' and member.shape == 'wrapped':
        return True
    if component.name in ('Entity', 'EntityRef') and member.xml == 'Name':
        return True
    if member.xml == 'TaskId':
        return True
    return False


def property_schema(member, component):
    description = describe.member(member, component)
    xml = {}
    if member.kind == 'attribute':
        xml['nodeType'] = 'attribute'
    elif member.kind == 'text':
        xml['nodeType'] = 'text'
    if member.shape == 'wrapped':
        schema = {'description': description, 'type': ['array', 'null']}
        if member.xml != member.json:
            xml['name'] = member.xml
        xml['nodeType'] = 'element'
        items = ref(member.ref) if member.ref else scalar_schema(member, nullable=False)
        items = dict(items)
        items['xml'] = {'name': member.item}
        schema['items'] = items
    elif member.shape == 'repeated':
        schema = {'description': description, 'type': ['array', 'null']}
        items = ref(member.ref) if member.ref else scalar_schema(member, nullable=False)
        items = dict(items)
        items['xml'] = {'name': member.xml}
        schema['items'] = items
    elif member.ref:
        schema = {'description': description, 'oneOf': [ref(member.ref), {'type': 'null'}]}
        if member.xml != member.json:
            xml['name'] = member.xml
    else:
        schema = {'description': description}
        schema.update(scalar_schema(member))
        if member.kind != 'text' and member.xml != member.json:
            xml['name'] = member.xml
    if read_only(member, component):
        schema['readOnly'] = True
    if xml:
        schema['xml'] = xml
    if member.omit_when_absent:
        schema[OMIT_WHEN_ABSENT] = True
    return schema


def component_schema(component, registry):
    properties = {}
    for member in component.members:
        properties[member.json] = property_schema(member, component)
    schema = {'description': describe.component(component, registry)}
    if component.root:
        schema['xml'] = {'name': component.root}
    required = [member.json for member in component.members if member.required]
    if component.base:
        own = {'type': 'object', 'properties': properties}
        if required:
            own['required'] = required
        schema['allOf'] = [ref(component.base), own]
    else:
        schema['type'] = 'object'
        schema['properties'] = properties
        if required:
            schema['required'] = required
    return schema


def all_schemas(registry):
    return {name: component_schema(c, registry) for name, c in registry.components.items()}
