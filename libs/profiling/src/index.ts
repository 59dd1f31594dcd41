export * from './result-schema.js';
export * from './profile-summary-schema.js';
export * from './result-reader.js';
