// The chart: p99 edit latency against open documents (5 editors each), one line per server, log scale for
// documents, the 500 ms breaking limit dashed. Plain SVG, written by hand.
export interface Series {
  label: string;
  color: string;
  points: { docs: number; p99: number }[];
}

const W = 640;
const H = 360;
const M = { left: 56, right: 16, top: 24, bottom: 96 };
const Y_MAX = 1000;

export function chartSvg(series: Series[], title: string, xLabel: string): string {
  const all = series.flatMap((s) => s.points.map((p) => p.docs));
  const xMin = Math.min(20, ...all);
  const xMax = Math.max(400, ...all);
  const x = (d: number) => M.left + ((Math.log(d) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * (W - M.left - M.right);
  const y = (ms: number) => M.top + (1 - Math.min(ms, Y_MAX) / Y_MAX) * (H - M.top - M.bottom);
  const ticks = [...new Set(all)].sort((a, b) => a - b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="14" text-anchor="middle" font-size="12">${title}</text>`,
  ];
  for (const ms of [0, 250, 500, 750, 1000]) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(ms)}" y2="${y(ms)}" stroke="${ms === 500 ? '#c00' : '#ddd'}"${ms === 500 ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    parts.push(`<text x="${M.left - 6}" y="${y(ms) + 4}" text-anchor="end">${ms === Y_MAX ? '≥1000' : ms}</text>`);
  }
  for (const d of ticks) parts.push(`<text x="${x(d)}" y="${H - M.bottom + 16}" text-anchor="middle">${d}</text>`);
  parts.push(`<text x="${W / 2}" y="${H - M.bottom + 32}" text-anchor="middle">${xLabel}</text>`);
  parts.push(`<text transform="translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle">p99 edit latency to all editors (ms)</text>`);
  series.forEach((s, i) => {
    const pts = s.points.map((p) => `${x(p.docs).toFixed(1)},${y(p.p99).toFixed(1)}`);
    if (pts.length) parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of s.points) parts.push(`<circle cx="${x(p.docs).toFixed(1)}" cy="${y(p.p99).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = H - M.bottom + 48 + Math.floor(i / 2) * 16;
    const lx = M.left + (i % 2) * 290;
    parts.push(`<rect x="${lx}" y="${ly - 8}" width="14" height="3" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 20}" y="${ly - 3}">${s.label}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
