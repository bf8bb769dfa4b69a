"""All components being built, with lookups the inference steps share."""
from model import Component, Member


class Registry:
    def __init__(self):
        self.components = {}   # name → Component, insertion order kept
        self.by_xsd = {}       # XSD/doc type name → component name

    def add(self, component):
        if component.name in self.components:
            raise ValueError(f'component {component.name} defined twice')
        self.components[component.name] = component
        if component.xsd_name:
            self.by_xsd[component.xsd_name] = component.name
        return component

    def get(self, name):
        return self.components.get(name)

    def rename(self, old, new):
        component = self.components.pop(old)
        component.name = new
        self.components[new] = component
        for other in self.components.values():
            if other.base == old:
                other.base = new
            for member in other.members:
                if member.ref == old:
                    member.ref = new
        for key, value in list(self.by_xsd.items()):
            if value == old:
                self.by_xsd[key] = new

    def flattened(self, name):
        """Members of `name` with its bases' members first (XML order of XSD extensions)."""
        component = self.components[name]
        base = self.flattened(component.base) if component.base else []
        return base + component.members

    def flat_member(self, name, kind, xml):
        for member in self.flattened(name):
            if member.kind == kind and (kind == 'text' or member.xml == xml):
                return member
        return None

    def flat_member_json(self, name, json):
        for member in self.flattened(name):
            if member.json == json:
                return member
        return None

    def owner_of(self, name, member):
        """The component (name itself or a base) that declares `member`."""
        component = self.components[name]
        if member in component.members:
            return component
        return self.owner_of(component.base, member) if component.base else None

    def roots(self):
        return {c.root: c.name for c in self.components.values() if c.root}

    def derived(self, name):
        return [c for c in self.components.values() if c.base == name]
