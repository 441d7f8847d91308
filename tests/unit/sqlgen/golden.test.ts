import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECT_IDS, type DialectId } from '../../../electron/engine/sqlgen/dialect';
import { generateSql } from '../../../electron/engine/sqlgen/generate';
import { FIXTURES } from './fixture-models';

/**
 * Golden texts per dialect (tests/fixtures/sqlgen/golden.<dialect>.sql). MySQL, ClickHouse and
 * Spark are checked this way (no server of theirs runs here, and no SQL parser package for them
 * is in the dependencies); SQLite, DuckDB and PostgreSQL are also executed (real-data.test.ts).
 * Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
 */
const DIR = join(__dirname, '..', '..', 'fixtures', 'sqlgen');

function allStatements(dialect: DialectId): string {
  return FIXTURES.map((f) => `-- ==== ${f.name}\n${generateSql(f.request, dialect).sql}`).join('\n');
}

/** Strips comments and string literals (dialect-aware), leaving the SQL structure. */
function structure(sql: string, backslashEscapes: boolean): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += '\n';
    } else if (ch === "'") {
      i++;
      while (i < sql.length) {
        if (backslashEscapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      out += "''";
    } else out += ch;
  }
  return out;
}

describe('golden SQL texts of every dialect', () => {
  for (const dialect of DIALECT_IDS) {
    it(dialect, () => {
      const text = allStatements(dialect);
      const file = join(DIR, `golden.${dialect}.sql`);
      if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(file, text, 'utf8');
      }
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('every statement is well formed: balanced parentheses, one terminating semicolon, the dialect quoting', () => {
    for (const dialect of DIALECT_IDS) {
      const backtick = dialect === 'mysql' || dialect === 'clickhouse' || dialect === 'spark';
      for (const f of FIXTURES) {
        const sql = generateSql(f.request, dialect).sql;
        const bare = structure(sql, backtick);
        let depth = 0;
        let lowest = 0;
        for (const ch of bare) {
          depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
          lowest = Math.min(lowest, depth);
        }
        expect([lowest, depth], `${dialect} ${f.name}`).toEqual([0, 0]);
        expect(bare.trimEnd().endsWith(';'), `${dialect} ${f.name}`).toBe(true);
        expect(bare.indexOf(';'), `${dialect} ${f.name}`).toBe(bare.trimEnd().length - 1);
        // Identifiers: backticks in MySQL/ClickHouse/Spark, double quotes elsewhere, never mixed.
        expect(bare.includes('"'), `${dialect} ${f.name}`).toBe(!backtick);
        expect(bare.includes('`'), `${dialect} ${f.name}`).toBe(backtick);
        // MySQL's || is OR, not concatenation.
        if (dialect === 'mysql' || dialect === 'spark' || dialect === 'clickhouse') expect(bare.includes('||'), `${dialect} ${f.name}`).toBe(false);
      }
    }
  });

  it('string literals escape quotes, and backslashes where the dialect reads escapes', () => {
    const rules = FIXTURES.find((f) => f.request.model.kind === 'rules')!.request;
    expect(generateSql(rules, 'postgres').sql).toContain("'O''Brien \\ Co'");
    expect(generateSql(rules, 'mysql').sql).toContain("'O''Brien \\\\ Co'");
    expect(generateSql(rules, 'spark').sql).toContain("'O''Brien \\\\ Co'");
    expect(generateSql(rules, 'clickhouse').sql).toContain("'O''Brien \\\\ Co'");
  });

  it('dialect specifics: integer division, day arithmetic, ClickHouse NULL joins, ROUND on PostgreSQL', () => {
    const rfm = FIXTURES[0]!.request;
    expect(generateSql(rfm, 'mysql').sql).toContain(' DIV ');
    expect(generateSql(rfm, 'mysql').sql).toContain("DATEDIFF(as_of_day, MAX(CASE WHEN is_return = 0 THEN purchase_day END))");
    expect(generateSql(rfm, 'clickhouse').sql).toContain('intDiv(5 * (rank()');
    expect(generateSql(rfm, 'clickhouse').sql.trimEnd().endsWith('SETTINGS join_use_nulls = 1;')).toBe(true);
    expect(generateSql(rfm, 'duckdb').sql).toContain(' // ');
    expect(generateSql(rfm, 'spark').sql).toContain("DATEDIFF(as_of_day, MIN(CASE WHEN is_return = 0 THEN purchase_day END))");
    expect(generateSql(rfm, 'postgres').sql).toContain('CAST(ROUND(CAST(SUM(signed_amount) AS NUMERIC), 6) AS DOUBLE PRECISION)');
    expect(generateSql(rfm, 'sqlite').sql).toContain("CASE WHEN typeof(src.\"amount\") IN ('integer', 'real')");
  });

  it('a source table named like one of the steps is refused', () => {
    const rfm = FIXTURES[0]!.request;
    expect(() => generateSql({ ...rfm, source: { ...orders(), table: 'kept' } }, 'sqlite')).toThrow(/may not be named kept/);
  });
});

function orders(): typeof FIXTURES[0]['request']['source'] & { kind: 'transactions' } {
  return FIXTURES[0]!.request.source as typeof FIXTURES[0]['request']['source'] & { kind: 'transactions' };
}
