import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { detectEvidenceType, extensionOf, safeFileName } from './evidence.rules.js';

const office = async (mainPart: string) => {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file(mainPart, '<x/>');
  return zip.generateAsync({ type: 'nodebuffer' });
};

describe('evidence file types by content', () => {
  it('recognises PDF, JPG and PNG by their magic bytes', async () => {
    expect((await detectEvidenceType(Buffer.from('%PDF-1.7\n...')))?.kind).toBe('pdf');
    expect((await detectEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))?.kind).toBe('jpg');
    expect((await detectEvidenceType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])))?.kind).toBe('png');
  });

  it('tells DOCX from XLSX by the parts inside the zip', async () => {
    expect((await detectEvidenceType(await office('word/document.xml')))?.kind).toBe('docx');
    expect((await detectEvidenceType(await office('xl/workbook.xml')))?.kind).toBe('xlsx');
  });

  it('refuses anything else: executables, HTML, plain zips, broken zips', async () => {
    expect(await detectEvidenceType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(await detectEvidenceType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    const plain = new JSZip();
    plain.file('a.txt', 'hello');
    expect(await detectEvidenceType(await plain.generateAsync({ type: 'nodebuffer' }))).toBeNull();
    expect(await detectEvidenceType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(await detectEvidenceType(Buffer.alloc(0))).toBeNull();
  });

  it('keeps file names safe and their extensions readable', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\scans\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(safeFileName('a"b\u0000c.png')).toBe('abc.png');
    expect(safeFileName('   ')).toBe('evidence');
    expect(safeFileName(`${'长'.repeat(300)}.pdf`)).toHaveLength(200);
    expect(safeFileName(`${'长'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
    expect(extensionOf('Report.PDF')).toBe('.pdf');
    expect(extensionOf('noext')).toBe('');
  });
});
