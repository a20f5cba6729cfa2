import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, InputNumber, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VmiSettings } from '../../../shared/schemas/index.js';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { useSaveVmiSettings, useVmiSettings } from './api';

/** Auto-confirm, cover days and service level of VMI proposals (HQ edits; others read). */
export function VmiSettingsCard() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const editable = can('vmi.manage');
  const settings = useVmiSettings();
  const save = useSaveVmiSettings();
  const [draft, setDraft] = useState<VmiSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  if (!draft) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex gap={24} wrap align="center">
        <Flex gap={8} align="center">
          <Switch checked={draft.autoConfirm} disabled={!editable} onChange={(v) => setDraft({ ...draft, autoConfirm: v })} data-testid="vmi-auto-confirm" />
          <span>{t('replenishment.vmi.autoConfirm')}</span>
        </Flex>
        <Flex gap={8} align="center">
          <span>{t('replenishment.vmi.coverDays')}</span>
          <InputNumber min={1} max={365} precision={0} disabled={!editable} value={draft.coverDays} onChange={(v) => setDraft({ ...draft, coverDays: v ?? draft.coverDays })} style={{ width: 90 }} />
        </Flex>
        <Flex gap={8} align="center">
          <span>{t('replenishment.vmi.serviceLevel')}</span>
          <InputNumber min={50} max={99.9} step={0.5} disabled={!editable} value={Math.round(draft.serviceLevel * 1000) / 10} onChange={(v) => setDraft({ ...draft, serviceLevel: (v ?? 95) / 100 })} suffix="%" style={{ width: 100 }} />
        </Flex>
        {editable && (
          <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
            {t('common.save')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ flexBasis: '100%' }}>{t('replenishment.vmi.settingsHelp')}</Typography.Text>
      </Flex>
      {save.error && <Alert type="error" showIcon title={errorTitle(t, save.error)} style={{ marginTop: 12 }} />}
    </Card>
  );
}
