// The repo's one year length. Every conversion between seconds (block times, fill delays,
// validity windows, hedge steps) or days and years (option expiries, vol annualisation) goes
// through these, so a σ√τ or an expiry means the same thing in the router, the venues and the
// simulations.
//
// Why 365 calendar days: crypto trades 24/7, so every second counts (calendar time, not the
// 252 trading days of equity markets), and a year is 365 of those days (ACT/365 Fixed). The
// option and vol code here already used it: expiries are days / 365 (a 30-day option is
// 30 / DAYS_PER_YEAR), daily prices annualise with 365 periods a year and hourly ones with
// 365 × 24, and a backtest's daily hedge over a year is 365 steps. Some venue and cost code used
// 365.25 (Julian years): that moves σ√τ by only 0.03%, but with two conventions side by side the
// same seconds were two different τ.

/** Calendar days in a year (ACT/365 Fixed). */
export const DAYS_PER_YEAR = 365;

/** Seconds in a year of calendar time: 365 × 24 × 3600 = 31,536,000. */
export const SECONDS_PER_YEAR = DAYS_PER_YEAR * 24 * 3600;
