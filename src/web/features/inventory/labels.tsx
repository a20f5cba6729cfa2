import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertLevelName } from '../../../shared/schemas/index.js';

export const LEVELS: AlertLevelName[] = ['critical', 'reorder', 'overstock', 'slow'];
export const LEVEL_COLORS: Record<AlertLevelName, string> = { critical: 'red', reorder: 'orange', overstock: 'blue', slow: 'purple' };

export function LevelTag({ level }: { level: AlertLevelName | null }) {
  const { t } = useTranslation();
  if (!level) return <Tag color="green">{t('inventory.level.ok')}</Tag>;
  return (
    <Tooltip title={t(`inventory.levelHelp.${level}`)}>
      <Tag color={LEVEL_COLORS[level]} data-testid="alert-level" data-level={level}>
        {t(`inventory.level.${level}`)}
      </Tag>
    </Tooltip>
  );
}

/** 1.2345 -> "1.23"; null -> "-" */
export const fixed = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));
export const percent = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '-' : `${(v * 100).toFixed(digits)}%`);
