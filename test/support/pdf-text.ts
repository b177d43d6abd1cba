// Extracts the text drawn in a PDF made by pdfkit with the standard fonts: inflate each content stream and
// decode the hex strings of its TJ/Tj operators (WinAnsi ≈ latin1). Enough to check what a PDF says.
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const tj of content.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj/g)) {
      const hexes = tj[1] !== undefined ? [...tj[1].matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => h[1]!) : [tj[2]!];
      out.push(hexes.map((h) => Buffer.from(h, 'hex').toString('latin1')).join(''));
    }
  }
  return out.join('\n');
}
