/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A number for people: thousands separators, `digits` decimals at most. */
export function formatNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** An HTML table from a header and rows of cells (numbers formatted, text escaped). */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  digits = 2,
): string {
  const cell = (v: string | number) =>
    typeof v === 'number' ? `<td class="num">${formatNumber(v, digits)}</td>` : `<td>${escapeHtml(v)}</td>`;
  return `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * A self-contained HTML page: inline CSS, inline SVG, no scripts, fonts or links to fetch, so
 * it opens offline from disk.
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#1d2330;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #dde;padding-bottom:4px}
p.note{color:#556;font-size:13px;margin:4px 0 12px}
table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #e6e8ef;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f6fa}
svg{background:#fff;border:1px solid #e6e8ef;margin:6px 0}
svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#334}
</style></head><body>
${body}
</body></html>
`;
}

/** Rows as CSV (RFC 4180 quoting where needed). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const q = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(q).join(',')).join('\n')}\n`;
}
