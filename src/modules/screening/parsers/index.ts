/** One entry point for every list format: files in, ParsedList out (or a ListParseError naming the file and place). */
import type { ListFormat } from "../../../db/schema-compliance";
import type { ParsedList } from "../types";
import { type ListFile, ListParseError } from "./common";
import { parseEuCsv, parseEuXml } from "./eu";
import { parseOfacCsv } from "./ofac-csv";
import { parseOfacXml } from "./ofac-xml";
import { parsePepCsv } from "./pep-csv";
import { parseUnXml } from "./un-xml";

export { type ListFile, ListParseError } from "./common";
export { countryCode, countryOrText } from "./countries";

export const LIST_FORMATS = ["ofac-csv", "ofac-xml", "un-xml", "eu-csv", "eu-xml", "pep-csv"] as const satisfies readonly ListFormat[];

export function isListFormat(v: string): v is ListFormat {
  return (LIST_FORMATS as readonly string[]).includes(v);
}

const single = (format: ListFormat, files: ListFile[]): ListFile => {
  const [file, extra] = files;
  if (!file) throw new ListParseError("(no file)", null, `${format} needs one file`);
  if (extra) throw new ListParseError(extra.name, null, `${format} takes one file; only ofac-csv takes several (sdn.csv, alt.csv, add.csv)`);
  return file;
};

export async function parseList(format: ListFormat, files: ListFile[]): Promise<ParsedList> {
  switch (format) {
    case "ofac-csv":
      return parseOfacCsv(files);
    case "ofac-xml":
      return parseOfacXml(single(format, files));
    case "un-xml":
      return parseUnXml(single(format, files));
    case "eu-csv":
      return parseEuCsv(single(format, files));
    case "eu-xml":
      return parseEuXml(single(format, files));
    case "pep-csv":
      return parsePepCsv(single(format, files));
  }
}
