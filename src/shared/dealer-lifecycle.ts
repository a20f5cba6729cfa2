import type { Role } from './permissions.js';
import { DEALER_STATUSES, type DealerStatus } from './schemas/dealers.js';

// docs/rules.md, C3: prospect -> screening -> due_diligence -> approved -> active -> (warning) ->
// terminating -> terminated. Shared so the web app offers exactly the moves the server accepts.
//
// Invariant: a dealer changes status only by a move declared below, made by the workflow the
// move names, by a caller whose role the move lists. The bare transitions route is the `manual`
// workflow; every other workflow is a service that does more than set a status (a buyback
// valuation, a warning record, a signed contract), so letting the bare route make its moves
// would leave a status without the records that give it meaning.

/**
 * The named sets of statuses the modules select dealers by; no module spells them out itself.
 * Trading: may order, be shipped to, return, report sell-out and hold stock, from activation until
 * its termination completes (a terminating dealer still sells down and returns stock).
 */
export const TRADING_STATUSES = ['active', 'warning', 'terminating'] as const satisfies readonly DealerStatus[];
/** Active, including under a warning: scored by the evaluation, sent announcements and care, not on its way out. */
export const ACTIVE_OR_WARNING = ['active', 'warning'] as const satisfies readonly DealerStatus[];
/** Closed: the relationship ended (terminated) or never began (rejected); no move leaves it and it holds no territory. */
export const CLOSED_DEALER_STATUSES = ['terminated', 'rejected'] as const satisfies readonly DealerStatus[];
/** Ending: a move into one ends the relationship or starts ending it, so the web app marks that move as dangerous. */
export const ENDING_STATUSES = ['terminating', ...CLOSED_DEALER_STATUSES] as const satisfies readonly DealerStatus[];

/** Who moves a dealer, and where a person goes to do it (named in the refusal of the bare route). */
export const LIFECYCLE_WORKFLOWS = ['manual', 'recruitment', 'warnings', 'termination'] as const;
export type LifecycleWorkflow = (typeof LIFECYCLE_WORKFLOWS)[number];

export interface WorkflowInfo {
  /** the API a person uses to make this workflow's moves */
  use: string;
  /** the permission that API requires: a declared role without it could never make the move */
  permission: 'dealers.transition' | 'prospects.decide' | 'evaluations.run' | 'terminations.manage';
}

export function workflowInfo(workflow: LifecycleWorkflow): WorkflowInfo {
  switch (workflow) {
    case 'manual':
      return { use: 'POST /api/v1/dealers/{id}/transitions', permission: 'dealers.transition' };
    case 'recruitment':
      return { use: 'POST /api/v1/prospects/{id}/convert (the signed contract creates the active dealer)', permission: 'prospects.decide' };
    case 'warnings':
      return { use: 'POST /api/v1/evaluations/runs (warnings open and resolve after each evaluation run)', permission: 'evaluations.run' };
    case 'termination':
      return { use: 'POST /api/v1/terminations (then /complete or /cancel)', permission: 'terminations.manage' };
    default: {
      const unreachable: never = workflow;
      return unreachable;
    }
  }
}

/**
 * A condition the manual workflow must meet besides its roles. `no_open_warning`: while a graded
 * warning (src/server/modules/warnings) is open, only its own workflow lifts the dealer out of it.
 */
export type MovePrecondition = 'no_open_warning';

export interface LifecycleMove {
  from: readonly DealerStatus[];
  workflow: LifecycleWorkflow;
  roles: readonly Role[];
  requires?: MovePrecondition;
}

const MANAGERS: readonly Role[] = ['hq_admin', 'regional_manager'];
const HQ: readonly Role[] = ['hq_admin'];

/**
 * The moves into each status. The switch is exhaustive: a new status does not compile until it
 * says which workflow may reach it (an empty list: only creation makes it).
 */
