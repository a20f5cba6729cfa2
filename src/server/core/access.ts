import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { can, isDealerRole, isHqRole, type Permission } from '../../shared/permissions.js';
import type { DB } from '../db/types.js';
import { AppError } from './errors.js';
import type { Caller } from './caller.js';

/**
 * The one access layer. A caller's dealer scope:
 * - HQ roles: every dealer;
 * - regional manager: dealers with a territory region inside one of its regions;
 * - dealer users (and dealer-scoped API keys): its own dealer and its level-2 sub-dealers.
 */
export type DealerScope = { kind: 'all' } | { kind: 'regions'; prefixes: string[] } | { kind: 'dealer'; dealerId: string };

export function requirePermission(caller: Caller, permission: Permission): void {
  if (!can(caller.role, permission)) throw new AppError('FORBIDDEN', `Your role (${caller.role}) may not ${permission}`);
}

/** 440000 -> '44', 440100 -> '4401', 440106 -> '440106': the code prefix every region inside shares. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function dealerScopeOf(caller: Caller): DealerScope {
  if (isHqRole(caller.role) || caller.kind === 'system') return { kind: 'all' };
  if (isDealerRole(caller.role)) {
    // A dealer role without a dealer sees nothing: an impossible id keeps the query shape
    // (ids look like `dlr_...`; not a NUL byte, which PostgreSQL refuses in text parameters).
    return { kind: 'dealer', dealerId: caller.dealerId ?? '(no dealer)' };
  }
  return { kind: 'regions', prefixes: [...new Set(caller.regionCodes.map(regionPrefix))] };
}

/**
 * A WHERE condition restricting `dealerIdColumn` to the dealers the caller may see. Every
 * dealer-owned query goes through this, so there is no unscoped path to dealer data.
 */
export function visibleDealer(scope: DealerScope, dealerIdColumn: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const col = eb.ref(dealerIdColumn as any);
    switch (scope.kind) {
      case 'all':
        return sql<SqlBool>`1 = 1`;
      case 'dealer':
        return eb.or([eb(col, '=', scope.dealerId), eb(col, 'in', eb.selectFrom('dealers as scope_d').select('scope_d.id').where('scope_d.parent_dealer_id', '=', scope.dealerId))]);
      case 'regions': {
        if (scope.prefixes.length === 0) return sql<SqlBool>`1 = 0`;
        return eb(
          col,
          'in',
          eb
            .selectFrom('dealer_territories as scope_t')
            .select('scope_t.dealer_id')
            .where((tb) => tb.or(scope.prefixes.map((p) => tb('scope_t.region_code', 'like', `${p}%`)))),
        );
      }
      default: {
        const unreachable: never = scope;
        return unreachable;
      }
    }
  };
}
