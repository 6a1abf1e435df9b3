import { PROVINCES } from './provinces';

/** Which daily and weekly rhythm a consumer follows (see rhythm.ts). */
export type RhythmProfile = 'province' | 'ministry' | 'corporate';

export interface ServiceSpec {
  name: string;
  /** Relative share of the provider's calls. */
  weight: number;
  /** Whether calls name a data subject (a citizen id). */
  carriesSubject: boolean;
  responseBytesMedian: number;
}

export interface ProviderSpec {
  code: string;
  name: string;
  latencyMedianMs: number;
  /** Share of calls that fail on an ordinary day. */
  baseFailureRatio: number;
  services: readonly ServiceSpec[];
}

export interface ConsumerSpec {
  code: string;
  name: string;
  profile: RhythmProfile;
  /** Relative traffic volume; only ratios between consumers matter. */
  weight: number;
  platform: string;
  /** Relative split of this consumer's calls between providers. */
  providers: Readonly<Record<string, number>>;
  /** Province prefix for the citizen ids it asks about; nationwide bodies use any province. */
  citizenIdPrefix?: string;
}

export interface Catalogue {
  platforms: readonly string[];
  providers: readonly ProviderSpec[];
  consumers: readonly ConsumerSpec[];
}

const svc = (
  name: string,
  weight: number,
  carriesSubject: boolean,
  responseBytesMedian: number,
): ServiceSpec => ({ name, weight, carriesSubject, responseBytesMedian });

export const PROVIDERS: readonly ProviderSpec[] = [
  {
    code: 'MPS.NPD',
    name: 'National Population Database (Ministry of Public Security)',
    latencyMedianMs: 110,
    baseFailureRatio: 0.006,
    services: [
      svc('citizen.lookup', 5, true, 3200),
      svc('citizen.verify', 4, true, 280),
      svc('household.lookup', 1.5, true, 5400),
    ],
  },
  {
    code: 'MPS.VNEID',
    name: 'VNeID electronic identity',
    latencyMedianMs: 90,
    baseFailureRatio: 0.005,
    services: [svc('identity.authenticate', 3, true, 900), svc('identity.verify', 2, true, 300)],
  },
  {
    code: 'MOJ.CIVREG',
    name: 'Electronic civil status registry (Ministry of Justice)',
    latencyMedianMs: 160,
    baseFailureRatio: 0.012,
    services: [
      svc('birth.lookup', 3, true, 2100),
      svc('marriage.lookup', 1.5, true, 1800),
      svc('death.lookup', 0.5, true, 1500),
    ],
  },
  {
    code: 'VSS.INSURANCE',
    name: 'Vietnam Social Security insurance database',
    latencyMedianMs: 220,
    baseFailureRatio: 0.018,
    services: [svc('insurance.lookup', 2, true, 2600), svc('insurance.verify', 1, true, 320)],
  },
  {
    code: 'GDT.TAX',
    name: 'General Department of Taxation',
    latencyMedianMs: 250,
    baseFailureRatio: 0.015,
    services: [svc('taxpayer.lookup', 2, true, 1900), svc('tax-code.verify', 1, false, 260)],
  },
  {
    code: 'MPI.NBRS',
    name: 'National Business Registration System',
    latencyMedianMs: 180,
    baseFailureRatio: 0.01,
    services: [svc('enterprise.lookup', 1, false, 4100)],
  },
];

export const PLATFORMS = ['NDXP', 'LGSP-HNI', 'LGSP-HCM'] as const;

/** Provinces reaching providers through their own gateway rather than straight onto NDXP. */
const PROVINCIAL_GATEWAYS: Readonly<Record<string, string>> = {
  HNI: 'LGSP-HNI',
  HCM: 'LGSP-HCM',
};

const PROVINCE_PROVIDER_SPLIT = {
  'MPS.NPD': 0.6,
  'MOJ.CIVREG': 0.2,
  'VSS.INSURANCE': 0.1,
  'MPI.NBRS': 0.05,
  'GDT.TAX': 0.05,
};

const provinceConsumers: ConsumerSpec[] = PROVINCES.map((province) => ({
  code: `PROV-${province.code}.PORTAL`,
  name: `${province.name} provincial public service portal`,
  profile: 'province',
  weight: province.populationMillions,
  platform: PROVINCIAL_GATEWAYS[province.code] ?? 'NDXP',
  providers: PROVINCE_PROVIDER_SPLIT,
  citizenIdPrefix: province.citizenIdPrefix,
}));

type BodyRow = readonly [
  code: string,
  name: string,
  weight: number,
  providers: Readonly<Record<string, number>>,
];

