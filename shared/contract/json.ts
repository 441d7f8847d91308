import { z } from 'zod';

/** Values that survive JSON and structured clone unchanged: the only payloads on the wire. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** A cell as the engine hands it out: numbers, text, booleans; missing is null. */
export type CellValue = string | number | boolean | null;


/** Validates stored JSON documents (definitions, specs) when the engine reads them back. */
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
