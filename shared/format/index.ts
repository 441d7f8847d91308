export * from './number-format';
export * from './date-format';
