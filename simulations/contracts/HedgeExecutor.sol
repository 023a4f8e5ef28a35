// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IERC20Minimal {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IUniswapV3FactoryMinimal {
    function getPool(address tokenA, address tokenB, uint24 fee) external view returns (address);
}

interface IUniswapV3PoolMinimal {
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
}

interface IERC20ApproveMinimal {
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @dev The local intent bridge's deposit (simulations/contracts/IntentSpokePool.sol, Across V3 style).
interface IIntentSpokePoolMinimal {
    function deposit(
        address depositor,
        address recipient,
        address inputToken,
        address outputToken,
        uint256 inputAmount,
        uint256 outputAmount,
        uint256 destinationChainId,
        uint32 fillDeadline,
        bytes calldata message
    ) external returns (uint32 depositId);
    function depositState(uint32 depositId) external view returns (uint8);
}

/// @title HedgeExecutor
/// @notice Executes hedge legs for vaults that approve it, on behalf of Hedge Router's operator key.
/// The vault never hands over its keys: it approves this contract for its tokens, and this
/// contract only ever (1) pulls exactly a leg's sell amount from the vault, straight into a
/// genuine Uniswap V3 pool of the configured factory, (2) has the pool pay the proceeds straight
/// to the vault, (3) reverts unless the vault received at least the leg's minimum before its
/// deadline, and (4) executes each leg id at most once, so a resubmission or a fallback route
/// for the same leg can never fill twice. Only the operator can call it.
contract HedgeExecutor {
    /// @dev TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: no price limit, the whole amount trades.
    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    address public immutable operator;
    IUniswapV3FactoryMinimal public immutable factory;

    /// @notice Leg ids already executed (a leg id is chosen by the router per intent leg).
    mapping(bytes32 => bool) public executed;

    /// @dev The pool a swap is in progress with, and whose vault pays: only it may call back.
    address private transient activePool;
    address private transient activeVault;

    struct V3Leg {
        bytes32 legId;
        address vault;
        address pool;
        address sellToken;
        address buyToken;
        uint24 fee;
        uint256 sellAmount;
        uint256 minBuyAmount;
        uint64 deadline;
    }

    event HedgeLegExecuted(
        bytes32 indexed legId,
        address indexed vault,
        address indexed pool,
        address sellToken,
        address buyToken,
        uint256 sellAmount,
        uint256 buyAmount,
        uint256 minBuyAmount
    );

    error NotOperator();
    error DeadlinePassed(uint64 deadline, uint256 timestamp);
    error AlreadyExecuted(bytes32 legId);
    error NotAPool(address pool);
    error PartialFill(uint256 soldAmount, uint256 sellAmount);
    error BelowMinimum(uint256 buyAmount, uint256 minBuyAmount);
    error UnexpectedCallback(address caller);

    constructor(address operator_, address factory_) {
        operator = operator_;
        factory = IUniswapV3FactoryMinimal(factory_);
    }

    /// @notice Sells exactly `leg.sellAmount` of the vault's sell token on a Uniswap V3 pool,
    /// proceeds to the vault, at least `leg.minBuyAmount` or revert.
    function swapV3(V3Leg calldata leg) external returns (uint256 buyAmount) {
        if (msg.sender != operator) revert NotOperator();
        if (block.timestamp > leg.deadline) revert DeadlinePassed(leg.deadline, block.timestamp);
        if (executed[leg.legId]) revert AlreadyExecuted(leg.legId);
        if (factory.getPool(leg.sellToken, leg.buyToken, leg.fee) != leg.pool) revert NotAPool(leg.pool);
        executed[leg.legId] = true;

        bool zeroForOne = leg.sellToken < leg.buyToken;
        activePool = leg.pool;
        activeVault = leg.vault;
        (int256 amount0, int256 amount1) = IUniswapV3PoolMinimal(leg.pool).swap(
            leg.vault,
            zeroForOne,
            int256(leg.sellAmount),
            zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE,
            abi.encode(leg.sellToken)
        );
        activePool = address(0);
        activeVault = address(0);

        uint256 sold = uint256(zeroForOne ? amount0 : amount1);
        if (sold != leg.sellAmount) revert PartialFill(sold, leg.sellAmount);
        buyAmount = uint256(-(zeroForOne ? amount1 : amount0));
        if (buyAmount < leg.minBuyAmount) revert BelowMinimum(buyAmount, leg.minBuyAmount);
        emit HedgeLegExecuted(
            leg.legId, leg.vault, leg.pool, leg.sellToken, leg.buyToken, leg.sellAmount, buyAmount, leg.minBuyAmount
        );
    }

    // ---- Cross-chain legs (intent bridge). Additive: swapV3 and the callback are unchanged. ----

    /// @notice The intent bridge each vault trusts on this chain and, per destination chain, the
    /// executor that receives its bridged legs there. Set by the vault itself, never by the
    /// operator, so the operator cannot send a vault's funds to a bridge or recipient of its choice.
    mapping(address => address) public vaultSpokePool;
    mapping(address => mapping(uint256 => address)) public vaultDestinationExecutor;

    /// @notice Where each bridged leg's deposit is escrowed, so a refunded one can free its leg id.
    struct BridgeDeposit {
        address spokePool;
        uint32 depositId;
        bool open;
    }
    mapping(bytes32 => BridgeDeposit) public bridgeDeposits;

    /// @dev IntentSpokePool.DepositState.Refunded.
    uint8 private constant SPOKE_DEPOSIT_REFUNDED = 3;

    /// @notice A leg that leaves this chain: exactly `sellAmount` pulled from the vault into the
    /// bridge; the relayer delivers `bridgeOutputAmount` to the vault's destination executor, which
    /// swaps it as `remote` says and bridges the proceeds back to the vault. Refunds go to the vault.
    struct BridgeLeg {
        bytes32 legId;
        address vault;
        address sellToken;
        uint256 sellAmount;
        uint256 bridgeOutputAmount;
        uint256 destinationChainId;
        address destinationSellToken;
        uint32 fillDeadline;
        uint64 deadline;
        RemoteSwap remote;
    }

    /// @notice What the destination executor does with a bridged leg (the deposit's message).
    struct RemoteSwap {
        bytes32 legId;
        address vault;
        address pool;
        address sellToken;
        address buyToken;
        uint24 fee;
        /// @dev The least the vault must be paid back on the origin chain (after the return fee).
        uint256 minBuyAmount;
        uint256 returnChainId;
        address returnOutputToken;
        uint256 returnFeeBps;
        uint32 returnFillDeadline;
    }

    event BridgeRouteSet(address indexed vault, address indexed spokePool, uint256 indexed destinationChainId, address destinationExecutor);
    event HedgeLegBridged(
        bytes32 indexed legId,
        address indexed vault,
        address indexed spokePool,
        address sellToken,
        uint256 sellAmount,
        uint256 bridgeOutputAmount,
        uint256 destinationChainId,
        uint32 depositId
    );
    event HedgeLegSwappedRemote(
        bytes32 indexed legId,
        address indexed vault,
        address indexed pool,
        address sellToken,
        address buyToken,
        uint256 sellAmount,
        uint256 buyAmount,
        uint256 returnOutputAmount,
        uint32 returnDepositId
    );

    event BridgeLegReleased(bytes32 indexed legId, address indexed spokePool, uint32 depositId);

    error BridgeNotSet(address vault, uint256 destinationChainId);
    error BridgeDepositNotRefunded(bytes32 legId);
    error LegMismatch(string field);
    error FeeAboveAmount(uint256 outputAmount, uint256 sellAmount);
    error NotSpokePool(address caller);
    error WrongBridgedToken(address token, address expected);

    /// @notice Called by a vault: trust `spokePool` for its bridged legs, delivered to
    /// `destinationExecutor` on `destinationChainId` (zero for none, e.g. on the destination itself).
    function setBridgeRoute(address spokePool, uint256 destinationChainId, address destinationExecutor) external {
        vaultSpokePool[msg.sender] = spokePool;
        vaultDestinationExecutor[msg.sender][destinationChainId] = destinationExecutor;
        emit BridgeRouteSet(msg.sender, spokePool, destinationChainId, destinationExecutor);
    }

    /// @notice Sends a leg over the vault's bridge: pulls exactly `leg.sellAmount` from the vault,
    /// deposits it with the vault as refund address and its destination executor as recipient.
    /// Marks the leg id executed, so no other venue can fill the same leg afterwards.
    function bridgeOut(BridgeLeg calldata leg) external returns (uint32 depositId) {
        if (msg.sender != operator) revert NotOperator();
        if (block.timestamp > leg.deadline) revert DeadlinePassed(leg.deadline, block.timestamp);
        if (executed[leg.legId]) revert AlreadyExecuted(leg.legId);
        address spokePool = vaultSpokePool[leg.vault];
        address destinationExecutor = vaultDestinationExecutor[leg.vault][leg.destinationChainId];
        if (spokePool == address(0) || destinationExecutor == address(0)) {
            revert BridgeNotSet(leg.vault, leg.destinationChainId);
        }
        if (leg.remote.legId != leg.legId) revert LegMismatch("remote.legId");
        if (leg.remote.vault != leg.vault) revert LegMismatch("remote.vault");
        if (leg.remote.sellToken != leg.destinationSellToken) revert LegMismatch("remote.sellToken");
        if (leg.remote.returnChainId != block.chainid) revert LegMismatch("remote.returnChainId");
        if (leg.bridgeOutputAmount > leg.sellAmount) revert FeeAboveAmount(leg.bridgeOutputAmount, leg.sellAmount);
        executed[leg.legId] = true;

        require(IERC20Minimal(leg.sellToken).transferFrom(leg.vault, address(this), leg.sellAmount), "HedgeExecutor: pull failed");
        require(IERC20ApproveMinimal(leg.sellToken).approve(spokePool, leg.sellAmount), "HedgeExecutor: approve failed");
        depositId = IIntentSpokePoolMinimal(spokePool).deposit(
            leg.vault,
            destinationExecutor,
            leg.sellToken,
            leg.destinationSellToken,
            leg.sellAmount,
            leg.bridgeOutputAmount,
            leg.destinationChainId,
            leg.fillDeadline,
            abi.encode(leg.remote)
        );
        bridgeDeposits[leg.legId] = BridgeDeposit(spokePool, depositId, true);
        emit HedgeLegBridged(
            leg.legId, leg.vault, spokePool, leg.sellToken, leg.sellAmount, leg.bridgeOutputAmount, leg.destinationChainId, depositId
        );
    }

    /// @notice Frees the leg id of a bridged leg whose deposit the bridge refunded to the vault
    /// (never filled by its deadline), so a fallback route can fill the leg. Anyone may call it:
    /// it only acts on the bridge's own record of the refund.
    function releaseRefundedBridgeLeg(bytes32 legId) external {
        BridgeDeposit memory d = bridgeDeposits[legId];
        if (!d.open || IIntentSpokePoolMinimal(d.spokePool).depositState(d.depositId) != SPOKE_DEPOSIT_REFUNDED) {
            revert BridgeDepositNotRefunded(legId);
        }
        delete bridgeDeposits[legId];
        executed[legId] = false;
        emit BridgeLegReleased(legId, d.spokePool, d.depositId);
    }

    /// @notice Destination action of a bridged leg, called by the vault's trusted spoke pool in
    /// the relayer's fill, right after `amount` of `token` reached this contract: swaps all of it
    /// on a genuine pool, then bridges the proceeds back to the vault (refunds to the vault here).
    /// Reverts, and with it the fill, unless the vault gets at least `minBuyAmount` back.
    function handleBridgeMessage(address token, uint256 amount, address, bytes calldata message) external {
        RemoteSwap memory s = abi.decode(message, (RemoteSwap));
        address spokePool = vaultSpokePool[s.vault];
        if (msg.sender != spokePool || spokePool == address(0)) revert NotSpokePool(msg.sender);
        if (token != s.sellToken) revert WrongBridgedToken(token, s.sellToken);
        if (factory.getPool(s.sellToken, s.buyToken, s.fee) != s.pool) revert NotAPool(s.pool);

        uint256 buyAmount = _swapHeld(s, amount);
        // Fee rounded up, as the relayer checks it: fee * 10_000 >= amount * feeBps.
        uint256 returnOutput = buyAmount - (buyAmount * s.returnFeeBps + 9_999) / 10_000;
        if (returnOutput < s.minBuyAmount) revert BelowMinimum(returnOutput, s.minBuyAmount);
        uint32 returnDepositId = _bridgeBack(s, spokePool, buyAmount, returnOutput);
        emit HedgeLegSwappedRemote(
            s.legId, s.vault, s.pool, s.sellToken, s.buyToken, amount, buyAmount, returnOutput, returnDepositId
        );
    }

    /// @dev Sells exactly `amount` of tokens this contract holds on `s.pool`, proceeds to itself.
    function _swapHeld(RemoteSwap memory s, uint256 amount) private returns (uint256 buyAmount) {
        bool zeroForOne = s.sellToken < s.buyToken;
        // The callback pays with transferFrom(activeVault, pool); here the payer is this contract
        // (it holds the bridged funds), so it approves itself for exactly the amount.
        require(IERC20ApproveMinimal(s.sellToken).approve(address(this), amount), "HedgeExecutor: approve failed");
        activePool = s.pool;
        activeVault = address(this);
        (int256 amount0, int256 amount1) = IUniswapV3PoolMinimal(s.pool).swap(
            address(this),
            zeroForOne,
            int256(amount),
            zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE,
            abi.encode(s.sellToken)
        );
        activePool = address(0);
        activeVault = address(0);
        uint256 sold = uint256(zeroForOne ? amount0 : amount1);
        if (sold != amount) revert PartialFill(sold, amount);
        buyAmount = uint256(-(zeroForOne ? amount1 : amount0));
    }

    /// @dev Deposits the proceeds back toward the vault on the origin chain; refunds go to the vault here.
    function _bridgeBack(RemoteSwap memory s, address spokePool, uint256 buyAmount, uint256 returnOutput)
        private
        returns (uint32)
    {
        require(IERC20ApproveMinimal(s.buyToken).approve(spokePool, buyAmount), "HedgeExecutor: approve failed");
        return IIntentSpokePoolMinimal(spokePool).deposit(
            s.vault, s.vault, s.buyToken, s.returnOutputToken, buyAmount, returnOutput, s.returnChainId, s.returnFillDeadline, ""
        );
    }

    /// @dev Pays the pool from the vault: exactly what the pool asks, and only to the pool we called.
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        if (msg.sender != activePool || msg.sender == address(0)) revert UnexpectedCallback(msg.sender);
        address sellToken = abi.decode(data, (address));
        uint256 owed = uint256(amount0Delta > 0 ? amount0Delta : amount1Delta);
        require(IERC20Minimal(sellToken).transferFrom(activeVault, msg.sender, owed), "HedgeExecutor: pull failed");
    }

