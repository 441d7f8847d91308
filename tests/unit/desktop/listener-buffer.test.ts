import { describe, expect, it } from 'vitest';
import { createBuffer } from '../../../electron/preload/listener-buffer';

describe('preload listener buffer', () => {
  it('holds events until the page subscribes, then delivers in order and live', () => {
    const b = createBuffer<number>();
    b.emit(1);
    b.emit(2);
    const got: number[] = [];
    const off = b.subscribe((v) => got.push(v));
    b.emit(3);
    expect(got).toEqual([1, 2, 3]);
    off();
    b.emit(4);
    expect(got).toEqual([1, 2, 3]);
    const later: number[] = [];
    b.subscribe((v) => later.push(v));
    expect(later).toEqual([4]);
  });

  it('keeps only the newest events when nobody listens for long', () => {
    const b = createBuffer<number>(3);
    for (let i = 0; i < 10; i++) b.emit(i);
    const got: number[] = [];
    b.subscribe((v) => got.push(v));
    expect(got).toEqual([7, 8, 9]);
  });

  it('the same function subscribed twice is unsubscribed independently', () => {
    const b = createBuffer<string>();
    const got: string[] = [];
    const fn = (v: string): number => got.push(v);
    const off1 = b.subscribe(fn);
    b.subscribe(fn);
    off1();
    b.emit('x');
    expect(got).toEqual(['x']);
  });
});
