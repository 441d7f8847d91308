#!/usr/bin/env python3
"""Writes scikit-learn / scipy reference numbers for Kequn's models into tests/fixtures/models/.

The unit tests compare the decision tree, Ward clustering, PCA and factor analysis with these
numbers, so CI needs no Python. Run where Debian's python3-sklearn and python3-scipy are:

    /usr/bin/python3 scripts/models-sklearn-fixtures.py

Inputs are the two UCI files copied into tests/fixtures/models (bank.csv, wholesale.csv).
Train/test splits are stored as index lists so both sides fit on exactly the same rows.
"""
import csv, json, os
import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import cophenet, fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.decomposition import PCA, FactorAnalysis
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, 'tests', 'fixtures', 'models')

BANK_NUMERIC = ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']
SPEND = ['Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen']


def read(name, delimiter):
    with open(os.path.join(FIX, name), newline='', encoding='ascii') as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def matrix(rows, columns):
    return np.array([[float(r[c]) for c in columns] for r in rows])


def split(n, seed, test_share):
    order = np.random.RandomState(seed).permutation(n)
    n_test = int(round(n * test_share))
    return sorted(order[n_test:].tolist()), sorted(order[:n_test].tolist())


def tree_case(name, data, rows, features, target, max_depth, min_leaf):
    X = matrix(rows, features)
    y = np.array([r[target] for r in rows])
    train, test = split(len(rows), 0, 0.3)
    clf = DecisionTreeClassifier(criterion='gini', max_depth=max_depth, min_samples_leaf=min_leaf, random_state=0).fit(X[train], y[train])
    return {
        'name': name,
        'data': data,
        'features': features,
        'target': target,
        'maxDepth': max_depth,
        'minLeaf': min_leaf,
        'test': test,
        'trainAccuracy': float(clf.score(X[train], y[train])),
        'testAccuracy': float(clf.score(X[test], y[test])),
        'leaves': int(clf.get_n_leaves()),
    }


def ward_case(name, X, ks):
    Z = linkage(X, method='ward')
    c, _ = cophenet(Z, pdist(X))
    return {
        'name': name,
        'rows': int(X.shape[0]),
        'merges': Z.tolist(),
        'cophenetic': float(c),
        'cuts': {str(k): fcluster(Z, k, criterion='maxclust').tolist() for k in ks},
    }


def factor_case(name, raw, columns, n_factors):
    Z = StandardScaler().fit_transform(raw)
    pca = PCA().fit(Z)
    fa = FactorAnalysis(n_components=n_factors, rotation='varimax', svd_method='lapack').fit(Z)
    corr = np.corrcoef(raw, rowvar=False)
    inv = np.linalg.inv(corr)
    partial = -inv / np.sqrt(np.outer(np.diag(inv), np.diag(inv)))
    off = ~np.eye(len(columns), dtype=bool)
    r2 = np.sum(corr[off] ** 2)
    kmo = r2 / (r2 + np.sum(partial[off] ** 2))
    n, p = raw.shape
    chi2 = -(n - 1 - (2 * p + 5) / 6) * np.log(np.linalg.det(corr))
    return {
        'name': name,
        'columns': columns,
        'rows': int(n),
        'explainedVariance': pca.explained_variance_.tolist(),
        'explainedVarianceRatio': pca.explained_variance_ratio_.tolist(),
        'components': pca.components_.tolist(),
        'factors': n_factors,
        'faLoadings': fa.components_.tolist(),
        'faNoiseVariance': fa.noise_variance_.tolist(),
        'faIterations': int(fa.n_iter_),
        'faScoresHead': fa.transform(Z[:5]).tolist(),
        'kmo': float(kmo),
        'bartlettChi2': float(chi2),
        'bartlettDf': int(p * (p - 1) // 2),
    }


def main():
    bank = read('bank.csv', ';')
    wholesale = read('wholesale.csv', ',')
    with threadpool_limits(limits=1):
        trees = [
            tree_case('bank-y-d4', 'bank', bank, BANK_NUMERIC, 'y', 4, 20),
            tree_case('bank-y-d6', 'bank', bank, BANK_NUMERIC, 'y', 6, 10),
            tree_case('bank-marital-d5', 'bank', bank, BANK_NUMERIC, 'marital', 5, 30),
            tree_case('wholesale-channel-d3', 'wholesale', wholesale, SPEND, 'Channel', 3, 5),
            tree_case('wholesale-region-d4', 'wholesale', wholesale, SPEND, 'Region', 4, 10),
        ]
        json.dump({'sklearn': sklearn.__version__, 'cases': trees}, open(os.path.join(FIX, 'sklearn-tree.json'), 'w'))

        spend = StandardScaler().fit_transform(np.log1p(matrix(wholesale, SPEND)))
        bank_cols = ['age', 'balance', 'duration', 'campaign']
        bank_x = StandardScaler().fit_transform(matrix(bank[:2000], bank_cols))
        wards = [ward_case('wholesale-log-z', spend, [2, 3, 4, 5, 6]), ward_case('bank-2000-z', bank_x, [2, 3, 4, 6, 8])]
        json.dump(
            {'scipy': scipy.__version__, 'bankColumns': bank_cols, 'spendColumns': SPEND, 'cases': wards},
            open(os.path.join(FIX, 'scipy-ward.json'), 'w'),
        )

        factors = [
            factor_case('wholesale-spend', matrix(wholesale, SPEND), SPEND, 2),
            factor_case('bank-numeric', matrix(bank, BANK_NUMERIC), BANK_NUMERIC, 3),
        ]
        json.dump({'sklearn': sklearn.__version__, 'cases': factors}, open(os.path.join(FIX, 'sklearn-factor.json'), 'w'))


if __name__ == '__main__':
    main()
