import { InputNumber } from 'antd';
import { fenToYuanString, yuanToFen } from '../lib/format';

interface Props {
  /** integer 分 */
  value?: number | null;
  onChange?: (fen: number | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  status?: 'error' | 'warning';
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Shows and accepts yuan (two decimals); emits integer 分 so no float reaches the API. */
export function MoneyInput({ value, onChange, style, ...rest }: Props) {
  return (
    <InputNumber<string>
      {...rest}
      stringMode
      min="0"
      precision={2}
      step="100"
      prefix="¥"
      style={{ width: '100%', ...style }}
      value={value === null || value === undefined ? null : fenToYuanString(value)}
      onChange={(yuan) => onChange?.(yuan === null || yuan === '' ? null : yuanToFen(yuan))}
    />
  );
}
