// Evidence files: the type is decided by the content (magic bytes, and for Office files the
// parts inside the zip), never by the name or the browser's claim; the name's extension must agree.
import JSZip from 'jszip';

export interface EvidenceType {
  kind: 'pdf' | 'jpg' | 'png' | 'xlsx' | 'docx';
  contentType: string;
  extensions: string[];
}

export const EVIDENCE_TYPES: Record<EvidenceType['kind'], EvidenceType> = {
  pdf: { kind: 'pdf', contentType: 'application/pdf', extensions: ['.pdf'] },
  jpg: { kind: 'jpg', contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { kind: 'png', contentType: 'image/png', extensions: ['.png'] },
  xlsx: { kind: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] },
  docx: { kind: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
};

const startsWith = (buf: Buffer, bytes: number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

/** The allowed type of a file's content, or null when it is none of them. */
export async function detectEvidenceType(buf: Buffer): Promise<EvidenceType | null> {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return EVIDENCE_TYPES.pdf; // %PDF-
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return EVIDENCE_TYPES.jpg;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EVIDENCE_TYPES.png;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office Open XML file is a zip with [Content_Types].xml and its main part.
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(buf, { checkCRC32: false });
    } catch {
      return null;
    }
    if (!zip.file('[Content_Types].xml')) return null;
    if (zip.file('word/document.xml')) return EVIDENCE_TYPES.docx;
    if (zip.file('xl/workbook.xml')) return EVIDENCE_TYPES.xlsx;
  }
  return null;
}

export const extensionOf = (fileName: string) => {
  const m = /\.[A-Za-z0-9]{1,10}$/.exec(fileName);
  return m ? m[0].toLowerCase() : '';
};

/** A file name safe to store and to send back: no directories, no control characters, bounded. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!cleaned) return 'evidence';
  if (cleaned.length <= 200) return cleaned;
  const ext = extensionOf(cleaned);
  return cleaned.slice(0, 200 - ext.length) + ext;
}
