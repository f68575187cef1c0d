#!/usr/bin/env python3
# For the calibration screenshot (scripts/screenshots.sh): adds to an exchange document
# (docs/exchange-format.md) the labels of the coder of its calibration round: the
# pilot's consensus on most posts, another leaf of the same root on three (with her
# note, and a note on the consensus), and the last post left for later.
# Usage: calibration-labels.py IN.json OUT.json
import json
import sys
d = json.load(open(sys.argv[1]))
cal = next(r for r in d['rounds'] if r['kind'] == 'calibration')
consensus = {l['item']: l for l in d['labels'] if l['round'] == cal['pilot'] and l['coder'] is None}
def leaves(node, path):
    path = path + [node['name']]
    if not node['children']:
        yield path
    for child in node['children']:
        yield from leaves(child, path)
roots = {root['name']: list(leaves(root, [])) for root in d['taxonomy']}
changed = 0
for i, item in enumerate(cal['items']):
    if i == len(cal['items']) - 1:
        break  # not labeled yet
    agreed = consensus[item]
    label = dict(agreed, round=cal['name'], coder=cal['coders'][0], code='', note='')
    if agreed['categories'] and changed < 3 and i % 3 == 1:
        path = agreed['categories'][0]
        other = next(p for p in roots[path[0]] if p != path)
        label['categories'] = [other]
        label['note'] = 'Reads like ' + other[-1].lower() + ' to me'
        agreed['note'] = 'Agreed in the pilot: ' + path[-1].lower()
        changed += 1
    d['labels'].append(label)
json.dump(d, open(sys.argv[2], 'w'), indent=1)
