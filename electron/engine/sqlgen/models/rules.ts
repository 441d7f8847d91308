import type { RulesModel, TagsModel } from '../model-types';
import { KEY, indent, type GenContext, type ModelSql } from '../sql-parts';
import { conditionsSql } from './conditions';

/** Ordered rules (segment/rules.ts): the first rule whose conditions all hold, else the default segment. */
export function rulesSql(model: RulesModel, g: GenContext): ModelSql {
  const { d } = g;
  const branches = model.rules.map((r, i) => `    -- rule ${i + 1}\n    WHEN ${conditionsSql(d, r.when, g.col, g.rel.kindOf)} THEN ${d.string(r.segment.trim())}`);
  const segment = `CASE\n${branches.join('\n')}\n    ELSE ${d.string(model.defaultSegment.trim())}\n  END`;
  return {
    ctes: [],
    select: model.rules.length === 0 ? `SELECT ${KEY}, ${d.string(model.defaultSegment.trim())} AS segment\nFROM ${g.rel.name}` : `SELECT\n${indent(`${KEY},\n${segment} AS segment`)}\nFROM ${g.rel.name}`,
    outputs: [KEY, 'segment'],
    notes: ['first matching rule wins; missing values fail every test except isEmpty, ne and notIn; text compares without surrounding spaces'],
  };
}

/**
 * A tag set (segment/tags.ts): one output row per customer and tag, across groups; a customer
 * can carry any number of tags. Fixed tags where all conditions hold; value tags take the
 * trimmed cell text through the map, with the prefix. Duplicates within a group collapse.
 */
export function tagsSql(model: TagsModel, g: GenContext): ModelSql {
  const { d } = g;
  const parts: string[] = [];
  for (const group of model.groups) {
    for (const rule of group.rules) {
      const groupText = d.string(group.group);
      if (rule.kind === 'when') {
        parts.push(`SELECT ${KEY}, ${groupText} AS tag_group, ${d.string(rule.tag.trim())} AS tag\nFROM ${g.rel.name}\nWHERE ${conditionsSql(d, rule.when, g.col, g.rel.kindOf)}`);
      } else {
        const cell = d.trim(d.text(g.col(rule.column)));
        const entries = Object.entries(rule.map);
        const mapped = entries.length === 0 ? cell : `CASE ${cell}\n${entries.map(([k, v]) => `        WHEN ${d.string(k)} THEN ${d.string(v)}`).join('\n')}\n        ELSE ${cell}\n    END`;
        const tag = rule.prefix === '' ? mapped : d.concat([d.string(rule.prefix), mapped]);
        parts.push(`SELECT ${KEY}, ${groupText} AS tag_group, ${tag} AS tag\nFROM ${g.rel.name}\nWHERE ${g.col(rule.column)} IS NOT NULL AND ${cell} <> ''`);
      }
    }
  }
  return {
    ctes: [{ name: 'tag_hits', comment: 'every rule of every group: the customers it tags', body: parts.join('\nUNION ALL\n') }],
    select: `SELECT DISTINCT ${KEY}, tag_group, tag\nFROM tag_hits`,
    outputs: [KEY, 'tag_group', 'tag'],
    notes: ['one row per customer and tag; customers without a tag do not appear'],
  };
}

