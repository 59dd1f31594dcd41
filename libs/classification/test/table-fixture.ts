import type { KeywordTables } from '../src/index.js';

/** A small, valid table whose weights make each scoring rule visible in the numbers. */
export function smallTables(): KeywordTables {
  return {
    categories: [
      {
        id: 'alpha',
        label: 'Alpha',
        about: 'first',
        usable: true,
        keywords: { apple: 2, 'green tea': 1 },
      },
      {
        id: 'beta',
        label: 'Beta',
        about: 'second',
        usable: true,
        keywords: { banana: 2, cherry: 1 },
      },
      { id: 'rest', label: 'Rest', about: 'fallback', usable: false, keywords: { noise: 1 } },
    ],
    fieldMultipliers: { title: 1.5, description: 1, tag: 1.2, subtitle: 0.8 },
    story: {
      titleKeywords: { saga: 3, told: 2, odd: 1 },
      descriptionKeywords: ['saga', 'happened to me', 'tale'],
      tags: ['saga', '#yarn'],
      nonStoryKeywords: ['manual', 'recipe'],
      firstPersonOpeners: ['i was', 'i had', 'i went'],
    },
  };
}
