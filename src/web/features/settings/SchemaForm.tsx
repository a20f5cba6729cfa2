// A form generated from a setting's JSON Schema (Ant Design Form): numbers and integers, strings,
// booleans, enums, nested objects as titled groups, lists of objects as editable tables, maps with
// free keys (a category -> days) as name/value rows. Field
// names mirror the document, so a server error at /value/criteria/0/weight lands on its cell.
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { enumLabel, fieldHelp, fieldLabel, fieldUnit, type JsonSchema, type Path } from './schema';

const isNumeric = (s: JsonSchema) => s.type === 'integer' || s.type === 'number';

const clockText = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** "09:30" -> 570; a bare number is taken as minutes. */
function clockMinutes(text: string): number {
  const m = /^\s*(\d{1,2})\s*[:：]\s*(\d{1,2})\s*$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number(text.replace(/[^\d]/g, ''));
}

/** Table column widths by field kind, so names are not cut to a few characters. */
const columnWidth = (s: JsonSchema) => (s.enum ? 200 : isNumeric(s) ? 170 : s.type === 'boolean' ? 90 : (s.maxLength ?? 100) > 60 ? 300 : 180);

/** A starting row for a list: each field at its smallest allowed value. */
export function blankOf(schema: JsonSchema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (isNumeric(schema)) return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
  if (schema.type === 'boolean') return false;
  if (schema.type === 'string') return '';
  if (schema.type === 'array') return [];
  if (schema.type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, blankOf(s)]));
  return null;
}

/**
 * The input of one primitive field. Form.Item injects value/onChange (or checked) and id into its
 * direct child, which is this component: they are passed on to the input as `bound`.
 */
function Control({ schema, settingKey, path, disabled, testId, ...bound }: { schema: JsonSchema; settingKey: string; path: Path; disabled: boolean; testId: string; [prop: string]: unknown }) {
  const { t } = useTranslation();
  if (schema.enum) {
    return <Select {...bound} disabled={disabled} data-testid={testId} style={{ width: '100%', minWidth: 160 }} options={schema.enum.map((v) => ({ value: v as string, label: enumLabel(t, v) }))} />;
  }
  if (isNumeric(schema)) {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined && schema.type === 'integer' ? schema.exclusiveMinimum + 1 : undefined);
    const unit = fieldUnit(t, settingKey, path);
    if (unit === 'clock') {
      // minutes after midnight, shown and typed as a time of day (540 <-> 09:00)
      return (
        <InputNumber<number>
          {...bound}
          disabled={disabled}
          min={min}
          max={schema.maximum}
          formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : clockText(Number(v)))}
          parser={(text) => clockMinutes(text ?? '')}
          style={{ width: 180 }}
          data-testid={testId}
        />
      );
    }
    const value = typeof bound.value === 'number' ? bound.value : undefined;
    return (
      <Space direction="vertical" size={2}>
        <InputNumber<number>
          {...bound}
          disabled={disabled}
          min={min}
          max={schema.maximum}
          precision={schema.type === 'integer' ? 0 : undefined}
          suffix={unit ? t(`settings.unit.${unit}`) : undefined}
          style={{ width: 180 }}
          data-testid={testId}
        />
        {unit === 'minutes' && value !== undefined && value >= 60 && <span style={{ color: '#8c8c8c', whiteSpace: 'nowrap' }}>{t('settings.inHours', { n: Math.round((value / 60) * 10) / 10 })}</span>}
      </Space>
    );
  }
  if (schema.type === 'boolean') return <Switch {...bound} disabled={disabled} data-testid={testId} />;
  return <Input {...bound} disabled={disabled} maxLength={schema.maxLength} data-testid={testId} />;
}

const testIdOf = (path: Path) => `field-${path.join('.')}`;

interface FieldProps {
  settingKey: string;
  schema: JsonSchema;
  /** the absolute path in the document, for labels and test ids */
  path: Path;
  /** the Form.Item name: absolute, or relative to the enclosing Form.List row */
  name: Path;
  required: boolean;
  disabled: boolean;
}

function Field({ settingKey, schema, path, name, required, disabled }: FieldProps) {
  const { t, i18n } = useTranslation();
  const label = fieldLabel(t, settingKey, path, schema);
  const help = fieldHelp(t, i18n.language, settingKey, path, schema);
  if (schema.type === 'object' && schema.properties) {
    return (
      <Card size="small" title={label} style={{ marginBottom: 16 }} data-testid={`group-${path.join('.')}`}>
        {help && <div style={{ color: '#8c8c8c', marginBottom: 8 }}>{help}</div>}
        <Fields settingKey={settingKey} schema={schema} path={path} name={name} disabled={disabled} />
      </Card>
    );
  }
  const mapValue = schema.type === 'object' && !schema.properties ? Object.values(schema.patternProperties ?? {})[0] : undefined;
  if (mapValue) {
    return (
      <Form.Item name={name} label={label} extra={help}>
        <MapEditor valueSchema={mapValue} settingKey={settingKey} path={path} disabled={disabled} testId={testIdOf(path)} />
      </Form.Item>
    );
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return <ListTable settingKey={settingKey} schema={schema} path={path} name={name} disabled={disabled} label={label} help={help} />;
  }
  if (schema.type === 'array') {
    // a list of plain values: free entry as tags (numbers are converted back on save)
    return (
      <Form.Item name={name} label={label} extra={help}>
        <Select mode="tags" disabled={disabled} data-testid={testIdOf(path)} />
      </Form.Item>
    );
  }
  return (
    <Form.Item
      name={name}
      label={label}
      extra={help}
      valuePropName={schema.type === 'boolean' ? 'checked' : 'value'}
      rules={required && schema.type !== 'boolean' && schema.type !== 'string' ? [{ required: true, message: t('errors.field.required') }] : []}
    >
      <Control schema={schema} settingKey={settingKey} path={path} disabled={disabled} testId={testIdOf(path)} />
    </Form.Item>
  );
}

