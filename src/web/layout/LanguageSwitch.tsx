import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

/** 中文 / English; the choice is kept in localStorage (see i18n/index.ts). */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { i18n } = useTranslation();
  const value = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Segmented
      size={size}
      data-testid="language-switch"
      value={value}
      onChange={(v) => void i18n.changeLanguage(String(v))}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh-CN">中文</span> },
        { value: 'en', label: <span data-testid="lang-en">English</span> },
      ]}
    />
  );
}