    // ---------------------------------------------------------------------------------------
    // Batch auctions (CoW Protocol) and netting. Additive: the swapV3 path above is unchanged.
    // ---------------------------------------------------------------------------------------

    /// @dev GPv2Order.TYPE_HASH, KIND_SELL and BALANCE_ERC20 (@cowprotocol/contracts GPv2Order.sol).
    bytes32 private constant COW_ORDER_TYPE_HASH = 0xd5a25ba2e97094ad7d83dc28a6572da797d6b3e7fc6663bd93efb789fc17e489;
    bytes32 private constant COW_KIND_SELL = 0xf3b277728b3fee749481eb3e0b3b48980dbbab78658fc419025cb16eee346775;
    bytes32 private constant COW_BALANCE_ERC20 = 0x5a28e9363bb942b639270062aa6bb295f434bcdfc42c97267bf003f272060dc9;
    /// @dev EIP-1271 magic value (bytes4(keccak256("isValidSignature(bytes32,bytes)"))).
    bytes4 private constant EIP1271_MAGIC = 0x1626ba7e;

    /// @notice The CoW Protocol settlement this executor places orders on; set once by the operator.
    address public cowSettlement;

    /// @notice One CoW order per leg: the vault's sell amount waits here until the settlement
    /// pulls it (a fill pays the vault directly, it is the order's receiver) or it is reclaimed.
    struct CowOrder {
        address vault;
        address sellToken;
        uint32 validTo;
        bool open;
        uint256 sellAmount;
        bytes32 digest;
    }

