import type { ColumnType } from '../../../shared/contract/datasets';
import type { DateOrder, ImportWarning } from '../../../shared/contract/import';
import type { ConversionKind, ConversionNotes } from './convert-cell';
import { warn } from './header-names';
import type { TableHead } from './table-head';
import type { WriteOutcome } from './write-rows';

const n = (x: number): string => x.toLocaleString('en-US');

const TYPE_ZH: Record<ColumnType, string> = { integer: '整数', decimal: '小数', percent: '百分比', currency: '金额', boolean: '是/否', date: '日期', datetime: '日期时间', text: '文本' };

export const ORDER_TEXT: Record<DateOrder, { en: string; zh: string }> = {
  mdy: { en: 'month/day/year', zh: '月/日/年' },
  dmy: { en: 'day/month/year', zh: '日/月/年' },
};

const CONVERSION_TEXT: Record<ConversionKind, { en: string; zh: string }> = {
  numberToText: { en: 'numbers stored as text', zh: '数字按文本保存' },
  dateToText: { en: 'dates stored as text (yyyy-mm-dd)', zh: '日期按文本保存（yyyy-mm-dd）' },
  booleanToText: { en: 'TRUE/FALSE stored as text', zh: 'TRUE/FALSE 按文本保存' },
  booleanToNumber: { en: 'TRUE/FALSE stored as 1/0', zh: 'TRUE/FALSE 按 1/0 保存' },
  numberToBoolean: { en: '1/0 stored as yes/no', zh: '1/0 按是/否保存' },
  numberToDate: { en: 'numbers read as dates (yyyymmdd or Excel serial)', zh: '数字按日期读取（yyyymmdd 或 Excel 序号）' },
  lineBreakToLf: { en: 'line breaks in cells written CR LF or CR kept as LF (as Excel keeps them)', zh: '单元格内的换行（CR LF 或 CR）统一为 LF（与 Excel 相同）' },
};

/** Where the counts come from: the whole file, or the rows the preview read. */
export interface CountScope {
  /** Rows the counts cover when they are from a sample of a longer file; null = the whole table. */
  sampleRows: number | null;
}

function scoped(scope: CountScope): { en: string; zh: string } {
  return scope.sampleRows === null ? { en: '', zh: '' } : { en: ` (in the first ${n(scope.sampleRows)} rows)`, zh: `（前 ${n(scope.sampleRows)} 行中）` };
}

/**
 * Every silent change a column's conversion made, with counts: texts that meant "no value" made
 * empty, NUL characters removed, cells stored as another type, and the day/month order of dates.
 */
export function conversionWarnings(head: TableHead, notes: readonly ConversionNotes[], scope: CountScope, unguarded: number): ImportWarning[] {
  const out: ImportWarning[] = [];
  const sheet = head.source.sheet;
  const where = scoped(scope);
  notes.forEach((note, i) => {
    const col = head.headers[i]?.name ?? `#${i + 1}`;
    const emptied = note.emptiedTotal;
    if (emptied > 0) {
      const parts = [...note.emptied.entries()].sort((a, b) => b[1] - a[1]);
      const list = (blank: string, sep: string): string => parts.map(([lit, c]) => `${lit === '' ? blank : lit} ×${n(c)}`).join(sep);
      out.push({
        ...warn('VALUES_EMPTIED', `"${col}": ${n(emptied)} cell(s) stored empty because they meant "no value" (${list('spaces only', ', ')})${where.en}`, `"${col}"列有 ${n(emptied)} 个单元格表示"无值"，已按空值保存（${list('仅空格', '、')}）${where.zh}`, sheet, col),
        count: emptied,
      });
    }
    if (note.nulRemoved > 0) {
      out.push({ ...warn('NUL_REMOVED', `"${col}": ${n(note.nulRemoved)} NUL character(s) removed from text${where.en}`, `"${col}"列的文本中删除了 ${n(note.nulRemoved)} 个 NUL 字符${where.zh}`, sheet, col), count: note.nulRemoved });
    }
    if (note.converted.size > 0) {
      const total = [...note.converted.values()].reduce((s, c) => s + c, 0);
      const en = [...note.converted.entries()].map(([k, c]) => `${CONVERSION_TEXT[k].en} ×${n(c)}`).join(', ');
      const zh = [...note.converted.entries()].map(([k, c]) => `${CONVERSION_TEXT[k].zh} ×${n(c)}`).join('、');
      out.push({ ...warn('CELLS_CONVERTED', `"${col}" (${head.types[i]}): ${en}${where.en}`, `"${col}"列（${TYPE_ZH[head.types[i]!]}）：${zh}${where.zh}`, sheet, col), count: total });
    }
  });
  head.dateEvidence.forEach((e, i) => {
    const order = head.dateOrders[i];
    if (!e || !order) return;
    const col = head.headers[i]?.name ?? `#${i + 1}`;
    const used = ORDER_TEXT[order];
    const other = ORDER_TEXT[order === 'mdy' ? 'dmy' : 'mdy'];
    if (e.ambiguous) {
      out.push(
        warn(
          'DATE_ORDER_AMBIGUOUS',
          `"${col}": every date like 3/4/2018 fits both month/day and day/month; read as ${used.en}. If they are ${other.en}, switch the order in the preview (command line: --date-order ${order === 'mdy' ? 'dmy' : 'mdy'})`,
          `"${col}"列中形如 3/4/2018 的日期既可读作月/日也可读作日/月；已按${used.zh}读取。若实为${other.zh}，请在预览中切换顺序（命令行：--date-order ${order === 'mdy' ? 'dmy' : 'mdy'}）`,
          sheet,
          col,
        ),
      );
    } else if (order !== e.order || e.conflicting > 0) {
      const against = order === 'mdy' ? e.evidence.dmy : e.evidence.mdy;
      if (against > 0) {
        out.push({
          ...warn(
            'DATE_ORDER_CONFLICT',
            `"${col}": read as ${used.en}, but ${n(against)} date(s) only fit ${other.en}${where.en}; those are kept as text and flagged`,
            `"${col}"列按${used.zh}读取，但有 ${n(against)} 个日期只能读作${other.zh}${where.zh}；这些单元格保留原文并标记`,
            sheet,
            col,
          ),
          count: against,
        });
      }
    }
  });
  if (unguarded > 0) {
    out.push({
      ...warn('CELLS_CONVERTED', `${n(unguarded)} field(s) started with an apostrophe before = + - @ (the CSV formula guard); the apostrophe was taken off`, `${n(unguarded)} 个字段以撇号加 = + - @ 开头（CSV 的公式防护）；已去掉撇号`, sheet),
      count: unguarded,
    });
  }
  return out;
}

