// The part of autocannon's API the quotes bench uses (the package ships no types).
declare module 'autocannon' {
  type Histogram = { average: number; mean: number; max: number; p50: number; p99: number; total: number };
  export type Result = {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    /** The warm-up phase's own result, when `warmup` was given. */
    warmup?: Result;
  };
  export type RequestParams = {
    method?: string;
    path?: string;
    body?: string;
    headers?: Record<string, string>;
  };
  export type Options = {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    amount?: number;
    /** A load phase before the measured one (not counted in the result). */
    warmup?: { connections?: number; duration: number };
    headers?: Record<string, string>;
    body?: string;
    requests?: {
      method?: string;
      path?: string;
      body?: string;
      /** Called before each request is sent: returns the request to send. */
      setupRequest?: (request: RequestParams) => RequestParams;
    }[];
  };
  export default function autocannon(options: Options): Promise<Result>;
}
