"""forms.yaml: the materials, their labels, clauses, seals and signatures, and the domains."""
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FORMS = [
    os.path.join(HERE, '..', '..', '..', 'shared', 'spec', 'forms.yaml'),   # beside the repo
    os.path.join(HERE, '..', '..', 'shared', 'spec', 'forms.yaml'),
    '/work/shared/spec/forms.yaml',
]


class Spec:
    def __init__(self, path=None):
        cands = [path] if path else DEFAULT_FORMS
        for p in cands:
            if p and os.path.exists(p):
                self.path = os.path.abspath(p)
                break
        else:
            raise FileNotFoundError('forms.yaml not found (tried %s); pass --forms' % ', '.join(c for c in cands if c))
        with open(self.path, encoding='utf-8') as fh:
            doc = yaml.safe_load(fh)
        self.domains = doc['domains']
        self.periods = doc.get('publicity_periods', {})
        self.materials = {m['id']: m for m in doc['materials']}
        self.order = [m['id'] for m in doc['materials']]

    def m(self, mid):
        return self.materials[mid]

    def label(self, mid, key):
        for f in self.m(mid)['fields']:
            if f['key'] == key:
                return f['label']
        raise KeyError((mid, key))

    def fields(self, mid):
        return [f['key'] for f in self.m(mid)['fields']]

    def required(self, mid):
        return [f['key'] for f in self.m(mid)['fields'] if f.get('required')]

    def ftype(self, mid, key):
        for f in self.m(mid)['fields']:
            if f['key'] == key:
                return f['type']

    def field_types(self):
        return {mid: {f['key']: f['type'] for f in self.m(mid)['fields']} for mid in self.order}

    def clauses(self, mid):
        return list(self.m(mid).get('clauses', []))

    def titles(self, mid):
        return list(self.m(mid)['titles'])

    def outdated(self, mid):
        return list(self.m(mid).get('outdated_titles', []))

    def seals(self, mid):
        return list(self.m(mid).get('seals', []))

    def signatures(self, mid):
        return list(self.m(mid).get('signatures', []))
