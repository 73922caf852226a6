import { upperCase } from './case.js';
import type { Locale } from './types.js';

// Dates use the genitive: «24 июля 2014 г.»
const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
/** Each month's own name, as a date is sometimes written too: «1 декабрь 2026». */
const NOMINATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

export const ru: Locale = {
  tag: 'ru',
  name: 'Русский',
  ogLocale: 'ru_RU',
  direction: 'ltr',
  formatDay: (year, month, day) => `${day} ${MONTHS[month - 1]} ${year} г.`,
  // "г." abbreviates "года" and stays lower-case even in a capitalised line: 1 МАРТА 2027 г.
  upper: (text) => upperCase(text, 'ru').replace(/(\d) Г\./g, '$1 г.'),
  stopWords: new Set([
    'и', 'а', 'но', 'или', 'либо', 'да', 'что', 'как', 'чтобы', 'если', 'ни',
    'в', 'во', 'на', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'обо', 'от', 'до', 'из', 'за', 'для', 'под', 'при', 'про', 'без', 'у', 'над', 'через', 'между', 'против',
  ]),
  // «Ёлочки» outside, „лапки“ inside.
  quotes: ['«', '»', '„', '“'],
  comma: ', ',
  colon: ': ',
  monthNames: MONTHS.map((m, i) => [m, NOMINATIVE[i]!]),
};