/** Flagged cells, cells beyond the last column, short rows and rows the sheet promised but lacked. */
export function outcomeWarnings(head: TableHead, outcome: WriteOutcome, invalid: number[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  const sheet = head.source.sheet;
  invalid.forEach((count, i) => {
    if (count === 0) return;
    const col = head.headers[i]?.name ?? `#${i + 1}`;
    out.push({
      ...warn('INVALID_CELLS', `${count} cell(s) in "${col}" are not ${head.types[i]}; kept as text and flagged`, `"${col}"列有 ${count} 个单元格无法转换为${head.types[i] ? TYPE_ZH[head.types[i]] : ''}，已保留原文并标记`, sheet, col),
      count,
    });
  });
  if (outcome.extraCells > 0) {
    out.push({ ...warn('EXTRA_CELLS', `${outcome.extraCells} cell(s) right of the last column were not imported`, `最后一列右侧有 ${outcome.extraCells} 个单元格未导入`, sheet), count: outcome.extraCells });
  }
  out.push(...shortRowWarnings(head, outcome));
  const declared = head.source.declaredRows;
  const last = head.source.lastRow?.() ?? null;
  if (declared !== null && declared > 1 && outcome.rows === 0) {
    out.push(warn('ROW_COUNT_MISMATCH', `The sheet declares ${declared} rows but none could be read`, `工作表声明有 ${declared} 行，但没有读到任何数据`, sheet));
  } else if (declared !== null && last !== null && last < declared) {
    // The streaming reader stopped before the sheet's own dimension: say so rather than lose rows silently.
    out.push(warn('ROW_COUNT_MISMATCH', `The sheet declares ${declared} rows but only ${last} were found`, `工作表声明有 ${declared} 行，但只读到 ${last} 行`, sheet));
  }
  return out;
}

export function shortRowWarnings(head: TableHead, outcome: Pick<WriteOutcome, 'shortRows' | 'firstShortRow' | 'lastRowShort'>, scope: CountScope = { sampleRows: null }): ImportWarning[] {
  if (outcome.shortRows === 0) return [];
  const width = head.headers.length;
  const where = scoped(scope);
  const cut =
    outcome.lastRowShort !== null
      ? { en: ` The last row has only ${outcome.lastRowShort} of ${width} cells: the file may be cut off.`, zh: `最后一行只有 ${width} 列中的 ${outcome.lastRowShort} 列：文件可能不完整。` }
      : { en: '', zh: '' };
  return [
    {
      ...warn(
        'SHORT_ROWS',
        `${n(outcome.shortRows)} row(s) have fewer cells than the ${width} columns (first: row ${outcome.firstShortRow})${where.en}; their missing cells are empty.${cut.en}`,
        `有 ${n(outcome.shortRows)} 行的单元格少于 ${width} 列（第一处：第 ${outcome.firstShortRow} 行）${where.zh}，缺少的单元格按空值保存。${cut.zh}`,
        head.source.sheet,
      ),
      count: outcome.shortRows,
    },
  ];
}
