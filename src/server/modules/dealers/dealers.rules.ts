import { regionPrefix } from '../../core/access.js';

/** The province and city codes above a 6-digit code (440106 -> 440000, 440100). */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (province !== code) out.push(province);
  if (city !== code && city !== province) out.push(city);
  return out;
}

/** Two regions overlap when one is the other or contains it. */
export function regionsOverlap(a: string, b: string): boolean {
  return a.startsWith(regionPrefix(b)) || b.startsWith(regionPrefix(a));
}

export interface TerritoryClaim {
  regionCode: string;
  exclusive: boolean;
}

export interface HeldTerritory {
  region_code: string;
  exclusive: number;
  dealerId: string;
  dealerCode: string;
  dealerName: string;
  parent_dealer_id: string | null;
}

/**
 * Exclusivity conflicts of a requested territory against other dealers' territories: any overlap
 * where either side is exclusive. A dealer's own family (its parent or its sub-dealers) may work
 * inside its exclusive territory.
 */
export function territoryConflicts(requested: TerritoryClaim[], held: HeldTerritory[], family: { dealerId?: string; parentDealerId?: string | null }) {
  const conflicts: { regionCode: string; heldRegionCode: string; dealerId: string; dealerCode: string; dealerName: string }[] = [];
  for (const claim of requested) {
    for (const other of held) {
      const sameFamily = (family.parentDealerId && other.dealerId === family.parentDealerId) || (family.dealerId && other.parent_dealer_id === family.dealerId);
      if (sameFamily) continue;
      if (!(claim.exclusive || other.exclusive === 1)) continue;
      if (!regionsOverlap(claim.regionCode, other.region_code)) continue;
      conflicts.push({ regionCode: claim.regionCode, heldRegionCode: other.region_code, dealerId: other.dealerId, dealerCode: other.dealerCode, dealerName: other.dealerName });
    }
  }
  return conflicts;
}

/** Duplicate region codes in one territory are a client mistake worth naming. */
export function duplicateRegion(territory: TerritoryClaim[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < territory.length; i++) {
    if (seen.has(territory[i].regionCode)) return i;
    seen.add(territory[i].regionCode);
  }
  return -1;
}
