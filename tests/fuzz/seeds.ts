import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { hostile } from '../helpers/hostile-files';
import { SHARED_DATA, hasSharedData } from '../helpers/shared-data';

/**
 * Seed files for the importer fuzzer: small valid files of every format we read (generated
 * here), and the real workbooks of ../shared/data when present (read only, never copied into
 * the repository).
 */
export function fuzzSeeds(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const rows = [
    ['客户编号', '客户名称', '金额', '日期', '是否会员'],
    ['00123', '北京华创科技有限公司', '¥1,234.50', '2024年3月5日', '是'],
    ['00124', '张三', '1,000', '2024/3/5 9:41', '否'],
    ['00125', 'NA', '-0', '20240305', 'Y'],
  ];
  const csv = rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n');
  const files: string[] = [];
  const put = (name: string, data: Buffer | string): void => {
    const p = join(dir, name);
    writeFileSync(p, data);
    files.push(p);
  };
  put('utf8.csv', `\uFEFF${csv}`);
  put('gbk.csv', iconv.encode(csv, 'gb18030'));
  put('semicolon.txt', csv.replace(/,/g, ';'));
  put('tab.tsv', rows.map((r) => r.join('\t')).join('\n'));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '客户');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a', 'b'], [1, 2]]), 'Sheet2');
  for (const bookType of ['xlsx', 'xls', 'ods', 'xlsb'] as const) {
    put(`book.${bookType}`, XLSX.write(wb, { type: 'buffer', bookType: bookType === 'xls' ? 'biff8' : bookType }) as Buffer);
  }
  // The hostile corpus: generators that take a folder and return the file they wrote.
  for (const make of Object.values(hostile)) {
    if (make.length !== 1) continue;
    try {
      const out = (make as (d: string) => unknown)(dir);
      if (typeof out === 'string') files.push(out);
    } catch {
      // A generator that needs other arguments is not a seed.
    }
  }
  if (hasSharedData) {
    for (const folder of readdirSync(SHARED_DATA)) {
      const full = join(SHARED_DATA, folder);
      if (!existsSync(full) || folder.includes('.')) continue;
      for (const f of readdirSync(full)) if (/\.(csv|xlsx|xls)$/i.test(f)) files.push(join(full, f));
    }
  }
  return files;
}
