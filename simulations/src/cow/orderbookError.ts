/**
 * An error the orderbook answers with the real API's shape: HTTP status and
 * `{ errorType, description }` (errorType from the services' OpenAPI: OrderPostError,
 * OrderCancellationError, PriceEstimationError; 'NotFound' for an unknown order on GET;
 * 'MalformedRequest' is ours, for a body that is not an order at all).
 */
export class OrderbookError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly description: string,
  ) {
    super(`${errorType}: ${description}`);
    this.name = 'OrderbookError';
  }

  /** The JSON body the API sends. */
  toBody(): { errorType: string; description: string } {
    return { errorType: this.errorType, description: this.description };
  }
}
