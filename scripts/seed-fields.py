#!/usr/bin/env python3
"""Reads the Solaris documentation pages in shared/seeds and prints, as JSON, every documented field
of every event: pointer, type, format, nullability, required, deprecated, enum, example and
description exactly as the page shows them, plus each event's description and example payload.

Used once to write tests/data/schema/seed-fields.json (checked by hand against the pages), which
tst_fielddocs compares with the bundled catalog. Usage: seed-fields.py SEED_DIR > seed-fields.json
"""
import json
import re
import sys
from pathlib import Path

# Three events' headings are missing from the saved pages; they are the first and third event of
# 000 and the first of 004, named by their description.
UNNAMED = {('000', 0): 'IDENTIFICATION_ORIGINATION', ('000', 2): 'IDENTIFICATION_SESSION',
           ('004', 0): 'CARD_TOKEN_LIFECYCLE'}
FIELD = re.compile(r'^(?P<name>[A-Za-z_][\w.]*?)(?P<type>string|number|integer|boolean|object|array)'
                   r'(?P<null> or null)?(?:\((?P<paren>[^)]*)\))?(?P<req>required)?(?P<dep>Deprecated)?$')


def quoted_list(text):
    return re.findall(r'"([^"]*)"', text)


def parse_event(name, lines):
    event = {'event': name, 'description': '', 'fields': [], 'example': None}
    body = lines.index('Bodyapplication/json')
    event['description'] = ' '.join(l for l in lines[:body] if l and l != 'Request')
    field = None
    i = body + 1
    while i < len(lines):
        line = lines[i]
        if line == 'application/json':
            event['example'] = json.loads(lines[i + 1])
            break
        m = FIELD.match(line)
        if m:
            paren = m.group('paren') or ''
            field = {'pointer': '/' + m.group('name').replace('.', '/'), 'type': m.group('type'),
                     'format': paren if paren[:1].islower() else '',
                     'title': paren if paren[:1].isupper() else '',
                     'nullable': bool(m.group('null')), 'required': bool(m.group('req')),
                     'deprecated': bool(m.group('dep')), 'description': '', 'enum': None,
                     'example': None}
            event['fields'].append(field)
        elif field is not None and line.startswith('Example: '):
            field['example'] = json.loads(line[len('Example: '):])
        elif field is not None and line.startswith('Enum"'):
            field['enum'] = quoted_list(line[len('Enum'):])
        elif field is not None and line.startswith('Value"'):
            field['enum'] = quoted_list(line[len('Value'):])
        elif field is not None and line and line != 'One of:':
            field['description'] = (field['description'] + ' ' + line).strip()
        i += 1
    return event


def parse_page(path):
    lines = path.read_text(encoding='utf-8').split('\n')
    starts = [i for i, l in enumerate(lines) if l == 'Request']
    events = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        heading = lines[start - 2] if lines[start - 2].endswith('Webhook') else ''
        name = heading[:-len('Webhook')] if heading else UNNAMED[(path.name[:3], n)]
        chunk = lines[start:end]
        responses = chunk.index('Responses') if 'Responses' in chunk else len(chunk)
        events.append(parse_event(name, chunk[:responses]))
    return events


def main():
    events = []
    for path in sorted(Path(sys.argv[1]).glob('*.txt')):
        events.extend(parse_page(path))
    json.dump(sorted(events, key=lambda e: e['event']), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


main()