/**
 * A map with free keys as rows of name and value; the form gets the object back on every change.
 * The server refuses an empty name on saving, naming the field.
 */
function MapEditor({
  valueSchema,
  settingKey,
  path,
  disabled,
  testId,
  value,
  onChange,
}: {
  valueSchema: JsonSchema;
  settingKey: string;
  path: Path;
  disabled: boolean;
  testId: string;
  value?: Record<string, unknown>;
  onChange?: (v: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const rows = Object.entries(value ?? {});
  const emit = (next: [string, unknown][]) => onChange?.(Object.fromEntries(next));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      {rows.length === 0 && <span style={{ color: '#8c8c8c' }}>{t('settings.empty')}</span>}
      {rows.map(([key, v], i) => (
        <Space key={i} align="start">
          <Input
            value={key}
            disabled={disabled}
            maxLength={100}
            placeholder={t('settings.names.name')}
            style={{ width: 220 }}
            onChange={(e) => emit(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
            data-testid={`${testId}-key-${i}`}
          />
          <Control
            schema={valueSchema}
            settingKey={settingKey}
            path={[...path, key]}
            disabled={disabled}
            testId={`${testId}-value-${i}`}
            value={v}
            onChange={(nv: unknown) => emit(rows.map((r, j) => (j === i ? [r[0], nv] : r)))}
          />
          {!disabled && (
            <Tooltip title={t('settings.removeRow')}>
              <Button icon={<DeleteOutlined />} onClick={() => emit(rows.filter((_, j) => j !== i))} aria-label={t('settings.removeRow')} />
            </Tooltip>
          )}
        </Space>
      ))}
      {!disabled && (
        <Button icon={<PlusOutlined />} onClick={() => emit([...rows, [`${t('settings.names.name')} ${rows.length + 1}`, blankOf(valueSchema)]])}>
          {t('settings.addRow')}
        </Button>
      )}
    </Space>
  );
}

/** The properties of an object; plain fields side by side, groups and tables across. */
export function Fields({ settingKey, schema, path, name, disabled }: { settingKey: string; schema: JsonSchema; path: Path; name: Path; disabled: boolean }) {
  const entries = Object.entries(schema.properties ?? {});
  const wide = (s: JsonSchema) => s.type === 'object' || s.type === 'array';
  return (
    <Row gutter={16}>
      {entries.map(([key, child]) => (
        <Col key={key} xs={24} md={wide(child) ? 24 : 12} xl={wide(child) ? 24 : 8}>
          <Field settingKey={settingKey} schema={child} path={[...path, key]} name={[...name, key]} required={schema.required?.includes(key) ?? false} disabled={disabled} />
        </Col>
      ))}
    </Row>
  );
}

function ListTable({ settingKey, schema, path, name, disabled, label, help }: { settingKey: string; schema: JsonSchema; path: Path; name: Path; disabled: boolean; label: string; help?: string }) {
  const { t } = useTranslation();
  const items = schema.items!;
  const columns = Object.entries(items.properties ?? {});
  return (
    <Card size="small" title={label} style={{ marginBottom: 16 }} data-testid={`table-${path.join('.')}`}>
      {help && <div style={{ color: '#8c8c8c', marginBottom: 8 }}>{help}</div>}
      <Form.List name={name}>
        {(rows, { add, remove }, { errors }) => (
          <>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              columns={[
                ...columns.map(([key, child]) => ({
                  key,
                  width: columnWidth(child),
                  title: fieldLabel(t, settingKey, [...path, 0, key], child),
                  render: (_: unknown, row: { name: number }) => (
                    <Form.Item
                      name={[row.name, key]}
                      style={{ margin: 0 }}
                      valuePropName={child.type === 'boolean' ? 'checked' : 'value'}
                      rules={isNumeric(child) ? [{ required: true, message: t('errors.field.required') }] : []}
                    >
                      <Control schema={child} settingKey={settingKey} path={[...path, row.name, key]} disabled={disabled} testId={testIdOf([...path, row.name, key])} />
                    </Form.Item>
                  ),
                })),
                {
                  key: 'actions',
                  width: 56,
                  render: (_: unknown, row: { name: number }) => (
                    <Tooltip title={t('settings.removeRow')}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={disabled || rows.length <= (schema.minItems ?? 0)}
                        onClick={() => remove(row.name)}
                        aria-label={t('settings.removeRow')}
                      />
                    </Tooltip>
                  ),
                },
              ]}
            />
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              disabled={disabled || (schema.maxItems !== undefined && rows.length >= schema.maxItems)}
              onClick={() => add(blankOf(items))}
            >
              {t('settings.addRow')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
