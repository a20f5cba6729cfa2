// The role matrix: which role may do what. Scope (which dealers a caller sees) is decided
// separately by the server's access layer; this table only answers "may this role do X at all".
export const ROLES = ['hq_admin', 'hq_analyst', 'regional_manager', 'dealer_admin', 'dealer_staff'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'dashboard.read',
  'dealers.read',
  'dealers.write',
  'dealers.transition',
  'products.read',
  'products.write',
  'priceLists.read',
  'priceLists.write',
  'regions.read',
  'users.read',
  'users.write',
  'apiKeys.manage',
  'audit.read',
  'imports.run',
  // Orders, credit, receivables, sell-out, dealer stock (issue 4)
  'orders.read',
  'orders.write',
  'orders.approve',
  'orders.ship',
  'credit.override',
  'promotions.write',
  'receivables.read',
  'payments.write',
  'sellout.read',
  'sellout.write',
  'inventory.read',
  'inventory.write',
  // Stock health and alerts (issue 5): acknowledge alerts; set window, lead times, service levels
  'inventory.acknowledge',
  'inventory.configure',
  'trade.configure',
  // Recruitment, screening, due diligence and contracting (issue 3)
  'prospects.read',
  'prospects.write',
  'prospects.decide',
  'prospects.configure',
  // Incentives, rebates, points, star dealers, profit pool and risk fund (issue 7)
  'incentives.read',
  'incentives.configure',
  'incentives.nominate',
  'rebates.read',
  'rebates.manage',
  'points.read',
  'points.redeem',
  'points.manage',
  'riskfund.claim',
  // Transfers (调拨) between dealers and VMI replenishment proposals (issue 5)
  'transfers.read',
  'transfers.plan',
  'transfers.approve',
  'transfers.configure',
  'vmi.read',
  'vmi.manage',
  // Service and communication: tickets, knowledge base, announcements, reports, relations (issue 8)
  'tickets.read',
  'tickets.write',
  'tickets.process',
  // Send a customer its one-time confirmation link: not dealers, whose service the customer rates
  'tickets.confirmationLink',
  'service.configure',
  'knowledge.read',
  'knowledge.write',
  'announcements.publish',
  'serviceReports.read',
  'relations.read',
  'relations.write',
  'surveys.respond',
  // Evaluation, tiers, warnings and exit (issue 6)
  'evaluations.read',
  'evaluations.run',
  'evaluations.approve',
  'targets.write',
  'warnings.read',
  'warnings.manage',
  'warnings.checkin',
  'terminations.read',
  'terminations.manage',
  // The one HQ settings page (src/server/core/settings.ts)
  'settings.read',
  'settings.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = [
  'dashboard.read',
  'dealers.read',
  'products.read',
  'priceLists.read',
  'regions.read',
  'users.read',
  'audit.read',
  'orders.read',
  'receivables.read',
  'sellout.read',
  'inventory.read',
  'prospects.read',
  'incentives.read',
  'rebates.read',
  'points.read',
  'transfers.read',
  'vmi.read',
  'tickets.read',
  'knowledge.read',
  'serviceReports.read',
  'relations.read',
  'evaluations.read',
  'warnings.read',
  'terminations.read',
  'settings.read',
];

// Service (issue 8): dealers file and follow their own tickets, read the knowledge base and
// announcements and answer surveys; regional managers handle their dealers' tickets and care.
const DEALER_SERVICE: Permission[] = ['tickets.read', 'tickets.write', 'tickets.process', 'knowledge.read', 'surveys.respond'];
const MANAGER_SERVICE: Permission[] = [
  'tickets.read',
  'tickets.write',
  'tickets.process',
  'tickets.confirmationLink',
  'knowledge.read',
  'knowledge.write',
  'serviceReports.read',
  'relations.read',
  'relations.write',
];

// Evaluation (issue 6): everyone reads scorecards and warnings in scope; managers run plans;
// a dealer admin checks in on its own improvement plan.
const MANAGER_PERFORMANCE: Permission[] = ['evaluations.read', 'warnings.read', 'warnings.manage', 'warnings.checkin', 'terminations.read'];
const DEALER_PERFORMANCE: Permission[] = ['evaluations.read', 'warnings.read'];

// Dealer users order, report sell-out and count stock for their own dealer, and read their own.
// Dealers see their own rebates and points (issue 7); the dealer admin redeems and claims.
const DEALER_INCENTIVES: Permission[] = ['rebates.read', 'points.read'];
const DEALER_TRADE: Permission[] = ['orders.read', 'orders.write', 'receivables.read', 'sellout.read', 'sellout.write', 'inventory.read', 'inventory.write', 'inventory.acknowledge', 'vmi.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  hq_admin: PERMISSIONS,
  hq_analyst: READ_ALL,
  regional_manager: [
    'dashboard.read',
    'dealers.read',
    'dealers.transition',
    'products.read',
    'priceLists.read',
    'regions.read',
    'orders.read',
    'orders.approve',
    'receivables.read',
    'sellout.read',
    'inventory.read',
    'inventory.acknowledge',
    'prospects.read',
    'prospects.write',
    'incentives.read',
    'incentives.nominate',
    'rebates.read',
    'points.read',
    'riskfund.claim',
    'transfers.read',
    'transfers.plan',
    'vmi.read',
    ...MANAGER_SERVICE,
    ...MANAGER_PERFORMANCE,
  ],
  dealer_admin: [
    'dashboard.read',
    'dealers.read',
    'products.read',
    'priceLists.read',
    'regions.read',
    ...DEALER_TRADE,
    ...DEALER_INCENTIVES,
    'points.redeem',
    'riskfund.claim',
    ...DEALER_SERVICE,
    ...DEALER_PERFORMANCE,
    'warnings.checkin',
  ],
  dealer_staff: ['dashboard.read', 'dealers.read', 'products.read', 'priceLists.read', 'regions.read', ...DEALER_TRADE, ...DEALER_INCENTIVES, ...DEALER_SERVICE, ...DEALER_PERFORMANCE],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const isDealerRole = (role: Role): boolean => role === 'dealer_admin' || role === 'dealer_staff';
export const isHqRole = (role: Role): boolean => role === 'hq_admin' || role === 'hq_analyst';
