import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics, on their own registry (no global state between app instances). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'hedge_router_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'hedge_router_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    intentTransitions: new Counter({
      name: 'hedge_router_intent_transitions_total',
      help: 'Intent status transitions made by this process',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    routeDecisions: new Counter({
      name: 'hedge_router_route_decisions_total',
      help: 'Route decisions by chosen venue (first leg) or error code',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
