import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/permissions.js';
import { RegionPicker } from '../../components/RegionPicker';
import { DealerSelect } from '../dealers/DealerSelect';

export const isDealerRole = (role?: Role) => role === 'dealer_admin' || role === 'dealer_staff';

/** The scope a role needs: a dealer for dealer roles, regions for a regional manager. */
export function ScopeFields({ role }: { role?: Role }) {
  const { t } = useTranslation();
  return (
    <>
      {isDealerRole(role) && (
        <Form.Item name="dealerId" label={t('users.fields.dealer')} rules={[{ required: true, message: t('users.dealerRequired') }]}>
          <DealerSelect data-testid="user-dealer" />
        </Form.Item>
      )}
      {role === 'regional_manager' && (
        <Form.Item name="regionCodes" label={t('users.fields.regions')} rules={[{ required: true, type: 'array', min: 1, message: t('users.regionsRequired') }]}>
          <RegionPicker multiple style={{ width: '100%' }} data-testid="user-regions" />
        </Form.Item>
      )}
    </>
  );
}
