import { upperCase } from './case.js';
import type { Locale } from './types.js';

const MONTHS = ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avqust', 'sentyabr', 'oktyabr', 'noyabr', 'dekabr'];

export const az: Locale = {
  tag: 'az',
  name: 'Azərbaycanca',
  ogLocale: 'az_AZ',
  direction: 'ltr',
  formatDay: (year, month, day) => `${day} ${MONTHS[month - 1]} ${year}`,
  // Azerbaijani, like Turkish, upper-cases i to İ.
  upper: (text) => upperCase(text, 'az'),
  // Conjunctions and postpositions that cannot end a phrase: "və", "ilə", "üçün", "haqqında" …
  stopWords: new Set(['və', 'ilə', 'ya', 'yaxud', 'amma', 'ancaq', 'lakin', 'həm', 'nə', 'ki', 'üçün', 'haqqında', 'barədə', 'kimi', 'qədər', 'görə', 'sonra', 'əvvəl', 'da', 'də']),
  // Azerbaijani print uses guillemets, with “…” inside them.
  quotes: ['«', '»', '“', '”'],
  comma: ', ',
  colon: ': ',
  monthNames: MONTHS.map((m) => [m]),
};
