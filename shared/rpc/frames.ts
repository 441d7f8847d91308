import type { WireError } from '../contract/errors';
import type { JsonValue } from '../contract/json';
import type { ProgressDetail } from '../contract/progress';

/** Wire frames; every field is JSON-safe so the same frames travel over JSON and structured clone. */
export interface ReqFrame {
  t: 'req';
  id: number;
  method: string;
  params: unknown;
}
export interface ResFrame {
  t: 'res';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: WireError;
}
export interface CancelFrame {
  t: 'cancel';
  id: number;
}
export interface ProgressFrame {
  t: 'progress';
  id: number;
  done: number;
  total: number | null;
  /** A ProgressLabel code (translated by the receiver). */
  label: string;
  detail?: ProgressDetail;
}
export interface EventFrame {
  t: 'event';
  name: string;
  payload: JsonValue | object;
}

export type ClientToEngineFrame = ReqFrame | CancelFrame;
export type EngineToClientFrame = ResFrame | ProgressFrame | EventFrame;
export type Frame = ClientToEngineFrame | EngineToClientFrame;

/** Cheap structural check for frames arriving from an untrusted transport. */
export function isClientFrame(v: unknown): v is ClientToEngineFrame {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  if (typeof f.id !== 'number' || !Number.isSafeInteger(f.id)) return false;
  if (f.t === 'cancel') return true;
  return f.t === 'req' && typeof f.method === 'string';
}

export function isEngineFrame(v: unknown): v is EngineToClientFrame {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return f.t === 'res' || f.t === 'progress' || f.t === 'event';
}
