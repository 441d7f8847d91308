import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KequnError } from '../../../../shared/contract/errors';
import { SQL_DIALECTS, type SqlCheckResult, type SqlDialect, type SqlSourceOptions, type SqlTarget, type SqlTargetInfo } from '../../../../shared/contract/sql';
import type { CliCommand, CliContext } from '../command';
import { arg, flag, DATASET_OPTION } from '../options';
import { str } from './segment-cli-args';

const HELP_ZH = `把已保存的模型导出为数据仓库能直接运行的 SQL（一条语句，用 CTE 分步，带注释）。

要导出什么（四选一）：
  --segmentation S      已保存的细分或模型：RFM 八类、帕累托分层、生命周期、规则细分、模板、K-均值、K-原型（混合聚类）
  --model M             模型列表中的模型：决策树解释（规则写成 CASE）、主成分分析 / 因子分析（得分公式）
  --rfm D               RFM 数据集 D 的定义：从交易数据计算 R、F、M、客单价、首末次购买、客龄，以及 1–5 分和 RFM 代码
  --tags NAME --dataset D   数据集 D 上已应用的标签组合
  --list                列出项目中所有可导出的对象

方言 --dialect：sqlite | duckdb | postgres | mysql（也适用于 Doris / StarRocks）| clickhouse | spark（Spark SQL / Hive）| all
  默认 sqlite。all 需要 --out 目录，每种方言一个文件。

数据来源：
  --from auto|transactions|customers   auto（默认）：模型建立在 RFM 数据集上且只用到 RFM 的列时，从交易明细开始计算；否则从客户表读取
  --table T             源表名（默认：源数据集的名称）
  --key K               客户表的客户编号列（默认：数据集第一列）
  --map 列=字段         应用中的列名 → 仓库表中的字段名，可重复，也可用逗号分隔
  --as-of saved|latest  saved（默认）：沿用模型的分析日期；latest：取表中最后一次购买的次日（每月刷新时用）
  --trend-table T       生命周期消费趋势所用的交易表

输出：默认打印 SQL；--out 文件 写入文件；--json 输出 {sql, outputs, notes, …}。
  结果列：customer_key 以及 segment（细分名称）等；K-均值另有 cluster_no 与 distance（模型单位下到质心的距离）；
  K-原型另有 cluster_no、cost（Huang 代价：数值列平方距离 + γ × 不同的类别列个数）与 distance（cost 的平方根）；
  决策树另有 tree_node（客户到达的节点）与 leaf_purity（该节点训练样本中属于其细分的比例）；
  因子模型每个因子一列（以因子名称命名）；标签每个客户每个标签一行（customer_key, tag_group, tag）。

--check：在项目自己的数据上运行生成的 SQLite SQL（数据读入内存中的临时 SQLite 库），逐个客户与应用的结果比较，
  打印如“1,459 / 1,459 位客户一致”。标签逐字比较；因子得分是数值，相对误差不超过 1e-9 即算一致。

与应用完全一致的约定：五分位按名次，相同数值取同一分（跨越分界的并列取较低的分）；均值/中位数阈值严格比较（等于中位数算“低”）；
R 与客龄按日历天；F 为不同订单数（无订单列时为不同购买日）；退货规则与分析日期与模型相同；缺失值的处理与应用相同。
决策树：x ≤ 阈值走左支，类别列按取值集合（IN 列表）分支，训练时没见过的取值走右支，缺失值停在检验该列的节点、取该节点的多数细分；
K-原型：缺任一输入的客户不分配，代价相同取编号小的群；因子得分：按保存的均值与标准差标准化，计算顺序与应用相同。
Ward 层次聚类与 CLV 分层没有 SQL 形式（Ward 的归属来自整棵树的切分，不是一条规则），不能导出。
方言差异写在 SQL 头部注释里：ClickHouse 需要 Nullable 列（否则缺失值会变成 0 或空字符串），并加 join_use_nulls = 1；
Spark 请把 spark.sql.session.timeZone 设为 UTC；MySQL 的不区分大小写排序规则会让文本比较忽略大小写；没有 LOG1P 的方言用 LN(1 + x)，
末位二进制可能不同，只有两个质心距离在 15 位有效数字内相等时才会改变归属。`;

