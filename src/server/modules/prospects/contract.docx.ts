// The contract as a DOCX (Office Open XML: a zip of XML parts) from a fixed Chinese template.
// East Asian text is set in 宋体/SimSun with the zh-CN language tag, so Word and WPS render it
// with a Chinese font rather than a fallback.
import JSZip from 'jszip';

export interface ContractDocument {
  title: string;
  /** Paragraphs and tables in order. */
  blocks: Block[];
}
export type Block =
  { kind: 'heading'; text: string } | { kind: 'title'; text: string } | { kind: 'paragraph'; text: string; bold?: boolean } | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] };

const escapeXml = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function run(text: string, opts: { bold?: boolean; size?: number } = {}) {
  const props = `${opts.bold ? '<w:b/><w:bCs/>' : ''}${opts.size ? `<w:sz w:val="${opts.size}"/><w:szCs w:val="${opts.size}"/>` : ''}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function paragraph(text: string, opts: { bold?: boolean; size?: number; center?: boolean; spacingAfter?: number } = {}) {
  const ppr = `<w:pPr>${opts.center ? '<w:jc w:val="center"/>' : ''}<w:spacing w:after="${opts.spacingAfter ?? 120}" w:line="360" w:lineRule="auto"/></w:pPr>`;
  return `<w:p>${ppr}${run(text, opts)}</w:p>`;
}

function table(header: string[], rows: string[][], widths: number[]) {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const cell = (text: string, width: number, bold = false) => `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraph(text, { bold, spacingAfter: 0 })}</w:tc>`;
  const tr = (cells: string[], bold = false) => `<w:tr>${cells.map((c, i) => cell(c, widths[i] ?? 2000, bold)).join('')}</w:tr>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    tr(header, true) +
    rows.map((r) => tr(r)).join('') +
    `</w:tbl>${paragraph('', { spacingAfter: 60 })}`
  );
}

function documentXml(doc: ContractDocument) {
  const body = doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return paragraph(b.text, { bold: true, size: 36, center: true, spacingAfter: 240 });
        case 'heading':
          return paragraph(b.text, { bold: true, size: 26, spacingAfter: 80 });
        case 'paragraph':
          return paragraph(b.text, { bold: b.bold });
        case 'table':
          return table(b.header, b.rows, b.widths);
        default: {
          const unreachable: never = b;
          return unreachable;
        }
      }
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1304" w:bottom="1440" w:left="1304" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>'
  );
}

const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体" w:cs="SimSun"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
  '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

const coreXml = (title: string, at: Date) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  `<dc:title>${escapeXml(title)}</dc:title><dc:creator>Qudao</dc:creator>` +
  `<dcterms:created xsi:type="dcterms:W3CDTF">${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dcterms:created></cp:coreProperties>`;

export async function renderDocx(doc: ContractDocument, at: Date): Promise<Buffer> {
  const zip = new JSZip();
  // Fixed timestamps inside the zip: the same contract renders to the same bytes.
  const options = { date: new Date(Date.UTC(2020, 0, 1)) };
  zip.file('[Content_Types].xml', CONTENT_TYPES, options);
  zip.file('_rels/.rels', ROOT_RELS, options);
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS, options);
  zip.file('word/document.xml', documentXml(doc), options);
  zip.file('word/styles.xml', STYLES, options);
  zip.file('docProps/core.xml', coreXml(doc.title, at), options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}
