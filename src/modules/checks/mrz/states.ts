/**
 * Codes accepted as issuing state or nationality (ICAO Doc 9303 Part 3 §5): the ISO 3166-1
 * alpha-3 codes, ICAO's additions (D for Germany, the British nationality classes, Kosovo, the
 * organisations and the stateless / refugee codes) and the specimen state UTO ("Utopia").
 * A code not listed here is a warning (`unknown_state`), never an error.
 */
const ISO_3166_ALPHA3 =
  "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";

const ICAO_ADDITIONS =
  // Germany; British citizens' classes; Kosovo; former Netherlands Antilles and the Neutral Zone.
  "D GBD GBN GBO GBP GBS RKS ANT NTZ " +
  // European Union, the UN and its agencies, UNMIK (Kosovo).
  "EUE UNO UNA UNK " +
  // Organisations: AfDB, Afreximbank, CARICOM, Council of Europe, COMESA, ECOWAS, INTERPOL, OECS, Order of Malta, SADC.
  "XBA XIM XCC XCE XCO XEC XPO XES XOM XDC " +
  // Stateless person, refugees (1951 convention / other), unspecified nationality; the ICAO specimen state.
  "XXA XXB XXC XXX UTO";

const KNOWN = new Set(`${ISO_3166_ALPHA3} ${ICAO_ADDITIONS}`.split(" "));

/** A state or organisation code as printed without fillers ("D", "UTO", "FRA"). */
export const isKnownState = (code: string): boolean => KNOWN.has(code);

export const knownStateCodes = (): string[] => [...KNOWN];
