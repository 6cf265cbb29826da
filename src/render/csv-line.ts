// One CSV record, quoted where needed (RFC 4180), with CRLF as Excel expects.
export function csvField(value: string, delimiter: string): string {
  if (value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r') || /^\s|\s$/.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

export function csvLine(fields: readonly string[], delimiter: string): string {
  return fields.map((field) => csvField(field, delimiter)).join(delimiter) + '\r\n';
}
