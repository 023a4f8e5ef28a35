/** Running counters of one relay, for tests, benches and audits. */
export type RelayStats = {
  requests: number;
  /** Requests refused for a missing or invalid X-Flashbots-Signature (HTTP 403). */
  refusedSignatures: number;
  bundlesReceived: number;
  bundlesSimulated: number;
  bundlesIncluded: number;
  bundlesNotIncluded: number;
  /** Blocks offered to the builder, and how many of those it won by the inclusion draw. */
  blocksOffered: number;
  blocksWon: number;
  /** Blocks the builder actually produced (won, with at least one bundle that landed). */
  blocksBuilt: number;
  /**
   * How long bundle transactions sat in anvil's pool, from the first eth_sendRawTransaction
   * to evm_mine's answer, per built block (ms). Readers through BlockControl.txpoolContent
   * never see this window; a direct `txpool_content` on anvil could.
   */
  poolExposureMs: number[];
};

/** Fresh zeroed stats. */
export function emptyRelayStats(): RelayStats {
  return {
    requests: 0,
    refusedSignatures: 0,
    bundlesReceived: 0,
    bundlesSimulated: 0,
    bundlesIncluded: 0,
    bundlesNotIncluded: 0,
    blocksOffered: 0,
    blocksWon: 0,
    blocksBuilt: 0,
    poolExposureMs: [],
  };
}
