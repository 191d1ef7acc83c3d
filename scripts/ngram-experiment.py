#!/usr/bin/env python3
"""Measures a word n-gram component for the call analysis without building it
(docs/evaluation.md, "An n-gram component: measured, not adopted").

A logistic regression on hashed word unigrams and bigrams (2^18 buckets,
speaker labels removed, digits folded) is trained on the gating training
sources and scored:
  1. leave one source out, at thresholds 0.5 to 0.98;
  2. on the independent development sets (data/eval/hangup-dev*; never
     trained on), in full and on what the engine (`hangup analyze`) leaves
     unflagged;
  3. on SGD held out, counting only texts where the engine raised an
     indicator but no verdict (where the n-gram could lift it).
Pure Python, no dependencies; about two minutes.

Usage: go build -o /tmp/hangup ./cmd/hangup
       python3 scripts/ngram-experiment.py [SHARED_DIR] [HANGUP_BINARY]
"""
import csv, glob, json, math, os, random, re, subprocess, sys, zlib

csv.field_size_limit(10**9)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data')
HANGUP = sys.argv[2] if len(sys.argv) > 2 else '/tmp/hangup'
BUCKETS = 1 << 18
LABEL = re.compile(r"(^|\n|/)\s*[A-Za-z][A-Za-z .'-]{0,20}:\s")


def words(t):
    t = LABEL.sub(' ', t).lower()
    t = re.sub(r"[^a-z0-9' ]+", ' ', t)
    return re.sub(r'\d+', '#', t).split()


def feats(t):
    w = words(t)
    f = {zlib.crc32(x.encode()) % BUCKETS for x in w}
    f |= {zlib.crc32((a + ' ' + b).encode()) % BUCKETS for a, b in zip(w, w[1:])}
    return list(f)


def load_txt(pattern):
    out = []
    for f in sorted(glob.glob(pattern)):
        lines = open(f).read().split('\n')
        for i, l in enumerate(lines):
            if not l.startswith('### '):
                continue
            j, buf = i + 1, []
            while j < len(lines) and not lines[j].startswith('### '):
                buf.append(lines[j])
                j += 1
            out.append((re.search(r'id=(\S+)', l).group(1), '\n'.join(buf).strip(), 'label=scam' in l))
    return out


def load_sources():
    src = {'bothbosu': [], 'robocall': [], 'sgd': []}
    for f in sorted(glob.glob(os.path.join(ROOT, 'data/training/bothbosu-scam-dialogue/*.csv'))):
        r = csv.reader(open(f, encoding='utf-8-sig'))
        h = next(r)
        di, li = h.index('dialogue'), h.index('labels')
        src['bothbosu'] += [('bb', row[di], row[li].strip() == '1') for row in r if len(row) > li]
    seen = set()
    for row in csv.DictReader(open(os.path.join(SHARED, 'robocall-ftc-ppone/robocall_transcripts_annotated.csv'))):
        if row['dup_group'] in seen or not row['transcript'].strip():
            continue  # one text per campaign
        seen.add(row['dup_group'])
        src['robocall'].append((row['call_id'], row['transcript'], True))
    for l in open(os.path.join(SHARED, 'sgd-service-dialogues/sgd_bank_payment_services.jsonl')):
        d = json.loads(l)
        src['sgd'].append((d['split'] + '-' + str(d['dialogue_id']), d['text'], False))
    src['openings'] = load_txt(os.path.join(ROOT, 'data/training/hangup-openings/*.txt'))
    src['written'] = load_txt(os.path.join(ROOT, 'data/training/hangup-written/*.txt'))
    return src


def fit(src, names, epochs=6, lr=0.2, l2=1e-5):
    random.seed(1)
    big = max(len(v) for v in src.values())
    data = []
    for k in names:
        wt = min(big / len(src[k]), 10.0)  # each source weighs like the largest, at most ten times
        data += [(feats(t), 1.0 if y else 0.0, wt) for _, t, y in src[k]]
    w, b = [0.0] * BUCKETS, 0.0
    for _ in range(epochs):
        random.shuffle(data)
        for fs, y, wt in data:
            z = max(-30.0, min(30.0, b + sum(w[i] for i in fs)))
            g = (1 / (1 + math.exp(-z)) - y) * wt * lr / math.sqrt(max(1, len(fs)))
            for i in fs:
                w[i] -= g + l2 * w[i]
            b -= g
    return w, b


def score(m, t):
    w, b = m
    z = max(-30.0, min(30.0, b + sum(w[i] for i in feats(t))))
    return 1 / (1 + math.exp(-z))


def auc(pos, neg):
    if not pos or not neg:
        return float('nan')
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    r = sum(i + 1 for i, (_, l) in enumerate(ranked) if l)
    return (r - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def engine(texts):
    inp = '\n'.join(json.dumps({'id': i, 'text': t}) for i, t in texts)
    out = subprocess.run([HANGUP, 'analyze', '--jsonl'], input=inp, capture_output=True, text=True, check=True).stdout
    res = {}
    for l in out.splitlines():
        d = json.loads(l)
        res[d['id']] = (d['verdict'] != 'not_scam', len(d.get('indicators') or []))
    return res


def main():
    src = load_sources()
    print('== leave one source out (n-gram alone)')
    for hold in src:
        m = fit(src, [k for k in src if k != hold])
        s = [(score(m, t), y) for _, t, y in src[hold]]
        pos, neg = [p for p, y in s if y], [p for p, y in s if not y]
        line = '%-9s auc %.3f' % (hold, auc(pos, neg))
        for th in (0.5, 0.9, 0.95, 0.98):
            rec = sum(p >= th for p in pos) / len(pos) if pos else float('nan')
            fa = sum(p >= th for p in neg) / len(neg) if neg else float('nan')
            line += ' | t=%.2f recall %.3f false alarms %.3f' % (th, rec, fa)
        print(line)
        if hold == 'sgd':
            eng = engine([(i, t) for i, t, _ in src['sgd']])
            for th in (0.9, 0.95, 0.98):
                lift = sum(1 for (i, t, _), (p, _) in zip(src['sgd'], s) if p >= th and eng[i][1] and not eng[i][0])
                print('          t=%.2f: %d of %d that the engine leaves unflagged with an indicator would be lifted' % (th, lift, len(s)))
    print('== trained on every source, scored on the development sets')
    m = fit(src, list(src))
    dev = [(d.rsplit('-', 1)[-1],) + x for d in sorted(glob.glob(os.path.join(ROOT, 'data/eval/hangup-dev*')))
           for x in load_txt(d + '/*.txt')]
    eng = engine([(i, t) for _, i, t, _ in dev])
    rows = [(ds, score(m, t), y, eng[i][0]) for ds, i, t, y in dev]
    pos, neg = [p for _, p, y, _ in rows if y], [p for _, p, y, _ in rows if not y]
    print('all %d texts: auc %.3f' % (len(rows), auc(pos, neg)))
    miss = [p for _, p, y, f in rows if y and not f]
    kept = [p for _, p, y, f in rows if not y and not f]
    print('what the engine leaves: %d scams missed, %d genuine passed, auc %.3f' % (len(miss), len(kept), auc(miss, kept)))
    for th in (0.5, 0.7, 0.8, 0.9, 0.95):
        print('  t=%.2f: %d of %d misses caught, %d of %d genuine newly flagged'
              % (th, sum(p >= th for p in miss), len(miss), sum(p >= th for p in kept), len(kept)))


if __name__ == '__main__':
    main()
