import type { ParamsIn } from '../../../../shared/contract/index';

export type BuilderMethod = 'rfm8' | 'pareto' | 'lifecycle' | 'rules' | 'template';

/** Everything the builder form holds; one object so the preview can key on its JSON. */
export interface BuilderForm {
  method: BuilderMethod;
  r: string;
  f: string;
  m: string;
  threshold: 'mean' | 'median' | 'score';
  scoreThreshold: number;
  valueColumn: string;
  shares: string;
  labels: string;
  newDays: number;
  decliningDays: number;
  churnDays: number;
  declineRatio: number;
  /** Optional spend-trend columns for lifecycle ('' = none). */
  previousColumn: string;
  recentColumn: string;
  /** Optional custom cut points per dimension for score thresholds ('' = quintiles). */
  cutsR: string;
  cutsF: string;
  cutsM: string;
  scheme: string;
  templateId: string;
  name: string;
}

export const EXAMPLE_SCHEME = JSON.stringify(
  {
    name: '金额分档',
    rules: [
      { segment: '大客户', action: '专人维护', when: [{ column: 'M', op: 'gte', value: 1000 }] },
      { segment: '常客', when: [{ column: 'F', op: 'gte', value: 3 }] },
    ],
    defaultSegment: '普通客户',
  },
  null,
  2,
);

export function initialForm(columns: string[]): BuilderForm {
  const pick = (wanted: string, fallback: number): string => (columns.includes(wanted) ? wanted : (columns[fallback] ?? wanted));
  return {
    method: 'rfm8',
    r: pick('R', 0),
    f: pick('F', 1),
    m: pick('M', 2),
    threshold: 'mean',
    scoreThreshold: 3,
    valueColumn: pick('M', 0),
    shares: '80,15,5',
    labels: 'A,B,C',
    newDays: 90,
    decliningDays: 90,
    churnDays: 180,
    declineRatio: 0.7,
    previousColumn: '',
    recentColumn: '',
    cutsR: '',
    cutsF: '',
    cutsM: '',
    scheme: EXAMPLE_SCHEME,
    templateId: 'rfm8',
    name: '',
  };
}

export type BuilderCall =
  | { method: 'segment.rfm8'; params: ParamsIn<'segment.rfm8'> }
  | { method: 'segment.pareto'; params: ParamsIn<'segment.pareto'> }
  | { method: 'segment.lifecycle'; params: ParamsIn<'segment.lifecycle'> }
  | { method: 'segment.rules'; params: ParamsIn<'segment.rules'> }
  | { method: 'segment.templates.apply'; params: ParamsIn<'segment.templates.apply'> };

const list = (s: string): string[] => s.split(/[,，]/).map((x) => x.trim()).filter(Boolean);

/** The engine call for a form, or null when the form cannot be sent yet (bad JSON). */
export function toCall(datasetId: string, form: BuilderForm, preview: boolean): BuilderCall | null {
  const base = { datasetId, preview, ...(form.name.trim() ? { name: form.name.trim() } : {}) };
  switch (form.method) {
    case 'rfm8': {
      const cut = (text: string): number[] | undefined => (text.trim() === '' ? undefined : list(text).map(Number));
      const cuts = { r: cut(form.cutsR), f: cut(form.cutsF), m: cut(form.cutsM) };
      const given = Object.fromEntries(Object.entries(cuts).filter(([, v]) => v !== undefined));
      return {
        method: 'segment.rfm8',
        params: {
          ...base,
          definition: {
            columns: { r: form.r, f: form.f, m: form.m },
            threshold: form.threshold,
            scoreThreshold: form.scoreThreshold,
            ...(form.threshold === 'score' && Object.keys(given).length > 0 ? { cuts: given } : {}),
          },
        },
      };
    }
    case 'pareto':
      return { method: 'segment.pareto', params: { ...base, definition: { valueColumn: form.valueColumn, shares: list(form.shares).map(Number), labels: list(form.labels) } } };
    case 'lifecycle':
      return {
        method: 'segment.lifecycle',
        params: {
          ...base,
          definition: {
            recencyColumn: form.r,
            frequencyColumn: form.f,
            newDays: form.newDays,
            decliningDays: form.decliningDays,
            churnDays: form.churnDays,
            declineRatio: form.declineRatio,
            ...(form.previousColumn && form.recentColumn ? { trend: { previousColumn: form.previousColumn, recentColumn: form.recentColumn } } : {}),
          },
        },
      };
    case 'rules': {
      try {
        return { method: 'segment.rules', params: { ...base, scheme: JSON.parse(form.scheme) as ParamsIn<'segment.rules'>['scheme'] } };
      } catch {
        return null;
      }
    }
    case 'template':
      return { method: 'segment.templates.apply', params: { ...base, templateId: form.templateId } };
  }
}
