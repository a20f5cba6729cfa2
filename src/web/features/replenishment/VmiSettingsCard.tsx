import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VmiSettings } from '../../../shared/schemas/index.js';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { useSaveVmiSettings, useVmiSettings } from './api';

/** Auto-confirm of VMI proposals (HQ edits; others read); their targets are the stock-health settings. */
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
        {editable && (
          <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
            {t('common.save')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ flexBasis: '100%' }}>
          {t('replenishment.vmi.settingsHelp')} <Link to="/inventory/settings">{t('replenishment.vmi.targetsLink')}</Link>
        </Typography.Text>
      </Flex>
      {save.error && <Alert type="error" showIcon title={errorTitle(t, save.error)} style={{ marginTop: 12 }} />}
    </Card>
  );
}
