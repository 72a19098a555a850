"""The plan of a submission: documents with the values they print, their seals, signatures,
capture conditions and file names; and the defects the plan contains."""


class SealSpec:
    def __init__(self, owner, text, shape='round', lower_text='', colour='red', slot=None):
        self.owner, self.text, self.shape, self.lower_text = owner, text, shape, lower_text
        self.colour, self.slot = colour, slot or owner
        self.page = 1
        self.present = True

    def expected(self):
        return {'owner': self.owner, 'text': self.text, 'lower_text': self.lower_text,
                'shape': self.shape, 'page': self.page, 'colour': self.colour}


class SigSpec:
    def __init__(self, role, writer_seed, name):
        self.role, self.writer_seed, self.name = role, writer_seed, name
        self.handwritten = True
        self.person = 'same'
        self.present = True
        self.page = 1

    def expected(self):
        return {'role': self.role, 'handwritten': self.handwritten, 'page': self.page, 'person': self.person}


class Doc:
    def __init__(self, mtype, fields):
        self.type = mtype
        self.fields = dict(fields)    # normalised values; '' = left blank
        self.title = None
        self.clauses_missing = []
        self.seals = []
        self.sigs = []
        self.hand_fields = False      # False, 'date' or 'all'
        self.capture = []
        self.dpi = 300
        self.copy = 'colour'
        self.format = 'jpg'
        self.file = None
        self.pages = [1]
        self.unreadable = False       # False or a corruption mode
        self.variant = None
        self.opts = {}                # free-form rendering options (typos, printed names...)
        self.bundle = None            # (file, first page) when several materials share a file

    def expected(self):
        return {
            'type': self.type, 'file': self.file, 'pages': list(self.pages), 'title': self.title,
            'format': self.format, 'capture': list(self.capture), 'dpi': self.dpi, 'copy': self.copy,
            'seals': [s.expected() for s in self.seals if s.present],
            'signatures': [g.expected() for g in self.sigs if g.present],
            'handwritten_fields': self.hand_fields, 'clauses_missing': list(self.clauses_missing),
            'unreadable': bool(self.unreadable),
        }


class Submission:
    def __init__(self, sid, domain, severity, facts):
        self.id, self.domain, self.severity, self.facts = sid, domain, severity, facts
        self.docs = []
        self.defects = []
        self.submission_yaml = None
        self.dropped = []             # materials removed for DOC_MISSING

    def doc(self, mtype):
        for d in self.docs:
            if d.type == mtype:
                return d
        return None

    def readable(self, mtype=None):
        return [d for d in self.docs if not d.unreadable and d.type != 'unrecognized'
                and (mtype is None or d.type == mtype)]

    def add_defect(self, code, severity, document, field=None, file=None, related=None, optional=False, alt=None):
        d = {'code': code, 'severity': severity, 'document': document, 'field': field, 'file': file}
        if related:
            d['related'] = related
        if alt:
            d['alt'] = alt
        if optional:
            d['optional'] = True
        self.defects.append(d)
        return d
