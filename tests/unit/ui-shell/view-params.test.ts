import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * View params are typed per view: each view registers a schema; what a caller or a saved tab
 * hands over is parsed by it (defaults filled, unknown or malformed params refused).
 * renderer/src/app/view-registry.ts is loaded at run time like the other renderer logic.
 */
const RENDERER = resolve(__dirname, '..', '..', '..', 'renderer', 'src');
interface Registered {
  parse(raw: unknown): Record<string, unknown> | null;
  tabKey(params: Record<string, unknown>): string;
}
interface RegistryModule {
  registerView(def: unknown): void;
  getView(id: string): Registered | undefined;
  isViewId(id: string): boolean;
  NO_PARAMS: z.ZodType;
}
const load = async (): Promise<RegistryModule> => (await import(pathToFileURL(resolve(RENDERER, 'app/view-registry.ts')).href)) as RegistryModule;
const component = (): null => null;

describe('view params: one schema per view', () => {
  it('parses params with the view schema: defaults filled, bad or unknown params refused', async () => {
    const r = await load();
    const chartParams = z.object({ chart: z.enum(['shareBar', 'trend']).default('shareBar'), bins: z.number().int().min(2).optional() }).strict();
    r.registerView({ id: 'test-charts', title: { zh: '图表', en: 'Charts' }, scope: 'dataset', params: chartParams, component });
    const v = r.getView('test-charts')!;
    expect(r.isViewId('test-charts')).toBe(true);
    expect(v.parse(undefined)).toEqual({ chart: 'shareBar' });
    expect(v.parse({ chart: 'trend', bins: 12 })).toEqual({ chart: 'trend', bins: 12 });
    expect(v.parse({ chart: 'pie' })).toBeNull();
    expect(v.parse({ chart: 'trend', extra: 1 })).toBeNull();
    expect(v.parse({ bins: 1.5 })).toBeNull();
    expect(v.tabKey({ chart: 'trend' })).toBe('');
  });

  it('a view without params takes none; a view that shows several things per dataset names its tabs', async () => {
    const r = await load();
    r.registerView({ id: 'test-plain', title: { zh: '甲', en: 'A' }, scope: 'project', params: r.NO_PARAMS, component });
    expect(r.getView('test-plain')!.parse({})).toEqual({});
    expect(r.getView('test-plain')!.parse({ anything: true })).toBeNull();
    const importParams = z.object({ path: z.string().min(1).optional() }).strict();
    r.registerView({ id: 'test-import', title: { zh: '导入', en: 'Import' }, scope: 'project', params: importParams, component, tabKey: (p: { path?: string }) => p.path ?? '' });
    const v = r.getView('test-import')!;
    expect(v.tabKey(v.parse({ path: 'D:/订单/一月.xlsx' })!)).toBe('D:/订单/一月.xlsx');
    expect(v.tabKey(v.parse({})!)).toBe('');
    expect(r.isViewId('no-such-view')).toBe(false);
  });
});
