/**
 * The 63 provinces and centrally-run cities of Vietnam (the pre-2025 division): a short code for
 * the connected portal, the 3-digit province prefix of citizen id numbers, and an approximate
 * population in millions, which drives each portal's share of traffic.
 */
export interface Province {
  code: string;
  name: string;
  citizenIdPrefix: string;
  populationMillions: number;
}

type ProvinceRow = readonly [code: string, name: string, prefix: string, population: number];

const ROWS: readonly ProvinceRow[] = [
  ['HNI', 'Ha Noi', '001', 8.4],
  ['HGG', 'Ha Giang', '002', 0.9],
  ['CBG', 'Cao Bang', '004', 0.53],
  ['BKN', 'Bac Kan', '006', 0.32],
  ['TQG', 'Tuyen Quang', '008', 0.8],
  ['LCI', 'Lao Cai', '010', 0.75],
  ['DBN', 'Dien Bien', '011', 0.62],
  ['LCU', 'Lai Chau', '012', 0.47],
  ['SLA', 'Son La', '014', 1.3],
  ['YBI', 'Yen Bai', '015', 0.84],
  ['HBH', 'Hoa Binh', '017', 0.87],
  ['TNN', 'Thai Nguyen', '019', 1.3],
  ['LSN', 'Lang Son', '020', 0.8],
  ['QNH', 'Quang Ninh', '022', 1.35],
  ['BGG', 'Bac Giang', '024', 1.9],
  ['PTO', 'Phu Tho', '025', 1.5],
  ['VPC', 'Vinh Phuc', '026', 1.2],
  ['BNH', 'Bac Ninh', '027', 1.5],
  ['HDG', 'Hai Duong', '030', 1.95],
  ['HPG', 'Hai Phong', '031', 2.1],
  ['HYN', 'Hung Yen', '033', 1.3],
  ['TBH', 'Thai Binh', '034', 1.87],
  ['HNM', 'Ha Nam', '035', 0.88],
  ['NDH', 'Nam Dinh', '036', 1.8],
  ['NBH', 'Ninh Binh', '037', 1.0],
  ['THA', 'Thanh Hoa', '038', 3.7],
  ['NAN', 'Nghe An', '040', 3.4],
  ['HTH', 'Ha Tinh', '042', 1.3],
  ['QBH', 'Quang Binh', '044', 0.9],
  ['QTI', 'Quang Tri', '045', 0.64],
  ['TTH', 'Thua Thien Hue', '046', 1.13],
  ['DNG', 'Da Nang', '048', 1.2],
  ['QNM', 'Quang Nam', '049', 1.5],
  ['QNI', 'Quang Ngai', '051', 1.23],
  ['BDH', 'Binh Dinh', '052', 1.5],
  ['PYN', 'Phu Yen', '054', 0.87],
  ['KHA', 'Khanh Hoa', '056', 1.23],
  ['NTN', 'Ninh Thuan', '058', 0.59],
  ['BTN', 'Binh Thuan', '060', 1.23],
  ['KTM', 'Kon Tum', '062', 0.57],
  ['GLI', 'Gia Lai', '064', 1.55],
  ['DLK', 'Dak Lak', '066', 1.9],
  ['DNO', 'Dak Nong', '067', 0.65],
  ['LDG', 'Lam Dong', '068', 1.32],
  ['BPC', 'Binh Phuoc', '070', 1.0],
  ['TNH', 'Tay Ninh', '072', 1.18],
  ['BDG', 'Binh Duong', '074', 2.7],
  ['DNI', 'Dong Nai', '075', 3.2],
  ['BRV', 'Ba Ria - Vung Tau', '077', 1.18],
  ['HCM', 'Ho Chi Minh City', '079', 9.4],
  ['LAN', 'Long An', '080', 1.7],
  ['TGG', 'Tien Giang', '082', 1.78],
  ['BTE', 'Ben Tre', '083', 1.29],
  ['TVH', 'Tra Vinh', '084', 1.01],
  ['VLG', 'Vinh Long', '086', 1.02],
  ['DTP', 'Dong Thap', '087', 1.6],
  ['AGG', 'An Giang', '089', 1.9],
  ['KGG', 'Kien Giang', '091', 1.73],
  ['CTO', 'Can Tho', '092', 1.24],
  ['HGI', 'Hau Giang', '093', 0.73],
  ['STG', 'Soc Trang', '094', 1.2],
  ['BLU', 'Bac Lieu', '095', 0.91],
  ['CMU', 'Ca Mau', '096', 1.19],
];

export const PROVINCES: readonly Province[] = ROWS.map(
  ([code, name, citizenIdPrefix, populationMillions]) => ({
    code,
    name,
    citizenIdPrefix,
    populationMillions,
  }),
);
