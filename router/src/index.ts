// The public surface of @hedge-router/router. Pure TypeScript: no I/O, no chain, no HTTP.

export * from './errors/index.js';

// --- routing core: intents, exact AMM math, MEV model, cost model, route selection ---

// --- gamma engine: pricing, Greeks, implied vol, hedge policies, vol forecasts, P&L ---
