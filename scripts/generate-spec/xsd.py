"""Reads EM's RestAPI.xsd into raw type definitions (dev-time input of generate-spec.py).

Only what the gateway's model needs is kept: for each complex type its base, its elements in
order (with occurrence and whether they sit in a repeating choice), its attributes and its text
content; for each simple type its scalar kind and enumeration values.
"""
import xml.etree.ElementTree as ET

XS = '{http://www.w3.org/2001/XMLSchema}'

# XSD simple types (the schema's own aliases included) → JSON scalar and OpenAPI format.
SCALARS = {
    'int': ('integer', 'int32'), 'long': ('integer', 'int64'), 'ushort': ('integer', 'int32'),
    'ulong': ('integer', 'int64'), 'unsignedShort': ('integer', 'int32'), 'unsignedLong': ('integer', 'int64'),
    'TimeSpan': ('integer', 'int32'), 'bool': ('boolean', None), 'boolean': ('boolean', None),
    'DateTime': ('string', 'date-time'), 'dateTime': ('string', 'date-time'), 'Time': ('string', 'time'),
    'time': ('string', 'time'), 'UrlType': ('string', 'uri'), 'double': ('number', 'double'),
    'decimal': ('number', None),
}


class XsdElement:
    def __init__(self, name, type_name, inline, min_occurs, max_occurs, repeating_choice, default=None):
        self.name = name
        self.type_name = type_name      # XSD type name, or None for an inline type
        self.inline = inline            # XsdComplexType for an inline complex type
        self.min_occurs = min_occurs
        self.max_occurs = max_occurs    # int, or None for unbounded
        self.repeating_choice = repeating_choice  # inside a choice/sequence with maxOccurs unbounded
        self.default = default


class XsdComplexType:
    def __init__(self, name):
        self.name = name
        self.base = None
        self.elements = []
        self.attributes = []   # (name, type_name, required)
        self.text = None       # simple content base type name
        self.abstract = False


class XsdSchema:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.roots = {}           # root element → XSD type
        self.complex = {}         # name → XsdComplexType
        self.simple = {}          # name → (base, [enum values])
        for child in root:
            if child.tag == XS + 'element':
                self.roots[child.get('name')] = strip(child.get('type'))
            elif child.tag == XS + 'complexType':
                self.complex[child.get('name')] = self._complex(child, child.get('name'))
            elif child.tag == XS + 'simpleType':
                restriction = child.find(XS + 'restriction')
                values = [e.get('value') for e in restriction.findall(XS + 'enumeration')]
                self.simple[child.get('name')] = (strip(restriction.get('base')), values)

    def _complex(self, node, name):
        result = XsdComplexType(name)
        result.abstract = node.get('abstract') == 'true'
        content = node
        for wrapper in ('complexContent', 'simpleContent'):
            found = node.find(XS + wrapper)
            if found is not None:
                extension = found.find(XS + 'extension')
                if extension is None:
                    extension = found.find(XS + 'restriction')
                if wrapper == 'simpleContent':
                    result.text = strip(extension.get('base'))
                else:
                    result.base = strip(extension.get('base'))
                content = extension
        self._particles(content, result, repeating=False)
        for attribute in content.findall(XS + 'attribute'):
            result.attributes.append((attribute.get('name'), strip(attribute.get('type')), attribute.get('use') == 'required'))
        return result

    def _particles(self, node, result, repeating):
        for child in node:
            if child.tag in (XS + 'sequence', XS + 'choice'):
                unbounded = child.get('maxOccurs') == 'unbounded'
                self._particles(child, result, repeating or unbounded)
            elif child.tag == XS + 'element':
                inline = None
                complex_node = child.find(XS + 'complexType')
                if complex_node is not None:
                    inline = self._complex(complex_node, None)
                max_text = child.get('maxOccurs', '1')
                result.elements.append(XsdElement(
                    child.get('name'), strip(child.get('type')) if child.get('type') else None, inline,
                    int(child.get('minOccurs', '1')), None if max_text == 'unbounded' else int(max_text),
                    repeating, child.get('default')))

    def scalar(self, type_name):
        """(json scalar, format, enum) for a simple type name, or None for a complex type."""
        if type_name in self.complex:
            return None
        enum = None
        name = type_name
        seen = set()
        while name in self.simple and name not in seen:
            seen.add(name)
            base, values = self.simple[name]
            if values and enum is None:
                enum = values
            if name in SCALARS:
                break
            name = base
        json, fmt = SCALARS.get(name, ('string', None))
        return json, fmt, enum


def strip(name):
    if name is None:
        return None
    return name.split(':', 1)[1] if ':' in name else name