const HELP_EN = `Exports a saved model as SQL a data warehouse runs as is (one statement, steps as CTEs, commented).

What to export (one of):
  --segmentation S      a saved segmentation or model: RFM-8, Pareto tiers, lifecycle, rule scheme, template, k-means,
                        k-prototypes (mixed data)
  --model M             a model of the models list: decision-tree explanation (its rules as CASE), PCA / factor analysis
                        (the score formulas)
  --rfm D               the definition of RFM dataset D: R, F, M, average order value, first/last purchase and tenure from the
                        transactions, with 1–5 scores and the RFM code
  --tags NAME --dataset D   a tag set applied to dataset D
  --list                list everything in the project that can be exported

Dialect --dialect: sqlite | duckdb | postgres | mysql (also Doris / StarRocks) | clickhouse | spark (Spark SQL / Hive) | all
  Default sqlite. all needs --out DIR and writes one file per dialect.

Source:
  --from auto|transactions|customers   auto (default): from the transaction lines when the model stands on an RFM dataset and
                        uses only RFM columns; otherwise from a customer table
  --table T             source table (default: the source dataset's name)
  --key K               customer id column of a customer table (default: the dataset's first column)
  --map col=field       the app's column name → the warehouse column; repeat it or separate pairs with commas
  --as-of saved|latest  saved (default): the model's analysis date; latest: the day after the last purchase in the table
                        (for a monthly refresh)
  --trend-table T       transactions table of a lifecycle spend trend

Output: the SQL on stdout; --out FILE writes it; --json prints {sql, outputs, notes, …}.
  Columns: customer_key and segment (the label), plus per-model columns; k-means adds cluster_no and distance (to the
  centroid, in model units); k-prototypes adds cluster_no, cost (Huang's: squared numeric distance + γ × differing text
  columns) and distance (its square root); a tree adds tree_node (the node reached) and leaf_purity (the share of that
  node's training rows in its segment); a factor model gives one column per factor, named as the factor; tags give one
  row per customer and tag (customer_key, tag_group, tag).

--check runs the generated SQLite SQL on the project's own data (loaded into a private in-memory SQLite database) and
  compares it customer by customer with the app, printing e.g. "1,459 / 1,459 customers agree". Labels compare exactly;
  factor scores are numbers and agree within a relative 1e-9.

Conventions kept exactly: quintiles by rank, equal values share a score (the lower one across a boundary); mean/median
thresholds compared strictly (a customer at the median is low); R and tenure in calendar days; F = distinct orders
(distinct purchase days without an order column); the model's returns rule and analysis date; missing values as in the app.
Trees: x ≤ threshold goes left, text splits are IN lists, a value unseen in training goes right, a missing value stops at
the node testing it and takes that node's majority segment. k-prototypes: a row missing an input gets no cluster, equal
costs go to the lower cluster number. Factor scores: the saved means and SDs, summed in the app's order.
Ward clusters and CLV tiers have no SQL form (Ward's labels come from cutting the whole tree, not from a rule).
Dialect caveats are in the SQL header: ClickHouse needs Nullable columns (else a missing value reads as 0 or an empty
string) and gets join_use_nulls = 1; set Spark's spark.sql.session.timeZone to UTC; a case-insensitive MySQL collation
makes text comparisons ignore case; dialects without LOG1P use LN(1 + x), whose last binary digit can differ, which moves a
customer only when two centroids are equally near to 15 significant digits.`;

function mapOption(ctx: CliContext): Record<string, string> {
  const raw = ctx.values.map;
  const items = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).flatMap((x) => String(x).split(','));
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    if (i <= 0 || i === item.length - 1) throw new KequnError('VALIDATION', '--map expects column=field pairs', { zh: '--map 的格式应为 列名=字段名' });
    out[item.slice(0, i).trim()] = item.slice(i + 1).trim();
  }
  return out;
}

