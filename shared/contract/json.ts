/** Values that survive JSON and structured clone unchanged: the only payloads on the wire. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** A cell as the engine hands it out: numbers, text, booleans; missing is null. */
export type CellValue = string | number | boolean | null;
