import { HedgeRouterError } from '@hedge-router/router';

/**
 * An error the orderbook answers with the real API's shape: HTTP status and
 * `{ errorType, description }` (errorType from the services' OpenAPI: OrderPostError,
 * OrderCancellationError, PriceEstimationError; 'NotFound' for an unknown order on GET;
 * 'MalformedRequest' is ours, for a body that is not an order at all). A HedgeRouterError:
 * NOT_FOUND for a 404, INVALID_INPUT for a malformed request, VENUE_REFUSED otherwise.
 */
export class OrderbookError extends HedgeRouterError {
  override readonly name: string = 'OrderbookError';
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly description: string,
  ) {
    // Not found (an order, liquidity); a body that is no order; else the book refusing it.
    super(
      status === 404 ? 'NOT_FOUND' : errorType === 'MalformedRequest' ? 'INVALID_INPUT' : 'VENUE_REFUSED',
      {
        shortMessage: `${errorType}: ${description}`,
      },
    );
  }

  /** The JSON body the API sends. */
  toBody(): { errorType: string; description: string } {
    return { errorType: this.errorType, description: this.description };
  }
}