function targetOf(ctx: CliContext): SqlTarget {
  const seg = str(ctx.values, 'segmentation');
  const rfm = str(ctx.values, 'rfm');
  const tags = str(ctx.values, 'tags');
  const model = str(ctx.values, 'model');
  const given = [seg, model, rfm, tags].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new KequnError('VALIDATION', 'Give one of --segmentation S, --model M, --rfm D or --tags NAME --dataset D (or --list)', {
      zh: '请指定 --segmentation S、--model M、--rfm D 或 --tags 名称 --dataset D 之一（或用 --list 查看）',
    });
  }
  if (seg) return { kind: 'segmentation', segmentationId: seg };
  if (model) return { kind: 'model', modelId: model };
  if (rfm) return { kind: 'rfm', datasetId: rfm };
  const dataset = str(ctx.values, 'dataset');
  if (!dataset) throw new KequnError('VALIDATION', '--tags needs --dataset D', { zh: '--tags 需要同时指定 --dataset D' });
  return { kind: 'tags', datasetId: dataset, tagSet: tags! };
}

function sourceOf(ctx: CliContext): SqlSourceOptions {
  const from = str(ctx.values, 'from') ?? 'auto';
  if (from !== 'auto' && from !== 'transactions' && from !== 'customers') {
    throw new KequnError('VALIDATION', '--from must be auto, transactions or customers', { zh: '--from 只能是 auto、transactions 或 customers' });
  }
  const asOf = str(ctx.values, 'as-of') ?? 'saved';
  if (asOf !== 'saved' && asOf !== 'latest') throw new KequnError('VALIDATION', '--as-of must be saved or latest', { zh: '--as-of 只能是 saved 或 latest' });
  const table = str(ctx.values, 'table');
  const key = str(ctx.values, 'key');
  const trendTable = str(ctx.values, 'trend-table');
  return { from, asOf, columnMap: mapOption(ctx), ...(table ? { table } : {}), ...(key ? { key } : {}), ...(trendTable ? { trendTable } : {}) };
}

function dialectsOf(ctx: CliContext): SqlDialect[] {
  const d = str(ctx.values, 'dialect') ?? 'sqlite';
  if (d === 'all') return [...SQL_DIALECTS];
  if (!(SQL_DIALECTS as readonly string[]).includes(d)) {
    throw new KequnError('VALIDATION', `--dialect must be one of ${SQL_DIALECTS.join(', ')} or all`, { zh: `--dialect 只能是 ${SQL_DIALECTS.join('、')} 或 all` });
  }
  return [d as SqlDialect];
}

type SqlCliResult = { kind: 'list'; targets: SqlTargetInfo[] } | { kind: 'check'; check: SqlCheckResult } | { kind: 'sql'; files: { dialect: SqlDialect; path: string | null; sql: string; outputs: string[]; notes: string[] }[] };