// Weights put ministries at about 30 % of national traffic and corporations at about 15 %.
const MINISTRY_ROWS: readonly BodyRow[] = [
  ['VPCP.DVCQG', 'National Public Service Portal', 12, { 'MPS.NPD': 0.7, 'MPS.VNEID': 0.3 }],
  ['MOJ.CIVIL', 'Ministry of Justice, civil affairs', 5, { 'MPS.NPD': 0.6, 'MOJ.CIVREG': 0.4 }],
  [
    'MOH.INSURANCE',
    'Ministry of Health, health insurance',
    6,
    { 'MPS.NPD': 0.5, 'VSS.INSURANCE': 0.5 },
  ],
  ['MOF.TAX', 'Ministry of Finance, tax administration', 4, { 'MPS.NPD': 0.4, 'GDT.TAX': 0.6 }],
  ['MOET.EXAM', 'Ministry of Education, national exams', 3, { 'MPS.NPD': 1 }],
  [
    'MOLISA.SOCIAL',
    'Ministry of Labour, social welfare',
    4,
    { 'MPS.NPD': 0.6, 'VSS.INSURANCE': 0.4 },
  ],
  [
    'MOT.LICENSE',
    'Ministry of Transport, driving licences',
    3,
    { 'MPS.NPD': 0.8, 'MPS.VNEID': 0.2 },
  ],
  [
    'MONRE.LAND',
    'Ministry of Natural Resources, land registry',
    2,
    { 'MPS.NPD': 0.7, 'MOJ.CIVREG': 0.3 },
  ],
  [
    'MPI.BUSREG',
    'Ministry of Planning, business registration',
    2,
    { 'MPS.NPD': 0.5, 'GDT.TAX': 0.5 },
  ],
  [
    'MOFA.CONSULAR',
    'Ministry of Foreign Affairs, consular services',
    1.5,
    { 'MPS.NPD': 0.7, 'MOJ.CIVREG': 0.3 },
  ],
  ['MOD.CONSCRIPT', 'Ministry of Defence, military service', 1, { 'MPS.NPD': 1 }],
  [
    'MOHA.CIVSERV',
    'Ministry of Home Affairs, civil servants',
    1,
    { 'MPS.NPD': 0.7, 'VSS.INSURANCE': 0.3 },
  ],
  [
    'SBV.CREDIT',
    'State Bank of Vietnam, credit information',
    2,
    { 'MPS.NPD': 0.6, 'GDT.TAX': 0.4 },
  ],
  ['GDC.CUSTOMS', 'General Department of Customs', 1.5, { 'MPS.NPD': 0.4, 'MPI.NBRS': 0.6 }],
  ['MPS.IMMIGRATION', 'Immigration Department', 2, { 'MPS.NPD': 0.8, 'MPS.VNEID': 0.2 }],
  ['MOIT.TRADE', 'Ministry of Industry and Trade', 1, { 'MPI.NBRS': 0.7, 'MPS.NPD': 0.3 }],
  ['MOIC.POSTAL', 'Ministry of Information and Communications', 0.5, { 'MPS.NPD': 1 }],
  ['MARD.AGRI', 'Ministry of Agriculture', 0.5, { 'MPS.NPD': 0.8, 'MPI.NBRS': 0.2 }],
];

const CORPORATION_ROWS: readonly BodyRow[] = [
  ['VIETTEL.KYC', 'Viettel subscriber identity checks', 6, { 'MPS.NPD': 0.5, 'MPS.VNEID': 0.5 }],
  ['VNPT.KYC', 'VNPT subscriber identity checks', 4, { 'MPS.NPD': 0.5, 'MPS.VNEID': 0.5 }],
  ['MOBIFONE.KYC', 'MobiFone subscriber identity checks', 3, { 'MPS.NPD': 0.6, 'MPS.VNEID': 0.4 }],
  ['EVN.BILLING', 'EVN electricity billing', 4, { 'MPS.NPD': 0.8, 'GDT.TAX': 0.2 }],
  ['VNPOST.DELIVERY', 'Vietnam Post deliveries', 3, { 'MPS.NPD': 0.7, 'MPS.VNEID': 0.3 }],
  ['VCB.KYC', 'Vietcombank customer identity checks', 4, { 'MPS.NPD': 0.5, 'MPS.VNEID': 0.5 }],
  ['BIDV.KYC', 'BIDV customer identity checks', 3, { 'MPS.NPD': 0.5, 'MPS.VNEID': 0.5 }],
];

const nationalBodies = (rows: readonly BodyRow[], profile: RhythmProfile): ConsumerSpec[] =>
  rows.map(([code, name, weight, providers]) => ({
    code,
    name,
    profile,
    weight,
    platform: 'NDXP',
    providers,
  }));

/** The embedded catalogue of connected bodies: 18 ministries, 63 provinces, 7 corporations. */
export const DEFAULT_CATALOGUE: Catalogue = {
  platforms: PLATFORMS,
  providers: PROVIDERS,
  consumers: [
    ...nationalBodies(MINISTRY_ROWS, 'ministry'),
    ...provinceConsumers,
    ...nationalBodies(CORPORATION_ROWS, 'corporate'),
  ],
};
