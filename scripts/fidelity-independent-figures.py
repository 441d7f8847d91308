#!/usr/bin/env python3
"""Writes pandas/scipy figures for the real test data into tests/fixtures/fidelity/.

tests/integration/independent-figures-shared-data.test.ts runs Kequn's engine on the same files
and compares, so CI needs no Python. Run where pandas and scipy are installed:

    /usr/bin/python3 scripts/fidelity-independent-figures.py [path/to/shared/data]

(default: ../shared/data beside the repository). The xlsx is read with the standard library
(zip + XML), not with Kequn's reader, so the figures are independent of the importer.

Conventions mirrored from the product (documented in its --help and result texts):
- RFM: rows without customer, date or a numeric amount are left out; returns (negative
  amounts) are left out; as-of = the day after the last purchase; R = calendar days from the
  last purchase day to as-of; F = distinct purchase days (no order column); M = sum of amounts;
  median of an even count = mean of the two middle values; figures rounded to 6 decimals.
- Group means: over the non-missing cells of each group.
- Chi-square: Pearson, no continuity correction, on the count table of the two columns.
"""
import json, os, sys, zipfile, re
import xml.etree.ElementTree as ET
import pandas as pd
from scipy.stats import chi2_contingency

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data')
OUT = os.path.join(ROOT, 'tests', 'fixtures', 'fidelity', 'independent-figures.json')
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}


def col_index(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_xlsx_first_sheet(path):
    """Rows of the first sheet: shared strings resolved, numbers as floats (dates stay serials)."""
    with zipfile.ZipFile(path) as z:
        strings = []
        if 'xl/sharedStrings.xml' in z.namelist():
            for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
                strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
        sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
    rows = []
    for row in sheet.find('m:sheetData', NS).findall('m:row', NS):
        out = {}
        for c in row.findall('m:c', NS):
            t = c.get('t')
            v = c.find('m:v', NS)
            if t == 'inlineStr':
                out[col_index(c.get('r'))] = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
            elif v is None:
                continue
            elif t == 's':
                out[col_index(c.get('r'))] = strings[int(v.text)]
            elif t in ('str', 'e'):
                out[col_index(c.get('r'))] = v.text
            else:
                out[col_index(c.get('r'))] = float(v.text)
        width = max(out) + 1 if out else 0
        rows.append([out.get(i) for i in range(width)])
    header = [str(h).strip() for h in rows[0]]
    body = [r + [None] * (len(header) - len(r)) for r in rows[1:]]
    return pd.DataFrame(body, columns=header)


def excel_day(serial):
    # Serials after 1900-02-28 (all of these files): days since 1899-12-30.
    return pd.Timestamp('1899-12-30') + pd.to_timedelta(serial, unit='D')


def r6(x):
    return round(float(x) * 1e6) / 1e6


def stats(s):
    return {'min': r6(s.min()), 'max': r6(s.max()), 'mean': r6(s.mean()), 'median': r6(s.median())}


def rfm(df, customer, date, amount):
    d = df[[customer, date, amount]].copy()
    d[amount] = pd.to_numeric(d[amount], errors='coerce')
    d = d.dropna()
    d = d[d[customer].astype(str).str.strip() != '']
    d = d[d[amount] >= 0]
    day = d[date].dt.normalize()
    as_of = day.max() + pd.Timedelta(days=1)
    g = d.assign(day=day).groupby(customer)
    table = pd.DataFrame({
        'R': (as_of - g['day'].max()).dt.days,
        'F': g['day'].nunique(),
        'M': g[amount].sum(),
    })
    return {
        'asOf': as_of.strftime('%Y-%m-%d'),
        'usedRows': int(len(d)),
        'customers': int(len(table)),
        'R': stats(table['R']), 'F': stats(table['F']), 'M': stats(table['M']),
        'totalM': r6(table['M'].sum()),
    }


def group_means(df, key, columns):
    return {str(k): {c: r6(v) for c, v in row.items()} for k, row in df.groupby(key)[columns].mean().iterrows()}


def chi2(df, a, b):
    table = pd.crosstab(df[a], df[b])
    stat, p, dof, _ = chi2_contingency(table, correction=False)
    return {'statistic': r6(stat), 'df': int(dof), 'p': float(p)}


def main():
    out = {'generatedBy': 'scripts/fidelity-independent-figures.py', 'pandas': pd.__version__}
    taobao = read_xlsx_first_sheet(os.path.join(DATA, 'cn-orders', '2018.xlsx'))
    taobao['订单付款时间'] = taobao['订单付款时间'].map(lambda v: excel_day(v) if isinstance(v, float) else pd.NaT)
    out['rfm_2018'] = rfm(taobao, '买家会员名', '订单付款时间', '买家实际支付金额')

    jan = pd.read_csv(os.path.join(DATA, 'cn-orders', '1月.csv'), encoding='gb18030')
    jan.columns = [c.strip() for c in jan.columns]
    jan['订单付款时间'] = pd.to_datetime(jan['订单付款时间'], format='%Y/%m/%d %H:%M', errors='coerce')
    out['rfm_jan'] = rfm(jan, '买家会员名', '订单付款时间', '买家实际支付金额')

    meal = pd.read_csv(os.path.join(DATA, 'cn-restaurant', 'meal_order_info.csv'), encoding='gb18030')
    meal['use_start_time'] = pd.to_datetime(meal['use_start_time'], format='%Y/%m/%d %H:%M', errors='coerce')
    out['rfm_meal'] = rfm(meal, 'name', 'use_start_time', 'accounts_payable')

    wholesale = pd.read_csv(os.path.join(DATA, 'wholesale-customers', 'Wholesale customers data.csv'))
    out['wholesale_by_channel'] = group_means(wholesale, 'Channel', ['Fresh', 'Milk', 'Grocery'])
    out['wholesale_chi2'] = chi2(wholesale, 'Channel', 'Region')

    bank = pd.read_csv(os.path.join(DATA, 'bank-marketing', 'bank.csv'), sep=';')
    out['bank_by_y'] = group_means(bank, 'y', ['age', 'balance', 'duration'])
    out['bank_chi2_job_y'] = chi2(bank, 'job', 'y')

    mall = pd.read_csv(os.path.join(DATA, 'mall-customers', 'Mall_Customers.csv'))
    out['mall_by_genre'] = group_means(mall, 'Genre', ['Age', 'Spending Score (1-100)'])

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == '__main__':
    main()
