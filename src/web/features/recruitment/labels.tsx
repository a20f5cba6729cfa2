import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from '../../i18n/index';
import type { ProspectStage, RiskBand, RiskReport } from '../../../shared/schemas/recruitment.js';

export const STAGE_COLORS: Record<ProspectStage, string> = {
  new: 'default',
  screening: 'processing',
  due_diligence: 'cyan',
  decision: 'geekblue',
  converted: 'success',
  rejected: 'error',
};

export const STAGE_CHART_COLORS: Record<ProspectStage, string> = {
  new: '#8c8c8c',
  screening: '#1677ff',
  due_diligence: '#13c2c2',
  decision: '#2f54eb',
  converted: '#52c41a',
  rejected: '#f5222d',
};

export function StageTag({ stage }: { stage: ProspectStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="stage-tag" data-stage={stage}>
      {t(`recruitment.stages.${stage}`)}
    </Tag>
  );
}

export const BAND_COLORS: Record<RiskBand, string> = { low: '#95de64', medium: '#ffd666', high: '#ff9c6e', critical: '#ff4d4f' };
export const BAND_TAG: Record<RiskBand, string> = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' };

/** The band of a likelihood x impact score with the edges in force (the risk report carries them). */
export function bandOfScore(score: number, bands: RiskReport['bands']): RiskBand {
  if (score <= bands.lowMax) return 'low';
  if (score <= bands.mediumMax) return 'medium';
  if (score <= bands.highMax) return 'high';
  return 'critical';
}

export function BandTag({ band }: { band: RiskBand }) {
  const { t } = useTranslation();
  return (
    <Tag color={BAND_TAG[band]} data-testid="band-tag" data-band={band}>
      {t(`recruitment.risk.bands.${band}`)}
    </Tag>
  );
}

/**
 * Scorecard criteria, knock-outs and checklist items are data (HQ may rename or add them); the
 * ones the system ships with have translations, anything else shows its stored name.
 */
export function catalogName(t: TFunction, section: 'criteria' | 'knockOuts' | 'checklistItems' | 'checklists', key: string, stored: string): string {
  const path = `recruitment.catalog.${section}.${key}`;
  return i18n.exists(path) ? t(path) : stored;
}

export const yesNo = (t: TFunction, v: boolean | null | undefined) => (v === null || v === undefined ? '-' : v ? t('common.yes') : t('common.no'));

/** 0.1234 -> "12.34%"; null -> "-". */
export const percent = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '-' : `${(v * 100).toFixed(digits)}%`);
export const decimal = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '-' : v.toFixed(digits));

const ORDER: ProspectStage[] = ['new', 'screening', 'due_diligence', 'decision', 'converted'];
/** The label of a move button: forwards "进入尽职调查", backwards "退回筛选", reopen, reject. */
export function moveLabel(t: TFunction, from: ProspectStage, to: ProspectStage): string {
  const back = from !== 'rejected' && to !== 'rejected' && ORDER.indexOf(to) < ORDER.indexOf(from);
  return back ? t(`recruitment.move.back.${to}`) : t(`recruitment.move.to.${to}`);
}
