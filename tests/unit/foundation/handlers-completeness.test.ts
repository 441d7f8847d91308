import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract/index';
import { handlers } from '../../../electron/engine/host/handlers';
import type { EngineHandlers } from '../../../electron/engine/host/context';

describe('handler map', () => {
  it('has exactly one handler per contract method', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('a missing handler is a compile error (checked by npm run typecheck)', () => {
    const { ['engine.info']: _dropped, ...partial } = handlers;
    // @ts-expect-error engine.info is missing, so this map does not satisfy the contract.
    const incomplete: EngineHandlers = partial;
    expect(Object.keys(incomplete)).not.toContain('engine.info');
  });
});