    struct CowLeg {
        bytes32 legId;
        address vault;
        address sellToken;
        address buyToken;
        uint256 sellAmount;
        uint256 minBuyAmount;
        uint32 validTo;
        bytes32 appData;
    }

    /// @notice A leg crossed against an opposite leg (netting): each vault's sell amount goes
    /// straight to the other vault.
    struct CrossLeg {
        bytes32 legId;
        address vault;
        address sellToken;
        address buyToken;
        uint256 sellAmount;
        uint256 minBuyAmount;
        uint64 deadline;
    }

    mapping(bytes32 => CowOrder) public cowOrders;
    /// @notice The leg of each open order digest: what isValidSignature accepts.
    mapping(bytes32 => bytes32) public cowOrderLeg;

    event CowSettlementConfigured(address indexed settlement, address vaultRelayer);
    event CowOrderPlaced(
        bytes32 indexed legId,
        address indexed vault,
        bytes32 indexed digest,
        bytes orderUid,
        address sellToken,
        address buyToken,
        uint256 sellAmount,
        uint256 minBuyAmount,
        uint32 validTo
    );
    event CowOrderReclaimed(bytes32 indexed legId, address indexed vault, bytes orderUid, uint256 refundAmount);
    event HedgeLegsCrossed(bytes32 indexed legIdA, bytes32 indexed legIdB, address vaultA, address vaultB);

