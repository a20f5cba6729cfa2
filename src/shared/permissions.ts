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
  // Recruitment, screening, due diligence and contracting (issue 3)
  'prospects.read',
  'prospects.write',
  'prospects.decide',
  'prospects.configure',
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
];

// Dealer users order, report sell-out and count stock for their own dealer, and read their own.
const DEALER_TRADE: Permission[] = ['orders.read', 'orders.write', 'receivables.read', 'sellout.read', 'sellout.write', 'inventory.read', 'inventory.write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  hq_admin: PERMISSIONS,
  hq_analyst: READ_ALL,
  regional_manager: ['dashboard.read', 'dealers.read', 'dealers.transition', 'products.read', 'priceLists.read', 'regions.read', 'orders.read', 'orders.approve', 'receivables.read', 'sellout.read', 'inventory.read', 'prospects.read', 'prospects.write'],
  dealer_admin: ['dashboard.read', 'dealers.read', 'products.read', 'priceLists.read', 'regions.read', ...DEALER_TRADE],
  dealer_staff: ['dashboard.read', 'dealers.read', 'products.read', 'priceLists.read', 'regions.read', ...DEALER_TRADE],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const isDealerRole = (role: Role): boolean => role === 'dealer_admin' || role === 'dealer_staff';
export const isHqRole = (role: Role): boolean => role === 'hq_admin' || role === 'hq_analyst';
