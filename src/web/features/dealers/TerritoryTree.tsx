import { useMemo } from 'react';
import { Empty, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dealer } from '../../../shared/schemas/dealers.js';

interface Built {
  key: string;
  name: string;
  code?: string;
  exclusive?: boolean;
  children: Map<string, Built>;
}

/** The dealer's territory on the region tree (province > city > county), exclusive regions marked. */
export function TerritoryTree({ dealer }: { dealer: Dealer }) {
  const { t } = useTranslation();
  const treeData = useMemo(() => {
    const root: Built = { key: '', name: '', children: new Map() };
    for (const item of dealer.territory) {
      const parts = item.regionName.split(' / ');
      let node = root;
      parts.forEach((name, i) => {
        const key = parts.slice(0, i + 1).join(' / ');
        let child = node.children.get(key);
        if (!child) {
          child = { key, name, children: new Map() };
          node.children.set(key, child);
        }
        if (i === parts.length - 1) {
          child.code = item.regionCode;
          child.exclusive = item.exclusive;
        }
        node = child;
      });
    }
    const convert = (b: Built): TreeDataNode => ({
      key: b.key,
      title: (
        <span data-testid={b.code ? 'territory-node' : undefined} data-code={b.code}>
          {b.code ? <Typography.Text strong>{b.name}</Typography.Text> : <Typography.Text type="secondary">{b.name}</Typography.Text>}
          {b.code && (
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {b.code}
            </Typography.Text>
          )}
          {b.code && (
            <Tag color={b.exclusive ? 'blue' : 'default'} style={{ marginLeft: 8 }}>
              {b.exclusive ? t('dealers.fields.exclusive') : t('dealers.nonExclusive')}
            </Tag>
          )}
        </span>
      ),
      children: [...b.children.values()].map(convert),
    });
    return [...root.children.values()].map(convert);
  }, [dealer.territory, t]);

  if (!dealer.territory.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dealers.noTerritory')} />;
  return <Tree treeData={treeData} defaultExpandAll showLine selectable={false} key={dealer.updatedAt} data-testid="territory-tree" />;
}
