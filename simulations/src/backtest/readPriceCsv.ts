import { HedgeRouterError } from '@hedge-router/router';

/** A recorded price series: timestamps as given (numbers or ISO dates → unix ms) and prices, USD. */
export type PriceSeries = { timestamps: Float64Array; prices: Float64Array };

function invalid(field: string, shortMessage: string): HedgeRouterError {
  return new HedgeRouterError('INVALID_INPUT', { shortMessage, field });
}

/**
 * Parses a CSV price series with a header row. Accepted columns: `timestamp` (or `time`,
 * `date`) and `price`, or OHLCV (`open,high,low,close,volume`), whose `close` is used.
 * Timestamps are numbers or ISO dates and must increase; prices must be positive. Errors name
 * the file, the line and the column (`file.csv:12 price`).
 */
export function readPriceCsv(text: string, fileName = 'csv'): PriceSeries {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase());
  if (!header) throw invalid(fileName, 'is empty');
  const timeCol = header.findIndex((h) => h === 'timestamp' || h === 'time' || h === 'date');
  const priceCol = header.includes('close') ? header.indexOf('close') : header.indexOf('price');
  if (timeCol < 0) throw invalid(`${fileName}:1`, 'needs a timestamp (or time, date) column');
  if (priceCol < 0) throw invalid(`${fileName}:1`, 'needs a price column (or OHLCV with close)');
  const n = lines.length - 1;
  if (n < 2) throw invalid(fileName, 'needs at least two price rows');
  const timestamps = new Float64Array(n);
  const prices = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1]!.split(',');
    const where = `${fileName}:${i + 2}`;
    const rawTime = cells[timeCol]?.trim() ?? '';
    const time = /^-?\d+(\.\d+)?$/.test(rawTime) ? Number(rawTime) : Date.parse(rawTime);
    if (!Number.isFinite(time))
      throw invalid(`${where} ${header[timeCol]}`, `not a number or date: "${rawTime}"`);
    if (i > 0 && !(time > timestamps[i - 1]!))
      throw invalid(`${where} ${header[timeCol]}`, 'timestamps must increase');
    const price = Number(cells[priceCol]);
    if (!(price > 0) || !Number.isFinite(price))
      throw invalid(
        `${where} ${header[priceCol]}`,
        `must be a positive number, got "${cells[priceCol] ?? ''}"`,
      );
    timestamps[i] = time;
    prices[i] = price;
  }
  return { timestamps, prices };
}
