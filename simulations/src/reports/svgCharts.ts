import { escapeHtml, formatNumber } from './html.js';

const W = 640;
const H = 300;
const M = { left: 70, right: 20, top: 24, bottom: 46 };

/** Round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function axes(
  xLo: number,
  xHi: number,
  yLo: number,
  yHi: number,
  xLabel: string,
  yLabel: string,
): { sx: (x: number) => number; sy: (y: number) => number; svg: string } {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number) => M.left + ((x - xLo) / (xHi - xLo || 1)) * pw;
  const sy = (y: number) => M.top + ph - ((y - yLo) / (yHi - yLo || 1)) * ph;
  let svg = `<line x1="${M.left}" y1="${M.top + ph}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="#889"/>`;
  svg += `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}" stroke="#889"/>`;
  for (const t of ticks(xLo, xHi)) {
    const x = sx(t);
    svg += `<line x1="${x}" y1="${M.top + ph}" x2="${x}" y2="${M.top + ph + 4}" stroke="#889"/><text x="${x}" y="${M.top + ph + 16}" text-anchor="middle">${formatNumber(t, 4)}</text>`;
  }
  for (const t of ticks(yLo, yHi)) {
    const y = sy(t);
    svg += `<line x1="${M.left - 4}" y1="${y}" x2="${M.left + pw}" y2="${y}" stroke="#eef"/><text x="${M.left - 6}" y="${y + 4}" text-anchor="end">${formatNumber(t, 4)}</text>`;
  }
  svg += `<text x="${M.left + pw / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(xLabel)}</text>`;
  svg += `<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`;
  return { sx, sy, svg };
}

function frame(title: string, inner: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}"><text x="${M.left}" y="16" style="font-weight:600">${escapeHtml(title)}</text>${inner}</svg>`;
}

/** Histogram of `values` in `bins` equal bins with optional vertical markers (e.g. p05, mean, p95). */
export function histogramSvg(
  values: ArrayLike<number>,
  {
    title,
    xLabel,
    bins = 40,
    markers = [],
  }: { title: string; xLabel: string; bins?: number; markers?: { x: number; label: string }[] },
): string {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]!++;
  }
  const top = Math.max(...counts, 1);
  const a = axes(lo, hi, 0, top, xLabel, 'paths');
  const bw = (hi - lo) / bins;
  let inner = a.svg;
  counts.forEach((c, i) => {
    const x0 = a.sx(lo + i * bw);
    const x1 = a.sx(lo + (i + 1) * bw);
    inner += `<rect x="${x0}" y="${a.sy(c)}" width="${Math.max(0.5, x1 - x0 - 1)}" height="${a.sy(0) - a.sy(c)}" fill="#5b7fd6"/>`;
  });
  for (const m of markers) {
    const x = a.sx(m.x);
    inner += `<line x1="${x}" y1="${M.top}" x2="${x}" y2="${a.sy(0)}" stroke="#d9534f" stroke-dasharray="4 3"/><text x="${x + 3}" y="${M.top + 10}" fill="#d9534f">${escapeHtml(m.label)}</text>`;
  }
  return frame(title, inner);
}

/** Horizontal bars, signed (negative to the left of zero). */
export function barChartSvg(
  bars: { label: string; value: number }[],
  { title, unit }: { title: string; unit: string },
): string {
  const height = Math.max(H, 40 + bars.length * 28);
  const left = 150;
  const width = W - left - 90;
  const lo = Math.min(0, ...bars.map((b) => b.value));
  const hi = Math.max(0, ...bars.map((b) => b.value));
  const sx = (v: number) => left + ((v - lo) / (hi - lo || 1)) * width;
  let inner = `<line x1="${sx(0)}" y1="26" x2="${sx(0)}" y2="${height - 10}" stroke="#889"/>`;
  bars.forEach((b, i) => {
    const y = 32 + i * 28;
    const x0 = Math.min(sx(0), sx(b.value));
    const w = Math.abs(sx(b.value) - sx(0));
    inner += `<text x="${left - 8}" y="${y + 13}" text-anchor="end">${escapeHtml(b.label)}</text>`;
    inner += `<rect x="${x0}" y="${y}" width="${Math.max(w, 0.5)}" height="18" fill="${b.value >= 0 ? '#4caf7d' : '#d9534f'}"/>`;
    inner += `<text x="${Math.max(sx(0), sx(b.value)) + 4}" y="${y + 13}">${formatNumber(b.value)} ${escapeHtml(unit)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-label="${escapeHtml(title)}"><text x="10" y="16" style="font-weight:600">${escapeHtml(title)}</text>${inner}</svg>`;
}

/** Labelled points, one colour per series, each series joined in x order. */
export function scatterSvg(
  series: {
    name: string;
    color: string;
    points: { x: number; y: number; label?: string }[];
    joined?: boolean;
  }[],
  { title, xLabel, yLabel }: { title: string; xLabel: string; yLabel: string },
): string {
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const pad = (lo: number, hi: number) => {
    const d = hi - lo || Math.abs(hi) || 1;
    return [lo - d * 0.06, hi + d * 0.06] as const;
  };
  const [xLo, xHi] = pad(Math.min(...xs), Math.max(...xs));
  const [yLo, yHi] = pad(Math.min(...ys), Math.max(...ys));
  const a = axes(xLo, xHi, yLo, yHi, xLabel, yLabel);
  let inner = a.svg;
  series.forEach((s, k) => {
    if (s.joined && s.points.length > 1) {
      const sorted = [...s.points].sort((p, q) => p.x - q.x);
      inner += `<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${sorted.map((p) => `${a.sx(p.x)},${a.sy(p.y)}`).join(' ')}"/>`;
    }
    for (const p of s.points) {
      inner += `<circle cx="${a.sx(p.x)}" cy="${a.sy(p.y)}" r="4" fill="${s.color}"/>`;
      if (p.label)
        inner += `<text x="${a.sx(p.x) + 6}" y="${a.sy(p.y) - 5}" style="font-size:10px">${escapeHtml(p.label)}</text>`;
    }
    inner += `<rect x="${W - M.right - 150}" y="${M.top + 4 + k * 16}" width="10" height="10" fill="${s.color}"/><text x="${W - M.right - 135}" y="${M.top + 13 + k * 16}">${escapeHtml(s.name)}</text>`;
  });
  return frame(title, inner);
}