    error CowSettlementNotSet();
    error CowSettlementAlreadySet(address settlement);
    error UnknownCowOrder(bytes32 legId);
    error CowOrderStillValid(uint32 validTo, uint256 timestamp);
    error CowOrderFilled(bytes32 legId, uint256 filledAmount);
    error NotOppositeLegs();

    /// @notice Sets the settlement CoW orders are placed on, once (a vault can check it before
    /// approving), and lets its vault relayer pull what open orders hold. The relayer only ever
    /// moves funds for a trade the settlement validated, and this contract only validates its
    /// own open orders, each backed by exactly the amount it pulled.
    function configureCowSettlement(address settlement) external {
        if (msg.sender != operator) revert NotOperator();
        if (cowSettlement != address(0)) revert CowSettlementAlreadySet(cowSettlement);
        cowSettlement = settlement;
        emit CowSettlementConfigured(settlement, IGPv2SettlementMinimal(settlement).vaultRelayer());
    }

    /// @notice Places a fill-or-kill CoW sell order for a leg: pulls exactly `leg.sellAmount` from
    /// the vault, with the vault as the order's receiver and `leg.minBuyAmount` as its limit.
    /// The leg counts as executed while the order is open, so no other route can fill it too.
    function placeCowOrder(CowLeg calldata leg) external returns (bytes memory orderUid) {
        if (msg.sender != operator) revert NotOperator();
        address settlement = cowSettlement;
        if (settlement == address(0)) revert CowSettlementNotSet();
        if (block.timestamp > leg.validTo) revert DeadlinePassed(leg.validTo, block.timestamp);
        if (executed[leg.legId]) revert AlreadyExecuted(leg.legId);
        executed[leg.legId] = true;

        bytes32 digest = cowOrderDigest(leg, IGPv2SettlementMinimal(settlement).domainSeparator());
        cowOrders[leg.legId] = CowOrder(leg.vault, leg.sellToken, leg.validTo, true, leg.sellAmount, digest);
        cowOrderLeg[digest] = leg.legId;
        require(
            IERC20Minimal(leg.sellToken).transferFrom(leg.vault, address(this), leg.sellAmount),
            "HedgeExecutor: pull failed"
        );
        address relayer = IGPv2SettlementMinimal(settlement).vaultRelayer();
        if (IERC20Approvals(leg.sellToken).allowance(address(this), relayer) < leg.sellAmount) {
            require(IERC20Approvals(leg.sellToken).approve(relayer, type(uint256).max), "HedgeExecutor: approve failed");
        }
        orderUid = abi.encodePacked(digest, address(this), leg.validTo);
        emit CowOrderPlaced(
            leg.legId,
            leg.vault,
            digest,
            orderUid,
            leg.sellToken,
            leg.buyToken,
            leg.sellAmount,
            leg.minBuyAmount,
            leg.validTo
        );
    }

