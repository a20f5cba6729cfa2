// The credit shortfall rule (docs/rules.md, C4), shared by the server's credit check and quote
// (orders.rules.ts creditShortfall) and the phone's offline estimate (web lib/offline-orders.ts).

/** What an order lacks beyond the available credit; 0 when it fits. */
export const shortfallBeyond = (orderFen: number, availableCreditFen: number): number => Math.max(0, orderFen - availableCreditFen);
