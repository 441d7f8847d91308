/**
 * A minimal XML reader for checking generated package parts: elements with their attributes and
 * children, well-formedness enforced (every tag closed in order). No DTDs, no namespaces resolved:
 * names keep their prefix (c:barChart), which is what the schema-order checks compare.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (entities decoded). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ENTITIES[e]!);

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    stack[stack.length - 1]!.text += decode(body.slice(last, m.index));
    last = m.index + m[0].length;
    if (!m[2]) continue;
    const [, close, name, rawAttrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const el: XmlElement = { name, attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0]!;
}

export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

/**
 * Checks that an element's children appear in the order of `sequence` (names not listed are an
 * error, repeats of one name must be adjacent). Returns a problem description or null.
 */
export function orderProblem(el: XmlElement, sequence: readonly string[]): string | null {
  let at = 0;
  for (const child of el.children) {
    const i = sequence.indexOf(child.name);
    if (i < 0) return `<${child.name}> is not allowed in <${el.name}>`;
    if (i < at) return `<${child.name}> comes after <${sequence[at]}> in <${el.name}>`;
    at = i;
  }
  return null;
}
