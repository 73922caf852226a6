import { upperCase } from './case.js';
import type { Locale } from './types.js';

/** The months' names in English, as dates are written and as Jekyll and Hugo write theirs. */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const en: Locale = {
  tag: 'en',
  name: 'English',
  // English of no region, as `openGraphLocale` gives every language its likely one: `en-GB` is en_GB.
  ogLocale: 'en_US',
  direction: 'ltr',
  // Day first, as British government style writes it: 24 July 2014.
  formatDay: (year, month, day) => `${day} ${MONTHS[month - 1]} ${year}`,
  upper: (text) => upperCase(text, 'en'),
  stopWords: new Set([
    'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'so', 'yet', 'if', 'as', 'than', 'that',
    'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'into', 'onto', 'over', 'under', 'about',
    'against', 'between', 'after', 'before', 'during', 'without', 'within', 'via', 'per', 'its', 'their', 'our',
  ]),
  quotes: ['“', '”', '‘', '’'],
  comma: ', ',
  colon: ': ',
  monthNames: MONTHS.map((m) => [m.toLowerCase()]),
};
