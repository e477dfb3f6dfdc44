export * from './environment';
export * from './compile';
export { PerCallLimit, RuntimeCELCostBudget, costLimitExceededMessage } from './cost';
export type { SizeHint } from './estimate';
