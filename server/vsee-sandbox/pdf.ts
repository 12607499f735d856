/**
 * A minimal PDF 1.4 writer: one US Letter page of Helvetica text lines, uncompressed, with an
 * exact cross-reference table, so any viewer opens it and a test can check its structure.
 * The output is pure ASCII (bytes above 0x7E are written as octal escapes), so string offsets
 * are byte offsets.
 */

export interface PdfLine {
  text: string;
  /** Point size; default 12. */
  size?: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  gapBefore?: number;
}

export interface PdfOptions {
  /** The document title in the Info dictionary. */
  title: string;
  /** Creation time, unix seconds. */
  created: number;
}

/** Windows-1252 codes of the typographic characters a summary may use (WinAnsiEncoding). */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
  '\u202f': 0x20, // narrow no-break space, as Intl puts before "AM"/"PM"
  '\u2009': 0x20,
};

/** A PDF literal string in WinAnsiEncoding; characters Helvetica cannot show become "?". */
export function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    const code = WIN_ANSI[ch] ?? ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) ? cp : 0x3f);
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
    else if (code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(code);
  }
  return `${out})`;
}

function pdfDate(unixSeconds: number): string {
  const iso = new Date(unixSeconds * 1000).toISOString(); // 2025-03-05T18:00:00.000Z
  return `D:${iso.slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

const PAGE = { width: 612, height: 792, margin: 72 };

function contentStream(lines: PdfLine[]): string {
  const ops: string[] = ['BT'];
  let y = PAGE.height - PAGE.margin;
  for (const line of lines) {
    const size = line.size ?? 12;
    y -= (line.gapBefore ?? 0) + size * 1.4;
    ops.push(`/${line.bold ? 'F2' : 'F1'} ${size} Tf`, `1 0 0 1 ${PAGE.margin} ${y.toFixed(2)} Tm`, `${pdfString(line.text)} Tj`);
  }
  ops.push('ET');
  return ops.join('\n');
}

/** The PDF file's bytes. */
export function pdfDocument(lines: PdfLine[], opts: PdfOptions): Uint8Array<ArrayBuffer> {
  const content = contentStream(lines);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(opts.title)} /Producer (frontdesk VSee sandbox) /CreationDate (${pdfDate(opts.created)}) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space + LF.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