export const sqlCommand: CliCommand = {
  name: 'sql',
  summary: { zh: '把已保存的模型导出为数据仓库 SQL（六种方言），或用 --check 在本项目数据上校验', en: 'Export a saved model as warehouse SQL (six dialects), or --check it on the project data' },
  usage:
    'kequn sql --project P (--segmentation S | --model M | --rfm D | --tags NAME --dataset D | --list) [--dialect sqlite|duckdb|postgres|mysql|clickhouse|spark|all] [--from auto|transactions|customers] [--table T] [--key K] [--map col=field]… [--as-of saved|latest] [--trend-table T] [--out FILE|DIR] [--check] [--json]',
  details: { zh: HELP_ZH, en: HELP_EN },
  options: {
    segmentation: arg('S', '导出规则或 RFM 细分结果', 'export a rule or RFM segmentation'),
    model: arg('M', '导出已保存的模型（K-均值、决策树、K-原型……）', 'export a saved model (k-means, tree, k-prototypes, …)'),
    rfm: arg('D', '导出 RFM 指标的计算（RFM 数据集 id）', 'export the RFM metrics (RFM dataset id)'),
    tags: arg('NAME', '导出标签集（与 --dataset 一起）', 'export a tag set (with --dataset)'),
    dataset: DATASET_OPTION,
    list: flag('列出可以导出的对象', 'list what can be exported'),
    dialect: arg('DIALECT|all', 'SQL 方言', 'SQL dialect', { choices: [...SQL_DIALECTS, 'all'], default: 'sqlite' }),
    from: arg('auto|transactions|customers', 'SQL 读取交易明细表还是客户表', 'read a transactions table or a customers table', { choices: ['auto', 'transactions', 'customers'], default: 'auto' }),
    table: arg('T', '源表名', 'source table name'),
    key: arg('K', '客户键列', 'customer key column'),
    map: arg('col=field', '列名映射：模型中的列=仓库中的字段', 'column map: model column=warehouse field', { multiple: true }),
    'as-of': arg('saved|latest', '分析日期：保存时的日期或表中最新日期', 'analysis date: as saved or the latest in the table', { choices: ['saved', 'latest'], default: 'saved' }),
    'trend-table': arg('T', '生命周期趋势所用的交易表', 'transactions table for the lifecycle trend'),
    out: arg('FILE|DIR', '写入文件（--dialect all 时为文件夹）', 'write a file (a folder with --dialect all)'),
    check: flag('在本项目数据上运行 SQL 并与应用结果逐一比较', "run the SQL on this project's data and compare with the app, one by one"),
  },
  async run(ctx): Promise<SqlCliResult> {
    await ctx.openProject();
    const client = ctx.client();
    if (ctx.values.list === true) {
      const dataset = str(ctx.values, 'dataset');
      return { kind: 'list', targets: await client.call('sql.targets', dataset ? { datasetId: dataset } : {}) };
    }
    const target = targetOf(ctx);
    const source = sourceOf(ctx);
    if (ctx.values.check === true) {
      const check = await client.call('sql.check', { target, source }, { onProgress: (p) => ctx.progress(p.label, p.done, p.total) });
      return { kind: 'check', check };
    }
    const dialects = dialectsOf(ctx);
    const out = str(ctx.values, 'out');
    if (dialects.length > 1 && !out) throw new KequnError('VALIDATION', '--dialect all needs --out DIR', { zh: '--dialect all 需要用 --out 指定目录' });
    const files: Extract<SqlCliResult, { kind: 'sql' }>['files'] = [];
    for (const dialect of dialects) {
      const r = await client.call('sql.export', { target, dialect, source });
      let path: string | null = null;
      if (out) {
        if (dialects.length > 1) {
          mkdirSync(resolve(out), { recursive: true });
          path = join(resolve(out), r.fileName);
        } else path = resolve(out);
        try {
          writeFileSync(path, r.sql, 'utf8');
        } catch (cause) {
          throw new KequnError('FILE_WRITE_FAILED', `Cannot write ${path}`, { zh: `无法写入文件：${path}`, details: { path }, cause });
        }
      }
      files.push({ dialect, path, sql: r.sql, outputs: r.outputs, notes: r.notes });
    }
    return { kind: 'sql', files };
  },
  human(result, lang) {
    const r = result as SqlCliResult;
    const zh = lang === 'zh';
    if (r.kind === 'list') {
      if (r.targets.length === 0) return zh ? '项目中没有可导出为 SQL 的模型' : 'Nothing in this project can be exported as SQL';
      return r.targets
        .map((t) => {
          const tg = t.target;
          const how =
            tg.kind === 'segmentation' ? `--segmentation ${tg.segmentationId}` : tg.kind === 'model' ? `--model ${tg.modelId}` : tg.kind === 'rfm' ? `--rfm ${tg.datasetId}` : `--tags ${tg.tagSet} --dataset ${tg.datasetId}`;
          return `${how}\t${t.model}\t${t.name}\t${t.datasetName}\t${zh ? '来源' : 'from'} ${t.defaultFrom}: ${t.defaultTable} (${t.sourceColumns.join(', ')})`;
        })
        .join('\n');
    }
    if (r.kind === 'check') {
      const c = r.check;
      const unit = zh ? (c.unit === 'customers' ? '位客户' : '行') : c.unit;
      const within = c.tolerance === null ? '' : zh ? `（相对误差 ≤ ${c.tolerance}）` : ` (within a relative ${c.tolerance})`;
      const head = zh ? `${c.agree.toLocaleString('en-US')} / ${c.compared.toLocaleString('en-US')} ${unit}一致${within}` : `${c.agree.toLocaleString('en-US')} / ${c.compared.toLocaleString('en-US')} ${unit} agree${within}`;
      const lines = c.mismatches.map((m) => `  ${m.key}: ${zh ? '应用' : 'app'} ${m.engine ?? '—'}  SQL ${m.sql ?? '—'}`);
      return [head, ...lines].join('\n');
    }
    if (r.files.length === 1 && r.files[0]!.path === null) return r.files[0]!.sql.trimEnd();
    return r.files.map((f) => `${f.dialect}\t${f.path}`).join('\n');
  },
};
