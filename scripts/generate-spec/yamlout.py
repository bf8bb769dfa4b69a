"""A small deterministic YAML writer for the generated spec (no third-party YAML in the standard library)."""
import json
import re

PLAIN = re.compile(r'^[A-Za-z_/$][A-Za-z0-9 _./{}()$+-]*$')
RESERVED = {'true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~'}


def scalar(value):
    if value is None:
        return 'null'
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if PLAIN.match(text) and text.lower() not in RESERVED and not text.endswith(' ') and ': ' not in text \
            and ' #' not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def is_scalar(value):
    return value is None or isinstance(value, (str, int, float, bool))


def flow(values):
    return '[' + ', '.join(scalar(v) for v in values) + ']'


def dump(value, indent=0):
    lines = []
    _emit(value, indent, lines)
    return '\n'.join(lines) + '\n'


def _emit(value, indent, lines):
    pad = ' ' * indent
    if isinstance(value, dict):
        if not value:
            lines.append(pad + '{}')
            return
        for key, item in value.items():
            key_text = scalar(key)
            if isinstance(item, dict) and item:
                lines.append(f'{pad}{key_text}:')
                _emit(item, indent + 2, lines)
            elif isinstance(item, list) and item:
                if all(is_scalar(v) for v in item) and len(flow(item)) + indent + len(key_text) < 110:
                    lines.append(f'{pad}{key_text}: {flow(item)}')
                else:
                    lines.append(f'{pad}{key_text}:')
                    _emit_list(item, indent + 2, lines)
            elif isinstance(item, list):
                lines.append(f'{pad}{key_text}: []')
            elif isinstance(item, dict):
                lines.append(f'{pad}{key_text}: {{}}')
            else:
                lines.append(f'{pad}{key_text}: {scalar(item)}')
    elif isinstance(value, list):
        _emit_list(value, indent, lines)
    else:
        lines.append(pad + scalar(value))


def _emit_list(items, indent, lines):
    pad = ' ' * indent
    for item in items:
        if isinstance(item, dict) and item:
            sub = []
            _emit(item, indent + 2, sub)
            sub[0] = pad + '- ' + sub[0][indent + 2:]
            lines.extend(sub)
        elif isinstance(item, list) and item:
            if all(is_scalar(v) for v in item):
                lines.append(f'{pad}- {flow(item)}')
            else:
                sub = []
                _emit_list(item, indent + 2, sub)
                sub[0] = pad + '- ' + sub[0][indent + 2:]
                lines.extend(sub)
        else:
            lines.append(f'{pad}- {scalar(item) if is_scalar(item) else ("{}" if isinstance(item, dict) else "[]")}')
