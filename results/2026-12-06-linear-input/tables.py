#!/usr/bin/env python3
"""tables.py: the tables of summary.md from the raw runs (raw/*.json, one run of a shape at one size a line)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF_CPU, REF_RSS = 0.004, 2 << 20   # validate of a one-function module (start-up), from the runs' reference


def load(name):
    rows = {}
    for line in open(os.path.join(HERE, 'raw', name)):
        r = json.loads(line)
        rows.setdefault(r['shape'], []).append(r)
    return rows


def cell(run):
    return f"{run['cpu']:.3f} s / {run['rss'] / 2**20:.0f} MiB" if run else '-'


def issue_sizes():
    b, a = load('before-issue-sizes.json'), load('after-issue-sizes.json')
    print('| shape | bytes | command | before: CPU / peak RSS | after |')
    print('|---|---:|---|---:|---:|')
    for shape in a:
        rb, ra = b[shape][0], a[shape][0]
        for cmd in ra['runs']:
            print(f"| {shape} | {ra['bytes']:,} | {cmd} | {cell(rb['runs'].get(cmd))} | {cell(ra['runs'][cmd])} |")


def ci_size():
    b, a = load('before-ci-1000.json'), load('after-ci-1000.json')
    print('| shape | n | bytes | validate before | after | slowest tier before | after |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for shape, rows in a.items():
        for rb, ra in zip(b[shape], rows):
            def worst(r):
                tiers = {k: v for k, v in r['runs'].items() if k != 'validate'}
                k = max(tiers, key=lambda k: tiers[k]['cpu'])
                return f"{k} {cell(tiers[k])}"
            print(f"| {shape} | {ra['n']:,} | {ra['bytes']:,} | {cell(rb['runs']['validate'])} | "
                  f"{cell(ra['runs']['validate'])} | {worst(rb)} | {worst(ra)} |")


def per_byte():
    a = load('after-local-6000.json')
    print('| shape | n | bytes | validate CPU / peak RSS | ns per byte | MB/s | RSS bytes per byte | slowest tier |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|')
    for shape, rows in a.items():
        r = rows[-1]
        v, size = r['runs']['validate'], r['bytes']
        cpu, rss = max(v['cpu'] - REF_CPU, 1e-6), max(v['rss'] - REF_RSS, 0)
        tiers = {k: x for k, x in r['runs'].items() if k != 'validate'}
        k = max(tiers, key=lambda k: tiers[k]['cpu'])
        if size < 10000:   # run-time shapes: the module is a few bytes
            print(f"| {shape} | {r['n']:,} | {size} | {cell(v)} | - | - | - | {k} {cell(tiers[k])} |")
            continue
        print(f"| {shape} | {r['n']:,} | {size:,} | {cell(v)} | {cpu / size * 1e9:.0f} | {size / cpu / 1e6:.1f} | "
              f"{rss / size:.1f} | {k} {cell(tiers[k])} |")


def opt_budget():
    b, a, base = load('before-opt-budget.json'), load('after-opt-budget.json'), load('baseline-opt-budget.json')
    print('| shape | bytes | opt before: CPU / peak RSS | opt after | baseline (same build) |')
    print('|---|---:|---:|---:|---:|')
    for shape, rows in a.items():
        for rb, ra, rl in zip(b[shape], rows, base.get(shape, [None] * len(rows))):
            print(f"| {shape} | {ra['bytes']:,} | {cell(rb['runs']['opt'])} | {cell(ra['runs']['opt'])} | "
                  f"{cell(rl['runs']['baseline'] if rl else None)} |")


{'issue': issue_sizes, 'ci': ci_size, 'bytes': per_byte, 'opt-budget': opt_budget}[sys.argv[1]]()
