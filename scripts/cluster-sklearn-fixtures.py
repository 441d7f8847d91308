#!/usr/bin/env python3
"""Writes scikit-learn's k-means numbers for the real test data into tests/fixtures/cluster/.

The unit tests compare Kequn's kernel with these numbers, so CI needs no Python. Run once where
Debian's python3-sklearn is installed:

    /usr/bin/python3 scripts/cluster-sklearn-fixtures.py [path/to/shared/data]

(default: ../shared/data beside the repository). For every case it stores sklearn's own
k-means++ initial centres (random_state=0), the Lloyd result from them (SSE, iterations, labels),
the best of 10 k-means++ restarts (random_state=0: labels, SSE) for the ARI comparison, and the
same with random_state 0..19 (SSE and ARI against random_state=0), which shows where the optimum
itself is unstable.
"""
import csv, json, os, sys
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.cluster._kmeans import kmeans_plusplus
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data')
OUT = os.path.join(ROOT, 'tests', 'fixtures', 'cluster')


def read(path, columns):
    with open(path, newline='', encoding='ascii') as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[c]) for c in columns] for r in rows])


def case(name, X, k, transform):
    init, _ = kmeans_plusplus(X, n_clusters=k, random_state=0)
    fixed = KMeans(n_clusters=k, init=init, n_init=1, algorithm='lloyd', tol=1e-4, max_iter=300).fit(X)
    runs = [KMeans(n_clusters=k, init='k-means++', n_init=10, algorithm='lloyd', tol=1e-4, max_iter=300, random_state=rs).fit(X) for rs in range(20)]
    best = runs[0]
    return {
        'name': name,
        'k': k,
        'transform': transform,
        'rows': int(X.shape[0]),
        'init': init.tolist(),
        'fixed': {'sse': float(fixed.inertia_), 'iterations': int(fixed.n_iter_), 'labels': fixed.labels_.tolist()},
        'restarts10': {'sse': float(best.inertia_), 'labels': best.labels_.tolist()},
        # sklearn against itself: 10 restarts with random_state 0..19 (how stable the optimum is).
        'sklearnRuns': [{'sse': float(r.inertia_), 'ari': float(adjusted_rand_score(best.labels_, r.labels_))} for r in runs],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    with threadpool_limits(limits=1):
        spend = ['Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen']
        raw = read(os.path.join(DATA, 'wholesale-customers', 'Wholesale customers data.csv'), spend)
        X = StandardScaler().fit_transform(np.log1p(raw))
        wholesale = {'sklearn': sklearn.__version__, 'columns': spend, 'cases': [case(f'wholesale-k{k}', X, k, ['log1p', 'zscore']) for k in range(3, 7)]}
        mall_cols = ['Annual Income (k$)', 'Spending Score (1-100)']
        Xm = read(os.path.join(DATA, 'mall-customers', 'Mall_Customers.csv'), mall_cols)
        mall = {'sklearn': sklearn.__version__, 'columns': mall_cols, 'cases': [case('mall-k5', Xm, 5, [])]}
    for name, payload in (('wholesale.json', wholesale), ('mall-customers.json', mall)):
        with open(os.path.join(OUT, name), 'w') as f:
            json.dump(payload, f)
        print('wrote', os.path.join('tests', 'fixtures', 'cluster', name))


main()