    /// @notice EIP-1271: an order is valid iff it is one of this contract's open orders (so its
    /// receiver, amounts and limit are the ones placeCowOrder checked) and the operator signed
    /// its digest (EIP-712, as the CoW SDK signs).
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        bytes32 id = cowOrderLeg[hash];
        CowOrder storage order = cowOrders[id];
        if (!order.open || order.digest != hash || signature.length != 65) return 0xffffffff;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        return ecrecover(hash, v, r, s) == operator ? EIP1271_MAGIC : bytes4(0xffffffff);
    }

    /// @notice Ends an unfilled order and returns its sell amount to the vault: the operator may
    /// cancel at any time, anyone may once it has expired (funds never stay stuck here). The
    /// order is invalidated on the settlement first, so it can never fill afterwards, and the
    /// leg id is freed for a fallback route.
    function reclaimCowOrder(bytes32 legId) external returns (uint256 refundAmount) {
        CowOrder storage order = cowOrders[legId];
        if (!order.open) revert UnknownCowOrder(legId);
        if (msg.sender != operator && block.timestamp <= order.validTo) {
            revert CowOrderStillValid(order.validTo, block.timestamp);
        }
        IGPv2SettlementMinimal settlement = IGPv2SettlementMinimal(cowSettlement);
        bytes memory orderUid = abi.encodePacked(order.digest, address(this), order.validTo);
        uint256 filled = settlement.filledAmount(orderUid);
        if (filled != 0) revert CowOrderFilled(legId, filled);
        settlement.invalidateOrder(orderUid);
        order.open = false;
        delete cowOrderLeg[order.digest];
        executed[legId] = false;
        refundAmount = order.sellAmount;
        require(IERC20Approvals(order.sellToken).transfer(order.vault, refundAmount), "HedgeExecutor: refund failed");
        emit CowOrderReclaimed(legId, order.vault, orderUid, refundAmount);
    }

    /// @notice Crosses two opposite legs (netting): vault A's sell amount goes to vault B and B's
    /// to A, atomically, each at least its minimum, both before their deadlines, each leg once.
    /// Emits HedgeLegExecuted per leg (pool = address(0): no pool was touched).
    function cross(CrossLeg calldata a, CrossLeg calldata b) external {
        if (msg.sender != operator) revert NotOperator();
        if (a.sellToken != b.buyToken || a.buyToken != b.sellToken || a.legId == b.legId) revert NotOppositeLegs();
        if (block.timestamp > a.deadline) revert DeadlinePassed(a.deadline, block.timestamp);
        if (block.timestamp > b.deadline) revert DeadlinePassed(b.deadline, block.timestamp);
        if (executed[a.legId]) revert AlreadyExecuted(a.legId);
        if (executed[b.legId]) revert AlreadyExecuted(b.legId);
        if (b.sellAmount < a.minBuyAmount) revert BelowMinimum(b.sellAmount, a.minBuyAmount);
        if (a.sellAmount < b.minBuyAmount) revert BelowMinimum(a.sellAmount, b.minBuyAmount);
        executed[a.legId] = true;
        executed[b.legId] = true;
        require(IERC20Minimal(a.sellToken).transferFrom(a.vault, b.vault, a.sellAmount), "HedgeExecutor: pull failed");
        require(IERC20Minimal(b.sellToken).transferFrom(b.vault, a.vault, b.sellAmount), "HedgeExecutor: pull failed");
        emit HedgeLegExecuted(
            a.legId, a.vault, address(0), a.sellToken, a.buyToken, a.sellAmount, b.sellAmount, a.minBuyAmount
        );
        emit HedgeLegExecuted(
            b.legId, b.vault, address(0), b.sellToken, b.buyToken, b.sellAmount, a.sellAmount, b.minBuyAmount
        );
        emit HedgeLegsCrossed(a.legId, b.legId, a.vault, b.vault);
    }

    /// @dev GPv2Order.hash for a fill-or-kill ERC20 sell order with no signed fee, receiver the vault.
    function cowOrderDigest(CowLeg calldata leg, bytes32 domainSeparator) private pure returns (bytes32) {
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(COW_ORDER_TYPE_HASH, leg.sellToken, leg.buyToken, leg.vault, leg.sellAmount),
                abi.encode(leg.minBuyAmount, leg.validTo, leg.appData, uint256(0), COW_KIND_SELL, false),
                abi.encode(COW_BALANCE_ERC20, COW_BALANCE_ERC20)
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }
}

/// @dev The parts of CoW Protocol's GPv2Settlement the executor uses for batch-auction orders.
interface IGPv2SettlementMinimal {
    function domainSeparator() external view returns (bytes32);
    function vaultRelayer() external view returns (address);
    function filledAmount(bytes calldata orderUid) external view returns (uint256);
    function invalidateOrder(bytes calldata orderUid) external;
}

interface IERC20Approvals {
    function allowance(address owner, address spender) external view returns (uint256);
    function approve(address spender, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}
