"""Sample-driven inference: walks EM's XML samples (with their JSON twin when there is one) through
the components built so far, adds the members and types the samples show, and records conflicts.

Real server JSON (`observed=True`) fixes a type's member set: keys EM writes are added (as `null`
members when the XML lacks them) and members EM does not write are dropped.
"""
from model import Component, Member, plural

XSI = '{http://www.w3.org/2001/XMLSchema-instance}'


def local(tag):
    return tag.split('}', 1)[1] if '}' in tag else tag


def has_text(element):
    return bool(element.text and element.text.strip())


def attributes(element):
    return [(local(k), v) for k, v in element.attrib.items() if not k.startswith(XSI) and not k.startswith('xmlns')]


def related(wrapper, item):
    a, b = wrapper.lower(), item.lower()
    stem = a[:-1] if a.endswith('s') else a
    return b.startswith(stem) or a.startswith(b) or stem in b


class SampleInference:
    def __init__(self, registry, docs, log):
        self.registry = registry
        self.docs = docs
        self.log = log            # list of messages for the report
        self.frozen = set()       # components whose member set real JSON fixed
        self.conflicts = {}       # sample → members it shows that real JSON excludes
        self.fragments = {}       # fragment root element → the component it was read as
        self.values = {}          # id(member) → (member, set of texts seen in samples)
        self.source = ''

    # MARK: - Documents

    def document(self, component, element, json=None, observed=False, source=''):
        self.source = source
        self._walk(component, element, json, observed, component)

    def _walk(self, name, element, json, observed, path):
        registry = self.registry
        if not isinstance(json, dict):
            json = None
        # Attributes.
        for attribute, value in attributes(element):
            if registry.flat_member(name, 'attribute', attribute) is None and name in self.frozen:
                self.conflicts.setdefault(self.source, []).append(f'{name}.@{attribute}')
            elif registry.flat_member(name, 'attribute', attribute) is None:
                self._add(name, Member(attribute, attribute, kind='attribute', scalar=self._scalar(name, attribute, json, attribute),
                                       fmt='uri' if attribute == 'Href' else None, source='sample:' + self.source), None, path)
        for attribute, value in attributes(element):
            member = registry.flat_member(name, 'attribute', attribute)
            if member is not None:
                self._seen(member, value)
        # Text beside attributes.
        children = list(element)
        if has_text(element) and not children and registry.flat_member(name, 'text', '') is None:
            self._add(name, Member('Value', '', kind='text', scalar='string', source='sample:' + self.source), None, path)
        # Child elements, grouped by name in document order.
        groups = []
        for child in children:
            tag = local(child.tag)
            if groups and groups[-1][0] == tag:
                groups[-1][1].append(child)
            else:
                groups.append((tag, [child]))
        previous = None
        for tag, instances in groups:
            member = registry.flat_member(name, 'element', tag)
            key, value = self._json_entry(json, tag, member)
            if member is None:
                member = self._new_member(name, tag, instances, value, previous, path, key)
                if member is None:
                    continue
                value = self._json_value(json, tag, member)
            previous = member
            self._descend(name, member, instances, value, observed, f'{path}/{tag}')
        if observed and json is not None:
            self._observe(name, element, json, path)

    def _descend(self, owner, member, instances, value, observed, path):
        if member.shape == 'single' and len(instances) > 1:
            self.log.append(f'{path}: {len(instances)} elements for single member {owner}.{member.json} ({self.source})')
        values = value if isinstance(value, list) else [value] * len(instances)
        for index, instance in enumerate(instances):
            item_json = values[index] if index < len(values) else None
            if member.shape == 'wrapped':
                items = item_json if isinstance(item_json, list) else []
                for position, item in enumerate(instance):
                    if local(item.tag) != member.item:
                        self.log.append(f'{path}: item <{local(item.tag)}> in wrapped list of <{member.item}> ({self.source})')
                        continue
                    if member.ref:
                        self._walk(member.ref, item, items[position] if position < len(items) else None, observed, path)
                    elif has_text(item):
                        self._seen(member, item.text.strip())
                    elif len(item) or attributes(item):
                        self.log.append(f'{path}: structured item in scalar list ({self.source})')
                continue
            if member.ref is None and member.source.startswith('sample-empty') and has_text(instance):
                member.source = 'sample:' + self.source
            if member.ref is None and (member.source == 'json-null' or member.source.startswith('sample-empty')) \
                    and (len(instance) or attributes(instance)):
                # Real JSON showed only `null`: the XML shows what the member holds.
                wrapped = self._as_wrapped(owner, member.xml, instance, item_json)
                if wrapped:
                    member.shape, member.item, member.ref, member.scalar = 'wrapped', wrapped.item, wrapped.ref, wrapped.scalar
                    self._descend(owner, member, [instance], item_json, observed, path)
                    continue
                member.scalar = None
                member.ref = self._complex_for(owner, member.xml, [instance], item_json)
                member.source = 'json+sample'
            if member.ref:
                self._walk(member.ref, instance, item_json, observed, path)
            elif len(instance) or attributes(instance):
                self.log.append(f'{path}: scalar member {owner}.{member.json} has structure ({self.source})')
            elif has_text(instance):
                self._seen(member, instance.text.strip())

    @staticmethod
    def _json_value(json, tag, member):
        return SampleInference._json_entry(json, tag, member)[1]

    @staticmethod
    def _json_entry(json, tag, member):
        if json is None:
            return None, None
        for key in ([member.json] if member else []) + [tag, plural(tag)]:
            if key in json:
                return key, json[key]
        return None, None

    # MARK: - New members

    def _new_member(self, owner, tag, instances, value, previous, path, key=None):
        if owner in self.frozen:
            self.conflicts.setdefault(self.source, []).append(f'{owner}.{tag}')
            self.log.append(f'{path}: <{tag}> is not in {owner}, whose members real JSON fixed ({self.source})')
            return None
        first = instances[0]
        repeated = len(instances) > 1 or isinstance(value, list) and not any(len(i) for i in instances)
        leaf = all(not len(i) and not attributes(i) for i in instances)
        if leaf:
            json_name = tag
            # Only empty elements seen: what the member holds is open until a sample shows it.
            empty = all(not has_text(i) for i in instances)
            member = Member(json_name, tag, shape='repeated' if repeated else 'single',
                            scalar=self._scalar(owner, tag, None, tag),
                            source=('sample-empty:' if empty else 'sample:') + self.source)
            return self._add(owner, member, previous, path)
        shape = 'repeated' if len(instances) > 1 else 'single'
        if shape == 'single':
            wrapped = self._as_wrapped(owner, tag, first, value)
            if wrapped:
                return self._add(owner, wrapped, previous, path)
        if isinstance(value, list) and key == plural(tag) and key != tag:
            shape = 'repeated'
        json_name = key if shape == 'repeated' and key == plural(tag) else tag
        item_value = value[0] if isinstance(value, list) and value else (None if isinstance(value, list) else value)
        ref = self._complex_for(owner, tag, instances, item_value)
        return self._add(owner, Member(json_name, tag, shape=shape, ref=ref, source='sample:' + self.source), previous, path)

    def _as_wrapped(self, owner, tag, instance, value):
        """A wrapper whose JSON is a bare array (R8a): only when the JSON twin shows an array, or the
        same wrapper is already modelled that way elsewhere."""
        item_tags = {local(c.tag) for c in instance}
        if len(item_tags) != 1 or attributes(instance):
            return None
        item = item_tags.pop()
        known = [m for c in self.registry.components.values() for m in c.members
                 if m.shape == 'wrapped' and m.xml == tag and m.item == item]
        if known:
            m = known[0]
            return Member(m.json, tag, shape='wrapped', item=item, ref=m.ref, scalar=m.scalar, fmt=m.fmt, source='sample:' + self.source)
        if isinstance(value, list):
            items = [c for c in instance]
            if all(not len(c) and not attributes(c) for c in items):
                return Member(tag, tag, shape='wrapped', item=item, scalar=self._scalar(owner, item, None, item), source='sample:' + self.source)
            ref = self._complex_for(owner, item, items, value[0] if value else None)
            return Member(tag, tag, shape='wrapped', item=item, ref=ref, source='sample:' + self.source)
        return None

    def _complex_for(self, owner, tag, instances, value):
        """The component for new complex elements named `tag`: an existing one that fits, or a new one."""
        first = instances[0]
        item_tags = [local(c.tag) for c in first]
        # A list wrapper (R8b): children all of one name, no attributes, and either several children,
        # a name related to the wrapper, or a JSON twin holding one plural key.
        if item_tags and len(set(item_tags)) == 1 and not attributes(first):
            item = item_tags[0]
            json_list = isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list)
            json_object = isinstance(value, dict) and item in value
            if not json_object and (len(item_tags) > 1 or json_list or related(tag, item)):
                return self._list_component(owner, tag, item, [c for i in instances for c in i], value)
        candidate = self._reuse(tag, instances)
        if candidate:
            return candidate
        name = tag if self.registry.get(tag) is None else owner + tag
        while self.registry.get(name):
            name += '_'
        self.registry.add(Component(name, origin='sample'))
        self.log.append(f'new component {name} for <{tag}> in {owner} ({self.source})')
        return name

    def _list_component(self, owner, tag, item, items, value):
        for component in self.registry.components.values():
            if component.is_list_type() and component.members[0].xml == item:
                return component.name
        name = item + 'List'
        while self.registry.get(name):
            name = owner + name
        component = self.registry.add(Component(name, origin='sample'))
        leaf = all(not len(c) and not attributes(c) for c in items)
        if leaf:
            component.members.append(Member(plural(item), item, shape='repeated', scalar=self._scalar(owner, item, None, item),
                                            source='sample:' + self.source))
        else:
            inner = None
            if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list):
                inner_values = next(iter(value.values()))
                inner = inner_values[0] if inner_values else None
            ref = self._complex_for(name, item, items, inner)
            component.members.append(Member(plural(item), item, shape='repeated', ref=ref, source='sample:' + self.source))
        self.log.append(f'new list component {name} for <{tag}><{item}> in {owner} ({self.source})')
        return name

    def new_root(self, tag, element, value):
        """A component for an unknown namespaced root: a list type when its children are all one element."""
        item_tags = {local(c.tag) for c in element}
        component = self.registry.add(Component(tag, root=tag, origin='sample'))
        if len(item_tags) == 1 and not attributes(element):
            item = item_tags.pop()
            inner = None
            if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list):
                values = next(iter(value.values()))
                inner = values[0] if values else None
            items = list(element)
            if all(not len(c) and not attributes(c) for c in items):
                component.members.append(Member(plural(item), item, shape='repeated', scalar='string', source='sample:' + self.source))
            else:
                ref = self._complex_for(tag, item, items, inner)
                component.members.append(Member(plural(item), item, shape='repeated', ref=ref, source='sample:' + self.source))
        self.log.append(f'new root component {tag} ({self.source})')
        return tag

    def _reuse(self, tag, instances):
        candidates = {m.ref for c in self.registry.components.values() for m in c.members
                      if m.kind == 'element' and m.xml == tag and m.ref}
        if self.registry.get(tag):
            candidates.add(tag)
        return self.best_fit(candidates, instances)

    def best_fit(self, candidates, instances):
        names = set()
        for instance in instances:
            names |= {('attribute', a) for a, _ in attributes(instance)}
            names |= {('element', local(c.tag)) for c in instance}
        best, best_score = None, -1.0
        for candidate in sorted(candidates):
            flat = {(m.kind, m.xml) for m in self.registry.flattened(candidate)}
            score = len(names & flat) / len(names) if names else 1.0
            if score > best_score:
                best, best_score = candidate, score
        if best is not None and best_score >= 0.5:
            return best
        return None

    def _scalar(self, owner, element, json, key):
        documented = self.docs.scalar(owner, element)
        if documented:
            return documented[0]
        return 'string'

    def _add(self, owner, member, previous, path, quiet=False):
        component = self.registry.get(owner)
        target = component
        if previous is not None and previous not in component.members:
            # The previous member is inherited: new members go first among the type's own.
            index = 0
        elif previous is not None:
            index = component.members.index(previous) + 1
        else:
            index = 0
        if member.kind != 'element':
            index = len(target.members)
        if owner in self.frozen and not quiet:
            self.log.append(f'{path}: adds {member.json} to {owner}, whose members real JSON fixed ({self.source})')
        target.members.insert(index, member)
        return member

    def _seen(self, member, text):
        self.values.setdefault(id(member), (member, set()))[1].add(text)

    # MARK: - Real JSON

    def _observe(self, name, element, json, path):
        """Real EM JSON for this object: add the keys it writes, drop own members it does not."""
        registry = self.registry
        component = registry.get(name)
        self.frozen.add(name)
        component.observed = True
        previous = None
        for key, value in json.items():
            member = registry.flat_member_json(name, key)
            if member is None:
                member = self._member_from_json(name, key, value)
                self._add(name, member, previous, path, quiet=True)
                self.log.append(f'{path}: real JSON adds {name}.{key} ({self.source})')
            previous = member
        keys = set(json)
        for member in list(component.members):
            if member.json not in keys:
                component.members.remove(member)
                self.log.append(f'{path}: real JSON drops {name}.{member.json} ({self.source})')
        base = component.base
        while base:
            for member in registry.get(base).members:
                if member.json not in keys:
                    self.log.append(f'{path}: real JSON lacks inherited {base}.{member.json} in {name} ({self.source})')
            base = registry.get(base).base

    def _member_from_json(self, owner, key, value):
        if key == 'Href':
            return Member(key, key, kind='attribute', scalar='string', fmt='uri', source='json')
        if isinstance(value, bool):
            return Member(key, key, scalar='boolean', source='json')
        if isinstance(value, int):
            return Member(key, key, scalar='integer', source='json')
        if isinstance(value, str):
            return Member(key, key, scalar='string', source='json')
        documented = self.docs.scalar(owner, key)
        if documented:
            return Member(key, key, scalar=documented[0], source='json')
        # `null`: what it holds is left to XML samples, then to the documentation (see resolve_placeholders).
        return Member(key, key, scalar='string', source='json-null')

    # MARK: - JSON without an XML twin

    def json_document(self, name, json, source=''):
        """Real EM JSON with no XML twin: fixes member sets the same way, recursively."""
        self.source = source
        self._json_walk(name, json, name)

    def _json_walk(self, name, json, path):
        if not isinstance(json, dict):
            return
        self._observe(name, None, json, path)
        for key, value in json.items():
            member = self.registry.flat_member_json(name, key)
            if member is None or member.ref is None or value is None:
                continue
            values = value if isinstance(value, list) and member.shape != 'single' else [value]
            for item in values:
                self._json_walk(member.ref, item, f'{path}/{key}')
