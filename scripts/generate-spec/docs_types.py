"""Documented element types from catalog/types.csv: scalar kinds and enum values by owner and element."""
import csv

# Documented base kinds → JSON scalar and OpenAPI format.
BASE_KINDS = {
    'String': ('string', None), 'String+enum': ('string', None), 'UidType': ('string', None),
    'UidType+enum': ('string', None), 'HierarchyObjRefType': ('string', None), 'IPv4': ('string', None),
    'DateTime': ('string', 'date-time'), 'Time': ('string', 'time'), 'Int': ('integer', 'int32'),
    'Int+enum': ('integer', 'int32'), 'Long': ('integer', 'int64'), 'UShort': ('integer', 'int32'),
    'UShort+enum': ('integer', 'int32'), 'TimeSpan': ('integer', 'int32'), 'Boolean': ('boolean', None),
    'Boolean+enum': ('boolean', None), 'Double': ('number', 'double'),
}


class DocsTypes:
    def __init__(self, path):
        self.rows = [row for row in csv.DictReader(open(path, encoding='utf-8')) if row['kind'] != 'query-filter-param']
        self.by_owner = {}
        self.by_element = {}
        for row in self.rows:
            kind = BASE_KINDS.get(row['base_kind'])
            self.by_owner.setdefault((row['owner'], row['element']), []).append((kind, row))
            self.by_element.setdefault(row['element'], []).append((kind, row))

    def scalar(self, owner, element):
        """(json scalar, format) documented for `element`, preferring rows of `owner`; None if unknown or
        the documentation disagrees with itself."""
        for rows in (self.by_owner.get((owner, element)), self.by_element.get(element)):
            if not rows:
                continue
            kinds = {kind for kind, _ in rows if kind is not None}
            complex_rows = [row for kind, row in rows if kind is None]
            if len({k[0] for k in kinds}) == 1 and not complex_rows:
                return sorted(kinds, key=lambda k: k[1] or '')[-1]
            if kinds or complex_rows:
                return None
        return None

    def is_complex(self, element):
        rows = self.by_element.get(element, [])
        return bool(rows) and all(kind is None for kind, _ in rows)

    def enum(self, owner, element):
        """Documented enum values for a string element, when all rows that list values agree."""
        for rows in (self.by_owner.get((owner, element)), self.by_element.get(element)):
            if not rows:
                continue
            values = {row['enum_values'] for _, row in rows if row['enum_values'] and row['base_kind'].startswith('String')}
            if len(values) == 1:
                return [v.strip() for v in values.pop().split('|') if v.strip()]
            if values:
                return None
        return None

    def owner_elements(self, owner):
        """Rows documented for `owner`, in page order, first page only."""
        pages = {}
        for row in self.rows:
            if row['owner'] == owner:
                pages.setdefault(row['page'], []).append(row)
        return next(iter(pages.values()), [])