export function movesInto(to: DealerStatus): readonly LifecycleMove[] {
  switch (to) {
    case 'prospect':
      return [];
    // Dealer rows in the early stages predate the recruitment module (src/server/modules/prospects
    // scores and vets prospects, not dealers); moving such a row along is a plain HQ decision.
    case 'screening':
      return [{ from: ['prospect'], workflow: 'manual', roles: MANAGERS }];
    case 'due_diligence':
      return [{ from: ['screening'], workflow: 'manual', roles: MANAGERS }];
    case 'approved':
      return [{ from: ['due_diligence'], workflow: 'manual', roles: MANAGERS }];
    case 'rejected':
      return [{ from: ['prospect', 'screening', 'due_diligence', 'approved'], workflow: 'manual', roles: MANAGERS }];
    case 'active':
      return [
        // An active dealer has a signed contract: only conversion makes one (contract.service.ts).
        { from: ['approved'], workflow: 'recruitment', roles: HQ },
        { from: ['warning'], workflow: 'warnings', roles: HQ },
        // A manual warning (for cause) is lifted by hand; a graded one only by its workflow.
        { from: ['warning'], workflow: 'manual', roles: MANAGERS, requires: 'no_open_warning' },
        // Cancelling a termination returns the dealer (terminations.service.ts).
        { from: ['terminating'], workflow: 'termination', roles: HQ },
      ];
    case 'warning':
      return [
        { from: ['active'], workflow: 'warnings', roles: HQ },
        { from: ['active'], workflow: 'manual', roles: MANAGERS },
      ];
    // The exit is HQ's: buyback, receivables, checklist and successor come with it (C7).
    case 'terminating':
      return [{ from: ['active', 'warning'], workflow: 'termination', roles: HQ }];
    case 'terminated':
      return [{ from: ['terminating'], workflow: 'termination', roles: HQ }];
    default: {
      const unreachable: never = to;
      return unreachable;
    }
  }
}

/** Every declared move, one row per (from, to, workflow): what tests and the web app iterate. */
export const DEALER_MOVES: readonly (LifecycleMove & { to: DealerStatus; fromStatus: DealerStatus })[] = DEALER_STATUSES.flatMap((to) =>
  movesInto(to).flatMap((m) => m.from.map((fromStatus) => ({ ...m, to, fromStatus }))),
);

/** Every status reachable from each status, by any workflow. */
export const DEALER_TRANSITIONS = Object.fromEntries(DEALER_STATUSES.map((from) => [from, [...new Set(DEALER_MOVES.filter((m) => m.fromStatus === from).map((m) => m.to))]])) as unknown as Record<
  DealerStatus,
  readonly DealerStatus[]
>;

export function canTransition(from: DealerStatus, to: DealerStatus): boolean {
  return DEALER_TRANSITIONS[from].includes(to);
}

export type MoveVerdict =
  { ok: true; move: LifecycleMove } | { ok: false; reason: 'undeclared' } | { ok: false; reason: 'other_workflow'; workflows: LifecycleWorkflow[] } | { ok: false; reason: 'role'; roles: Role[] };

/**
 * Whether `workflow`, acting for `role`, may move a dealer from `from` to `to`. Preconditions
 * are the caller's to check (they need the database); the move returned names them.
 */
export function judgeMove(from: DealerStatus, to: DealerStatus, workflow: LifecycleWorkflow, role: Role): MoveVerdict {
  const moves = movesInto(to).filter((m) => m.from.includes(from));
  if (moves.length === 0) return { ok: false, reason: 'undeclared' };
  const mine = moves.filter((m) => m.workflow === workflow);
  if (mine.length === 0) return { ok: false, reason: 'other_workflow', workflows: [...new Set(moves.map((m) => m.workflow))] };
  const move = mine.find((m) => m.roles.includes(role));
  if (!move) return { ok: false, reason: 'role', roles: [...new Set(mine.flatMap((m) => m.roles))] };
  return { ok: true, move };
}

/** The statuses the bare transitions route may move a dealer to, for a role (the web app's buttons). */
export function manualTargets(from: DealerStatus, role: Role): DealerStatus[] {
  return DEALER_MOVES.filter((m) => m.fromStatus === from && m.workflow === 'manual' && m.roles.includes(role)).map((m) => m.to);
}
